"""The planned fast path: a fixed network planned once, replayed every step.

Building a graph of nodes every step costs Python objects and fresh arrays. For a fixed
stack of Dense layers the graph is always the same, so a :class:`Plan` lays it out once,
with a preallocated buffer for every net, out, delta and gradient. The math is not written
again: the plan calls the same kernels as the nodes (``dense_forward``, ``dense_backward_*``,
the activation and loss kernels), once, with a :class:`~chainrule.engine.calls.Recording` as
their ``xp``, and replays the NumPy calls they made; the graph makes the same calls at once. So
the two paths agree to the last bit, and the tests check that they do. Plain gradient
descent's update is recorded the same way (:meth:`Plan.update`).

One step on a batch of N samples (JongSeobJ's matrix form, layers k = 1…L):
    forward:   net_k = out_{k−1}·W_kᵀ + b_k,  out_k = f_k(net_k)         (out_0 = x)
    output:    δ_L = ∂E/∂net_L  (fused losses: (out_L − t)/N; others: ∂E/∂out_L ⊙ f′_L)
    backward:  ∂E/∂W_k = δ_kᵀ·out_{k−1},  ∂E/∂b_k = Σ δ_k,
               δ_{k−1} = (δ_k·W_k) ⊙ f′_{k−1}(net_{k−1})
The input gradient of the first layer is not needed and is not computed.
"""

from __future__ import annotations

import operator
import time
import weakref
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chainrule.engine.calls import Recording
from chainrule.engine.dense import (
    dense_backward_bias,
    dense_backward_input,
    dense_backward_weights,
    dense_forward,
    shared_bias,
)
from chainrule.engine.flat import like
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError
from chainrule.nn import Network
from chainrule.nn.activations import KERNELS
from chainrule.nn.losses import FUSED_LOSS_KERNELS, OUTPUT_LOSS_KERNELS, fused_backward
from chainrule.nn.optimizers import Optimizer


