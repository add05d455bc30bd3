"""Model files: one .npz, JSON config beside the arrays, no pickle, checked on reading,
written atomically; save, load and resume give the same predictions and history."""

from __future__ import annotations

import json
import zipfile
from pathlib import Path

import numpy as np
import pytest

import chainrule
from chainrule.data import make_toy
from chainrule.errors import ChainruleError
from chainrule.training.classifier import Classifier
from chainrule.training.load import load_model_bytes
from chainrule.training.modelfile import (
    FORMAT_VERSION,
    model_bytes,
    read_model_bytes,
    read_model_file,
    save_model,
)


@pytest.fixture(scope="module")
def data() -> tuple[np.ndarray, np.ndarray]:
    return make_toy("spirals", samples=150, noise=0.02, seed=0, classes=3)


def model(**kwargs) -> Classifier:
    options = {
        "hidden": [12],
        "learning_rate": 0.01,
        "batch_size": 16,
        "seed": 2,
        "scaling": "standardize",
        "optimizer": "adam",
    }
    options.update(kwargs)
    return Classifier(**options)


def test_save_and_load_give_the_same_predictions(tmp_path: Path, data) -> None:
    x, y = data
    a = model()
    a.fit(x, y, epochs=3, validation_split=0.2)
    path = tmp_path / "m.npz"
    a.save(path)
    b = chainrule.load(path)
    np.testing.assert_array_equal(a.predict_proba(x), b.predict_proba(x))
    assert b.history.to_dict() == a.history.to_dict()
    assert b.epoch == 3 and b.class_names == ["0", "1", "2"] and b.sizes == [2, 12, 3]
    assert b.optimizer.iterations == a.optimizer.iterations
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.npz"]  # no temporary file left


@pytest.mark.parametrize("optimizer", ["adam", "nesterov"])
def test_resume_continues_exactly(tmp_path: Path, data, optimizer: str) -> None:
    x, y = data
    whole = model(optimizer=optimizer, schedule="cosine")
    whole.fit(x, y, epochs=6, validation_split=0.2)
    first = model(optimizer=optimizer, schedule="cosine")
    first.schedule.epochs = 6  # the total the run is planned for
    first.fit(x, y, epochs=2, validation_split=0.2, save_path=tmp_path / "r.npz")
    resumed = chainrule.load(tmp_path / "r.npz")
    assert resumed.epoch == 2
    resumed.fit(x, y, epochs=4, validation_split=0.2)
    for p, q in zip(whole.network.parameters(), resumed.network.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data)
    w, r = whole.history.to_dict(), resumed.history.to_dict()
    for key in ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate"):
        assert r[key] == w[key], key
    np.testing.assert_array_equal(whole.predict(x), resumed.predict(x))


def test_saved_every_epoch(tmp_path: Path, data) -> None:
    x, y = data
    seen = []
    path = tmp_path / "e.npz"
    model().fit(
        x,
        y,
        epochs=3,
        save_path=path,
        on_epoch_end=lambda m: seen.append(chainrule.load(path).epoch),
    )
    assert seen == [1, 2, 3]


def test_config_contents(tmp_path: Path, data) -> None:
    x, y = data
    a = model(weight_decay=0.001)
    a.fit(x, y, epochs=1)
    path = tmp_path / "c.npz"
    save_model(a, path)
    with np.load(path, allow_pickle=False) as npz:
        config = json.loads(npz["config"].tobytes().decode())
        names = set(npz.files)
    assert config["format"] == "chainrule-model" and config["format_version"] == FORMAT_VERSION
    assert config["library_version"] == chainrule.__version__
    assert config["architecture"]["sizes"] == [2, 12, 3]
    assert config["architecture"]["dtype"] == "float32"
    assert config["preprocessing"]["scaling"] == "standardize"
    assert config["optimizer"]["name"] == "adam" and config["optimizer"]["weight_decay"] == 0.001
    assert config["training"]["epoch"] == 1 and len(config["history"]["loss"]) == 1
    assert {
        "param.layer1.weights",
        "param.layer2.biases",
        "optimizer.m.layer1.weights",
        "optimizer.s.layer2.weights",
        "scaler.offset",
        "scaler.scale",
    } <= names
    assert config["arrays"]["param.layer1.weights"] == {"shape": [12, 2], "dtype": "float32"}


