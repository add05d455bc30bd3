"""Reductions: sum, mean, max over an axis (or all), with keepdims."""

from __future__ import annotations

import builtins

import numpy as np

from chainrule.engine.tensor import ArrayLike, Node, Tensor

Axis = int | tuple[int, ...] | None


def _expand(g: np.ndarray, shape: tuple[int, ...], axis: Axis, keepdims: bool) -> np.ndarray:
    """Put back the reduced axes of ``g`` (as length 1) so that it broadcasts to ``shape``."""
    if keepdims:
        return g
    if axis is None:
        return g.reshape([1] * len(shape))
    axes = (axis,) if isinstance(axis, int) else axis
    return np.expand_dims(g, tuple(a % len(shape) for a in axes))


class Sum(Node):
    """y = Σ x (over ``axis``).  ∂y/∂x = 1 for every element: the gradient is copied back."""

    op = "sum"

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.shape = x.shape
        return np.sum(x, axis=self.axis, keepdims=self.keepdims)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        g = _expand(np.asarray(gy), self.shape, self.axis, self.keepdims)
        return (np.broadcast_to(g, self.shape).copy(),)


class Mean(Node):
    """y = (1/n) Σ x over ``axis`` (n elements).  ∂y/∂x = 1/n."""

    op = "mean"

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.shape = x.shape
        y = np.mean(x, axis=self.axis, keepdims=self.keepdims)
        self.count = x.size // builtins.max(np.asarray(y).size, 1)
        return y

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        g = _expand(np.asarray(gy), self.shape, self.axis, self.keepdims) / self.count
        return (np.broadcast_to(g, self.shape).copy(),)


class Max(Node):
    """y = max x (over ``axis``).  The gradient goes to the largest element; ties share it."""

    op = "max"

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x: np.ndarray) -> np.ndarray:
        self.x = x
        self.y = np.max(x, axis=self.axis, keepdims=True)
        return self.y if self.keepdims else np.max(x, axis=self.axis)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray]:
        mask = (self.x == self.y).astype(self.x.dtype)
        mask /= mask.sum(axis=self.axis, keepdims=True)
        g = _expand(np.asarray(gy), self.x.shape, self.axis, self.keepdims)
        return (mask * g,)


def sum(x: ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return Sum(axis, keepdims)(x)


def mean(x: ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return Mean(axis, keepdims)(x)


def max(x: ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return Max(axis, keepdims)(x)