class Plan:
    """Gradients of a :class:`Network`'s loss, replayed with preallocated buffers.

    ``plan.gradients(x, t)`` sets every parameter's ``.grad`` (arrays owned by the plan
    and overwritten by the next call) and returns E on the batch; ``plan.update(optimizer)``
    then takes the optimizer's step. Batches of up to ``batch_size`` samples are accepted;
    a smaller last batch uses views of the buffers.

    The forward and backward calls are recorded once per batch size (a
    :class:`~chainrule.engine.calls.Recording` of the kernels' NumPy calls on the plan's buffers
    and the parameters' arrays) and replayed each step; the loss's forward kernel records
    its calls after the forward ones and gives E after the step.
    """

    def __init__(self, network: Network, batch_size: int, tune: bool = True) -> None:
        if batch_size < 1:
            raise ChainruleError(f"batch size {batch_size!r}: expected a whole number >= 1")
        self.batch_size = int(batch_size)
        self.dtype = network.dtype
        self.loss_name = network.loss_name
        self.fused = network.loss_name in FUSED_LOSS_KERNELS
        n = self.batch_size
        self.inputs = np.empty((n, network.input_size), self.dtype)
        self.targets = np.empty((n, network.output_size), self.dtype)
        self.net: list[np.ndarray] = []
        self.out: list[np.ndarray] = []
        self.delta: list[np.ndarray] = []
        self.grad_out: list[np.ndarray] = []
        for layer in network.layers:
            shape = (n, layer.units)
            self.net.append(np.empty(shape, self.dtype))
            identity = layer.activation == "identity"
            self.out.append(self.net[-1] if identity else np.empty(shape, self.dtype))
            self.delta.append(np.empty(shape, self.dtype))
            self.grad_out.append(np.empty(shape, self.dtype))
        self.layers = tuple(network.layers)
        # what the recordings hold: each layer with its parameter tensors and their arrays
        self.members = [
            (layer, layer.weights, layer.biases, layer.weights.data, _data(layer.biases))
            for layer in self.layers
        ]
        self.parameters = network.parameters()
        self.weights = network.parameters(biases=False)
        # laid out like the values: an optimizer may update all parameters at once
        self.grads = like([p.data for p in self.parameters])
        grads = iter(self.grads)
        self.grad_w, self.grad_b = [], []
        for layer in self.layers:
            self.grad_w.append(next(grads))
            self.grad_b.append(next(grads) if layer.biases is not None else None)
        self._programs: dict[int, Program] = {}
        self._update: tuple[Any, Recording | None] = ((), None)
        # per layer: compute (forward, weight gradient, input gradient) as Cᵀ = Bᵀ·Aᵀ?
        self.transposed = [
            choose_forms(self, k) if tune else (False,) * 3 for k in range(len(self.layers))
        ]

    def fits(self, network: Network, samples: int) -> bool:
        """True if this plan can replay ``network`` on a batch of ``samples``: the same
        loss and layers holding the same parameter tensors and arrays (so the same dtype)."""
        layers = network.layers
        if (
            samples > self.batch_size
            or network.loss_name != self.loss_name
            or len(layers) != len(self.members)
        ):
            return False
        for layer, (a, w, b, w_data, b_data) in zip(layers, self.members, strict=True):
            if layer is not a or layer.weights is not w or layer.biases is not b:
                return False
            if w.data is not w_data or (b is not None and b.data is not b_data):
                return False
        return True

    def buffers(self, n: int) -> tuple[list[np.ndarray], ...]:
        """(net, out, delta, grad_out) for a batch of n samples: the buffers or their views."""
        return self.program(n).buffers

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
            program = self._programs[n] = self._record(n)
        return program

    def _record(self, n: int) -> Program:
        """One step on n samples as recorded calls (see the module's docstring):
        forward, then E by the loss's forward kernel, then backward."""
        x, t = self.inputs[:n], self.targets[:n]
        bufs = (self.net, self.out, self.delta, self.grad_out)
        nets, outs, deltas, grads = ([b[:n] for b in group] for group in bufs)
        last = len(self.layers) - 1
        forward = Recording()
        h = x
        for k, layer in enumerate(self.layers):
            w, b = layer.weights.data, _data(layer.biases)
            dense_forward(h, w, b, nets[k], self.transposed[k][0], forward)
            if layer.activation != "identity":
                KERNELS[layer.activation][0](nets[k], outs[k], forward)
            h = outs[k]
        backward = Recording()
        if self.fused:
            # the output layer's out is softmax(net) or σ(net) already: not computed again
            kernel = FUSED_LOSS_KERNELS[self.loss_name]
            loss, _ = kernel(nets[last], t, outs[last], backward)  # E once the calls are made
            fused_backward(outs[last], t, deltas[last], backward)
        else:
            forward_loss, backward_loss = OUTPUT_LOSS_KERNELS[self.loss_name]
            loss = forward_loss(outs[last], t, backward)  # E once the calls are made
            backward_loss(outs[last], t, grads[last], backward)
            activation = self.layers[last].activation
            KERNELS[activation][1](grads[last], nets[last], outs[last], deltas[last], backward)
        for k in range(last, -1, -1):
            layer, forms = self.layers[k], self.transposed[k]
            below = x if k == 0 else outs[k - 1]
            dense_backward_weights(deltas[k], below, self.grad_w[k], forms[1], backward)
            if self.grad_b[k] is not None:
                shared = shared_bias(layer.units, layer.biases.data)  # as DenseNode decides
                dense_backward_bias(deltas[k], shared, self.grad_b[k], backward)
            if k > 0:
                w = layer.weights.data
                dense_backward_input(deltas[k], w, grads[k - 1], forms[2], backward)
                activation = self.layers[k - 1].activation
                KERNELS[activation][1](
                    grads[k - 1], nets[k - 1], outs[k - 1], deltas[k - 1], backward
                )
        return Program(x, t, forward, loss, backward, (nets, outs, deltas, grads))

    def forward(self, x: Any) -> np.ndarray:
        """out of the last layer (a view of the plan's buffer)."""
        program = self.program(len(x))
        np.copyto(program.x, x)
        program.forward.replay()
        return program.buffers[1][-1]

    def gradients(self, x: Any, t: Any) -> float:
        """Forward and backward on one batch; fills each parameter's ``.grad``; returns E."""
        program = self._programs.get(len(x)) or self.program(len(x))
        np.copyto(program.x, x)  # into the arrays the calls were recorded on
        np.copyto(program.t, t)
        if any(map(operator.is_not, map(_grad, self.parameters), self.grads)):
            for p, g in zip(self.parameters, self.grads, strict=True):
                p.grad = g  # the plan's buffers, even after a zero_grad()
        program.step.replay()
        return program.loss()  # from the loss's own buffers, which backward leaves alone

    def update(self, optimizer: Optimizer, biases: bool = True) -> None:
        """``optimizer.step`` on the plan's parameters (the weights alone without
        ``biases``), after :meth:`gradients`. An update that is the same calls every step
        (gradient descent without momentum or weight decay) is recorded once per learning
        rate and replayed."""
        parameters = self.parameters if biases else self.weights
        if not isinstance(optimizer, Optimizer):  # anything with a step(parameters)
            optimizer.step(parameters)
            return
        key = (optimizer, optimizer.settings(), biases)
        if self._update[0] != key:
            self._update = (key, optimizer.recorded_update(parameters))
        recording = self._update[1]
        if recording is None:
            optimizer.step(parameters)
        else:
            optimizer.iterations += 1
            recording.replay()


