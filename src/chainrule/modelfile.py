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

import json
import os
from typing import Any

import numpy as np

from . import limits
from .arrays import path as arg_path
from .atomic import atomic_write
from .datasets.files import read_npz
from .datasets.preprocessing import SCALINGS, Scaler
from .errors import ChainruleError
from .fit import History
from .model import Classifier
from .optimizers import optimizer_from_config
from .regressor import Regressor
from .schedules import Schedule
from .version import __version__

FORMAT = "chainrule-model"
INF = float("inf")
FORMAT_VERSION = 1
TASKS: dict[str, type[Classifier]] = {"classification": Classifier, "regression": Regressor}


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
    arrays.update(model.target_arrays() if isinstance(model, Regressor) else {})
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
        **({"output_names": model.output_names} if isinstance(model, Regressor) else {}),
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


def save_model(model: Classifier, path: str | os.PathLike) -> None:
    """Write ``model`` to ``path`` (a ``.npz`` file) atomically."""
    arrays = _arrays(model)
    for key, value in arrays.items():
        if value.dtype.kind == "f" and not np.isfinite(value).all():
            raise ChainruleError(
                f"array {key} holds NaN or infinity: the model is not saved to "
                f"{os.fspath(path)!r} (a file that could not be loaded again)"
            )
    _run_settings(os.fspath(path), model.run_settings)
    config = model_config(model, arrays)
    blob = np.frombuffer(json.dumps(config, ensure_ascii=False).encode("utf-8"), dtype=np.uint8)
    with atomic_write(path) as f:
        np.savez(f, config=blob, **arrays)


def read_model_file(path: str | os.PathLike) -> tuple[dict[str, Any], dict[str, np.ndarray]]:
    """(config, arrays) of a model file, every array checked against the config."""
    name = arg_path(path, "model file")
    if not os.path.exists(name):
        raise ChainruleError(f"{name!r}: no such model file")
    arrays = read_npz(path)
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


def load_model(path: str | os.PathLike) -> Classifier:
    """The :class:`Classifier` (or :class:`Regressor`, by the file's task) saved at ``path``,
    ready to predict or to train on.

    Any file that is not one chainrule wrote -- random bytes, text, a truncated or edited
    file, a config whose fields have the wrong types -- raises a :class:`ChainruleError`.
    A ``.safetensors`` file is read by :func:`chainrule.safetensors_io.load_safetensors`."""
    name = arg_path(path, "model file")
    if name.lower().endswith(".safetensors"):  # weights, architecture and scaling only
        from .safetensors_io import load_safetensors

        return load_safetensors(path)  # type: ignore[return-value]
    config, arrays = read_model_file(path)
    try:
        return _build(name, config, arrays)
    except ChainruleError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as exc:
        raise ChainruleError(f"{name!r}: incomplete or invalid model config ({exc!r})") from None


def _check(name: str, key: str, array: np.ndarray | None, shape: tuple, dtype: str) -> None:
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


