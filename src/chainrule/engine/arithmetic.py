"""Add, subtract, multiply, divide, negate: the nodes of the chain-rule slides' apple graph.

Broadcasting is undone in backward by :func:`~chainrule.engine.tensor.unbroadcast`. Each node
follows :class:`~chainrule.engine.tensor.Node`'s protocol (``out`` buffers, ``xp``).
"""

from __future__ import annotations

import numpy as np

from chainrule.engine.calls import XP, Array, Grads, Out, Outs
from chainrule.engine.tensor import ArrayLike, Node, Tensor, unbroadcast


def result(out: np.ndarray | None, *xs: np.ndarray) -> np.ndarray:
    """``out``, or a new array of the shape and dtype NumPy gives the inputs' result."""
    shape = np.broadcast_shapes(*(x.shape for x in xs))
    return np.empty(shape, np.result_type(*xs)) if out is None else out


class Add(Node):
    """y = a + b.  ∂y/∂a = ∂y/∂b = 1: the upstream gradient passes through unchanged (the
    chain-rule slides)."""

    op = "add"

    def forward(self, a: Array, b: Array, out: Out = None, xp: XP = np) -> Array:
        self.shapes = (a.shape, b.shape)
        y = result(out, a, b)
        xp.add(a, b, y)
        return y

    def backward(self, gy: Array, out: Outs = (None, None), xp: XP = np) -> Grads:
        return tuple(unbroadcast(gy, s, o, xp) for s, o in zip(self.shapes, out, strict=True))


class Subtract(Node):
    """y = a − b.  ∂y/∂a = 1, ∂y/∂b = −1."""

    op = "sub"

    def forward(self, a: Array, b: Array, out: Out = None, xp: XP = np) -> Array:
        self.shapes = (a.shape, b.shape)
        y = result(out, a, b)
        xp.subtract(a, b, y)
        return y

    def backward(self, gy: Array, out: Outs = (None, None), xp: XP = np) -> Grads:
        xp.negative(gy, minus := np.empty_like(gy))
        return unbroadcast(gy, self.shapes[0], out[0], xp), unbroadcast(
            minus, self.shapes[1], out[1], xp
        )


class Multiply(Node):
    """y = a · b.  ∂L/∂a = ∂L/∂y · b, ∂L/∂b = ∂L/∂y · a.

    Each input gets the *other* one ("swapped", the chain-rule slides).
    """

    op = "mul"

    def forward(self, a: Array, b: Array, out: Out = None, xp: XP = np) -> Array:
        self.a, self.b = a, b
        y = result(out, a, b)
        xp.multiply(a, b, y)
        return y

    def backward(self, gy: Array, out: Outs = (None, None), xp: XP = np) -> Grads:
        xp.multiply(gy, self.b, ga := result(None, gy, self.b))
        xp.multiply(gy, self.a, gb := result(None, gy, self.a))
        return unbroadcast(ga, self.a.shape, out[0], xp), unbroadcast(gb, self.b.shape, out[1], xp)


class Divide(Node):
    """y = a / b.  ∂y/∂a = 1/b, ∂y/∂b = −a/b² = −y/b."""

    op = "div"

    def forward(self, a: Array, b: Array, out: Out = None, xp: XP = np) -> Array:
        self.a_shape, self.b = a.shape, b
        self.y = result(out, a, b)
        xp.divide(a, b, self.y)
        return self.y

    def backward(self, gy: Array, out: Outs = (None, None), xp: XP = np) -> Grads:
        xp.divide(gy, self.b, ga := result(None, gy, self.b))
        xp.negative(ga, gb := np.empty_like(ga))
        xp.multiply(gb, self.y, gb)
        return unbroadcast(ga, self.a_shape, out[0], xp), unbroadcast(gb, self.b.shape, out[1], xp)


class Negate(Node):
    """y = −x.  ∂y/∂x = −1 (the ×(−1) node of the chain-rule slides' sigmoid)."""

    op = "neg"

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        y = result(out, x)
        xp.negative(x, y)
        return y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        g = result(out[0], gy)
        xp.negative(gy, g)
        return (g,)


def add(a: ArrayLike, b: ArrayLike) -> Tensor:
    return Add()(a, b)


def subtract(a: ArrayLike, b: ArrayLike) -> Tensor:
    return Subtract()(a, b)


def multiply(a: ArrayLike, b: ArrayLike) -> Tensor:
    return Multiply()(a, b)


def divide(a: ArrayLike, b: ArrayLike) -> Tensor:
    return Divide()(a, b)


def negate(x: ArrayLike) -> Tensor:
    return Negate()(x)


def _swapped(function):
    return lambda a, b: function(b, a)


# Tensor's operators, attached once (DeZero's setup_variable): a + b, 2 - t, -t, ...
for _name, _function in {
    "__add__": add,
    "__radd__": _swapped(add),
    "__sub__": subtract,
    "__rsub__": _swapped(subtract),
    "__mul__": multiply,
    "__rmul__": _swapped(multiply),
    "__truediv__": divide,
    "__rtruediv__": _swapped(divide),
    "__neg__": negate,
}.items():
    setattr(Tensor, _name, _function)
