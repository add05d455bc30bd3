"""safetensors files: a model's weights for PyTorch and the Hugging Face tools -- no pickle.

A ``.safetensors`` file is an 8-byte little-endian header length n, n bytes of JSON naming
every tensor (dtype, shape, byte offsets) with a ``__metadata__`` object of strings, then
the tensors' bytes. chainrule writes:

- the tensors ``param.layer1.weights`` (units × inputs, ``W[j][i]`` from input i to neuron
  j), ``param.layer1.biases``, … in the model's dtype; ``scaler.offset`` and
  ``scaler.scale`` (float64) for the input scaling x' = (x − offset) / scale; for a
  Regressor ``target_scaler.offset`` and ``target_scaler.scale``;
- ``__metadata__``: ``format`` ("chainrule-model" or, for a bare network, "chainrule-network")
  and ``chainrule``: the JSON config of a model file (task, architecture, scaling, class or
  output names, training settings, history; see :mod:`chainrule.training.modelfile`), or for a
  network ``{"layers": [...], "loss": ...}``.

``safetensors.torch.load_file(path)`` reads the weights into PyTorch; :func:`chainrule.load`
(:mod:`chainrule.training.load`) reads the model back (without optimizer state: training
continues with a fresh optimizer). Reading checks the header before anything is allocated:
its length and every tensor's declared bytes (shape × item size) must lie inside the file.
Needs the ``safetensors`` package: ``pip install "chainrule[safetensors]"``.
"""

from __future__ import annotations

import json
import os
import struct
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.training.classifier import Classifier
from chainrule.training.modelfile import model_config
from chainrule.util.atomic import atomic_write

MAX_HEADER = 16 * 1024 * 1024  # bytes of JSON a header may take
DTYPES = {"F32": np.dtype(np.float32), "F64": np.dtype(np.float64)}


def _safetensors_numpy() -> Any:
    try:
        import safetensors.numpy
    except ImportError:
        raise ChainruleError(
            'safetensors files need the safetensors package: pip install "chainrule[safetensors]"'
        ) from None
    return safetensors.numpy


def _tensors(source: Classifier | Network) -> tuple[dict[str, np.ndarray], dict[str, str]]:
    """(tensors, metadata) of a model or a bare network."""
    if isinstance(source, Network):
        arrays = {f"param.{n}": p.data for n, p in source.named_parameters()}
        layers = [{"inputs": lay.input_size, **lay.config()} for lay in source.layers]
        config = {"layers": layers, "loss": source.loss_name}
        return arrays, {"format": "chainrule-network", "chainrule": json.dumps(config)}
    if not isinstance(source, Classifier):
        raise ChainruleError(
            f"cannot write a {type(source).__name__}: expected a Classifier, Regressor or Network"
        )
    if source.network is None or source.scaler is None:
        raise ChainruleError("the model is not trained yet: call fit first, then export")
    arrays = {f"param.{n}": p.data for n, p in source.network.named_parameters()}
    arrays.update({f"scaler.{k}": v for k, v in source.scaler.arrays().items()})
    if source.task == "regression":
        arrays.update(source.target_arrays())  # type: ignore[attr-defined]
    config = model_config(source, arrays)
    text = json.dumps(config, ensure_ascii=False)
    return arrays, {"format": "chainrule-model", "chainrule": text}


def check_output(path: str | os.PathLike) -> None:
    name = os.fspath(path)
    if not name.lower().endswith(".safetensors"):
        raise ChainruleError(f"output {name!r}: expected a file name ending in .safetensors")


def safetensors_bytes(source: Classifier | Network) -> bytes:
    """The bytes of the safetensors file of ``source``."""
    arrays, metadata = _tensors(source)
    return _safetensors_numpy().save(
        {k: np.ascontiguousarray(v) for k, v in arrays.items()}, metadata=metadata
    )


def export_safetensors(source: Classifier | Network, path: str | os.PathLike) -> None:
    """Write ``source``'s weights, architecture and scaling to ``path`` atomically."""
    check_output(path)
    data = safetensors_bytes(source)
    with atomic_write(path) as f:
        f.write(data)


def read_header(path: str | os.PathLike) -> tuple[dict[str, Any], int]:
    """The JSON header of a safetensors file and the file's size, every declared tensor
    checked to lie inside the file before anything is read into memory."""
    name = os.fspath(path)
    try:
        size = os.path.getsize(name)
        with open(name, "rb") as f:
            prefix = f.read(8)
            if len(prefix) < 8:
                raise ChainruleError(f"{name!r}: {size} bytes, not a safetensors file")
            (length,) = struct.unpack("<Q", prefix)
            if length > min(MAX_HEADER, size - 8):
                raise ChainruleError(
                    f"{name!r}: header of {length} bytes in a file of {size}, expected at most "
                    f"{min(MAX_HEADER, size - 8)}"
                )
            header = json.loads(f.read(length).decode("utf-8"))
    except FileNotFoundError:
        raise ChainruleError(f"{name!r}: no such file") from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ChainruleError(f"{name!r}: its header is not valid JSON ({exc})") from None
    except OSError as exc:
        raise ChainruleError(f"cannot read {name!r}: {exc.strerror}") from None
    if not isinstance(header, dict):
        raise ChainruleError(f"{name!r}: its header is not a JSON object")
    room = size - 8 - length
    for key, spec in header.items():
        if key == "__metadata__":
            continue
        try:
            dtype = DTYPES[spec["dtype"]]
            shape = [int(n) for n in spec["shape"]]
            begin, end = (int(n) for n in spec["data_offsets"])
        except (KeyError, TypeError, ValueError):
            raise ChainruleError(
                f"{name!r}: tensor {key} is described as {spec!r}, expected F32 or F64 with a "
                "shape and data offsets"
            ) from None
        need = int(np.prod(shape, dtype=object)) * dtype.itemsize
        if min(shape, default=0) < 0 or not 0 <= begin <= end <= room or end - begin != need:
            raise ChainruleError(
                f"{name!r}: tensor {key} declares {need} bytes at {begin}…{end} of the {room} "
                "bytes the file holds, expected its bytes inside the file"
            )
    return header, size


def read_safetensors(
    path: str | os.PathLike,
) -> tuple[str, dict[str, Any], dict[str, np.ndarray]]:
    """(kind, config, arrays) of a chainrule safetensors file; kind is "chainrule-model" or
    "chainrule-network". The header is checked before the tensors are read."""
    name = os.fspath(path)
    header, _ = read_header(path)
    metadata = header.get("__metadata__") or {}
    kind = metadata.get("format")
    if kind not in ("chainrule-model", "chainrule-network"):
        raise ChainruleError(
            f"{name!r}: metadata format {kind!r}, expected a safetensors file chainrule wrote"
        )
    try:
        config = json.loads(metadata.get("chainrule", ""))
    except json.JSONDecodeError as exc:
        raise ChainruleError(f"{name!r}: its chainrule metadata is not JSON ({exc})") from None
    try:
        arrays = _safetensors_numpy().load_file(name)
    except Exception as exc:  # the library's own errors name no common base
        raise ChainruleError(f"{name!r}: not a readable safetensors file ({exc})") from None
    return kind, config, dict(arrays)