def rewrite(path: Path, change) -> None:
    with np.load(path, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    config = json.loads(arrays["config"].tobytes().decode())
    change(config, arrays)
    arrays["config"] = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    np.savez(path, **arrays)


@pytest.fixture
def saved(tmp_path: Path, data) -> Path:
    a = model()
    a.fit(*data, epochs=1)
    path = tmp_path / "s.npz"
    a.save(path)
    return path


def test_tampered_shape_is_refused(saved: Path) -> None:
    def change(config, arrays):
        arrays["param.layer1.weights"] = np.zeros((12, 3), dtype=np.float32)

    rewrite(saved, change)
    with pytest.raises(ChainruleError, match=r"param.layer1.weights is float32 \[12, 3\]"):
        chainrule.load(saved)


def test_consistent_but_wrong_architecture_is_refused(saved: Path) -> None:
    def change(config, arrays):
        arrays["param.layer1.weights"] = np.zeros((12, 3), dtype=np.float32)
        config["arrays"]["param.layer1.weights"]["shape"] = [12, 3]

    rewrite(saved, change)
    with pytest.raises(
        ChainruleError,
        match=r"param\.layer1\.weights is float32 \[12, 3\], expected float32 \[12, 2\]",
    ):
        chainrule.load(saved)


def test_optimizer_state_of_another_dtype_is_refused(saved: Path) -> None:
    def change(config, arrays):
        key = "optimizer.m.layer1.weights"
        arrays[key] = arrays[key].astype(np.float64)
        config["arrays"][key]["dtype"] = "float64"

    rewrite(saved, change)
    with pytest.raises(
        ChainruleError,
        match=r"optimizer\.m\.layer1\.weights is float64 \[12, 2\], expected float32 \[12, 2\]",
    ):
        chainrule.load(saved)


def test_newer_format_and_foreign_files_are_refused(saved: Path, tmp_path: Path) -> None:
    rewrite(saved, lambda config, arrays: config.update(format_version=FORMAT_VERSION + 1))
    with pytest.raises(ChainruleError, match="a newer chainrule wrote it"):
        chainrule.load(saved)
    other = tmp_path / "other.npz"
    np.savez(other, X=np.ones(3))
    with pytest.raises(ChainruleError, match="no config array"):
        chainrule.load(other)
    with pytest.raises(ChainruleError, match="no such model file"):
        chainrule.load(tmp_path / "missing.npz")


def test_pickled_arrays_are_never_loaded(saved: Path) -> None:
    with np.load(saved, allow_pickle=False) as npz:
        arrays = {k: npz[k] for k in npz.files}
    arrays["evil"] = np.array([{"a": 1}], dtype=object)
    np.savez(saved, **arrays)
    with pytest.raises(ChainruleError, match="object arrays"):
        read_model_file(saved)


def test_failed_write_leaves_the_old_file(saved: Path, monkeypatch) -> None:
    before = saved.read_bytes()
    a = chainrule.load(saved)

    def broken(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(np, "savez", broken)
    with pytest.raises(RuntimeError, match="disk full"):
        a.save(saved)
    assert saved.read_bytes() == before
    assert sorted(p.name for p in saved.parent.iterdir()) == [saved.name]
    assert zipfile.is_zipfile(saved)


def test_untrained_model_cannot_be_saved(tmp_path: Path) -> None:
    with pytest.raises(ChainruleError, match="not trained yet"):
        Classifier().save(tmp_path / "x.npz")


def test_saved_file_has_the_usual_permissions(saved: Path) -> None:
    import os

    mask = os.umask(0)
    os.umask(mask)
    assert saved.stat().st_mode & 0o777 == 0o666 & ~mask


def test_bytes_in_memory_are_the_file(saved: Path, data) -> None:
    x, _ = data
    a = chainrule.load(saved)
    blob = model_bytes(a)
    assert read_model_bytes(blob)[0] == read_model_file(saved)[0]  # the same config
    b = load_model_bytes(blob, "upload.npz")
    np.testing.assert_array_equal(a.predict_proba(x), b.predict_proba(x))
    c = load_model_bytes(saved.read_bytes())
    np.testing.assert_array_equal(c.predict_proba(x), b.predict_proba(x))
    with pytest.raises(ChainruleError, match=r"'upload\.npz': not a chainrule model file"):
        load_model_bytes(b"not a zip", "upload.npz")
    with pytest.raises(
        ChainruleError, match=r"'m\.npz' unpacks to [\d,]+ bytes: expected at most 100"
    ):
        load_model_bytes(blob, "m.npz", limit=100)
    with pytest.raises(ChainruleError, match=r"'m\.npz': not a readable \.npz file"):
        load_model_bytes(blob[: len(blob) // 2], "m.npz")
