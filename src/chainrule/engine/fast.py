"""Speed tricks, kept out of the math: each gives the same numbers as the plain NumPy call.

The nodes write their formulas with these helpers where a faster form of the same call
exists (``product`` for C = A·B, ``summed`` for a bias's Σ δ, ``plain_bias`` for + b);
a plan then reworks its recorded calls (``tune``: a product as Cᵀ = Bᵀ·Aᵀ where that is
faster and gives the same bits; ``without_unit_factors``: drops ·1). What decides the speed of
online training of Mazur's network, where every array holds two numbers, is the fixed cost of
each call; for large layers it is the BLAS (teenygrad keeps speed in its backend likewise).
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import numpy as np

from chainrule.engine.calls import XP, Recording

_SMALL = 64  # up to this many numbers, a shared bias's Σ δ is a dot with ones


def _whole(a: np.ndarray) -> bool:
    return bool(a.flags.c_contiguous or a.flags.f_contiguous)


def product(a: np.ndarray, b: np.ndarray, out: np.ndarray | None = None, xp: XP = np):
    """C = A·B into ``out`` (a new array if None): A (n, k), B (k, m), C (n, m).

    Into a C-ordered buffer of the same dtype, from operands stored in one piece, this is
    ``np.dot``: for 2-d arrays matmul's bits (the tests compare them) at about half the fixed
    cost. A strided operand stays with matmul (dot would copy it and may round differently).
    """
    if out is None:
        out = np.empty(a.shape[:-1] + b.shape[1:], dtype=np.result_type(a, b))
    same = a.dtype == b.dtype == out.dtype
    if same and out.flags.c_contiguous and _whole(a) and _whole(b):
        xp.dot(a, b, out)
    else:
        xp.matmul(a, b, out)
    return out


def transposed(call: tuple[Callable[..., Any], tuple[Any, ...]]) -> tuple[Any, ...]:
    """The recorded product C = A·B as Cᵀ = Bᵀ·Aᵀ into ``out``ᵀ: one BLAS call on the same
    numbers, faster or slower than the direct form depending on the shapes and the BLAS."""
    a, b, out = call[1]
    return np.matmul, (b.T, a.T, out.T)


def _is_product(call: tuple[Callable[..., Any], tuple[Any, ...]]) -> bool:
    function, args = call
    return function in (np.dot, np.matmul) and len(args) == 3 and args[0].ndim == 2


def _best(function: Callable[..., Any], args: tuple[Any, ...], repeats: int) -> float:
    best = np.inf
    for _ in range(repeats):
        start = time.perf_counter()
        function(*args)
        best = min(best, time.perf_counter() - start)
    return best


def _random_like(a: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    r = rng.standard_normal(a.shape).astype(a.dtype)
    return np.asfortranarray(r) if a.flags.f_contiguous and not a.flags.c_contiguous else r


def tune(recording: Recording, forms: str = "fastest", repeats: int = 3) -> None:
    """Each recorded 2-d product in its direct form, its transposed form (``forms``
    "direct", "transposed"), or whichever of the two runs faster here (timed on the
    recording's own shapes, the best of ``repeats``) *and* gives the same bits on random
    numbers of those shapes and layouts: the choice never changes a result."""
    rng = np.random.default_rng(0)
    for i, call in enumerate(recording.calls):
        if forms == "direct" or not _is_product(call):
            continue
        flipped = transposed(call)
        if forms == "transposed":
            recording.calls[i] = flipped
            continue
        a, b, out = (_random_like(v, rng) for v in call[1])
        direct = call[0], (a, b, out)
        other = np.empty_like(out)
        trial = transposed((np.matmul, (a, b, other)))
        faster = _best(*trial, repeats) < _best(*direct, repeats)
        if faster and np.array_equal(out, other):
            recording.calls[i] = flipped


def without_unit_factors(recording: Recording, one: np.ndarray) -> None:
    """Drop the recorded calls d ← 1·d, d ← d·1 (for the ``one`` a plan seeds backward
    with, ∂E/∂E = 1): x·1 = x in floating point, bit for bit."""

    def unit(call: tuple[Callable[..., Any], tuple[Any, ...]]) -> bool:
        function, args = call
        if function is not np.multiply or len(args) != 3:
            return False
        a, b, out = args
        return (a is one and b is out) or (b is one and a is out)

    recording.calls[:] = [c for c in recording.calls if not unit(c)]


def summed(delta: np.ndarray, shared: bool, out: np.ndarray, xp: XP = np) -> np.ndarray:
    """Σ δ over the samples (axis 0) into ``out``, over all of δ when ``shared``; the same
    sums at less fixed cost for a few numbers."""
    if shared and delta.size <= _SMALL and delta.flags.c_contiguous:
        # a few numbers: Σ δ as one BLAS dot with ones, at less fixed cost than a reduction
        xp.dot(delta.reshape(-1), np.ones(delta.size, delta.dtype), out.reshape(()))
    elif shared:
        xp.add.reduce(delta, None, None, out.reshape(()))  # pairwise summation
    elif delta.shape[0] == 1:
        # one sample: its δ is the sum; + 0.0 as the reduction starts from 0 (−0.0 → 0.0)
        xp.add(delta[0], 0.0, out)
    else:
        xp.add.reduce(delta, 0, None, out)
    return out


def plain_bias(b: np.ndarray, net: np.ndarray) -> np.ndarray:
    """b as a view that ``net + b`` needs not broadcast: a shared bias (1,) as 0-d, a
    per-neuron bias on one sample as (1, units); the same sum at less fixed cost."""
    if b.shape == (1,):
        return b.reshape(())
    if net.ndim == 2 and net.shape[0] == 1:
        return b.reshape(1, -1)
    return b
