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

import weakref
from typing import Any

import numpy as np

from .errors import ChainruleError
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

    def __init__(self, network: Network, batch_size: int) -> None:
        if batch_size < 1:
            raise ChainruleError(f"batch size {batch_size!r}: expected a whole number >= 1")
        self.network = network
        self.batch_size = int(batch_size)
        self.dtype = network.dtype
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
        self.grads = [np.zeros_like(p.data) for p in network.parameters()]

    def fits(self, network: Network, samples: int) -> bool:
        """True if this plan can replay ``network`` on a batch of ``samples``."""
        return (
            samples <= self.batch_size
            and network.dtype == self.dtype
            and len(network.layers) == len(self.layers)
            and all(a is b for a, b in zip(network.layers, self.layers, strict=True))
        )

    def _views(self, n: int) -> tuple[list[np.ndarray], ...]:
        if n == self.batch_size:
            return self.net, self.out, self.delta, self.grad_out
        return tuple(
            [b[:n] for b in bufs] for bufs in (self.net, self.out, self.delta, self.grad_out)
        )

    def forward(self, x: np.ndarray) -> np.ndarray:
        """out of the last layer (a view of the plan's buffer)."""
        n = len(x)
        if n > self.batch_size:
            raise ChainruleError(f"batch of {n} samples: the plan holds at most {self.batch_size}")
        nets, outs, _, _ = self._views(n)
        h = x
        for k, layer in enumerate(self.network.layers):
            b = None if layer.biases is None else layer.biases.data
            dense_forward(h, layer.weights.data, b, out=nets[k])
            if outs[k] is not nets[k]:
                KERNELS[layer.activation][0](nets[k], out=outs[k])
            h = outs[k]
        return h

    def gradients(self, x: Any, t: Any) -> float:
        """Forward and backward on one batch; fills each parameter's ``.grad``; returns E."""
        x = np.asarray(x, dtype=self.dtype)
        t = np.asarray(t, dtype=self.dtype)
        layers = self.network.layers
        for p, g in zip(self.network.parameters(), self.grads, strict=True):
            p.grad = g  # the plan's buffers, even after a zero_grad()
        n = len(x)
        self.forward(x)
        nets, outs, deltas, grads = self._views(n)
        last = len(layers) - 1
        if self.fused:
            loss, y = FUSED_LOSS_KERNELS[self.network.loss_name](nets[last], t)
            fused_backward(y, t, out=deltas[last])
        else:
            forward_loss, backward_loss = OUTPUT_LOSS_KERNELS[self.network.loss_name]
            loss = forward_loss(outs[last], t)
            backward_loss(outs[last], t, out=grads[last])
            KERNELS[layers[last].activation][1](
                grads[last], nets[last], outs[last], out=deltas[last]
            )
        for k in range(last, -1, -1):
            layer = layers[k]
            inputs = x if k == 0 else outs[k - 1]
            dense_backward_weights(deltas[k], inputs, out=layer.weights.grad)
            if layer.biases is not None:
                layer.biases.grad[...] = dense_backward_bias(deltas[k], layer.bias == "shared")
            if k > 0:
                dense_backward_input(deltas[k], layer.weights.data, out=grads[k - 1])
                backward = KERNELS[layers[k - 1].activation][1]
                backward(grads[k - 1], nets[k - 1], outs[k - 1], out=deltas[k - 1])
        return float(loss)


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
