"""Hypothesis strategies shared by the gradient tests: arrays kept away from kinks and poles."""

from __future__ import annotations

import numpy as np
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

# Moderate example counts keep the suite fast; no deadline (the first call imports torch);
# derandomized, so that every run (and CI) draws the same examples.
SETTINGS = settings(max_examples=40, deadline=None, derandomize=True)
FEW = settings(max_examples=15, deadline=None, derandomize=True)

SHAPES = hnp.array_shapes(min_dims=0, max_dims=3, min_side=1, max_side=4)
NONEMPTY_SHAPES = hnp.array_shapes(min_dims=1, max_dims=3, min_side=1, max_side=4)


def values(low: float = -3.0, high: float = 3.0) -> st.SearchStrategy[float]:
    return st.floats(low, high, allow_nan=False, allow_infinity=False, allow_subnormal=False)


def away_from_zero(low: float = 0.05, high: float = 3.0) -> st.SearchStrategy[float]:
    """|v| in [low, high], either sign: keeps relu, abs and 1/x away from their kink or pole."""
    return st.one_of(values(low, high), values(-high, -low))


def arrays(shape, elements: st.SearchStrategy[float] | None = None) -> st.SearchStrategy:
    return hnp.arrays(np.float64, shape, elements=elements if elements is not None else values())


@st.composite
def spaced_arrays(draw, shape) -> np.ndarray:
    """Values at least 0.05 apart (no ties, so max has one winner per slice, even under ±2h)."""
    if not isinstance(shape, tuple):
        shape = draw(shape)
    size = int(np.prod(shape))
    order = draw(st.permutations(range(size)))
    jitter = draw(hnp.arrays(np.float64, size, elements=values(0.0, 0.05)))
    return ((np.array(order) * 0.1 - 0.05 * size) + jitter).reshape(shape)
