"""Model files: one ``.npz`` holding a JSON config beside the arrays -- never a pickle.

Arrays in the file:

- ``config``: the UTF-8 bytes (uint8) of a JSON object: format and format version, library
  version, architecture (layer sizes, activations, loss, dtype), preprocessing (scaling,
  image shape), class names, optimizer (name, settings, step count), schedule, training
  settings (batch size, seed, epoch), the run's settings (``run``: validation share,
  patience, the data set and its options; files written before it have none),
  early-stopping state, the history, and the name, shape and dtype of every other array;
- ``param.layer1.weights``, ``param.layer1.biases``, …: the network's parameters;
- ``optimizer.<slot>.<parameter>``: optimizer state (Adam's m and s, SGD's velocity);
- ``best.<parameter>``: the best weights seen by early stopping;
- ``scaler.offset``, ``scaler.scale``: the input scaling;
- ``target_scaler.offset``, ``target_scaler.scale``: a regressor's target scaling (the
  config's ``task`` is ``"regression"``; files without a task are classifiers).

Reading uses ``np.load(allow_pickle=False)`` and checks every array's shape and dtype
against the config before use. Writing goes to a temporary file in the same folder, which
is flushed and fsynced, then renamed over the target: a crash never leaves half a model.
"""

from __future__ import annotations

import io
import json
import os
from typing import TYPE_CHECKING, Any

import numpy as np

from chainrule.data.files import read_npz
from chainrule.data.npzread import read_npz_bounded
from chainrule.errors import ChainruleError
from chainrule.util import limits
from chainrule.util.arrays import path as arg_path
from chainrule.util.atomic import atomic_write
from chainrule.version import __version__

if TYPE_CHECKING:  # the models import this module to save themselves
    from chainrule.training.classifier import Classifier

FORMAT = "chainrule-model"
INF = float("inf")
FORMAT_VERSION = 1


def _arrays(model: Classifier) -> dict[str, np.ndarray]:
    network = model.network
    if network is None or model.scaler is None:
        raise ChainruleError("the model is not trained yet: nothing to save")
    names = [name for name, _ in network.named_parameters()]
    arrays = {f"param.{name}": p.data for name, p in network.named_parameters()}
    for slot, values in model.optimizer.state().items():
        for name, value in zip(names, values, strict=False):
            if value is not None:
                arrays[f"optimizer.{slot}.{name}"] = value
    if model.best.get("weights") is not None:
        for name, value in zip(names, model.best["weights"], strict=True):
            arrays[f"best.{name}"] = value
    for key, value in model.scaler.arrays().items():
        arrays[f"scaler.{key}"] = value
    arrays.update(model.target_arrays() if model.task == "regression" else {})
    return arrays


def model_config(model: Classifier, arrays: dict[str, np.ndarray]) -> dict[str, Any]:
    assert model.network is not None and model.scaler is not None
    return {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "library_version": __version__,
        "task": model.task,
        "architecture": {
            "sizes": model.sizes,
            "activation": model.activation,
            "layers": [layer.config() for layer in model.network.layers],
            "loss": model.loss,
            "init": model.init,
            "dtype": model.dtype,
        },
        "preprocessing": {"scaling": model.scaler.kind, "image_shape": model.image_shape},
        "class_names": model.class_names,
        **({"output_names": model.output_names} if model.task == "regression" else {}),  # type: ignore[attr-defined]
        "optimizer": {**model.optimizer.config(), "learning_rate": model.base_learning_rate},
        "schedule": model.schedule.config(),
        "training": {"batch_size": model.batch_size, "seed": model.seed, "epoch": model.epoch},
        "run": model.run_settings,
        "early_stopping": {
            "val_loss": model.best.get("val_loss"),
            "wait": model.best.get("wait", 0),
            "epoch": model.best.get("epoch", 0),
        },
        "history": model.history.to_dict(),
        "arrays": {
            name: {"shape": list(a.shape), "dtype": a.dtype.name} for name, a in arrays.items()
        },
    }


