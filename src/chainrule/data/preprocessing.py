"""Input scaling, remembered by the model: x' = (x − offset) / scale.

- ``unit``: pixels 0…255 to [0, 1] (offset 0, scale 255);
- ``standardize``: each feature to mean 0 and standard deviation 1, measured on the
  training samples (features that never change keep scale 1) -- the default for CSV and
  .npz data, and for MNIST and Fashion-MNIST, where it equals pixels to [0, 1] followed by
  the standardisation of each pixel (on Fashion-MNIST it gives about one point of test
  accuracy more than plain [0, 1] after 10 epochs of the README's recipe);
- ``none``: inputs used as they are (the toy sets, already small numbers).

The statistics come from one pass over the samples, a block of rows at a time (so a
memory-mapped file larger than memory is read once, in order, with bounded memory); the
scaling itself is computed in the model's dtype, x' = (dtype(x) − dtype(offset)) /
dtype(scale), block by block, so that a whole set, one batch or an exported ONNX graph
give the same bits for the same sample.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chainrule.data.mapped import is_mapped, prefetch, release
from chainrule.errors import ChainruleError

SCALINGS = ("none", "unit", "standardize")

BLOCK_BYTES = 1 << 18  # rows worked on at a time: about 256 KiB of float32, in the cache


def block_rows(x: np.ndarray, itemsize: int = 4) -> int:
    """Rows of ``x`` in one block of about BLOCK_BYTES (at least one)."""
    width = max(1, int(np.prod(x.shape[1:], dtype=np.int64)) * itemsize)
    return max(1, BLOCK_BYTES // width)


def row_blocks(count: int, rows: int) -> Iterator[slice]:
    for start in range(0, count, rows):
        yield slice(start, min(start + rows, count))


@dataclass
class Summary:
    """What one pass over the samples found, per column, in float64: the lowest and highest
    values and (when asked for) the mean and standard deviation."""

    low: np.ndarray
    high: np.ndarray
    mean: np.ndarray | None = None
    std: np.ndarray | None = None


def scan(
    x: np.ndarray,
    statistics: bool = True,
    report: Callable[[int], None] | None = None,
) -> Summary:
    """One pass over the samples, a block of rows at a time: every value checked to be
    finite, each column's lowest and highest value and, with ``statistics``, its mean and
    standard deviation, in float64.

    A NaN or an infinity shows in its column's lowest or highest value (NaN wins every
    comparison in NumPy's minimum and maximum), so the check costs no pass of its own.
    Each block's mean and sum of squared deviations M2 are merged into the running ones
    (Chan, Golub and LeVeque): with n = n_a + n_b and d = mean_b − mean_a,
    mean = mean_a + d·n_b/n,  M2 = M2_a + M2_b + d²·n_a·n_b/n;  std = √(M2/n).
    A block's own M2 is computed from its float64 copy, Σ(x − mean_b)²; for 8-bit whole
    numbers (pixels) from exact sums instead (see :func:`_exact_moments`), without a float64
    copy. ``report(rows)`` is called after each block (a progress bar). The pages of a
    memory-mapped ``x`` are released after each block, so the pass keeps memory flat, and
    the rows ahead are asked of the disk before they are needed (readahead).
    """
    count = len(x)
    if count == 0:
        raise ChainruleError("no samples: expected at least one")
    width = x.shape[1:]
    mean = np.zeros(width, np.float64)
    m2 = np.zeros(width, np.float64)
    low = np.full(width, np.inf)
    high = np.full(width, -np.inf)
    seen = 0
    exact = x.dtype.kind in "iub" and x.dtype.itemsize == 1
    rows = max(block_rows(x, 8), 1024 * 1024 // max(1, x[:1].nbytes))  # ≥ about 1 MB read
    rows = min(rows, EXACT_ROWS) if exact else rows
    ahead = max(rows, READ_AHEAD // max(1, x[:1].nbytes))  # rows asked of the disk at a time
    asked = 0 if is_mapped(x) else count
    for part in row_blocks(count, rows):
        if asked < min(part.stop + ahead, count):
            prefetch(x, slice(asked, asked + 2 * ahead))  # read while this block is worked on
            asked += 2 * ahead
        raw = x[part]
        low_b, high_b = raw.min(axis=0), raw.max(axis=0)
        if x.dtype.kind == "f" and not (np.isfinite(low_b).all() and np.isfinite(high_b).all()):
            flat = raw.reshape(len(raw), -1)
            sample, feature = np.argwhere(~np.isfinite(flat))[0]
            raise ChainruleError(
                f"inputs: value {flat[sample, feature]} at sample {part.start + sample}, "
                f"feature {feature}: expected finite numbers (no NaN or infinity)"
            )
        np.minimum(low, low_b, out=low)
        np.maximum(high, high_b, out=high)
        if statistics:
            n_b = len(raw)
            mean_b, m2_b = _exact_moments(raw) if exact else _moments(raw)
            n = seen + n_b
            d = mean_b - mean
            mean += d * (n_b / n)
            m2 += m2_b + d * d * (seen * n_b / n)
            seen = n
        release(x, part)
        if report is not None:
            report(part.stop - part.start)
    if not statistics:
        return Summary(low, high)
    return Summary(low, high, mean, np.sqrt(m2 / count))


READ_AHEAD = 16 << 20  # a mapped file is asked for about 16 MiB of rows ahead of the pass
EXACT_ROWS = 1 << 16  # n·Σx² of 8-bit numbers stays below 2⁵³ (exact in float64)
SUM_ROWS = 256  # sums of 256 8-bit numbers and of their squares are exact in float32


def _moments(block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, Σ(x − mean)²) of each column, from a float64 copy (the caller's x untouched)."""
    copy = block.astype(np.float64)
    mean = copy.mean(axis=0)
    copy -= mean
    np.square(copy, out=copy)
    return mean, copy.sum(axis=0)