@dataclass
class Program:
    """A plan's recorded step for one batch size: the input and target arrays its calls
    read, the forward calls (all that inference needs), E (a function to call after the
    step), the calls of the loss and the backward, the whole step in one recording, and
    the buffers' views."""

    x: np.ndarray
    t: np.ndarray
    forward: Recording
    loss: Callable[[], float]
    backward: Recording
    buffers: tuple[list[np.ndarray], ...]
    step: Recording = field(init=False)

    def __post_init__(self) -> None:
        self.step = Recording()
        self.step.calls = self.forward.calls + self.backward.calls


def _grad(parameter: Tensor) -> np.ndarray | None:
    return parameter.grad


def _data(parameter: Tensor | None) -> np.ndarray | None:
    return None if parameter is None else parameter.data


def choose_forms(plan: Plan, k: int, repeats: int = 3) -> tuple[bool, bool, bool]:
    """For layer k of ``plan``: whether each of its three products runs faster as Cᵀ = Bᵀ·Aᵀ.

    Each form is timed on the plan's own shapes (random numbers, the best of ``repeats``
    runs). The transposed form is taken only where it is faster *and* gives the same bits
    as the direct one on this BLAS, so the choice can never change a result: training
    stays deterministic and equal to the graph of nodes.
    """
    layer = plan.layers[k]
    rng = np.random.default_rng(k)
    w = layer.weights.data
    fan_in = layer.input_size
    x = rng.standard_normal((plan.batch_size, fan_in)).astype(plan.dtype)
    delta = rng.standard_normal((plan.batch_size, layer.units)).astype(plan.dtype)
    cases = [
        lambda out, t: dense_forward(x, w, None, out, t),
        lambda out, t: dense_backward_weights(delta, x, out, t),
        lambda out, t: dense_backward_input(delta, w, out, t),
    ]
    shapes = [(plan.batch_size, layer.units), w.shape, (plan.batch_size, fan_in)]
    forms = []
    for i, (case, shape) in enumerate(zip(cases, shapes, strict=True)):
        if i == 2 and k == 0:  # the network's input needs no gradient
            forms.append(False)
            continue
        direct, flipped = np.empty(shape, plan.dtype), np.empty(shape, plan.dtype)
        times = {False: np.inf, True: np.inf}
        for _ in range(repeats):
            for t, out in ((False, direct), (True, flipped)):
                start = time.perf_counter()
                case(out, t)
                times[t] = min(times[t], time.perf_counter() - start)
        forms.append(bool(times[True] < times[False] and np.array_equal(direct, flipped)))
    return forms[0], forms[1], forms[2]


_plans: weakref.WeakKeyDictionary[Network, Plan] = weakref.WeakKeyDictionary()


def plan_for(network: Network, samples: int) -> Plan:
    """The plan for ``network`` on batches of ``samples``: built on first use and kept
    while the network lives; built again when a batch is larger than planned or the
    layers or their parameters change."""
    plan = _plans.get(network)
    if plan is None or not plan.fits(network, samples):
        plan = Plan(network, samples)
        _plans[network] = plan
    return plan


def planned(network: Network) -> Plan | None:
    """The plan kept for ``network``, if one was made (see :func:`plan_for`)."""
    return _plans.get(network)


def planned_gradients(network: Network, x: Any, t: Any) -> tuple[float, np.ndarray]:
    """E and the outputs for one batch, with every parameter's ``.grad`` set: the fast path.

    The outputs returned are a view of the plan's buffer, valid until the next call.
    """
    samples = len(x)
    plan = plan_for(network, samples)
    loss = plan.gradients(x, t)
    return loss, plan.out[-1][:samples]