def _contents(model: Classifier, where: str) -> dict[str, np.ndarray]:
    """Every array of ``model``'s file, the config's bytes among them (``where``: the
    destination, as a refusal names it)."""
    arrays = _arrays(model)
    for key, value in arrays.items():
        if value.dtype.kind == "f" and not np.isfinite(value).all():
            raise ChainruleError(
                f"array {key} holds NaN or infinity: the model is not saved to "
                f"{where} (a file that could not be loaded again)"
            )
    check_run_settings(where, model.run_settings)
    config = model_config(model, arrays)
    blob = np.frombuffer(json.dumps(config, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    return {"config": blob, **arrays}


def save_model(model: Classifier, path: str | os.PathLike) -> None:
    """Write ``model`` to ``path`` (a ``.npz`` file) atomically."""
    arrays = _contents(model, repr(os.fspath(path)))
    with atomic_write(path) as f:
        np.savez(f, **arrays)


def model_bytes(model: Classifier) -> bytes:
    """The bytes :func:`save_model` writes, made in memory (a download)."""
    buffer = io.BytesIO()
    np.savez(buffer, **_contents(model, "memory"))
    return buffer.getvalue()


def read_model_file(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(config, arrays) of a model file, every array checked against the config."""
    name = arg_path(path, "model file")
    if not os.path.exists(name):
        raise ChainruleError(f"{name!r}: no such model file")
    return _declared(name, read_npz(path))


def read_model_bytes(
    blob: bytes, name: str = "model file", limit: int | None = None
) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """:func:`read_model_file` of a model file's bytes held in memory (an upload), read by
    the same bounded reader; ``limit``: the most bytes its arrays may unpack to."""
    if blob[:4] not in (b"PK\x03\x04", b"PK\x05\x06"):
        raise ChainruleError(f"{name!r}: not a chainrule model file (no zip archive)")
    return _declared(name, read_npz_bounded(io.BytesIO(blob), name=name, limit=limit))


def _declared(name: str, arrays: dict[str, np.ndarray]) -> tuple[dict, dict[str, np.ndarray]]:
    """(config, the other arrays): the config read and every array checked against it."""
    blob = arrays.pop("config", None)
    if blob is None or blob.dtype != np.uint8 or blob.ndim != 1:
        raise ChainruleError(f"{name!r}: no config array, not a chainrule model file")
    try:
        config = limits.loads(blob.tobytes().decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError, ChainruleError) as exc:
        raise ChainruleError(f"{name!r}: its config is not valid JSON ({exc})") from None
    if not isinstance(config, dict) or config.get("format") != FORMAT:
        raise ChainruleError(f"{name!r}: not a chainrule model file (format {FORMAT!r} expected)")
    version = config.get("format_version")
    if not isinstance(version, int) or version > FORMAT_VERSION:
        raise ChainruleError(
            f"{name!r}: model format version {version!r}, expected {FORMAT_VERSION} or older "
            "(a newer chainrule wrote it)"
        )
    declared = config.get("arrays")
    if not isinstance(declared, dict):
        raise ChainruleError(
            f"{name!r}: the config's arrays are {type(declared).__name__}, expected an object "
            "naming every array"
        )
    if set(declared) != set(arrays):
        raise ChainruleError(
            f"{name!r}: arrays {sorted(arrays)} do not match the config's {sorted(declared)}"
        )
    for key, a in arrays.items():
        spec = declared[key]
        if not isinstance(spec, dict):
            raise ChainruleError(
                f"{name!r}: the config describes array {key} as {spec!r}, expected "
                '{"shape": [...], "dtype": "..."}'
            )
        if list(a.shape) != spec.get("shape") or a.dtype.name != spec.get("dtype"):
            raise ChainruleError(
                f"{name!r}: array {key} is {a.dtype.name} {list(a.shape)}, expected "
                f"{spec.get('dtype')} {spec.get('shape')}"
            )
    return config, arrays


def check_array(name: str, key: str, array: np.ndarray | None, shape: tuple, dtype: str) -> None:
    """The array ``key`` must exist with ``shape`` and ``dtype``."""
    if array is None:
        raise ChainruleError(f"{name!r}: array {key} missing, expected {dtype} {list(shape)}")
    if array.shape != tuple(shape) or array.dtype.name != dtype:
        raise ChainruleError(
            f"{name!r}: array {key} is {array.dtype.name} {list(array.shape)}, expected "
            f"{dtype} {list(shape)}"
        )
    if array.dtype.kind == "f" and not np.isfinite(array).all():
        raise ChainruleError(
            f"{name!r}: array {key} holds NaN or infinity, expected finite numbers"
        )


def check_run_settings(where: str, run: Any) -> dict[str, Any]:
    """The config's ``run`` object (the run's settings, compared by ``train --resume``):
    names to plain, finite JSON values; ``where`` names the file in a refusal."""
    plain = (str, int, float, bool, type(None))
    if not isinstance(run, dict) or not all(
        isinstance(k, str) and isinstance(v, plain) and v == v and v not in (INF, -INF)
        for k, v in run.items()
    ):
        raise ChainruleError(f"{where}: run settings {run!r}, expected names and plain values")
    return dict(run)
