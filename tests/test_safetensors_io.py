"""safetensors export: the weights, architecture and scaling; read back by chainrule and by
PyTorch; the reader checks the header against the file before allocating."""

from __future__ import annotations

import json
import struct
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("safetensors")

import chainrule as cr
from chainrule.cli import main
from chainrule.training.load import load_safetensors
from chainrule.training.regressor import Regressor
from chainrule.training.safetensors import export_safetensors


@pytest.fixture(scope="module")
def trained() -> tuple[cr.Classifier, np.ndarray]:
    x, y = cr.data.make_toy("spirals", samples=120, noise=0.05, seed=0, classes=3)
    model = cr.Classifier(hidden=[6, 5], activation="tanh", scaling="standardize")
    model.fit(x * 10 + 3, np.array(["a", "b", "c"])[y], epochs=3)
    return model, x * 10 + 3


def test_a_classifier_comes_back_with_its_scaling_and_names(tmp_path: Path, trained) -> None:
    model, x = trained
    path = tmp_path / "m.safetensors"
    export_safetensors(model, path)
    back = cr.load(path)
    assert isinstance(back, cr.Classifier) and back.class_names == ["a", "b", "c"]
    assert back.sizes == model.sizes and back.scaler.kind == "standardize"
    np.testing.assert_array_equal(back.predict_proba(x), model.predict_proba(x))
    back.fit(x, model.predict(x), epochs=1)  # trains on, with a fresh optimizer


def test_pytorch_reads_the_file(tmp_path: Path, trained) -> None:
    torch = pytest.importorskip("torch")
    from safetensors.torch import load_file

    model, _ = trained
    path = tmp_path / "m.safetensors"
    export_safetensors(model, path)
    tensors = load_file(str(path))
    assert set(tensors) == {
        "param.layer1.weights", "param.layer1.biases", "param.layer2.weights",
        "param.layer2.biases", "param.layer3.weights", "param.layer3.biases",
        "scaler.offset", "scaler.scale",
    }  # fmt: skip
    for name, p in model.network.named_parameters():
        assert tensors[f"param.{name}"].dtype == torch.float32
        np.testing.assert_array_equal(tensors[f"param.{name}"].numpy(), p.data)
    raw = path.read_bytes()
    (length,) = struct.unpack("<Q", raw[:8])
    meta = json.loads(raw[8 : 8 + length])["__metadata__"]
    config = json.loads(meta["chainrule"])
    assert meta["format"] == "chainrule-model" and config["architecture"]["sizes"] == [2, 6, 5, 3]


def test_a_regressor_and_a_bare_network(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(50, 3))
    reg = Regressor(hidden=[4], dtype="float64")
    reg.fit(x, np.stack([x.sum(1), 100 * x[:, 0]], 1), epochs=2)
    export_safetensors(reg, tmp_path / "r.safetensors")
    back = cr.load(tmp_path / "r.safetensors")
    assert isinstance(back, Regressor)
    np.testing.assert_array_equal(back.predict(x), reg.predict(x))
    network = cr.mazur_spec().network
    export_safetensors(network, tmp_path / "n.safetensors")
    same = load_safetensors(tmp_path / "n.safetensors")
    assert [lay.config() for lay in same.layers] == [lay.config() for lay in network.layers]
    np.testing.assert_array_equal(same.predict([[0.05, 0.10]]), network.predict([[0.05, 0.10]]))


def test_cli_export_format_safetensors_then_evaluate(tmp_path: Path, trained, capsys) -> None:
    model, x = trained
    model.save(tmp_path / "m.npz")
    out = tmp_path / "w.safetensors"
    assert main(["export", str(tmp_path / "m.npz"), str(out), "--format", "safetensors"]) == 0
    assert "safetensors" in capsys.readouterr().out
    np.testing.assert_array_equal(cr.load(out).predict(x), model.predict(x))
    assert main(["export", str(tmp_path / "m.npz"), str(tmp_path / "w.onnx"), "--format",
                 "safetensors"]) == 2  # fmt: skip
    assert "expected a file name ending in .safetensors" in capsys.readouterr().err


def header_file(path: Path, header: dict, body: bytes = b"") -> Path:
    text = json.dumps(header).encode()
    path.write_bytes(struct.pack("<Q", len(text)) + text + body)
    return path


@pytest.mark.parametrize(
    ("header", "body", "message"),
    [
        # a tensor claiming 8 GB in a file of a few bytes: refused before any allocation
        ({"t": {"dtype": "F32", "shape": [2**31], "data_offsets": [0, 2**33]}}, b"", "declares"),
        ({"t": {"dtype": "F32", "shape": [4], "data_offsets": [0, 8]}}, b"\0" * 8, "declares"),
        ({"t": {"dtype": "I8", "shape": [1], "data_offsets": [0, 1]}}, b"\0", "F32 or F64"),
        ({"__metadata__": {"format": "other"}}, b"", "metadata format 'other'"),
    ],
)
def test_bad_files_are_one_error(tmp_path: Path, header, body, message) -> None:
    path = header_file(tmp_path / "bad.safetensors", header, body)
    with pytest.raises(cr.ChainruleError, match=message):
        cr.load(path)


def test_a_header_longer_than_the_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "long.safetensors"
    path.write_bytes(struct.pack("<Q", 2**40) + b"{}")
    with pytest.raises(cr.ChainruleError, match="header of 1099511627776 bytes"):
        cr.load(path)
