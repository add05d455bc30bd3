"""The planned fast path: the graph's own nodes, recorded once on fixed buffers, replayed.

Building a graph of nodes every step costs Python objects and fresh arrays. When the graph is
the same every step (a fixed network on batches of one size), a :class:`Plan` builds it once,
on its own input and target buffers, and records it with a
:class:`~chainrule.engine.calls.Recording` as ``xp`` (the protocol of
:class:`~chainrule.engine.tensor.Node`): every node's forward in topological order, then every
node's backward in reverse topological order -- the walk of ``Tensor.backward`` -- each into
a buffer of its own. A step then replays the NumPy calls, with nothing between them but a loop.

The chain rule's order is written once, in :func:`~chainrule.engine.tensor.walk`, which
``Tensor.backward`` and the plan share; the math once, in the nodes. So the plan and the graph
of nodes make the same calls on the same numbers and agree to the last bit (the tests check
that they do). Speed tricks rework the recorded calls afterwards, never changing a bit
(:mod:`chainrule.engine.fast`).
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from chainrule.engine import fast
from chainrule.engine.calls import Recording, constant
from chainrule.engine.flat import like
from chainrule.engine.tensor import Tensor, topological_order, walk
from chainrule.errors import ChainruleError

# build(x, t) -> (out, E): the graph on an input tensor x (samples × …) and targets t
Build = Callable[[Tensor, np.ndarray], tuple[Tensor, Tensor]]


def record_forward(tensors: Sequence[Tensor], xp: Recording) -> None:
    """Each tensor's node (in the order given, inputs first) recorded into the tensor's array."""
    for tensor in tensors:
        node = tensor.creator
        if node is not None:
            data = [x.data for x in node.inputs]
            tensor.data = node.forward(*data, out=tensor.data, xp=xp)


def record_backward(loss: Tensor, wanted: dict[int, np.ndarray], xp: Recording) -> np.ndarray:
    """∂E/∂p into ``wanted[id(p)]`` for every wanted tensor p, recorded: the walk of
    ``Tensor.backward`` itself (:func:`~chainrule.engine.tensor.walk`), each node's backward
    writing into a buffer made here once. Returns the seed ∂E/∂E = 1 the walk starts from."""

    def arrive(tensor: Tensor, g: np.ndarray) -> None:
        buffer = wanted.get(id(tensor))
        if buffer is not None and g is not buffer:
            xp.copyto(buffer, g)

    def buffer_for(x: Tensor, first: bool) -> np.ndarray | None:
        if not x.requires_grad:
            return None
        if first and id(x) in wanted:
            return wanted[id(x)]  # its first gradient goes straight where it is wanted
        return np.empty(x.shape, x.dtype)

    one = constant(1.0, loss.dtype)
    walk(loss, one, arrive, buffer_for, xp)
    return one


@dataclass
class Program:
    """A plan's recorded step for one batch size: the input and target arrays its calls read,
    the graph's output and E (tensors whose arrays the calls fill), the forward calls (all
    that inference needs) and the whole step's calls."""

    x: np.ndarray
    t: np.ndarray
    out: Tensor
    loss: Tensor
    forward: Recording
    step: Recording
    buffers: list[np.ndarray]


def record(build: Build, x: np.ndarray, t: np.ndarray, wanted: dict[int, np.ndarray], forms: str):
    """Build the graph on x and t once (at once, with NumPy), then record its step."""
    with np.errstate(all="ignore"):  # the buffers hold no data yet
        out, loss = build(Tensor(x, requires_grad=False), t)
    if loss.creator is None:
        raise ChainruleError("the graph has no nodes to plan (built inside no_grad?)")
    order = topological_order(loss)
    ahead = topological_order(out)
    seen = {id(v) for v in ahead}
    forward, rest, backward = Recording(), Recording(), Recording()
    after = [v for v in order if id(v) not in seen]
    record_forward(ahead, forward)
    record_forward(after, rest)
    one = record_backward(loss, wanted, backward)
    fast.without_unit_factors(backward, one)
    for recording in (forward, backward):
        fast.tune(recording, forms)
    step = Recording()
    step.calls = forward.calls + rest.calls + backward.calls
    buffers = [v.data for v in ahead + after if v.creator is not None]
    return Program(x, t, out, loss, forward, step, buffers)


class Plan:
    """∂E/∂p for every parameter p of a graph, replayed on preallocated buffers.

    ``build(x, t)`` returns (out, E) of the graph on an input tensor x and targets t;
    ``plan.gradients(x, t)`` sets every parameter's ``.grad`` (arrays owned by the plan,
    overwritten by the next call, laid out like the parameters' values: see
    :mod:`chainrule.engine.flat`) and returns E. Batches of up to ``batch_size`` samples
    are accepted, each size recorded on first use on views of the buffers. ``forms``:
    the products' forms (see :func:`chainrule.engine.fast.tune`).
    """

    def __init__(
        self,
        build: Build,
        parameters: Sequence[Tensor],
        shapes: tuple[tuple[int, ...], tuple[int, ...]],
        dtype: Any,
        batch_size: int,
        forms: str = "fastest",
    ) -> None:
        if batch_size < 1:
            raise ChainruleError(f"batch size {batch_size!r}: expected a whole number >= 1")
        self.build, self.forms, self.batch_size = build, forms, int(batch_size)
        self.dtype = np.dtype(dtype)
        self.inputs = np.zeros((self.batch_size, *shapes[0]), self.dtype)
        self.targets = np.zeros((self.batch_size, *shapes[1]), self.dtype)
        self.parameters = list(parameters)
        self.grads = like([p.data for p in self.parameters])
        self._programs: dict[int, Program] = {}

    def program(self, n: int) -> Program:
        """The recorded calls for a batch of n samples (recorded on first use)."""
        program = self._programs.get(n)
        if program is None:
            if n > self.batch_size:
                raise ChainruleError(
                    f"batch of {n} samples: the plan holds at most {self.batch_size}"
                )
            if n < 1:
                raise ChainruleError("batch of 0 samples: expected at least 1")
            wanted = {id(p): g for p, g in zip(self.parameters, self.grads, strict=True)}
            x, t = self.inputs[:n], self.targets[:n]
            program = self._programs[n] = record(self.build, x, t, wanted, self.forms)
        return program

    def forward(self, x: Any) -> np.ndarray:
        """The graph's output for inputs x (a view of the plan's buffer)."""
        program = self.program(len(x))
        np.copyto(program.x, x)
        program.forward.replay()
        return program.out.data

    def gradients(self, x: Any, t: Any) -> float:
        """Forward and backward on one batch; fills each parameter's ``.grad``; returns E."""
        program = self._programs.get(len(x)) or self.program(len(x))
        np.copyto(program.x, x)  # into the arrays the calls were recorded on
        np.copyto(program.t, t)
        if any(map(operator.is_not, map(_grad, self.parameters), self.grads)):
            for p, g in zip(self.parameters, self.grads, strict=True):
                p.grad = g  # the plan's buffers, even after a zero_grad()
        program.step.replay()
        return float(program.loss.data)


def _grad(parameter: Tensor) -> np.ndarray | None:
    return parameter.grad
