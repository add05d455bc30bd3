"""A folder of ``.npy`` files, for data larger than memory: ``X.npy`` (samples × features)
and ``y.npy`` (one label per sample), optionally ``X_test.npy`` and ``y_test.npy``.

The inputs are memory-mapped (``np.load(..., mmap_mode="r")``, never through pickle): only
their headers are read here, and training reads them a block at a time
(:mod:`chainrule.data.batches`); the labels are read whole (8 bytes a sample at most).
Before anything is mapped, each header's shape × item size is checked against the file's
size, so a truncated or lying file gets one line, not a crash later.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from chainrule.data.npzread import HEADER_ERRORS
from chainrule.errors import ChainruleError

FILES = ("X", "y", "X_test", "y_test")


def _header(path: Path) -> tuple[tuple[int, ...], np.dtype]:
    from numpy.lib import format as npy

    try:
        with open(path, "rb") as f:
            version = npy.read_magic(f)
            read = npy.read_array_header_1_0 if version == (1, 0) else npy.read_array_header_2_0
            shape, fortran, dtype = read(f)
            start = f.tell()
    except OSError as exc:
        raise ChainruleError(f"cannot read {os.fspath(path)!r}: {exc.strerror}") from None
    except HEADER_ERRORS as exc:
        raise ChainruleError(f"{os.fspath(path)!r}: not a .npy array ({exc})") from None
    if dtype.hasobject:
        raise ChainruleError(
            f"{os.fspath(path)!r}: holds objects, which are not accepted (no pickle)"
        )
    need = int(np.prod(shape, dtype=object)) * dtype.itemsize
    if start + need > path.stat().st_size:
        raise ChainruleError(
            f"{os.fspath(path)!r}: declares a {dtype} array of shape {shape} ({need} bytes), "
            f"expected a file that holds them ({path.stat().st_size} bytes)"
        )
    if fortran and len(shape) > 1:
        raise ChainruleError(
            f"{os.fspath(path)!r}: stored column by column (Fortran order), expected rows "
            "(np.save of a C-ordered array)"
        )
    return shape, dtype


def load_npy_dir(folder: str | os.PathLike) -> dict[str, np.ndarray]:
    """``X`` and ``X_test`` memory-mapped (read-only), ``y`` and ``y_test`` in memory."""
    root = Path(folder)
    found = {key: root / f"{key}.npy" for key in FILES if (root / f"{key}.npy").is_file()}
    if "X" not in found or "y" not in found:
        present = sorted(p.name for p in root.glob("*.npy")) or "no .npy files"
        raise ChainruleError(
            f"{os.fspath(folder)!r} has {present}, expected X.npy and y.npy "
            "(and optionally X_test.npy, y_test.npy)"
        )
    if ("X_test" in found) != ("y_test" in found):
        raise ChainruleError(
            f"{os.fspath(folder)!r}: X_test.npy and y_test.npy come together, "
            "expected both or neither"
        )
    arrays: dict[str, np.ndarray] = {}
    for key, path in found.items():
        shape, dtype = _header(path)
        if key.startswith("X"):
            if dtype.kind not in "fiub" or len(shape) < 2 or shape[0] == 0:
                raise ChainruleError(
                    f"{os.fspath(path)!r}: a {dtype} array of shape {shape}, expected numbers, "
                    "samples × features"
                )
            x = np.load(path, mmap_mode="r", allow_pickle=False)
            arrays[key] = x.reshape(shape[0], -1)
        else:
            if len(shape) != 1:
                raise ChainruleError(
                    f"{os.fspath(path)!r}: labels of shape {shape}, expected one label per sample"
                )
            arrays[key] = np.load(path, allow_pickle=False)
    for xk, yk in (("X", "y"), ("X_test", "y_test")):
        if yk in arrays and len(arrays[yk]) != len(arrays[xk]):
            raise ChainruleError(
                f"{os.fspath(found[yk])!r}: {len(arrays[yk])} labels for {len(arrays[xk])} "
                f"samples in {xk}.npy, expected one label per sample"
            )
    return arrays
