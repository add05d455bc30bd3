"""Activation nodes: sigmoid, tanh, |t|, ReLU (SanghyukChun's introduction) and softmax.

The math of each is a pair of small kernel functions on arrays (``*_forward`` and
``*_backward``, with optional ``out=`` buffers); the node classes call them, and so
does the planned fast path, so the formulas live in one place.
"""

from __future__ import annotations

import numpy as np

from chainrule.engine.calls import XP, constant
from chainrule.engine.tensor import ArrayLike, Node, Tensor

# -- kernels ---------------------------------------------------------------------------
# Forward kernels: f(net, out=None, xp=np) -> out.  Backward kernels share one
# signature, b(g, net, y, out=None, xp=np) -> ∂L/∂net, where g = ∂L/∂y, net the input
# and y = f(net). ``xp`` is NumPy, or a recording of its calls (see chainrule.engine.calls).


_EXP_LIMIT = {"f": 88.0, "e": 11.0}  # float32, float16; float64 uses 709


def _buffer(like: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    return np.empty_like(like) if out is None else out


def sigmoid_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = 1 / (1 + e^(−x)).

    e^(−x) is taken of min(−x, c), c = 709 for float64 and 88 for float32, just inside
    the range of exp: no overflow, and for x < −c, y is a number below the smallest
    normal float (1e−308, 1e−38), where the exact value is smaller still.
    """
    y = _buffer(x, out)
    xp.negative(x, y)
    xp.minimum(y, constant(_EXP_LIMIT.get(y.dtype.char, 709.0), y.dtype), out=y)
    xp.exp(y, y)
    xp.add(y, constant(1.0, y.dtype), y)
    xp.reciprocal(y, y)
    return y


def sigmoid_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · y(1 − y) (the chain-rule slides: the Sigmoid layer keeps its output for
    backward)."""
    d = _buffer(y, out)
    xp.subtract(constant(1.0, y.dtype), y, d)
    xp.multiply(d, y, d)
    xp.multiply(d, g, d)
    return d


def tanh_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = tanh x."""
    y = _buffer(x, out)
    xp.tanh(x, y)
    return y


def tanh_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · (1 − y²)."""
    d = _buffer(y, out)
    xp.multiply(y, y, d)
    xp.subtract(constant(1.0, y.dtype), d, d)
    xp.multiply(d, g, d)
    return d


def relu_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = max(0, x)."""
    y = _buffer(x, out)
    xp.maximum(x, constant(0.0, x.dtype), out=y)
    return y


def relu_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y where x ≥ 0, else 0 (SanghyukChun's rule, which passes the gradient at 0)."""
    d = _buffer(g, out)
    passes = np.empty(x.shape, dtype=bool)  # x ≥ 0
    xp.greater_equal(x, constant(0.0, x.dtype), passes)
    xp.multiply(g, passes, d)
    return d


def abs_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = |x|."""
    y = _buffer(x, out)
    xp.abs(x, y)
    return y


def abs_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y · sign(x) (0 at x = 0)."""
    d = _buffer(x, out)
    xp.sign(x, d)
    xp.multiply(d, g, d)
    return d


def identity_forward(x: np.ndarray, out: np.ndarray | None = None, xp: XP = np) -> np.ndarray:
    """y = x."""
    if out is None:
        return x
    xp.copyto(out, x)
    return out


def identity_backward(g, x, y, out=None, xp: XP = np) -> np.ndarray:
    """∂L/∂x = ∂L/∂y."""
    if out is None:
        return g
    xp.copyto(out, g)
    return out


def _reduced(x: np.ndarray, axis: int) -> np.ndarray:
    """A buffer for a reduction of x along ``axis`` that keeps the dimension."""
    shape = list(x.shape)
    shape[axis] = 1
    return np.empty(shape, dtype=x.dtype)


def softmax_forward(
    x: np.ndarray, out: np.ndarray | None = None, xp: XP = np, axis: int = -1
) -> np.ndarray:
    """y_k = e^(x_k − max x) / Σ_j e^(x_j − max x) (shifted by the max, so no overflow)."""
    y, peak, total = _buffer(x, out), _reduced(x, axis), _reduced(x, axis)
    xp.maximum.reduce(x, axis, None, peak, True)
    xp.subtract(x, peak, y)
    xp.exp(y, y)
    xp.add.reduce(y, axis, None, total, True)
    xp.divide(y, total, y)
    return y


def softmax_backward(g, x, y, out=None, xp: XP = np, axis: int = -1) -> np.ndarray:
    """∂L/∂x = y ⊙ (∂L/∂y − Σ_k ∂L/∂y_k · y_k)."""
    d, total = _buffer(y, out), _reduced(y, axis)
    xp.multiply(g, y, d)
    xp.add.reduce(d, axis, None, total, True)
    xp.subtract(g, total, d)
    xp.multiply(d, y, d)
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
    """y = max(0, x); ∂y/∂x = 1 where x ≥ 0, else 0 (SanghyukChun's introduction)."""

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
