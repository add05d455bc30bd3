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

from chainrule.engine.calls import XP, Array, Grads, Out, Outs
from chainrule.engine.fast import plain_bias, product, summed
from chainrule.engine.tensor import ArrayLike, Node, Tensor


def dense_forward(
    x: np.ndarray, w: np.ndarray, b: np.ndarray | None, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """net = x·Wᵀ (+ b): x (samples, inputs), W (units, inputs), net (samples, units)."""
    net = product(x, w.T, out, xp)
    if b is not None:
        xp.add(net, plain_bias(b, net), net)
    return net


def dense_backward_input(
    delta: np.ndarray, w: np.ndarray, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂x = δ·W (JongSeobJ's matrix form: δ_H comes from δ_O·W_HOᵀ in its row-per-input
    layout)."""
    return product(delta, w, out, xp)


def dense_backward_weights(
    delta: np.ndarray, x: np.ndarray, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂W = δᵀ·x, summed over the samples (JongSeobJ's matrix form: ∂E/∂W_HO = out_Hᵀ δ_O,
    transposed)."""
    return product(delta.T, x, out, xp)


def shared_bias(units: int, b: np.ndarray | None) -> bool:
    """True when b is one bias shared by a layer's neurons: shape (1,) for more than one
    unit (for a single unit, shared and per-neuron are the same sum over the samples)."""
    return b is not None and b.shape == (1,) and units != 1


def dense_backward_bias(
    delta: np.ndarray, shared: bool, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂b = Σ δ over the samples; a shared bias also sums over the units (b2 ← b2 − η·Σ δ_O)."""
    if out is None:
        out = np.empty(1 if shared else delta.shape[1], dtype=delta.dtype)
    return summed(delta, shared, out, xp)


class DenseNode(Node):
    """net = x·Wᵀ + b, with its three gradients; ``b`` may be omitted (no bias)."""

    op = "dense"

    def forward(
        self, x: Array, w: Array, b: Array | None = None, *, out: Out = None, xp: XP = np
    ) -> Array:
        self.x, self.w = x, w
        self.shared = shared_bias(w.shape[0], b)
        self.has_bias = b is not None
        return dense_forward(x, w, b, out, xp)

    def backward(self, gy: Array, out: Outs = (None, None, None), xp: XP = np) -> Grads:
        # the network's input needs no gradient: skip a third of the first layer's work
        needed = self.inputs[0].requires_grad
        gx = dense_backward_input(gy, self.w, out[0], xp) if needed else None
        gw = dense_backward_weights(gy, self.x, out[1], xp)
        if not self.has_bias:
            return gx, gw
        return gx, gw, dense_backward_bias(gy, self.shared, out[2], xp)


def dense(x: ArrayLike, w: ArrayLike, b: ArrayLike | None = None) -> Tensor:
    """Apply a fresh :class:`DenseNode`: ``x·Wᵀ + b``."""
    if b is None:
        return DenseNode()(x, w)
    return DenseNode()(x, w, b)
