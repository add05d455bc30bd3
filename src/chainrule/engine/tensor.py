"""The computational graph of the chain-rule slides: tensors, nodes and the backward walk.

A :class:`Tensor` holds a NumPy value (``data``) and, after :meth:`Tensor.backward`,
its gradient (``grad``) -- the derivative of the final output with respect to it.
Every operation is a :class:`Node`: ``forward`` computes the output from the input
arrays and caches exactly what ``backward`` needs; ``backward`` turns the upstream
gradient ∂L/∂y into the gradients ∂L/∂x of each input (the *local* derivative times
the upstream one, the chain-rule slides: "each node computes locally and passes its local
derivative backward").

``Tensor.backward`` walks the graph in reverse topological order, so a node runs its
backward only after every use of its output has sent its gradient back; where one
value feeds several nodes, their gradients are added (Mazur's example: ∂E/∂out_h1 =
∂E_o1/∂out_h1 + ∂E_o2/∂out_h1).

Gradients accumulate across calls, as in PyTorch: calling ``backward`` twice on the
same graph adds the gradients a second time (the graph keeps its caches, so this is
allowed). Call :meth:`Tensor.zero_grad` (or ``Network.zero_grad``) in between.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError

ArrayLike = Any

_grad_enabled = True


@contextlib.contextmanager
def no_grad() -> Iterator[None]:
    """Inference mode: operations inside record no graph (no creator, no caches)."""
    global _grad_enabled
    previous = _grad_enabled
    _grad_enabled = False
    try:
        yield
    finally:
        _grad_enabled = previous


def is_grad_enabled() -> bool:
    """True unless inside :func:`no_grad`."""
    return _grad_enabled


def as_array(value: ArrayLike, dtype: Any = None) -> np.ndarray:
    """A float NumPy array of ``value`` (float64 unless ``dtype`` or its own float dtype)."""
    if isinstance(value, Tensor):
        value = value.data
    array = np.asarray(value, dtype=dtype)
    if dtype is None and array.dtype.kind != "f":
        array = array.astype(np.float64)
    return array


def unbroadcast(grad: np.ndarray, shape: tuple[int, ...]) -> np.ndarray:
    """Undo NumPy broadcasting in backward: sum ``grad`` down to ``shape``.

    If x of shape ``shape`` was broadcast to y's shape, every copy of x received a
    gradient, and ∂L/∂x is their sum: over the leading axes NumPy added, and over the
    axes where x had length 1.
    """
    if grad.shape == shape:
        return grad
    extra = grad.ndim - len(shape)
    if extra > 0:
        grad = grad.sum(axis=tuple(range(extra)))
    axes = tuple(i for i, n in enumerate(shape) if n == 1 and grad.shape[i] != 1)
    if axes:
        grad = grad.sum(axis=axes, keepdims=True)
    return grad.reshape(shape)


class Tensor:
    """A value in the graph: ``data`` (a NumPy array), ``grad`` and the node that made it.

    Leaves (inputs and parameters) have ``creator is None``. ``name`` labels the
    tensor in explanations and pictures (``"w5"``, ``"apple price"``).
    """

    __array_priority__ = 1000  # so that ndarray ⊕ Tensor calls Tensor's reflected operator

    def __init__(
        self,
        data: ArrayLike,
        name: str | None = None,
        requires_grad: bool = True,
        dtype: Any = None,
    ) -> None:
        self.data: np.ndarray = as_array(data, dtype)
        self.grad: np.ndarray | None = None
        self.creator: Node | None = None
        self.name = name
        self.requires_grad = requires_grad

    # -- facts ---------------------------------------------------------------------------
    @property
    def shape(self) -> tuple[int, ...]:
        return self.data.shape

    @property
    def ndim(self) -> int:
        return self.data.ndim

    @property
    def dtype(self) -> np.dtype:
        return self.data.dtype

    @property
    def size(self) -> int:
        return self.data.size

    def item(self) -> float:
        return float(self.data.item())

    def numpy(self) -> np.ndarray:
        return self.data

    def __len__(self) -> int:
        return len(self.data)

    def __repr__(self) -> str:
        label = f", name={self.name!r}" if self.name else ""
        body = np.array2string(self.data, precision=9, separator=", ")
        return f"Tensor({body}{label})"

    # -- gradients -----------------------------------------------------------------------
    def zero_grad(self) -> None:
        """Forget the accumulated gradient."""
        self.grad = None

    def detach(self) -> Tensor:
        """The same value, cut from the graph."""
        return Tensor(self.data, name=self.name, requires_grad=False)

    def backward(self, grad: ArrayLike | None = None) -> None:
        """Backpropagate from this tensor: fill ``.grad`` of every tensor it depends on.

        ``grad`` is ∂L/∂self; it defaults to 1 (the chain-rule slides: the backward pass of the
        apple
        graph starts from 1) and must have this tensor's shape otherwise.
        """
        if grad is None:
            seed = np.ones_like(self.data)
        else:
            seed = as_array(grad, self.data.dtype)
            if seed.shape != self.data.shape:
                raise ChainruleError(
                    f"backward: grad has shape {seed.shape}, expected {self.data.shape}"
                )
        order = topological_order(self)
        grads: dict[int, np.ndarray] = {id(self): seed}
        for tensor in reversed(order):
            g = grads.pop(id(tensor), None)
            if g is None:
                continue
            tensor.grad = g.copy() if tensor.grad is None else tensor.grad + g
            node = tensor.creator
            if node is None:
                continue
            input_grads = node.backward(g)
            for x, gx in zip(node.inputs, input_grads, strict=True):
                if gx is None or not x.requires_grad:
                    continue
                key, gx = id(x), np.asarray(gx)
                grads[key] = gx if key not in grads else grads[key] + gx

    # -- operators (the nodes live in chainrule.engine) ------------------------------------
    def __add__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import add

        return add(self, other)

    def __radd__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import add

        return add(other, self)

    def __sub__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import subtract

        return subtract(self, other)

    def __rsub__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import subtract

        return subtract(other, self)

    def __mul__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import multiply

        return multiply(self, other)

    def __rmul__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import multiply

        return multiply(other, self)

    def __truediv__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import divide

        return divide(self, other)

    def __rtruediv__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.arithmetic import divide

        return divide(other, self)

    def __neg__(self) -> Tensor:
        from chainrule.engine.arithmetic import negate

        return negate(self)

    def __pow__(self, exponent: float) -> Tensor:
        from chainrule.engine.elementwise import power

        return power(self, exponent)

    def __matmul__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.matmul import matmul

        return matmul(self, other)

    def __rmatmul__(self, other: ArrayLike) -> Tensor:
        from chainrule.engine.matmul import matmul

        return matmul(other, self)

    def exp(self) -> Tensor:
        from chainrule.engine.elementwise import exp

        return exp(self)

    def log(self) -> Tensor:
        from chainrule.engine.elementwise import log

        return log(self)

    def reciprocal(self) -> Tensor:
        from chainrule.engine.elementwise import reciprocal

        return reciprocal(self)

    def sum(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        from chainrule.engine.reductions import sum as sum_

        return sum_(self, axis=axis, keepdims=keepdims)

    def mean(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        from chainrule.engine.reductions import mean

        return mean(self, axis=axis, keepdims=keepdims)

    def max(self, axis: int | tuple[int, ...] | None = None, keepdims: bool = False) -> Tensor:
        from chainrule.engine.reductions import max as max_

        return max_(self, axis=axis, keepdims=keepdims)

    def relu(self) -> Tensor:
        from chainrule.engine.activations import relu

        return relu(self)

    def abs(self) -> Tensor:
        from chainrule.engine.activations import abs as abs_

        return abs_(self)

    def tanh(self) -> Tensor:
        from chainrule.engine.activations import tanh

        return tanh(self)

    def sigmoid(self) -> Tensor:
        from chainrule.engine.activations import sigmoid

        return sigmoid(self)

    def softmax(self, axis: int = -1) -> Tensor:
        from chainrule.engine.activations import softmax

        return softmax(self, axis=axis)

    @property
    def T(self) -> Tensor:
        from chainrule.engine.matmul import transpose

        return transpose(self)


def as_tensor(value: ArrayLike, dtype: Any = None) -> Tensor:
    """``value`` itself if it is a Tensor, else a constant leaf (no gradient wanted)."""
    if isinstance(value, Tensor):
        return value
    return Tensor(value, requires_grad=False, dtype=dtype)


class Node:
    """One operation: ``forward`` and its local ``backward`` side by side.

    Subclasses implement ``forward(*arrays) -> array`` (caching on ``self`` what the
    backward needs) and ``backward(gy) -> tuple`` of one gradient (or ``None``) per input.
    Call the node on tensors: ``Mul()(x, y)``.
    """

    op: str = "node"  # short name shown in pictures and explanations

    inputs: tuple[Tensor, ...]
    output: Tensor | None

    def __call__(self, *inputs: ArrayLike) -> Tensor:
        dtype = None
        for t in inputs:
            if isinstance(t, Tensor):
                dtype = t.dtype
                break
        tensors = tuple(as_tensor(x, dtype) for x in inputs)
        y = self.forward(*(t.data for t in tensors))
        needs_grad = _grad_enabled and any(t.requires_grad for t in tensors)
        out = Tensor(y, requires_grad=needs_grad)
        if needs_grad:
            self.inputs = tensors
            out.creator = self
            self.output = out
        return out

    def forward(self, *xs: np.ndarray) -> np.ndarray:  # pragma: no cover - abstract
        raise NotImplementedError

    def backward(self, gy: np.ndarray) -> Sequence[np.ndarray | None]:  # pragma: no cover
        raise NotImplementedError

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def topological_order(root: Tensor) -> list[Tensor]:
    """Tensors that ``root`` depends on, each after all of its inputs (iterative DFS)."""
    order: list[Tensor] = []
    visited: set[int] = set()
    stack: list[tuple[Tensor, bool]] = [(root, False)]
    while stack:
        tensor, expanded = stack.pop()
        if expanded:
            order.append(tensor)
            continue
        if id(tensor) in visited:
            continue
        visited.add(id(tensor))
        stack.append((tensor, True))
        if tensor.creator is not None:
            for x in reversed(tensor.creator.inputs):  # first input is visited first
                if id(x) not in visited:
                    stack.append((x, False))
    return order
