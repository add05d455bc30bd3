"""Matrix product and transpose (SanghyukChun's introduction: for y = W·x, ∂E/∂x = Wᵀ·∂E/∂y,
∂E/∂W = ∂E/∂y·xᵀ)."""

from __future__ import annotations

import numpy as np

from chainrule.engine.calls import XP, Array, Grads, Out, Outs
from chainrule.engine.fast import product
from chainrule.engine.tensor import ArrayLike, Node, Tensor


class MatMul(Node):
    """Y = A @ B with A (n, k) and B (k, m).  ∂L/∂A = ∂L/∂Y · Bᵀ, ∂L/∂B = Aᵀ · ∂L/∂Y.

    One-dimensional operands are treated as NumPy does (a row or a column vector).
    """

    op = "matmul"

    def forward(self, a: Array, b: Array, out: Out = None, xp: XP = np) -> Array:
        self.a, self.b = a, b
        if a.ndim == 2 and b.ndim == 2:
            return product(a, b, out, xp)
        y = np.empty(np.matmul(a, b).shape, np.result_type(a, b)) if out is None else out
        xp.matmul(a, b, y)
        return y

    def backward(self, gy: Array, out: Outs = (None, None), xp: XP = np) -> Grads:
        a, b = self.a, self.b
        a2 = a[None, :] if a.ndim == 1 else a
        b2 = b[:, None] if b.ndim == 1 else b
        g2 = gy.reshape(a2.shape[0], b2.shape[1])
        ga = product(g2, b2.T, None if out[0] is None else out[0].reshape(a2.shape), xp)
        gb = product(a2.T, g2, None if out[1] is None else out[1].reshape(b2.shape), xp)
        return ga.reshape(a.shape), gb.reshape(b.shape)


class Transpose(Node):
    """Y = Xᵀ (axes reversed).  ∂L/∂X = (∂L/∂Y)ᵀ: views, no calls."""

    op = "transpose"

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        return x.T

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        return (gy.T,)


def matmul(a: ArrayLike, b: ArrayLike) -> Tensor:
    return MatMul()(a, b)


def transpose(x: ArrayLike) -> Tensor:
    return Transpose()(x)


# Tensor's operators, attached once: a @ b, 2-d @ t, t.T
Tensor.__matmul__ = matmul  # type: ignore[method-assign]
Tensor.__rmatmul__ = lambda self, other: matmul(other, self)  # type: ignore[method-assign]
Tensor.T = property(transpose)  # type: ignore[assignment]
