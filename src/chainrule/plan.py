"""The planned fast path: a fixed network planned once, replayed every step.

Building a graph of nodes every step costs Python objects and fresh arrays. For a fixed
stack of Dense layers the graph is always the same, so a :class:`Plan` lays it out once,
with a preallocated buffer for every net, out, delta and gradient, and replays it with
``out=`` arguments. The math is not written again: every step calls the same kernels as
the nodes (``dense_forward``, ``dense_backward_*``, the activation and loss kernels), so
the two paths agree to the last bit, and the tests check that they do.

One step on a batch of N samples (seed 004's matrix form, layers k = 1…L):
    forward:   net_k = out_{k−1}·W_kᵀ + b_k,  out_k = f_k(net_k)         (out_0 = x)
    output:    δ_L = ∂E/∂net_L  (fused losses: (out_L − t)/N; others: ∂E/∂out_L ⊙ f′_L)
    backward:  ∂E/∂W_k = δ_kᵀ·out_{k−1},  ∂E/∂b_k = Σ δ_k,
               δ_{k−1} = (δ_k·W_k) ⊙ f′_{k−1}(net_{k−1})
The input gradient of the first layer is not needed and is not computed.
"""

from __future__ import annotations

import time
import weakref
from typing import Any

import numpy as np

from .errors import ChainruleError
from .flat import like
from .layers import Network
from .nodes.activations import KERNELS
from .nodes.dense import (
    dense_backward_bias,
    dense_backward_input,
    dense_backward_weights,
    dense_forward,
)
from .nodes.losses import FUSED_LOSS_KERNELS, OUTPUT_LOSS_KERNELS, fused_backward


