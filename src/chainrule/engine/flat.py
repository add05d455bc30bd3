"""Parameters in one array: each parameter's values a view of one flat buffer.

A network keeps all its weights and biases side by side in one contiguous array, and a
plan keeps their gradients in a second array with the same layout. An elementwise update
such as gradient descent's w⁺ = w − η·∂E/∂w can then run once over the whole buffer
instead of once per parameter: the same operation on every number, so the same bits,
with a fraction of the calls (what decides the speed of online training on a small
network like Mazur's, where every array holds a handful of numbers).
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import numpy as np


def pack(arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Copies of ``arrays``, in this order, as views of one new contiguous buffer.

    The buffer has the arrays' common dtype (NumPy's result type; a network packs only
    when all its parameters share one); the views keep their shapes.
    """
    dtype = np.result_type(*arrays)
    flat = np.empty(sum(a.size for a in arrays), dtype=dtype)
    views, start = [], 0
    for a in arrays:
        view = flat[start : start + a.size].reshape(a.shape)
        view[...] = a
        views.append(view)
        start += a.size
    return views


def _address(a: np.ndarray) -> int:
    return int(a.__array_interface__["data"][0])


def layout(arrays: Sequence[np.ndarray]) -> tuple[np.ndarray, list[int]] | None:
    """(the run of one buffer that ``arrays`` cover, each array's offset in that run), or
    ``None`` unless the arrays are contiguous views of one 1-d buffer that together cover
    a gap-free stretch of it, each once (in any order)."""
    if not arrays:
        return None
    base = arrays[0].base
    if not isinstance(base, np.ndarray) or base.ndim != 1 or not base.flags.c_contiguous:
        return None
    itemsize, origin = base.itemsize, _address(base)
    offsets = []
    for a in arrays:
        if a.base is not base or not a.flags.c_contiguous or a.dtype != base.dtype:
            return None
        offsets.append((_address(a) - origin) // itemsize)
    spans = sorted(zip(offsets, (a.size for a in arrays), strict=True))
    for (start, size), (following, _) in pairwise(spans):
        if start + size != following:
            return None
    first, (last, size) = spans[0][0], spans[-1]
    return base[first : last + size], [o - first for o in offsets]


def like(arrays: Sequence[np.ndarray]) -> list[np.ndarray]:
    """Zero arrays shaped like ``arrays``; views of one new buffer, laid out as ``arrays``
    are when they form one :func:`layout`, separate arrays otherwise."""
    found = layout(arrays)
    if found is None:
        return [np.zeros_like(a) for a in arrays]
    run, offsets = found
    flat = np.zeros_like(run)
    return [flat[o : o + a.size].reshape(a.shape) for a, o in zip(arrays, offsets, strict=True)]


def paired(data: Sequence[np.ndarray], grads: Sequence[np.ndarray]) -> tuple[Any, ...]:
    """(flat data, flat gradients, each array's offset in them) when both lists are laid
    out alike in one run each, so that one elementwise operation on the pair updates every
    parameter; else ``()``."""
    b = layout(grads)  # first: fresh gradients of the graph of nodes fail at once
    a = None if b is None else layout(data)
    if a is None or b is None or a[1] != b[1] or a[0].dtype != b[0].dtype:
        return ()
    return a[0], b[0], a[1]
