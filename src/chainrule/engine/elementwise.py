"""Elementwise functions: reciprocal, exp, log, power (the nodes of the chain-rule slides'
sigmoid graph). Each follows :class:`~chainrule.engine.tensor.Node`'s protocol."""

from __future__ import annotations

import numpy as np

from chainrule.engine.arithmetic import result
from chainrule.engine.calls import XP, Array, Grads, Out, Outs, constant
from chainrule.engine.tensor import ArrayLike, Node, Tensor


class Reciprocal(Node):
    """y = 1/x.  ∂y/∂x = −1/x² = −y² (the chain-rule slides: the "/" node passes −y²)."""

    op = "reciprocal"

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.y = result(out, x)
        xp.divide(constant(1.0, self.y.dtype), x, self.y)
        return self.y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        g = result(out[0], gy)
        xp.negative(gy, g)
        xp.multiply(g, self.y, g)
        xp.multiply(g, self.y, g)
        return (g,)


class Exp(Node):
    """y = exp(x).  ∂y/∂x = exp(x) = y (the chain-rule slides)."""

    op = "exp"

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.y = result(out, x)
        xp.exp(x, self.y)
        return self.y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        xp.multiply(gy, self.y, g := result(out[0], gy))
        return (g,)


class Log(Node):
    """y = ln x.  ∂y/∂x = 1/x."""

    op = "log"

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.x = x
        xp.log(x, y := result(out, x))
        return y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        xp.divide(gy, self.x, g := result(out[0], gy))
        return (g,)


class Power(Node):
    """y = x**c for a constant c.  ∂y/∂x = c·x**(c−1) (the chain-rule slides: z = t² gives
    ∂z/∂t = 2t)."""

    op = "pow"

    def __init__(self, exponent: float) -> None:
        self.exponent = float(exponent)

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.x = x
        xp.power(x, constant(self.exponent, x.dtype), y := result(out, x))
        return y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        c, g, scaled = self.exponent, result(out[0], gy), result(None, gy)
        xp.multiply(gy, constant(c, gy.dtype), scaled)  # ∂L/∂y · c
        xp.power(self.x, constant(c - 1.0, self.x.dtype), g)  # x**(c−1)
        xp.multiply(scaled, g, g)
        return (g,)

    def __repr__(self) -> str:
        return f"Power({self.exponent:g})"


def reciprocal(x: ArrayLike) -> Tensor:
    return Reciprocal()(x)


def exp(x: ArrayLike) -> Tensor:
    return Exp()(x)


def log(x: ArrayLike) -> Tensor:
    return Log()(x)


def power(x: ArrayLike, exponent: float) -> Tensor:
    return Power(exponent)(x)


# Tensor's operators and methods, attached once: t ** 2, t.exp(), t.log(), t.reciprocal()
Tensor.__pow__ = power  # type: ignore[method-assign]
Tensor.exp, Tensor.log, Tensor.reciprocal = exp, log, reciprocal  # type: ignore[method-assign]
