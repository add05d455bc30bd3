"""Add, subtract, multiply, divide, negate: the nodes of the chain-rule slides' apple graph.

Broadcasting is undone in backward by :func:`~chainrule.engine.tensor.unbroadcast`.
"""

from __future__ import annotations

import numpy as np

from chainrule.engine.tensor import ArrayLike, Node, Tensor, unbroadcast


class Add(Node):
    """y = a + b.  ∂y/∂a = ∂y/∂b = 1: the upstream gradient passes through unchanged (the
    chain-rule slides)."""

    op = "add"

    def forward(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        self.shapes = (a.shape, b.shape)
        return a + b

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return unbroadcast(gy, self.shapes[0]), unbroadcast(gy, self.shapes[1])


class Subtract(Node):
    """y = a − b.  ∂y/∂a = 1, ∂y/∂b = −1."""

    op = "sub"

    def forward(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        self.shapes = (a.shape, b.shape)
        return a - b

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return unbroadcast(gy, self.shapes[0]), unbroadcast(-gy, self.shapes[1])


class Multiply(Node):
    """y = a · b.  ∂L/∂a = ∂L/∂y · b, ∂L/∂b = ∂L/∂y · a.

    Each input gets the *other* one ("swapped", the chain-rule slides).
    """

    op = "mul"

    def forward(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        self.a, self.b = a, b
        return a * b

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        return unbroadcast(gy * self.b, self.a.shape), unbroadcast(gy * self.a, self.b.shape)


class Divide(Node):
    """y = a / b.  ∂y/∂a = 1/b, ∂y/∂b = −a/b² = −y/b."""

    op = "div"

    def forward(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        self.a_shape, self.b = a.shape, b
        self.y = a / b
        return self.y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        ga = gy / self.b
        return unbroadcast(ga, self.a_shape), unbroadcast(-ga * self.y, self.b.shape)


class Negate(Node):
    """y = −x.  ∂y/∂x = −1 (the ×(−1) node of the chain-rule slides' sigmoid)."""

    op = "neg"

    def forward(self, x: np.ndarray) -> np.ndarray:
        return -x

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        return (-gy,)


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
