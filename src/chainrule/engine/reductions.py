"""Reductions: sum, mean, max over an axis (or all), with keepdims. Each follows
:class:`~chainrule.engine.tensor.Node`'s protocol."""

from __future__ import annotations

import builtins

import numpy as np

from chainrule.engine.calls import XP, Array, Grads, Out, Outs
from chainrule.engine.tensor import ArrayLike, Node, Tensor

Axis = int | tuple[int, ...] | None


def _shape(shape: tuple[int, ...], axis: Axis, keepdims: bool = True) -> tuple[int, ...]:
    """The shape of a reduction over ``axis`` (all axes if None) of an array of ``shape``."""
    ndim = len(shape)
    axes = range(ndim) if axis is None else (axis,) if isinstance(axis, int) else axis
    gone = {a % ndim for a in axes}
    return tuple(1 if i in gone else n for i, n in enumerate(shape) if keepdims or i not in gone)


def _reduced(x: np.ndarray, axis: Axis, keepdims: bool, out: np.ndarray | None) -> np.ndarray:
    """``out``, or a new array for a reduction of x."""
    return np.empty(_shape(x.shape, axis, keepdims), x.dtype) if out is None else out


class Sum(Node):
    """y = Σ x (over ``axis``).  ∂y/∂x = 1 for every element: the gradient is copied back."""

    op = "sum"

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.shape = x.shape
        xp.sum(x, self.axis, None, y := _reduced(x, self.axis, self.keepdims, out), self.keepdims)
        return y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        g = np.empty(self.shape, gy.dtype) if out[0] is None else out[0]
        xp.copyto(g, gy.reshape(_shape(self.shape, self.axis)))
        return (g,)


class Mean(Node):
    """y = (1/n) Σ x over ``axis`` (n elements).  ∂y/∂x = 1/n."""

    op = "mean"

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.shape = x.shape
        y = _reduced(x, self.axis, self.keepdims, out)
        xp.mean(x, self.axis, None, y, self.keepdims)
        self.count = x.size // builtins.max(y.size, 1)
        return y

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        g = np.empty(self.shape, gy.dtype) if out[0] is None else out[0]
        xp.divide(gy.reshape(_shape(self.shape, self.axis)), self.count, g)
        return (g,)


class Max(Node):
    """y = max x (over ``axis``).  The gradient goes to the largest element; ties share it."""

    op = "max"

    def __init__(self, axis: Axis = None, keepdims: bool = False) -> None:
        self.axis, self.keepdims = axis, keepdims

    def forward(self, x: Array, out: Out = None, xp: XP = np) -> Array:
        self.x, self.y = x, np.empty(_shape(x.shape, self.axis), x.dtype)
        xp.max(x, self.axis, self.y, True)
        return self.y if self.keepdims else self.y.reshape(_shape(x.shape, self.axis, False))

    def backward(self, gy: Array, out: Outs = (None,), xp: XP = np) -> Grads:
        mask = np.empty(self.x.shape, self.x.dtype) if out[0] is None else out[0]
        ties = np.empty_like(self.y)
        xp.equal(self.x, self.y, mask)  # 1 at the largest elements
        xp.add.reduce(mask, self.axis, None, ties, True)
        xp.divide(mask, ties, mask)
        xp.multiply(mask, gy.reshape(self.y.shape), mask)
        return (mask,)


def sum(x: ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return Sum(axis, keepdims)(x)


def mean(x: ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return Mean(axis, keepdims)(x)


def max(x: ArrayLike, axis: Axis = None, keepdims: bool = False) -> Tensor:
    return Max(axis, keepdims)(x)


# Tensor's methods, attached once: t.sum(axis=0), t.mean(), t.max(keepdims=True)
Tensor.sum, Tensor.mean, Tensor.max = sum, mean, max  # type: ignore[method-assign]
