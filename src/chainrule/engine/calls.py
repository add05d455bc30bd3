"""NumPy calls made now, or recorded once and replayed.

Every kernel of the planned fast path (a Dense layer's products, the activations, the
losses, gradient descent's update) makes its NumPy calls through a ``run`` argument:
``run(np.exp, y, y)`` rather than ``np.exp(y, out=y)``. The default, :func:`now`, makes
the call at once: that is the graph of nodes. A :class:`Recording` keeps the call with
its arrays instead, so a plan can lay out a fixed network's step once and replay it
with nothing between the NumPy calls but a loop -- what counts when every array holds
two numbers, as in online training of Mazur's network. Either way the same calls run
on the same arrays, so the two paths agree to the last bit.

A kernel written for ``run`` writes every result into an array it names (an ``out``
argument or a buffer it allocates while being called); it never uses what ``run``
returns, which is ``None`` both ways.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import lru_cache, partial
from typing import Any

import numpy as np

Run = Callable[..., None]


def now(function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
    """Make the call at once (the kernels' default ``run``)."""
    function(*args, **kwargs)


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
    """Calls kept in order with their arguments, to be replayed by :meth:`replay`.

    A recording holds its arrays, not copies: a replay computes on whatever they hold
    then. Buffers a kernel allocates while it is recorded are made once and reused.
    """

    def __init__(self) -> None:
        # (function, positional arguments): calling f(*args) costs less than a partial
        self.calls: list[tuple[Callable[..., Any], tuple[Any, ...]]] = []

    def __call__(self, function: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.calls.append((partial(function, **kwargs) if kwargs else function, args))

    def __len__(self) -> int:
        return len(self.calls)

    def replay(self) -> None:
        for function, args in self.calls:
            function(*args)
