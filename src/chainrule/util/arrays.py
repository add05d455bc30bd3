"""Arguments of the Python API turned into arrays, or a :class:`ChainruleError` naming what
is wrong: a generator, ragged lists, a single number, text where numbers belong, one-hot
labels where one label per sample is expected."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError


def _array(value: Any, what: str) -> np.ndarray:
    if isinstance(value, Iterator) or (
        hasattr(value, "__iter__") and not hasattr(value, "__len__")
    ):
        raise ChainruleError(
            f"{what} is a {type(value).__name__}: expected an array or a list (not a "
            "generator or iterator, which can be read only once)"
        )
    try:
        with np.errstate(all="ignore"):
            return np.asarray(value)
    except (ValueError, TypeError, OverflowError, RecursionError) as exc:
        first = str(exc).split("\n")[0][:120]
        raise ChainruleError(
            f"{what}: not an array of one shape ({first}): expected rows of equal length"
        ) from None


def samples(value: Any, what: str = "x") -> np.ndarray:
    """Inputs as an array of numbers, one sample per row (a 1-d array is one sample)."""
    x = _array(value, what)
    if x.dtype.kind not in "fiub":
        raise ChainruleError(f"{what} holds {x.dtype} values: expected numbers")
    if x.ndim == 0:
        raise ChainruleError(f"{what} is a single number: expected samples × features")
    return x


def labels(value: Any, count: int | None = None, what: str = "y") -> np.ndarray:
    """One class label per sample (``count`` samples when given)."""
    y = _array(value, what)
    if y.dtype.kind not in "fiubUSO":
        raise ChainruleError(f"{what} holds {y.dtype} values: expected class labels")
    if y.ndim == 2 and y.shape[1] == 1:
        y = y.reshape(-1)
    if y.ndim == 2:
        raise ChainruleError(
            f"{what} has shape {y.shape}: expected one class label per sample, not one-hot "
            "rows (use y.argmax(axis=1))"
        )
    if y.ndim != 1:
        raise ChainruleError(f"{what} has shape {y.shape}: expected one class label per sample")
    if y.dtype.kind == "O" and any(
        isinstance(v, list | tuple | dict | np.ndarray) or v is None for v in y.tolist()
    ):
        raise ChainruleError(f"{what}: expected one class label (a number or a word) per sample")
    if count is not None and len(y) != count:
        raise ChainruleError(f"{count} samples but {len(y)} labels: expected one each")
    return y


def sizes(value: Any, what: str) -> list[Any]:
    """A list of sizes (checked one by one by the caller), or an error naming ``value``."""
    if isinstance(value, str | bytes) or not hasattr(value, "__len__"):
        raise ChainruleError(f"{what} {value!r}: expected a list of whole numbers")
    return list(value)


def names(value: Any, what: str) -> list[str]:
    """A list of names (class names), or an error naming ``value``."""
    if isinstance(value, str | bytes | dict) or not hasattr(value, "__len__"):
        raise ChainruleError(f"{what} {value!r}: expected a list of names")
    return [str(v) for v in value]


def path(value: Any, what: str = "path") -> str:
    """A file name (``str`` or ``os.PathLike``), or an error naming ``value``."""
    import os

    if not isinstance(value, str | os.PathLike) or not os.fspath(value):
        raise ChainruleError(f"{what} {value!r}: expected a file name")
    return os.fspath(value)


def whole(what: str, value: Any, minimum: int) -> int:
    """``value`` as a whole number >= ``minimum``, or a ChainruleError naming it."""
    ok = isinstance(value, int | np.integer) and not isinstance(value, bool)
    if not ok and isinstance(value, float | np.floating) and float(value).is_integer():
        ok = True
    if not ok or int(value) < minimum:
        raise ChainruleError(f"{what} {value!r}: expected a whole number >= {minimum}")
    return int(value)


def finite(what: str, value: Any) -> float:
    """``value`` as a finite number, or a ChainruleError naming it."""
    if isinstance(value, bool | str | bytes) or not isinstance(value, int | float | np.number):
        raise ChainruleError(f"{what} {value!r}: expected a finite number")
    number = float(value)
    if not np.isfinite(number):
        raise ChainruleError(f"{what} {value!r}: expected a finite number")
    return number
