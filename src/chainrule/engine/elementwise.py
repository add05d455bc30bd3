"""Elementwise functions: reciprocal, exp, log, power."""

from __future__ import annotations

import numpy as np

from chainrule.engine.tensor import ArrayLike, Node, Tensor


class Reciprocal(Node):
    """y = 1/x.  ∂y/∂x = −1/x² = −y² (the chain-rule slides: the "/" node passes −y²)."""

    op = "reciprocal"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = 1.0 / x
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (-gy * self.y * self.y,)


class Exp(Node):
    """y = exp(x).  ∂y/∂x = exp(x) = y (the chain-rule slides)."""

    op = "exp"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.y = np.exp(x)
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (gy * self.y,)


class Log(Node):
    """y = ln x.  ∂y/∂x = 1/x."""

    op = "log"

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return np.log(x)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (gy / self.x,)


class Power(Node):
    """y = x**c for a constant c.  ∂y/∂x = c·x**(c−1) (the chain-rule slides: z = t² gives ∂z/∂t =
    2t)."""

    op = "pow"

    def __init__(self, exponent: float) -> None:
        self.exponent = float(exponent)

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        return x**self.exponent

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        c = self.exponent
        return (gy * c * self.x ** (c - 1.0),)

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
