"""The requests the studio's API tests make: good model files, and the bad messages,
uploads and model files that must each get a 4xx JSON error naming the problem (in
tests/test_studio_app.py, and in Korean in tests/test_studio_korean.py)."""

from __future__ import annotations

import io

import numpy as np

from chainrule.studio.data import MAX_UPLOAD_BYTES
from hostile_files import MIB, deflate_bomb, labels_member, npy_header, npz_bomb, zip_file

# (text sent over the WebSocket, status, field)
BAD_MESSAGES = [
    ("not json", 400, "json"),
    ('{"type": "fly"}', 400, "type"),
    ("[1, 2]", 400, "type"),
    ('{"type": "play", "speed": 2}', 400, "speed"),
    ('{"type": "edit", "name": "w1"}', 400, "value"),
    ('{"type": "edit", "name": "w1", "value": NaN}', 400, "json"),
    ('{"type": "edit", "name": "w1", "value": 1e9}', 400, "value"),
    ('{"type": "edit", "name": "w999", "value": 1}', 404, "name"),
    ('{"type": "edit", "name": 5, "value": 1}', 400, "name"),
    ('{"type": "derive", "name": "x1"}', 400, "name"),
    ('{"type": "set", "config": []}', 400, "config"),
    ('{"type": "set", "config": {"colour": "red"}}', 400, "colour"),
    ('{"type": "set", "config": {"hidden": [2, 2, 2, 2, 2, 2, 2]}}', 400, "hidden"),
    ('{"type": "set", "config": {"hidden": [9]}}', 400, "hidden layer size"),
    ('{"type": "set", "config": {"hidden": "a,b"}}', 400, "hidden layer size"),
    ('{"type": "set", "config": {"learning_rate": -1}}', 400, "learning_rate"),
    ('{"type": "set", "config": {"learning_rate": "fast"}}', 400, "learning_rate"),
    ('{"type": "set", "config": {"features": []}}', 400, "features"),
    ('{"type": "set", "config": {"features": ["x3"]}}', 400, "features"),
    ('{"type": "set", "config": {"activations": ["swish"]}}', 400, "activation"),
    ('{"type": "set", "config": {"dataset": "/etc/passwd"}}', 400, "dataset"),
    ('{"type": "set", "config": {"samples": 1000000}}', 400, "samples"),
    ('{"type": "set", "config": {"batch_size": true}}', 400, "batch_size"),
    (
        '{"type": "set", "config": {"dataset": "plane", "loss": "binary_cross_entropy"}}',
        400,
        "loss",
    ),
    ('{"type": "set", "config": {"lang": "fr"}}', 400, "lang"),
    ('{"type": "set", "config": {"edits": "w5=0.3"}}', 400, "edits"),
    ('{"type": "set", "config": {"edits": "q1:0.3"}}', 400, "edits"),
    ('{"type": "set", "config": {"edits": "w1:1e6"}}', 400, "edits"),
    ('{"type": "set", "config": {"edits": "w99:1"}}', 404, "name"),
]

# (file name, body) of uploads refused with 400
BAD_UPLOADS = [
    ("p.txt", b"1,2,3"),
    ("p.csv", b"1,2\n3,4\n"),
    ("p.csv", b"a,b,c\nd,e,f\n"),
    ("p.csv", b"\xff\xfe"),
    ("p.npz", b"PK not really"),
    ("p.csv", b"1,2,nan\n3,4,1\n"),
]


def model_file(model, x, y, epochs: int = 2) -> bytes:
    """A model file as ``chainrule train --save`` writes it, read back as bytes."""
    from chainrule.training.modelfile import model_bytes

    model.fit(x, y, epochs=epochs)
    return model_bytes(model)


def make_model_files() -> dict[str, bytes]:
    """A classifier and a regressor the studio opens, and two it refuses (3 inputs, a
    hidden layer of 9)."""
    from chainrule.data.regression import make_regression_toy
    from chainrule.data.toy import make_toy
    from chainrule.training.classifier import Classifier
    from chainrule.training.regressor import Regressor

    x, y = make_toy("moons", samples=120, noise=0.1, seed=0)
    xr, t = make_regression_toy("plane", samples=120, seed=0)
    x3 = np.random.default_rng(0).normal(size=(60, 3))
    return {
        "classifier": model_file(Classifier([2, 5, 2], activation="tanh", batch_size=20), x, y),
        "regressor": model_file(Regressor([2, 4, 1], activation="tanh", batch_size=20), xr, t),
        "three": model_file(Classifier([3, 4, 2], batch_size=20), x3, (x3[:, 0] > 0).astype(int)),
        "wide": model_file(Classifier([2, 9, 2], batch_size=20), x, y),
    }


def bad_model_files(model_files: dict[str, bytes]) -> list[tuple[bytes, int, str]]:
    """(body, status, words of the English message) of model files the studio refuses."""
    good = model_files["classifier"]
    head = npy_header((2, 2))
    bomb = deflate_bomb(head, 64)  # 64 MiB of zeros behind a header announcing 2×2
    honest = zip_file([("X.npy", 8, bomb, len(head) + 64 * MIB), labels_member()])
    unpacked = len(head) + 64 * MIB + labels_member()[3]  # the zip directory's sizes
    lying = zip_file([("X.npy", 8, bomb, len(head) + 32), labels_member()])
    pickled = io.BytesIO()
    np.savez(pickled, config=np.zeros(3, np.uint8), evil=np.array([{"a": 1}], dtype=object))
    return [
        (model_files["three"], 400, "takes 3 inputs, expected 2"),
        (model_files["wide"], 400, "at most 6 hidden layers of 8 neurons"),
        (b"", 400, "not a chainrule model file"),
        (b"\x00" * 500, 400, "not a chainrule model file"),
        (good[: len(good) // 2], 400, "not a readable .npz file"),
        (good[:200] + bytes(64) + good[264:], 400, "'m.npz': member config.npy is damaged"),
        (pickled.getvalue(), 400, "no pickle"),
        (npz_bomb("stored"), 400, "expected a header that fits the data"),
        (honest, 400, f"unpacks to {unpacked:,} bytes: expected at most 4,194,304"),
        (lying, 400, "holds more than the 32 bytes its header announces"),
        (good + bytes(MAX_UPLOAD_BYTES), 413, "expected at most 1,048,576"),
    ]
