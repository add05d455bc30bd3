"""Input scaling, remembered by the model: x' = (x − offset) / scale.

- ``unit``: pixels 0…255 to [0, 1] (offset 0, scale 255);
- ``standardize``: each feature to mean 0 and standard deviation 1, measured on the
  training samples (features that never change keep scale 1) -- the default for CSV and
  .npz data, and for MNIST and Fashion-MNIST, where it equals pixels to [0, 1] followed by
  the standardisation of each pixel (on Fashion-MNIST it gives about one point of test
  accuracy more than plain [0, 1] after 10 epochs of the README's recipe);
- ``none``: inputs used as they are (the toy sets, already small numbers).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from ..errors import ChainruleError

SCALINGS = ("none", "unit", "standardize")


CHUNK = 4096  # rows converted to float64 at a time


def _chunks(count: int):
    for start in range(0, count, CHUNK):
        yield slice(start, start + CHUNK)


def column_mean_std(x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Each column's mean and standard deviation, in float64, a few rows at a time.

    The sums run row after row, the order NumPy's ``x.mean(axis=0)`` and ``x.std(axis=0)``
    use, so the results are theirs to the bit, without a float64 copy of the whole set.
    """
    count = len(x)
    if count == 0:
        raise ChainruleError("no samples: expected at least one")
    total = np.zeros(x.shape[1:], dtype=np.float64)
    for rows in _chunks(count):
        for row in x[rows].astype(np.float64):
            total += row
    mean = total / count
    squares = np.zeros_like(total)
    for rows in _chunks(count):
        part = x[rows].astype(np.float64)
        part -= mean
        part *= part
        for row in part:
            squares += row
    return mean, np.sqrt(squares / count)


@dataclass
class Scaler:
    kind: str = "none"
    offset: np.ndarray = field(default_factory=lambda: np.zeros(1))
    scale: np.ndarray = field(default_factory=lambda: np.ones(1))

    @classmethod
    def fit(cls, kind: str, x: np.ndarray) -> Scaler:
        """A scaler of ``kind`` for the training inputs ``x``."""
        if kind == "none":
            return cls("none")
        if kind == "unit":
            return cls("unit", np.zeros(1), np.full(1, 255.0))
        if kind == "standardize":
            with np.errstate(over="ignore", invalid="ignore"):
                mean, std = column_mean_std(np.asarray(x))
            bad = ~(np.isfinite(mean) & np.isfinite(std))
            if bad.any():
                feature = int(np.argwhere(bad.reshape(-1))[0][0])
                raise ChainruleError(
                    f"inputs: feature {feature} is too large to standardize (its mean or "
                    "standard deviation overflows float64): expected numbers below about 1e150"
                )
            return cls("standardize", mean, np.where(std > 0, std, 1.0))
        raise ChainruleError(f"unknown scaling {kind!r}: expected one of {', '.join(SCALINGS)}")

    def transform(self, x: Any, dtype: Any = np.float32) -> np.ndarray:
        """Scaled inputs in ``dtype``."""
        x = np.asarray(x)
        if self.kind == "none":
            return x.astype(dtype)
        out = np.empty(x.shape, dtype=dtype)
        for rows in _chunks(len(x)):  # float64 work a few MB at a time, not the whole set
            part = x[rows].astype(np.float64)
            part -= self.offset
            part /= self.scale
            out[rows] = part
        return out

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "offset": np.asarray(self.offset, np.float64),
            "scale": np.asarray(self.scale, np.float64),
        }
