"""Data from the user's files: NumPy ``.npz`` and CSV.

- ``.npz``: arrays ``X`` (samples × features) and ``y`` (one label per sample), and
  optionally ``X_test`` and ``y_test``. Read with ``allow_pickle=False``: object arrays are
  refused, so a file can never run code.
- CSV: a header row, then one sample per row; the label is the column ``label_column``
  (a header name or a 0-based index; default the last column). Labels may be numbers or words.
"""

from __future__ import annotations

import csv
import os
from pathlib import Path

import numpy as np

from chainrule.data.csv_text import feature_matrix, read_header, read_rows
from chainrule.data.npzread import read_npz_bounded
from chainrule.errors import ChainruleError


def read_npz(path: str | os.PathLike) -> dict[str, np.ndarray]:
    """Every array of an ``.npz`` file, never through pickle, each member decompressed as a
    stream bounded by the size its ``.npy`` header announces
    (:func:`chainrule.data.npzread.read_npz_bounded`)."""
    name = os.fspath(path)
    try:
        with open(name, "rb") as f:
            magic = f.read(4)
    except FileNotFoundError:
        raise ChainruleError(f"{name!r}: no such file") from None
    except OSError as exc:
        raise ChainruleError(f"cannot read {name!r}: {exc.strerror}") from None
    if magic not in (b"PK\x03\x04", b"PK\x05\x06"):
        raise ChainruleError(f"{name!r}: not a readable .npz file (no zip archive)")
    return read_npz_bounded(name)


def load_npz(path: str | os.PathLike, require_labels: bool = True) -> dict[str, np.ndarray]:
    """The arrays ``X``, ``y`` (and ``X_test``, ``y_test`` if present) of an ``.npz`` file."""
    name = os.fspath(path)
    arrays = read_npz(path)
    if "X" not in arrays or (require_labels and "y" not in arrays):
        wanted = "X and y" if require_labels else "X"
        raise ChainruleError(f"{name!r} has arrays {sorted(arrays)}, expected {wanted}")
    for key in ("X", "X_test"):
        if key in arrays:
            x = arrays[key]
            if x.dtype.kind not in "fiub" or x.ndim < 2 or len(x) == 0:
                raise ChainruleError(
                    f"{name!r}: {key} is a {x.dtype} array of shape {x.shape}, expected numbers, "
                    "samples × features"
                )
            arrays[key] = x.reshape(len(x), -1)
            _check_finite(arrays[key], f"{name!r}: {key}")
    for xk, yk in (("X", "y"), ("X_test", "y_test")):
        if yk in arrays and (
            arrays[yk].ndim != 1 or xk not in arrays or len(arrays[yk]) != len(arrays[xk])
        ):
            raise ChainruleError(
                f"{name!r}: {yk} has shape {arrays[yk].shape}, expected one label per row of {xk}"
            )
    if "X_test" in arrays and arrays["X_test"].shape[1] != arrays["X"].shape[1]:
        raise ChainruleError(
            f"{name!r}: X_test has {arrays['X_test'].shape[1]} features, expected "
            f"{arrays['X'].shape[1]} like X"
        )
    if ("X_test" in arrays) != ("y_test" in arrays):
        raise ChainruleError(f"{name!r}: X_test and y_test come together, expected both or neither")
    return arrays


def load_csv(
    path: str | os.PathLike, label_column: str | int | None = None, require_labels: bool = True
) -> tuple[np.ndarray, np.ndarray | None, list[str]]:
    """(features, labels or None, feature names) of a CSV file with a header row."""
    name = os.fspath(path)
    try:
        rows = read_rows(name)
    except FileNotFoundError:
        raise ChainruleError(f"{name!r}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ChainruleError(f"{name!r}: not a readable CSV file ({exc})") from None
    if len(rows) < 2:
        raise ChainruleError(f"{name!r}: {len(rows)} rows, expected a header row and samples")
    header, body = [h.strip() for h in rows[0]], rows[1:]
    for n, row in enumerate(body, start=2):
        if len(row) != len(header):
            raise ChainruleError(f"{name!r} line {n}: {len(row)} values, expected {len(header)}")
    column = _label_index(header, label_column, name) if require_labels else None
    if column is None and label_column is not None:
        column = _label_index(header, label_column, name)
    features = [k for k in range(len(header)) if k != column]
    x = feature_matrix(name, header, body, features)
    _check_finite(x, f"{name!r}")
    y = None if column is None else np.array([row[column].strip() for row in body])
    return x, y, [header[k] for k in features]


def _check_finite(x: np.ndarray, where: str) -> None:
    """Refuse NaN and infinity, naming the first one (sample and feature, 0-based)."""
    if x.dtype.kind == "f" and not np.isfinite(x).all():
        sample, feature = np.argwhere(~np.isfinite(x))[0]
        raise ChainruleError(
            f"{where}: value {x[sample, feature]} at sample {sample}, feature {feature}: "
            "expected finite numbers (no NaN or infinity)"
        )


def csv_header(path: str | os.PathLike) -> list[str]:
    """The column names of a CSV file (its first row)."""
    name = os.fspath(path)
    try:
        return read_header(name)
    except FileNotFoundError:
        raise ChainruleError(f"{name!r}: no such file") from None
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise ChainruleError(f"{name!r}: not a readable CSV file ({exc})") from None


def _label_index(header: list[str], label_column: str | int | None, name: str) -> int:
    if label_column is None:
        return len(header) - 1
    if isinstance(label_column, int) or str(label_column).lstrip("-").isdigit():
        k = int(label_column)
        if not -len(header) <= k < len(header):
            raise ChainruleError(
                f"--label-column {k}: {name!r} has {len(header)} columns (0…{len(header) - 1})"
            )
        return k % len(header)
    if label_column not in header:
        raise ChainruleError(
            f"--label-column {label_column!r}: no such column in {name!r}; "
            f"columns: {', '.join(header)}"
        )
    return header.index(label_column)


def file_kind(path: str | os.PathLike) -> str:
    """ "npz", "csv" or "png", from the file name's ending."""
    suffix = Path(path).suffix.lower()
    kinds = {".npz": "npz", ".csv": "csv", ".png": "png"}
    if suffix not in kinds:
        raise ChainruleError(f"{os.fspath(path)!r}: unknown file type, expected .npz, .csv or .png")
    return kinds[suffix]
