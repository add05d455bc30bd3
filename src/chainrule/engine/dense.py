"""The fully connected layer as one node: net = x·Wᵀ + b.

Shapes: x is (samples, inputs), W is (units, inputs) -- ``W[j][i]`` is the weight from
input i to neuron j, so Mazur's w1…w8 read row by row -- and b is (units,) for a bias
per neuron or (1,) for one bias shared by the layer's neurons (Mazur's example and JongSeobJ's
matrix form).

Backward (SanghyukChun's introduction, JongSeobJ's matrix form), with δ = ∂E/∂net of shape
(samples, units):
    ∂E/∂x = δ·W          ∂E/∂W = δᵀ·x          ∂E/∂b = Σ_samples δ   (Σ over all of δ if shared)
"""

from __future__ import annotations

import numpy as np

from chainrule.engine.calls import XP
from chainrule.engine.tensor import ArrayLike, Node, Tensor


def product(
    a: np.ndarray,
    b: np.ndarray,
    out: np.ndarray | None,
    transposed: bool = False,
    xp: XP = np,
) -> np.ndarray:
    """C = A·B into ``out`` (a new array if None). With ``transposed`` the same product is
    computed as Cᵀ = Bᵀ·Aᵀ into ``out``ᵀ.

    Both are one BLAS call on the same numbers; which of the two runs faster depends on
    the shapes and the BLAS, so the planned fast path may pick (see :mod:`chainrule.nn.plan`).
    Into a C-ordered buffer of the same dtype, from operands stored in one piece (C- or
    Fortran-ordered), the product is ``np.dot``: for 2-d arrays it gives matmul's bits
    (the tests compare them) at about half the fixed cost, which counts when the matrices
    are tiny, as in online training of Mazur's network. (A strided operand stays with
    matmul: there dot copies it and may round differently.)
    """
    if out is None:
        out = np.empty(a.shape[:-1] + b.shape[1:], dtype=np.result_type(a, b))
    if transposed:
        xp.matmul(b.T, a.T, out=out.T)
    elif (
        a.dtype == b.dtype == out.dtype
        and out.flags.c_contiguous
        and (a.flags.c_contiguous or a.flags.f_contiguous)
        and (b.flags.c_contiguous or b.flags.f_contiguous)
    ):
        xp.dot(a, b, out)  # the same BLAS call and bits as matmul, less overhead
    else:
        xp.matmul(a, b, out=out)
    return out


def dense_forward(
    x: np.ndarray,
    w: np.ndarray,
    b: np.ndarray | None,
    out: np.ndarray | None = None,
    transposed: bool = False,
    xp: XP = np,
) -> np.ndarray:
    """net = x·Wᵀ (+ b)."""
    net = product(x, w.T, out, transposed, xp)
    if b is not None:
        # the same sum with less fixed cost: a shared bias as a 0-d view, a per-neuron
        # bias on one sample as a (1, units) view, so that nothing is broadcast
        if b.shape == (1,):
            b = b.reshape(())
        elif net.ndim == 2 and net.shape[0] == 1:
            b = b.reshape(1, -1)
        xp.add(net, b, net)
    return net


def dense_backward_input(
    delta: np.ndarray,
    w: np.ndarray,
    out: np.ndarray | None = None,
    transposed: bool = False,
    xp: XP = np,
) -> np.ndarray:
    """∂E/∂x = δ·W (JongSeobJ's matrix form: δ_H comes from δ_O·W_HOᵀ in its row-per-input
    layout)."""
    return product(delta, w, out, transposed, xp)


def dense_backward_weights(
    delta: np.ndarray,
    x: np.ndarray,
    out: np.ndarray | None = None,
    transposed: bool = False,
    xp: XP = np,
) -> np.ndarray:
    """∂E/∂W = δᵀ·x, summed over the samples (JongSeobJ's matrix form: ∂E/∂W_HO = out_Hᵀ δ_O,
    transposed)."""
    return product(delta.T, x, out, transposed, xp)


def shared_bias(units: int, b: np.ndarray | None) -> bool:
    """True when b is one bias shared by a layer's neurons: shape (1,) for more than one
    unit (for a single unit, shared and per-neuron are the same sum over the samples)."""
    return b is not None and b.shape == (1,) and units != 1


_SMALL = 64  # up to this many numbers of δ, a shared bias's gradient is a dot with ones


def dense_backward_bias(
    delta: np.ndarray, shared: bool, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂b = Σ δ over the samples; a shared bias also sums over the units (b2 ← b2 − η·Σ δ_O)."""
    if out is None:
        out = np.empty(1 if shared else delta.shape[1], dtype=delta.dtype)
    if shared and delta.size <= _SMALL and delta.flags.c_contiguous:
        # a few numbers: Σ δ as one BLAS dot with ones, at less fixed cost than a reduction
        xp.dot(delta.reshape(-1), np.ones(delta.size, delta.dtype), out.reshape(()))
    elif shared:
        # over all of δ by pairwise summation, into out as a 0-d view
        xp.add.reduce(delta, None, None, out.reshape(()))
    elif delta.shape[0] == 1:
        # one sample: its δ is the sum; + 0.0 as the reduction starts from 0 (−0.0 → 0.0)
        xp.add(delta[0], 0.0, out)
    else:
        xp.add.reduce(delta, 0, None, out)
    return out


class DenseNode(Node):
    """net = x·Wᵀ + b, with its three gradients; ``b`` may be omitted (no bias)."""

    op = "dense"

    def forward(self, x: np.ndarray, w: np.ndarray, b: np.ndarray | None = None) -> np.ndarray:
        self.x, self.w = x, w
        self.shared = shared_bias(w.shape[0], b)
        self.has_bias = b is not None
        return dense_forward(x, w, b)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray | None, ...]:
        # the network's input needs no gradient: skip a third of the first layer's work
        gx = dense_backward_input(gy, self.w) if self.inputs[0].requires_grad else None
        gw = dense_backward_weights(gy, self.x)
        if not self.has_bias:
            return gx, gw
        return gx, gw, dense_backward_bias(gy, self.shared)


def dense(x: ArrayLike, w: ArrayLike, b: ArrayLike | None = None) -> Tensor:
    """Apply a fresh :class:`DenseNode`: ``x·Wᵀ + b``."""
    if b is None:
        return DenseNode()(x, w)
    return DenseNode()(x, w, b)