def _exact_moments(block: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """(mean, Σ(x − mean)²) of each column of 8-bit whole numbers, from exact sums.

    S₁ = Σx and S₂ = Σx² are whole numbers: over 256 rows at most 256·255² < 2²⁴, so a
    float32 scratch of 256 rows (in the cache) sums them exactly, and their totals stay
    exact in float64. Then Σ(x − mean)² = (n·S₂ − S₁²)/n, whose numerator is a whole
    number below 2⁵³ (n ≤ :data:`EXACT_ROWS`), exact: one rounding in all."""
    n = len(block)
    s1 = np.zeros(block.shape[1:], np.float64)
    s2 = np.zeros(block.shape[1:], np.float64)
    work = np.empty((min(n, SUM_ROWS), *block.shape[1:]), np.float32)
    for part in row_blocks(n, SUM_ROWS):
        w = work[: part.stop - part.start]
        np.copyto(w, block[part], casting="unsafe")
        s1 += w.sum(axis=0)
        np.square(w, out=w)
        s2 += w.sum(axis=0)
    return s1 / n, (n * s2 - s1 * s1) / n


def column_mean_std(
    x: np.ndarray, report: Callable[[int], None] | None = None
) -> tuple[np.ndarray, np.ndarray]:
    """Each column's mean and standard deviation, in float64, from one pass (see :func:`scan`)."""
    found = scan(x, True, report)
    assert found.mean is not None and found.std is not None
    return found.mean, found.std


@dataclass
class Scaler:
    kind: str = "none"
    offset: np.ndarray = field(default_factory=lambda: np.zeros(1))
    scale: np.ndarray = field(default_factory=lambda: np.ones(1))

    @classmethod
    def fit(cls, kind: str, x: np.ndarray, report: Callable[[int], None] | None = None) -> Scaler:
        """A scaler of ``kind`` for the training inputs ``x`` (``report``: see :func:`scan`)."""
        if kind == "none":
            return cls("none")
        if kind == "unit":
            return cls("unit", np.zeros(1), np.full(1, 255.0))
        if kind == "standardize":
            with np.errstate(over="ignore", invalid="ignore"):
                mean, std = column_mean_std(x if is_mapped(x) else np.asarray(x), report)
            return cls.standardizing(mean, std)
        raise ChainruleError(f"unknown scaling {kind!r}: expected one of {', '.join(SCALINGS)}")

    @classmethod
    def standardizing(cls, mean: np.ndarray, std: np.ndarray) -> Scaler:
        """The ``standardize`` scaler of columns with these means and standard deviations
        (a constant column keeps scale 1); a column whose statistics overflow is refused."""
        bad = ~(np.isfinite(mean) & np.isfinite(std))
        if bad.any():
            feature = int(np.argwhere(bad.reshape(-1))[0][0])
            raise ChainruleError(
                f"inputs: feature {feature} is too large to standardize (its mean or "
                "standard deviation overflows float64): expected numbers below about 1e150"
            )
        return cls("standardize", mean, np.where(std > 0, std, 1.0))

    def check_range(self, x: np.ndarray, low: np.ndarray, high: np.ndarray, dtype: Any) -> None:
        """Refuse inputs that overflow ``dtype`` once scaled, from each column's lowest and
        highest value (as :func:`scan` finds them): one line naming the first such value."""
        wide = self.overflows(low, high, dtype)
        if not wide.any():
            return
        limit = float(np.finfo(dtype).max)
        offset, scale = (np.asarray(a, np.float64) for a in (self.offset, self.scale))
        if self.kind == "none":
            offset, scale = np.zeros(1), np.ones(1)
        feature = int(np.argwhere(wide.reshape(-1))[0][0])
        column = np.asarray(x[:, feature], np.float64)
        with np.errstate(over="ignore", invalid="ignore"):
            scaled = (column - offset.reshape(-1)[feature % offset.size]) / scale.reshape(-1)[
                feature % scale.size
            ]
        sample = int(np.argwhere(~(np.abs(scaled) <= limit))[0][0])
        raise ChainruleError(
            f"inputs: value {column[sample]} at sample {sample}, feature {feature} overflows "
            f"{np.dtype(dtype).name} after scaling: expected numbers the model's type holds"
        )

    def overflows(self, low: Any, high: Any, dtype: Any) -> np.ndarray:
        """Per column: True where a value between ``low`` and ``high`` could overflow
        ``dtype`` once scaled."""
        offset, scale = (np.asarray(a, np.float64) for a in (self.offset, self.scale))
        if self.kind == "none":
            offset, scale = np.zeros(1), np.ones(1)
        limit = float(np.finfo(dtype).max)
        with np.errstate(over="ignore", invalid="ignore"):
            ends = np.maximum(np.abs((low - offset) / scale), np.abs((high - offset) / scale))
        return ~(ends <= limit)

    def holds(self, x: np.ndarray, dtype: Any) -> bool:
        """True when every value ``x``'s dtype can hold is finite and stays within ``dtype``
        once scaled, so that ``x`` needs no pass to be checked: whole numbers (pixels)
        and a scaler of this data's (the numbers of float32 reach 3·10³⁸)."""
        if x.dtype.kind not in "iub":
            return False
        info = np.iinfo(x.dtype) if x.dtype.kind != "b" else np.iinfo(np.uint8)
        return not self.overflows(float(info.min), float(info.max), dtype).any()

    def transform(self, x: Any, dtype: Any = np.float32) -> np.ndarray:
        """Scaled inputs in ``dtype`` (a new array; see :meth:`transform_into`)."""
        x = x if is_mapped(x) else np.asarray(x)
        out = np.empty(x.shape, dtype=dtype)
        rows = block_rows(out, out.itemsize)
        for part in row_blocks(len(x), rows):
            self.transform_into(x[part], out[part])
            release(x, part)
        return out

    def transform_into(self, x: np.ndarray, out: np.ndarray) -> np.ndarray:
        """``out`` ← (x − offset) / scale, in ``out``'s dtype (x converted first)."""
        if self.kind == "none":
            np.copyto(out, x, casting="unsafe")
            return out
        offset, scale = self.constants(out.dtype)
        np.subtract(x, offset, out=out, dtype=out.dtype, casting="unsafe")
        np.divide(out, scale, out=out)
        return out

    def constants(self, dtype: Any) -> tuple[np.ndarray, np.ndarray]:
        """(offset, scale) in ``dtype``, made once per dtype."""
        key = np.dtype(dtype)
        cached = self.__dict__.setdefault("_constants", {})
        if key not in cached:
            cached[key] = (
                np.asarray(self.offset, dtype=key),
                np.asarray(self.scale, dtype=key),
            )
        return cached[key]

    def arrays(self) -> dict[str, np.ndarray]:
        return {
            "offset": np.asarray(self.offset, np.float64),
            "scale": np.asarray(self.scale, np.float64),
        }
