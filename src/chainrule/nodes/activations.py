"""Activation nodes: sigmoid, tanh, |t|, ReLU (seed 003) and softmax.

The math of each is a pair of small kernel functions on arrays (``*_forward`` and
``*_backward``, with optional ``out=`` buffers); the node classes call them, and so
does the planned fast path, so the formulas live in one place.
"""

from __future__ import annotations

import numpy as np

from ..tensor import ArrayLike, Node, Tensor

# -- kernels ---------------------------------------------------------------------------
# Forward kernels: f(net, out=None) -> out.  Backward kernels share one signature,
# b(g, net, y, out=None) -> ∂L/∂net, where g = ∂L/∂y, net the input and y = f(net).


_EXP_LIMIT = {"f": 88.0, "e": 11.0}  # float32, float16; float64 uses 709


def _buffer(like: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    return np.empty_like(like) if out is None else out


def sigmoid_forward(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """y = 1 / (1 + e^(−x)).

    e^(−x) is taken of min(−x, c), c = 709 for float64 and 88 for float32, just inside
    the range of exp: no overflow, and for x < −c, y is a number below the smallest
    normal float (1e−308, 1e−38), where the exact value is smaller still.
    """
    y = np.negative(x, out=_buffer(x, out))
    np.minimum(y, _EXP_LIMIT.get(y.dtype.char, 709.0), out=y)
    np.exp(y, out=y)
    y += 1.0
    return np.reciprocal(y, out=y)


def sigmoid_backward(g, x, y, out=None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · y(1 − y) (seed 001: the Sigmoid layer keeps its output for backward)."""
    d = np.subtract(1.0, y, out=_buffer(y, out))
    d *= y
    d *= g
    return d


def tanh_forward(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """y = tanh x."""
    return np.tanh(x, out=_buffer(x, out))


def tanh_backward(g, x, y, out=None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · (1 − y²)."""
    d = np.multiply(y, y, out=_buffer(y, out))
    np.subtract(1.0, d, out=d)
    d *= g
    return d


def relu_forward(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """y = max(0, x)."""
    return np.maximum(x, 0.0, out=_buffer(x, out))


def relu_backward(g, x, y, out=None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y where x ≥ 0, else 0 (seed 003's rule, which passes the gradient at 0)."""
    return np.multiply(g, x >= 0, out=_buffer(g, out))


def abs_forward(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """y = |x|."""
    return np.abs(x, out=_buffer(x, out))


def abs_backward(g, x, y, out=None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · sign(x) (0 at x = 0)."""
    d = np.sign(x, out=_buffer(x, out))
    d *= g
    return d


def identity_forward(x: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """y = x."""
    if out is None:
        return x
    np.copyto(out, x)
    return out


def identity_backward(g, x, y, out=None) -> np.ndarray:
    """∂L/∂x = ∂L/∂y."""
    if out is None:
        return g
    np.copyto(out, g)
    return out


def softmax_forward(x: np.ndarray, out: np.ndarray | None = None, axis: int = -1) -> np.ndarray:
    """y_k = e^(x_k − max x) / Σ_j e^(x_j − max x) (shifted by the max, so no overflow)."""
    e = np.subtract(x, np.max(x, axis=axis, keepdims=True), out=_buffer(x, out))
    np.exp(e, out=e)
    e /= np.sum(e, axis=axis, keepdims=True)
    return e


def softmax_backward(g, x, y, out=None, axis: int = -1) -> np.ndarray:
    """∂L/∂x = y ⊙ (∂L/∂y − Σ_k ∂L/∂y_k · y_k)."""
    d = np.subtract(g, np.sum(g * y, axis=axis, keepdims=True), out=_buffer(y, out))
    d *= y
    return d


# name → (forward kernel, backward kernel), for layers and the planned fast path
KERNELS = {
    "sigmoid": (sigmoid_forward, sigmoid_backward),
    "tanh": (tanh_forward, tanh_backward),
    "relu": (relu_forward, relu_backward),
    "abs": (abs_forward, abs_backward),
    "identity": (identity_forward, identity_backward),
    "softmax": (softmax_forward, softmax_backward),
}


# -- nodes -------------------------------------------------------------------------------


class Sigmoid(Node):
    """The fused sigmoid y = 1/(1 + e^(−x)); ∂y/∂x = y(1 − y)."""

    op = "sigmoid"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = sigmoid_forward(x)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (sigmoid_backward(gy, None, self.y),)


class Tanh(Node):
    """y = tanh x; ∂y/∂x = 1 − y²."""

    op = "tanh"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = tanh_forward(x)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (tanh_backward(gy, None, self.y),)


class ReLU(Node):
    """y = max(0, x); ∂y/∂x = 1 where x ≥ 0, else 0 (seed 003)."""

    op = "relu"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return relu_forward(x)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (relu_backward(gy, self.x, None),)


class Abs(Node):
    """y = |x|; ∂y/∂x = sign(x) (0 at x = 0)."""

    op = "abs"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return abs_forward(x)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (abs_backward(gy, self.x, None),)


class Softmax(Node):
    """y = softmax(x) along ``axis``; ∂L/∂x = y ⊙ (∂L/∂y − Σ ∂L/∂y ⊙ y)."""

    op = "softmax"

    def __init__(self, axis: int = -1) -> None:
        self.axis = axis

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = softmax_forward(x, axis=self.axis)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (softmax_backward(gy, None, self.y, axis=self.axis),)


def sigmoid(x: ArrayLike) -> Tensor:
    return Sigmoid()(x)


def tanh(x: ArrayLike) -> Tensor:
    return Tanh()(x)


def relu(x: ArrayLike) -> Tensor:
    return ReLU()(x)


def abs(x: ArrayLike) -> Tensor:
    return Abs()(x)


def softmax(x: ArrayLike, axis: int = -1) -> Tensor:
    return Softmax(axis)(x)
