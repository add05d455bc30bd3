"""Activation nodes: sigmoid, tanh, |t|, ReLU (seed 003) and softmax.

The math of each is a pair of small kernel functions on arrays (``*_forward`` and
``*_backward``, with optional ``out=`` buffers); the node classes call them, and so
does the planned fast path, so the formulas live in one place.
"""

from __future__ import annotations

import numpy as np

from ..tensor import ArrayLike, Node, Tensor

# -- kernels ---------------------------------------------------------------------------

def sigmoid_forward(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """out = 1 / (1 + e^(−x)), without overflow: e^(−|x|)/(1 + e^(−|x|)) where x < 0."""
    e = np.exp(-np.abs(x))
    y = np.divide(1.0, 1.0 + e, out=np.empty_like(e) if out is None else out)
    np.multiply(y, e, out=y, where=x < 0)
    return y


def sigmoid_backward(gy: np.ndarray, y: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · y(1 − y) (seed 001: the Sigmoid layer keeps its output for backward)."""
    g = np.subtract(1.0, y, out=out)
    g *= y
    g *= gy
    return g

def tanh_backward(gy: np.ndarray, y: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · (1 − y²)."""
    g = np.multiply(y, y, out=out)
    np.subtract(1.0, g, out=g)
    g *= gy
    return g

def relu_backward(gy: np.ndarray, x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y where x ≥ 0, else 0 (seed 003's rule, which passes the gradient at 0)."""
    return np.multiply(gy, x >= 0, out=out)

def softmax_forward(x: np.ndarray, axis: int = -1) -> np.ndarray:
    """y_k = e^(x_k − max x) / Σ_j e^(x_j − max x) (shifted by the max, so no overflow)."""
    e = np.exp(x - np.max(x, axis=axis, keepdims=True))
    e /= np.sum(e, axis=axis, keepdims=True)
    return e

def softmax_backward(gy: np.ndarray, y: np.ndarray, axis: int = -1) -> np.ndarray:
    """∂L/∂x = y ⊙ (∂L/∂y − Σ_k ∂L/∂y_k · y_k)."""
    return y * (gy - np.sum(gy * y, axis=axis, keepdims=True))

# -- nodes -------------------------------------------------------------------------------

class Sigmoid(Node):
    """The fused sigmoid y = 1/(1 + e^(−x)); ∂y/∂x = y(1 − y)."""

    op = "sigmoid"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = sigmoid_forward(x)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (sigmoid_backward(gy, self.y),)

class Tanh(Node):
    """y = tanh x; ∂y/∂x = 1 − y²."""

    op = "tanh"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = np.tanh(x)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (tanh_backward(gy, self.y),)

class ReLU(Node):
    """y = max(0, x); ∂y/∂x = 1 where x ≥ 0, else 0 (seed 003)."""

    op = "relu"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return np.maximum(x, 0.0)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (relu_backward(gy, self.x),)

class Abs(Node):
    """y = |x|; ∂y/∂x = sign(x) (0 at x = 0)."""

    op = "abs"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return np.abs(x)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (gy * np.sign(self.x),)

class Softmax(Node):
    """y = softmax(x) along ``axis``; ∂L/∂x = y ⊙ (∂L/∂y − Σ ∂L/∂y ⊙ y)."""

    op = "softmax"

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = softmax_forward(x, self.axis)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (softmax_backward(gy, self.y, self.axis),)

def sigmoid(x: ArrayLike) -> Tensor:
    return Sigmoid()(x)

def tanh(x: ArrayLike) -> Tensor:
    return Tanh()(x)

def relu(x: ArrayLike) -> Tensor:
    return ReLU()(x)

def abs(x: ArrayLike) -> Tensor:  # noqa: A001
    return Abs()(x)

def softmax(x: ArrayLike, axis: int = -1) -> Tensor:
    return Softmax(axis)(x)

