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
from collections.abc import Callable, Iterator, Sequence
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


def unbroadcast(
    grad: np.ndarray, shape: tuple[int, ...], out: np.ndarray | None = None, xp: Any = np
) -> np.ndarray:
    """Undo NumPy broadcasting in backward: sum ``grad`` down to ``shape`` (into ``out``).

    If x of shape ``shape`` was broadcast to y's shape, every copy of x received a
    gradient, and ∂L/∂x is their sum: over the leading axes NumPy added, and over the
    axes where x had length 1.
    """
    if grad.shape == shape and out is None:
        return grad
    out = np.empty(shape, grad.dtype) if out is None else out
    extra = grad.ndim - len(shape)
    axes = tuple(range(extra)) + tuple(
        extra + i for i, n in enumerate(shape) if n == 1 and grad.shape[extra + i] != 1
    )
    if axes:  # one reduction over every broadcast axis, kept as length 1
        xp.add.reduce(grad, axes, None, out.reshape((1,) * extra + shape), True)
    else:
        xp.copyto(out, grad)
    return out


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
        apple graph starts from 1) and must have this tensor's shape otherwise.
        """
        if grad is None:
            seed = np.ones_like(self.data)
        else:
            seed = as_array(grad, self.data.dtype)
            if seed.shape != self.data.shape:
                raise ChainruleError(
                    f"backward: grad has shape {seed.shape}, expected {self.data.shape}"
                )
        walk(self, seed, _accumulate)

    # The operators (+ − · / ** @, .T, .exp(), .sum(), …) are attached by the modules that
    # define their nodes (DeZero's setup_variable): this module imports no node.


def as_tensor(value: ArrayLike, dtype: Any = None) -> Tensor:
    """``value`` itself if it is a Tensor, else a constant leaf (no gradient wanted)."""
    if isinstance(value, Tensor):
        return value
    return Tensor(value, requires_grad=False, dtype=dtype)


class Node:
    """One operation: ``forward`` and its local ``backward`` side by side (DeZero's Function).

    The protocol every node follows, with ``xp`` the array module (see
    :mod:`chainrule.engine.calls`):

    ``forward(*xs, out=None, xp=np) -> y``
        y from the input arrays, caching on ``self`` what backward needs; y is written into
        ``out`` when one is given (an array of y's shape and dtype) and returned. A node whose
        y is a view of an input (a transpose) may return the view and make no call.
    ``backward(gy, out=(None, …), xp=np) -> tuple``
        from gy = ∂L/∂y, one ∂L/∂x per input (``None`` where no gradient is wanted), each
        written into its ``out`` buffer where one is given.

    Every NumPy call that computes a value goes through ``xp`` and writes into an array
    the node names; under a :class:`~chainrule.engine.calls.Recording` the calls are kept,
    not made, so a node never reads what its own ``xp`` calls compute while it is called.
    Called with NumPy (the default) the node is the graph of nodes; recorded, it is a step
    of a plan (:mod:`chainrule.engine.plan`): the same calls on the same arrays. Apply a
    node to tensors by calling it: ``Multiply()(x, y)``.
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

    def forward(self, *xs: np.ndarray, out: Any = None, xp: Any = np) -> Any:  # pragma: no cover
        raise NotImplementedError

    def backward(self, gy: np.ndarray, out: Any = (), xp: Any = np) -> Sequence[Any]:
        raise NotImplementedError  # pragma: no cover

    def __repr__(self) -> str:
        return f"{type(self).__name__}()"


def _accumulate(tensor: Tensor, g: np.ndarray) -> None:
    tensor.grad = g.copy() if tensor.grad is None else tensor.grad + g


def walk(
    root: Tensor,
    seed: np.ndarray,
    arrive: Callable[[Tensor, np.ndarray], None],
    buffer_for: Callable[[Tensor, bool], np.ndarray | None] | None = None,
    xp: Any = np,
) -> None:
    """Backpropagation from ``root``, given ∂L/∂root = ``seed``: the chain rule's one order.

    Tensors are visited in reverse topological order, so a node runs its backward only after
    every use of its output has sent its gradient back; where one value feeds several nodes,
    their gradients are added (Mazur's example: ∂E/∂out_h1 = ∂E_o1/∂out_h1 + ∂E_o2/∂out_h1).
    ``arrive(v, ∂L/∂v)`` receives each tensor's whole gradient. ``Tensor.backward`` walks with
    NumPy; a plan walks with ``buffer_for(x, first)`` giving the buffer each node writes
    ∂L/∂x into (``first``: x has no gradient yet) and ``xp`` a Recording (Node's protocol).
    """
    grads: dict[int, np.ndarray] = {id(root): seed}
    for tensor in reversed(topological_order(root)):
        g = grads.pop(id(tensor), None)
        if g is None:
            continue
        arrive(tensor, g)
        node = tensor.creator
        if node is None:
            continue
        if buffer_for is None:
            local = node.backward(g)
        else:
            out = tuple(buffer_for(x, id(x) not in grads) for x in node.inputs)
            local = node.backward(g, out=out, xp=xp)
        for x, gx in zip(node.inputs, local, strict=True):
            if gx is None or not x.requires_grad:
                continue
            key, gx = id(x), np.asarray(gx)
            if key in grads:  # a second use of x: the sum of both gradients
                total = np.empty(gx.shape, np.result_type(grads[key], gx))
                xp.add(grads[key], gx, total)
                gx = total
            grads[key] = gx


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