class Plan:
    """Gradients of a :class:`Network`'s loss, replayed with preallocated buffers.

    ``plan.gradients(x, t)`` sets every parameter's ``.grad`` (arrays owned by the plan
    and overwritten by the next call) and returns E on the batch. Batches of up to
    ``batch_size`` samples are accepted; a smaller last batch uses views of the buffers.
    """

    def __init__(self, network: Network, batch_size: int, tune: bool = True) -> None:
        if batch_size < 1:
            raise ChainruleError(f"batch size {batch_size!r}: expected a whole number >= 1")
        self.batch_size = int(batch_size)
        self.dtype = network.dtype
        self.loss_name = network.loss_name
        self.fused = network.loss_name in FUSED_LOSS_KERNELS
        n = self.batch_size
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
        self.members = [(layer, layer.weights, layer.biases) for layer in self.layers]
        self.parameters = network.parameters()
        # laid out like the values: an optimizer may update all parameters at once
        self.grads = like([p.data for p in self.parameters])
        # per layer, looked up once: (layer, activation forward, activation backward,
        # shared bias?, weight-gradient buffer, bias-gradient buffer or None)
        grads = iter(self.grads)
        self.steps = []
        for layer in self.layers:
            forward, backward = KERNELS[layer.activation]
            if layer.activation == "identity":
                forward = None
            grad_w = next(grads)
            grad_b = next(grads) if layer.biases is not None else None
            self.steps.append((layer, forward, backward, layer.bias == "shared", grad_w, grad_b))
        self._views: dict[int, tuple[list[np.ndarray], ...]] = {
            n: (self.net, self.out, self.delta, self.grad_out)
        }
        # per layer: compute (forward, weight gradient, input gradient) as Cᵀ = Bᵀ·Aᵀ?
        self.transposed = [
            choose_forms(self, k) if tune else (False,) * 3 for k in range(len(self.layers))
        ]

    def fits(self, network: Network, samples: int) -> bool:
        """True if this plan can replay ``network`` on a batch of ``samples``: the same
        layers holding the same parameter tensors, the same dtype and loss."""
        layers = network.layers
        return (
            samples <= self.batch_size
            and network.dtype == self.dtype
            and network.loss_name == self.loss_name
            and len(layers) == len(self.members)
            and all(
                layer is a and layer.weights is w and layer.biases is b
                for layer, (a, w, b) in zip(layers, self.members, strict=True)
            )
        )

    def buffers(self, n: int) -> tuple[list[np.ndarray], ...]:
        """(net, out, delta, grad_out) for a batch of n samples: the buffers or their views."""
        views = self._views.get(n)
        if views is None:
            if n > self.batch_size:
                raise ChainruleError(
                    f"batch of {n} samples: the plan holds at most {self.batch_size}"
                )
            if n < 1:
                raise ChainruleError("batch of 0 samples: expected at least 1")
            bufs = (self.net, self.out, self.delta, self.grad_out)
            views = self._views[n] = tuple([b[:n] for b in group] for group in bufs)
        return views

    def forward(self, x: np.ndarray) -> np.ndarray:
        """out of the last layer (a view of the plan's buffer)."""
        nets, outs, _, _ = self.buffers(len(x))
        h = x
        for k, (layer, forward, _, _, _, _) in enumerate(self.steps):
            b = layer.biases
            bias = None if b is None else b.data
            dense_forward(h, layer.weights.data, bias, nets[k], self.transposed[k][0])
            if forward is not None:
                forward(nets[k], out=outs[k])
            h = outs[k]
        return h

    def gradients(self, x: Any, t: Any) -> float:
        """Forward and backward on one batch; fills each parameter's ``.grad``; returns E."""
        if type(x) is not np.ndarray or x.dtype != self.dtype:
            x = np.asarray(x, dtype=self.dtype)
        if type(t) is not np.ndarray or t.dtype != self.dtype:
            t = np.asarray(t, dtype=self.dtype)
        for p, g in zip(self.parameters, self.grads, strict=True):
            if p.grad is not g:
                p.grad = g  # the plan's buffers, even after a zero_grad()
        self.forward(x)
        nets, outs, deltas, grads = self.buffers(len(x))
        steps = self.steps
        last = len(steps) - 1
        if self.fused:
            # the output layer's out is softmax(net) or σ(net) already: not computed again
            loss, y = FUSED_LOSS_KERNELS[self.loss_name](nets[last], t, outs[last])
            fused_backward(y, t, out=deltas[last])
        else:
            forward_loss, backward_loss = OUTPUT_LOSS_KERNELS[self.loss_name]
            loss = forward_loss(outs[last], t)
            backward_loss(outs[last], t, out=grads[last])
            steps[last][2](grads[last], nets[last], outs[last], out=deltas[last])
        for k in range(last, -1, -1):
            layer, _, _, shared, grad_w, grad_b = steps[k]
            forms = self.transposed[k]
            dense_backward_weights(deltas[k], x if k == 0 else outs[k - 1], grad_w, forms[1])
            if grad_b is not None:
                dense_backward_bias(deltas[k], shared, out=grad_b)
            if k > 0:
                dense_backward_input(deltas[k], layer.weights.data, grads[k - 1], forms[2])
                steps[k - 1][2](grads[k - 1], nets[k - 1], outs[k - 1], out=deltas[k - 1])
        return float(loss)


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
    for i, (run, shape) in enumerate(zip(cases, shapes, strict=True)):
        if i == 2 and k == 0:  # the network's input needs no gradient
            forms.append(False)
            continue
        direct, flipped = np.empty(shape, plan.dtype), np.empty(shape, plan.dtype)
        times = {False: np.inf, True: np.inf}
        for _ in range(repeats):
            for t, out in ((False, direct), (True, flipped)):
                start = time.perf_counter()
                run(out, t)
                times[t] = min(times[t], time.perf_counter() - start)
        forms.append(bool(times[True] < times[False] and np.array_equal(direct, flipped)))
    return forms[0], forms[1], forms[2]


_plans: weakref.WeakKeyDictionary[Network, Plan] = weakref.WeakKeyDictionary()


def planned_gradients(network: Network, x: Any, t: Any) -> tuple[float, np.ndarray]:
    """E and the outputs for one batch, with every parameter's ``.grad`` set: the fast path.

    The plan for ``network`` is built on first use and kept while the network lives; it
    is rebuilt when a batch is larger than planned or the layers change. The outputs
    returned are a view of the plan's buffer, valid until the next call.
    """
    samples = len(x)
    plan = _plans.get(network)
    if plan is None or not plan.fits(network, samples):
        plan = Plan(network, samples)
        _plans[network] = plan
    loss = plan.gradients(x, t)
    return loss, plan.out[-1][:samples]
