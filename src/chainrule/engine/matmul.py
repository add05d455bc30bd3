"""Matrix product and transpose (SanghyukChun's introduction: for y = W·x, ∂E/∂x = Wᵀ·∂E/∂y, ∂E/∂W
= ∂E/∂y·xᵀ)."""

from __future__ import annotations

import numpy as np

from chainrule.engine.tensor import ArrayLike, Node, Tensor


class MatMul(Node):
    """Y = A @ B with A (n, k) and B (k, m).  ∂L/∂A = ∂L/∂Y · Bᵀ, ∂L/∂B = Aᵀ · ∂L/∂Y.

    One-dimensional operands are treated as NumPy does (a row or a column vector).
    """

    op = "matmul"

    def forward(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        self.a, self.b = a, b
        return a @ b

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        a, b = self.a, self.b
        a2 = a[None, :] if a.ndim == 1 else a
        b2 = b[:, None] if b.ndim == 1 else b
        g2 = gy.reshape(a2.shape[0], b2.shape[1])
        return (g2 @ b2.T).reshape(a.shape), (a2.T @ g2).reshape(b.shape)


class Transpose(Node):
    """Y = Xᵀ (axes reversed).  ∂L/∂X = (∂L/∂Y)ᵀ."""

    op = "transpose"

    def forward(self, x: np.ndarray) -> np.ndarray:
        return x.T

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (gy.T,)


def matmul(a: ArrayLike, b: ArrayLike) -> Tensor:
    return MatMul()(a, b)


def transpose(x: ArrayLike) -> Tensor:
    return Transpose()(x)
