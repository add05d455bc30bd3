"""The array module of the kernels, ``xp``: NumPy itself, or a recording of the calls.

Every kernel of the planned fast path (a Dense layer's products, the activations, the
losses, gradient descent's update) takes the array module as an argument, in DeZero's
manner, and writes ``xp.exp(y, out=y)``. By default ``xp`` is NumPy: the call is made at
once, which is the graph of nodes. A :class:`Recording` stands in for NumPy and keeps each
call with its arrays instead, so a plan can lay out a fixed network's step once and replay
it with nothing between the NumPy calls but a loop -- what counts when every array holds
two numbers, as in online training of Mazur's network. Either way the same calls run on
the same arrays, so the two paths agree to the last bit.

A kernel written for ``xp`` writes every result into an array it names (an ``out``
argument or a buffer it allocates while being called); it never uses what an ``xp`` call
returns, which a recording does not have yet.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

import numpy as np

XP = Any  # the module numpy, or a Recording standing in for it


def constant(value: float, dtype: np.dtype) -> np.ndarray:
    """``value`` as a read-only 0-d array of ``dtype``: the same number as a Python float
    would give in an operation on arrays of that dtype, at a lower cost per call."""
    return _constant(value, math.copysign(1.0, value), dtype)  # −0.0 and 0.0 kept apart


@lru_cache(maxsize=512)
def _constant(value: float, sign: float, dtype: np.dtype) -> np.ndarray:
    array = np.array(value, dtype=dtype)
    array.setflags(write=False)
    return array


class Recording:
    """NumPy's calls kept in order with their arguments, replayed by :meth:`replay`.

    ``recording.exp(y, y)`` keeps ``(np.exp, (y, y))``; ``recording.add.reduce(...)``
    keeps ``np.add.reduce``. A recording holds its arrays, not copies: a replay computes
    on whatever they hold then. Buffers a kernel allocates while it is recorded are made
    once and reused.
    """

    def __init__(self) -> None:
        # (function, positional arguments): calling f(*args) costs less than a partial
        self.calls: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def __getattr__(self, name: str) -> _Recorded:
        return _Recorded(self.calls, getattr(np, name))

    def __len__(self) -> int:
        return len(self.calls)

    def replay(self) -> None:
        for function, args in self.calls:
            function(*args)


class _Recorded:
    """One of NumPy's functions (or a ufunc's method) whose calls go into a recording."""

    __slots__ = ("calls", "function")

    def __init__(self, calls: list, function: Callable[..., Any]) -> None:
        self.calls, self.function = calls, function

    def __call__(self, *args: Any, **kwargs: Any) -> None:
        function = partial(self.function, **kwargs) if kwargs else self.function
        self.calls.append((function, args))

    def __getattr__(self, name: str) -> _Recorded:  # np.add.reduce
        return _Recorded(self.calls, getattr(self.function, name))
