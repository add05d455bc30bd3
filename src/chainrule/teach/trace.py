"""One training step, recorded: every layer's net, out, delta, gradients and updates.

This is the data behind ``chainrule explain``. For N samples:
- ``net``, ``out`` and ``delta`` are samples × units, where delta_n = ∂E_n/∂net_n is the
  per-sample delta of the XOR blog post and JongSeobJ's matrix form (output: (out − target)·f′(net)
  for ½-SSE;
  hidden: (Σ_k δ_k w_k)·f′(net));
- ``grad_weights`` = ∂E/∂W with E the loss averaged over the samples, i.e. the mean of
  δ_nᵀ·out_n (JongSeobJ's matrix form: ∂E/∂W_HO = out_Hᵀ δ_O), in the layout of ``weights``;
- ``weights_after`` = W − η·∂E/∂W (Mazur's example: w5⁺ = w5 − η·∂E/∂w5).
All gradients are taken before any weight moves (Mazur's hidden-layer step uses w5 = 0.40, not w5⁺).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np

from chainrule.nn import Network
from chainrule.nn.optimizers import SGD
from chainrule.teach.step_rules import StepRules, install
from chainrule.training.loop import evaluate_loss


@dataclass
class LayerStep:
    """One layer's numbers in a training step."""

    inputs: np.ndarray
    weights: np.ndarray
    biases: np.ndarray | None
    net: np.ndarray
    out: np.ndarray
    delta: np.ndarray
    grad_out: np.ndarray
    grad_weights: np.ndarray
    grad_biases: np.ndarray | None
    weights_after: np.ndarray
    biases_after: np.ndarray | None
    activation: str
    bias: str

    def to_dict(self) -> dict[str, Any]:
        empty: list[float] = []
        return {
            "net": self.net.tolist(),
            "out": self.out.tolist(),
            "delta": self.delta.tolist(),
            "grad_weights": self.grad_weights.tolist(),
            "grad_biases": empty if self.grad_biases is None else self.grad_biases.tolist(),
            "weights_after": self.weights_after.tolist(),
            "biases_after": empty if self.biases_after is None else self.biases_after.tolist(),
        }


@dataclass
class StepTrace:
    """A whole training step: E before and after, and each layer's :class:`LayerStep`."""

    loss: float
    loss_after: float
    inputs: np.ndarray
    targets: np.ndarray
    learning_rate: float
    train_biases: bool
    loss_name: str
    layers: list[LayerStep]

    def to_dict(self) -> dict[str, Any]:
        return {
            "loss": self.loss,
            "loss_after": self.loss_after,
            "layers": [layer.to_dict() for layer in self.layers],
        }


def trace_step(
    network: Network,
    inputs: Any,
    targets: Any,
    learning_rate: float,
    train_biases: bool = True,
    *,
    rules: StepRules | None = None,
) -> StepTrace:
    """Run one full-batch gradient-descent step on ``network`` (which it updates) and record it.

    ``rules`` (for answer checking, see :mod:`chainrule.teach.step_rules`) changes one rule of
    the step, the way a learner's known mistake does; None, the default, is the correct
    step and leaves the engine's nodes untouched.
    """
    x = np.asarray(inputs, dtype=network.dtype)
    t = np.asarray(targets, dtype=network.dtype)
    n = len(x)
    network.zero_grad()
    loss = network.loss(x, t)
    if rules is not None:
        install(rules, network, loss, learning_rate)
    loss.backward()
    before = [
        (lay.weights.data.copy(), None if lay.biases is None else lay.biases.data.copy())
        for lay in network.layers
    ]
    layer_inputs = [x] + [lay.out.data for lay in network.layers[:-1]]  # type: ignore[union-attr]
    if rules is None:
        SGD(learning_rate).step(network.parameters(biases=train_biases))
    else:
        _ruled_update(rules, network.parameters(biases=train_biases), learning_rate)
    steps = []
    for lay, (w, b), xin in zip(network.layers, before, layer_inputs, strict=True):
        assert lay.net is not None and lay.out is not None and lay.net.grad is not None
        grad_out = lay.out.grad if lay.out.grad is not None else np.zeros_like(lay.out.data)
        steps.append(
            LayerStep(
                inputs=xin,
                weights=w,
                biases=b,
                net=lay.net.data.copy(),
                out=lay.out.data.copy(),
                delta=lay.net.grad * n,
                grad_out=grad_out * n,
                grad_weights=lay.weights.grad.copy(),  # type: ignore[union-attr]
                grad_biases=None if lay.biases is None else lay.biases.grad.copy(),  # type: ignore[union-attr]
                weights_after=lay.weights.data.copy(),
                biases_after=None if lay.biases is None else lay.biases.data.copy(),
                activation=lay.activation,
                bias=lay.bias,
            )
        )
    loss_after = evaluate_loss(network, x, t)
    return StepTrace(
        loss=loss.item(),
        loss_after=loss_after,
        inputs=x,
        targets=t,
        learning_rate=learning_rate,
        train_biases=train_biases,
        loss_name=network.loss_name,
        layers=steps,
    )


def _ruled_update(rules: StepRules, parameters: list, learning_rate: float) -> None:
    """The SGD step with the rules' sign and rate (the gradients are left as they were)."""
    sign, rate = rules.update_rate(learning_rate)
    if sign < 0:
        for p in parameters:
            np.negative(p.grad, out=p.grad)
    SGD(rate).step(parameters)
    if sign < 0:
        for p in parameters:
            np.negative(p.grad, out=p.grad)
