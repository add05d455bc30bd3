"""A network's plan: the graph of a :class:`Network` recorded once, replayed every step.

The plan itself is the engine's (:class:`chainrule.engine.plan.Plan`: the graph's own
nodes, their forward in topological order and their backward in reverse, recorded with
``out=`` buffers). This module builds a network's graph for it -- the layers' Dense nodes and
activations, then the loss, exactly as ``Network.outputs_and_loss`` does -- and adds what
belongs to networks and optimizers: whether a plan still fits a network, the recorded
update of plain gradient descent, and the plan kept for each network.

One step on a batch of N samples (JongSeobJ's matrix form, layers k = 1…L), in the order
the walk records it:
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

from chainrule.engine import plan as engine_plan
from chainrule.engine.calls import Recording
from chainrule.engine.tensor import Tensor
from chainrule.nn import Network
from chainrule.nn.losses import compute_loss
from chainrule.nn.optimizers import Optimizer


def graph_of(network: Network) -> engine_plan.Build:
    """build(x, t) -> (out, E): the network's graph for a plan, as ``Network.outputs_and_loss``
    makes it (the layers in order, then the loss). It holds the layers, not the network (a
    plan kept for a network must not keep it alive), and leaves the layers' ``net`` and
    ``out`` (kept for explanations) as they were."""
    layers, loss = list(network.layers), network.loss_name

    def build(x: Tensor, t: np.ndarray) -> tuple[Tensor, Tensor]:
        kept = [(layer.net, layer.out) for layer in layers]
        try:
            h = x
            for layer in layers:
                h = layer(h)
            return h, compute_loss(loss, h, layers[-1].net, t)
        finally:
            for layer, (net, out) in zip(layers, kept, strict=True):
                layer.net, layer.out = net, out

    return build


class Plan(engine_plan.Plan):
    """Gradients of a :class:`Network`'s loss, replayed with preallocated buffers.

    ``plan.gradients(x, t)`` sets every parameter's ``.grad`` and returns E on the batch
    (see :class:`chainrule.engine.plan.Plan`); ``plan.update(optimizer)`` then takes the
    optimizer's step. ``tune``: time each product's two forms and take the faster where
    they give the same bits (else the direct form; "transposed" forces the other).
    """

    def __init__(self, network: Network, batch_size: int, tune: bool | str = True) -> None:
        forms = tune if isinstance(tune, str) else "fastest" if tune else "direct"
        shapes = (network.input_size,), (network.output_size,)
        parameters = network.parameters()
        super().__init__(graph_of(network), parameters, shapes, network.dtype, batch_size, forms)
        self.loss_name = network.loss_name
        # what the recordings hold: each layer with its parameter tensors and their arrays
        self.members = [
            (layer, layer.weights, layer.biases, layer.weights.data, _data(layer.biases))
            for layer in network.layers
        ]
        self.weights = network.parameters(biases=False)
        self._update: tuple[Any, Recording | None] = ((), None)

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


def _data(parameter: Tensor | None) -> np.ndarray | None:
    return None if parameter is None else parameter.data


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
    return loss, plan.program(samples).out.data
