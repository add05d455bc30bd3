"""A data set: training inputs and integer labels, an optional test split, class names."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from chainrule.errors import ChainruleError


@dataclass
class Dataset:
    """Inputs are samples × features (raw: unscaled); labels are class indices 0…K−1."""

    name: str
    x: np.ndarray
    y: np.ndarray
    class_names: list[str]
    x_test: np.ndarray | None = None
    y_test: np.ndarray | None = None
    scaling: str = "none"
    image_shape: tuple[int, ...] | None = None
    hidden: list[int] = field(default_factory=lambda: [64])
    epochs: int = 20
    batch_size: int = 32
    schedule: str = "constant"  # the learning rate by epoch (chainrule.nn.schedules)

    @property
    def features(self) -> int:
        return int(self.x.shape[1])

    @property
    def classes(self) -> int:
        return len(self.class_names)


def encode_labels(
    y: np.ndarray, y_test: np.ndarray | None = None, class_names: list[str] | None = None
) -> tuple[np.ndarray, np.ndarray | None, list[str]]:
    """Labels of any kind (numbers, or words from a CSV file) to class indices 0…K−1.

    Whole numbers 0…K−1 (also written as text, "3") keep their value and are class
    indices, also when ``class_names`` are given; anything else is a class name (sorted and
    numbered when ``class_names`` is None). Returns (y, y_test, class names).
    """
    parts = [_numeric(np.asarray(y))] + ([] if y_test is None else [_numeric(np.asarray(y_test))])
    if class_names is None:
        if all(p.dtype.kind in "iu" for p in parts):
            low = min(int(p.min()) for p in parts if len(p))
            high = max(int(p.max()) for p in parts if len(p))
            if low >= 0 and high < 10_000:
                class_names = [str(k) for k in range(high + 1)]
        if class_names is None:
            class_names = sorted({_text(v) for p in parts for v in p})
    names = list(class_names)
    if all(p.dtype.kind in "iu" for p in parts) and all(
        len(p) == 0 or (p.min() >= 0 and p.max() < len(names)) for p in parts
    ):
        # whole numbers 0…K−1 are class indices (MNIST labels beside Fashion-MNIST's names)
        return parts[0], (parts[1] if len(parts) > 1 else None), names
    encoded = [_index(p, names) for p in parts]
    return encoded[0], (encoded[1] if len(encoded) > 1 else None), names


INT64_MAX = np.iinfo(np.int64).max


def _numeric(y: np.ndarray) -> np.ndarray:
    """Whole-number labels as int64 (from ints, whole floats or digit strings), converted
    exactly; else as given. A number that int64 cannot hold exactly, NaN or infinity is a
    ChainruleError naming it (it would merge with another class); text that is not a whole
    number within int64 stays text, a class name."""
    if y.dtype.kind in "iub":
        if y.dtype.kind == "u" and len(y) and int(y.max()) > INT64_MAX:
            raise ChainruleError(f"label {int(y.max())}: expected whole numbers below 2**63")
        return y.astype(np.int64)
    if y.dtype.kind == "f":
        bad = ~np.isfinite(y) | (np.abs(np.where(np.isfinite(y), y, 0)) >= 2.0**63)
        if bad.any():
            value = y[bad][0]
            raise ChainruleError(
                f"label {value}: expected finite numbers below 2**63 (a class label)"
            )
        if np.all(y == np.round(y)):
            return y.astype(np.int64)
        return y
    values = y.tolist()
    if y.dtype.kind == "O":
        for v in values:
            if isinstance(v, float) and not np.isfinite(v):
                raise ChainruleError(f"label {v}: expected a finite number (a class label)")
            if isinstance(v, int | np.integer) and not -INT64_MAX - 1 <= int(v) <= INT64_MAX:
                raise ChainruleError(f"label {v}: expected whole numbers below 2**63")
    try:
        ints = [int(str(v).strip()) for v in values]
    except ValueError:
        ints = None
    if ints is not None and all(-INT64_MAX - 1 <= v <= INT64_MAX for v in ints):
        return np.array(ints, dtype=np.int64)
    try:
        f = np.array([float(v) for v in values], dtype=np.float64)
    except (ValueError, TypeError, OverflowError):
        return y.astype(str)
    if np.all(np.isfinite(f)) and np.all(f == np.round(f)) and np.all(np.abs(f) < 2.0**53):
        return f.astype(np.int64)
    return y.astype(str)


def _text(v: object) -> str:
    return str(v)


def _index(y: np.ndarray, names: list[str]) -> np.ndarray:
    lookup = {n: k for k, n in enumerate(names)}
    try:
        return np.array([lookup[_text(v)] for v in y.tolist()], dtype=np.int64)
    except KeyError as exc:
        raise ChainruleError(f"label {exc.args[0]!r}: expected one of {', '.join(names)}") from None


def validation_split(
    x: np.ndarray, y: np.ndarray, fraction: float, seed: int | None = 0
) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
    """(x_train, y_train, x_val, y_val): a seeded random ``fraction`` held out for validation."""
    if not 0 <= fraction < 1:
        raise ChainruleError(f"validation fraction {fraction!r}: expected a number in [0, 1)")
    if fraction == 0:
        return x, y, None, None
    count = round(len(x) * fraction)
    if count < 1 or count >= len(x):
        raise ChainruleError(
            f"validation fraction {fraction} of {len(x)} samples leaves {count} for validation, "
            "expected at least one sample on each side"
        )
    order = np.random.default_rng(seed).permutation(len(x))
    val, train = order[:count], order[count:]
    return x[train], y[train], x[val], y[val]