def _build(name: str, config: dict[str, Any], arrays: dict[str, np.ndarray]) -> Classifier:
    arch, prep, train = config["architecture"], config["preprocessing"], config["training"]
    opt_config = dict(config["optimizer"])
    if prep["scaling"] not in SCALINGS:
        raise ChainruleError(f"{name!r}: unknown scaling {prep['scaling']!r}")
    optimizer = optimizer_from_config(opt_config)
    task = config.get("task", "classification")
    if task not in TASKS:
        raise ChainruleError(f"{name!r}: task {task!r}, expected one of {', '.join(TASKS)}")
    model = TASKS[task](
        layers=None,
        activation=arch["activation"],
        loss=arch["loss"],
        optimizer=optimizer,
        schedule=Schedule(**config["schedule"]),
        batch_size=train["batch_size"],
        init=arch.get("init", "auto"),
        scaling=prep["scaling"],
        class_names=config["class_names"],
        image_shape=prep.get("image_shape"),
        seed=train["seed"],
        dtype=arch["dtype"],
    )
    sizes = [int(n) for n in arch["sizes"]]
    if len(sizes) < 2 or any(n < 1 or n > 1_000_000 for n in sizes):
        raise ChainruleError(f"{name!r}: layer sizes {sizes}, expected two or more sizes >= 1")
    layers = arch["layers"]
    # the weights must be in the file before a network of that size is built
    dtype = model.dtype
    for k in range(1, len(sizes)):
        key = f"param.layer{k}.weights"
        _check(name, key, arrays.get(key), (sizes[k], sizes[k - 1]), dtype)
    network = model.build(sizes)
    if not isinstance(layers, list) or len(layers) != len(network.layers):
        raise ChainruleError(f"{name!r}: layer configs {layers!r} for {len(sizes) - 1} layers")
    for layer, cfg in zip(network.layers, layers, strict=True):
        if cfg != layer.config():
            raise ChainruleError(f"{name!r}: layer config {cfg} is not one chainrule builds")
    names = [n for n, _ in network.named_parameters()]
    for n, p in network.named_parameters():
        key = f"param.{n}"
        _check(name, key, arrays.get(key), p.data.shape, dtype)
        p.data[...] = arrays[key]
    state: dict[str, list[np.ndarray | None]] = {}
    for slot in optimizer.slots:
        state[slot] = []
        for n, p in network.named_parameters():
            key = f"optimizer.{slot}.{n}"
            value = arrays.get(key)
            if value is not None:
                _check(name, key, value, p.data.shape, dtype)
            state[slot].append(value)
    iterations = int(opt_config.get("iterations", 0))
    if iterations < 0:
        raise ChainruleError(f"{name!r}: optimizer iterations {iterations}, expected >= 0")
    optimizer.load_state(iterations, state)
    model.base_learning_rate = float(opt_config["learning_rate"])
    features = (sizes[0],)
    offset, scale = arrays.get("scaler.offset"), arrays.get("scaler.scale")
    wanted = (1,) if prep["scaling"] != "standardize" else features
    _check(name, "scaler.offset", offset, wanted, "float64")
    _check(name, "scaler.scale", scale, wanted, "float64")
    assert offset is not None and scale is not None
    if not (scale != 0).all():
        raise ChainruleError(f"{name!r}: array scaler.scale holds 0, expected nonzero scales")
    model.scaler = Scaler(prep["scaling"], offset, scale)
    if isinstance(model, Regressor):
        outputs = config.get("output_names")
        if outputs is not None and (
            not isinstance(outputs, list)
            or len(outputs) != sizes[-1]
            or not all(isinstance(n, str) for n in outputs)
        ):
            raise ChainruleError(
                f"{name!r}: output names {outputs!r}, expected {sizes[-1]} names or null"
            )
        model.output_names = outputs
        for key in ("target_scaler.offset", "target_scaler.scale"):
            _check(name, key, arrays.get(key), (sizes[-1],), "float64")
        if not (arrays["target_scaler.scale"] != 0).all():
            raise ChainruleError(f"{name!r}: array target_scaler.scale holds 0, expected nonzero")
        model.target_scaler = Scaler(
            "standardize", arrays["target_scaler.offset"], arrays["target_scaler.scale"]
        )
    model.run_settings = _run_settings(name, config.get("run", {}))
    model.history = History.from_dict(config.get("history", {}))
    model.epoch = int(train["epoch"])
    if model.epoch < 0:
        raise ChainruleError(f"{name!r}: epoch {model.epoch}, expected a whole number >= 0")
    stopping = config.get("early_stopping", {})
    best = [arrays.get(f"best.{n}") for n in names]
    for n, b, p in zip(names, best, network.parameters(), strict=True):
        if b is not None:
            _check(name, f"best.{n}", b, p.data.shape, dtype)
    model.best = {
        "val_loss": stopping.get("val_loss"),
        "wait": int(stopping.get("wait", 0)),
        "epoch": int(stopping.get("epoch", 0)),
        "weights": best if all(b is not None for b in best) else None,
    }
    return model


def _run_settings(name: str, run: Any) -> dict[str, Any]:
    """The config's ``run`` object: names to plain JSON values (none in older files)."""
    plain = (str, int, float, bool, type(None))
    if not isinstance(run, dict) or not all(
        isinstance(k, str) and isinstance(v, plain) and v == v and v not in (INF, -INF)
        for k, v in run.items()
    ):
        raise ChainruleError(f"{name!r}: run settings {run!r}, expected names and plain values")
    return dict(run)
