"""Loading a model file: the :class:`Classifier` or :class:`Regressor` it describes, rebuilt.

Both file formats end here: a ``.npz`` model file (:mod:`chainrule.training.modelfile`) and
a ``.safetensors`` file (:mod:`chainrule.training.safetensors`). Every array is checked
against the config (shape, dtype, finite numbers) before it is used.
"""

from __future__ import annotations

import os
from typing import Any

import numpy as np

from chainrule.data.preprocessing import SCALINGS, Scaler
from chainrule.errors import ChainruleError
from chainrule.nn import Dense, Network
from chainrule.nn.optimizers import optimizer_from_config
from chainrule.nn.schedules import Schedule
from chainrule.training.classifier import Classifier
from chainrule.training.fit import History
from chainrule.training.modelfile import check_array as _check
from chainrule.training.modelfile import check_run_settings, read_model_bytes, read_model_file
from chainrule.training.regressor import Regressor
from chainrule.training.safetensors import read_safetensors
from chainrule.util.arrays import path as arg_path

TASKS: dict[str, type[Classifier]] = {"classification": Classifier, "regression": Regressor}


def load_model(path: str | os.PathLike) -> Classifier:
    """The :class:`Classifier` (or :class:`Regressor`, by the file's task) saved at ``path``,
    ready to predict or to train on.

    Any file that is not one chainrule wrote -- random bytes, text, a truncated or edited
    file, a config whose fields have the wrong types -- raises a :class:`ChainruleError`.
    A ``.safetensors`` file is read by :func:`load_safetensors`."""
    name = arg_path(path, "model file")
    if name.lower().endswith(".safetensors"):  # weights, architecture and scaling only
        return load_safetensors(path)  # type: ignore[return-value]
    return _model(name, *read_model_file(path))


def load_model_bytes(blob: bytes, name: str = "model file", limit: int | None = None) -> Classifier:
    """:func:`load_model` of a model file's bytes held in memory (an upload): the same
    bounded, pickle-free reader and checks, nothing written; ``limit``: the most bytes its
    arrays may unpack to."""
    return _model(name, *read_model_bytes(blob, name, limit))


def _model(name: str, config: dict[str, Any], arrays: dict[str, np.ndarray]) -> Classifier:
    try:
        return _build(name, config, arrays)
    except ChainruleError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError, OverflowError) as exc:
        raise ChainruleError(f"{name!r}: incomplete or invalid model config ({exc!r})") from None


def load_safetensors(path: str | os.PathLike) -> Classifier | Network:
    """The model (or bare network) a chainrule safetensors file holds."""
    name = os.fspath(path)
    kind, config, arrays = read_safetensors(path)
    try:
        if kind == "chainrule-network":
            return _network(name, config, arrays)
        declared = {k: v for k, v in config["arrays"].items()}
        for key, a in arrays.items():
            spec = declared.get(key)
            if spec is None or list(a.shape) != spec["shape"] or a.dtype.name != spec["dtype"]:
                raise ChainruleError(f"{name!r}: tensor {key} is not the one its metadata names")
        return _build(name, config, arrays)
    except ChainruleError:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, IndexError) as exc:
        raise ChainruleError(
            f"{name!r}: incomplete or invalid chainrule metadata ({exc!r})"
        ) from None


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
    model.run_settings = check_run_settings(repr(name), config.get("run", {}))
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


def _network(name: str, config: dict[str, Any], arrays: dict[str, np.ndarray]) -> Network:
    layers = []
    for k, cfg in enumerate(config["layers"], start=1):
        weights = arrays.get(f"param.layer{k}.weights")
        if weights is None:
            raise ChainruleError(f"{name!r}: tensor param.layer{k}.weights missing")
        layers.append(
            Dense(
                int(cfg["inputs"]),
                int(cfg["units"]),
                cfg["activation"],
                cfg["bias"],
                weights=weights,
                biases=arrays.get(f"param.layer{k}.biases"),
                dtype=weights.dtype,
            )
        )
    return Network(layers, config["loss"])
