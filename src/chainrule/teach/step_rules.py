"""Switches on the rules of one training step, for answer checking (``chainrule check``).

A learner who does backpropagation by hand makes well-known mistakes; each one is a
different rule at one place of the same step. :class:`StepRules` names those places, and
:func:`install` puts the rules on the nodes of one recorded graph (the network's own
dense, activation and loss nodes): each switch wraps a node's own ``backward`` and calls
it, so the math stays the engine's. The default rules are the correct step, and
:func:`chainrule.teach.trace.trace_step` without ``rules`` does not call this module at all.

The switches (the correct rule first):

- ``loss_scale``: ∂E/∂out (or ∂E/∂net of a fused loss) and E times this (2: the ½ of
  E = Σ ½(target − out)² left out); ``loss_value_scaled`` says whether E itself is
  scaled too (False: only the derivative carries the stray factor);
- ``loss_sign``: −1 flips δ of the output layer, δ = (target − out)·f′(net);
- ``activation_derivative``: ``"out"`` (f′ as the engine computes it), ``"one"``
  (∂out/∂net left out, taken as 1) or ``"net"`` (the formula in out fed with net:
  net(1 − net) for the logistic function, 1 − net² for tanh);
- ``next_weights``: ``"before"`` (Mazur's rule: every delta of a step uses the weights
  as they were before it), ``"after"`` (∂E/∂out of layer k from the already-updated
  weights w⁺ = w − η·∂E/∂w of layer k + 1) or ``"transposed"`` (δ·Wᵀ instead of δ·W, for a
  square weight matrix: w6 where w7 belongs in ∂E/∂out_h1);
- ``one_output``: None (the sum over the next layer's neurons) or m (only neuron m's term);
- ``source_net``: ∂net/∂w = the source's net instead of its out (∂E/∂w5 = δ_o1·net_h1);
- ``update``: ``"descend"`` (w⁺ = w − η·∂E/∂w), ``"ascend"`` (w + η·∂E/∂w) or
  ``"no_rate"`` (w − ∂E/∂w).

``layers`` limits the per-layer switches (activation_derivative, next_weights,
one_output, source_net) to those layers (0 = the first layer); None means every layer.
For ``next_weights`` and ``one_output`` the layer is the one whose ∂E/∂out is summed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

from chainrule.engine.dense import dense_backward_input, dense_backward_weights
from chainrule.engine.tensor import Node, Tensor
from chainrule.nn import ACTIVATIONS, Network

ACTIVATION_DERIVATIVES = ("out", "one", "net")
NEXT_WEIGHTS = ("before", "after", "transposed")
UPDATES = ("descend", "ascend", "no_rate")


@dataclass(frozen=True)
class StepRules:
    """How one step is computed; the defaults are the correct step (see the module)."""

    loss_scale: float = 1.0
    loss_value_scaled: bool = True
    loss_sign: float = 1.0
    activation_derivative: str = "out"
    next_weights: str = "before"
    one_output: int | None = None
    source_net: bool = False
    update: str = "descend"
    layers: frozenset[int] | None = None

    def __post_init__(self) -> None:
        if self.activation_derivative not in ACTIVATION_DERIVATIVES:
            raise ValueError(f"activation_derivative {self.activation_derivative!r}")
        if self.next_weights not in NEXT_WEIGHTS:
            raise ValueError(f"next_weights {self.next_weights!r}")
        if self.update not in UPDATES:
            raise ValueError(f"update {self.update!r}")

    def applies(self, k: int) -> bool:
        return self.layers is None or k in self.layers

    def update_rate(self, learning_rate: float) -> tuple[float, float]:
        """(sign, rate) of the update: w⁺ = w − sign·rate·∂E/∂w."""
        if self.update == "ascend":
            return -1.0, learning_rate
        if self.update == "no_rate":
            return 1.0, 1.0
        return 1.0, learning_rate

    def backward_weights(self, before: np.ndarray, after: np.ndarray) -> np.ndarray | None:
        """The weights W (units × inputs) the ∂E/∂out below a layer is taken with, so that
        ∂E/∂x = δ·W: ``before``, ``after`` (w⁺) or the transpose of ``before`` (None when
        it is not square, where the transposed product does not exist)."""
        if self.next_weights == "after":
            return after
        if self.next_weights == "transposed":
            return before.T if before.shape[0] == before.shape[1] else None
        return before


def _wrap(node: Node, backward: Callable[[np.ndarray], Sequence[np.ndarray | None]]) -> None:
    node.backward = backward  # type: ignore[method-assign]  # this graph's node only


def install(rules: StepRules, network: Network, loss: Tensor, learning_rate: float) -> None:
    """Put ``rules`` on the graph of ``loss`` (just computed by ``network.loss``)."""
    layers = network.layers
    loss_node = loss.creator
    assert loss_node is not None
    scale = rules.loss_scale * rules.loss_sign
    if scale != 1.0:
        own_loss = loss_node.backward

        def loss_backward(gy: np.ndarray) -> Sequence[np.ndarray | None]:
            return tuple(None if g is None else g * scale for g in own_loss(gy))

        _wrap(loss_node, loss_backward)
        if rules.loss_value_scaled:
            loss.data = loss.data * rules.loss_scale
    for k, lay in enumerate(layers):
        assert lay.net is not None and lay.out is not None
        act = lay.out.creator
        if rules.applies(k) and act is not None and rules.activation_derivative != "out":
            _wrap(act, _activation_backward(rules.activation_derivative, lay.activation, lay.net))
        if k == 0:
            continue
        dense_node = lay.net.creator
        assert dense_node is not None
        source_net = rules.source_net and rules.applies(k)
        sums = rules.applies(k - 1) and (
            rules.next_weights != "before" or rules.one_output is not None
        )
        if source_net or sums:
            below = layers[k - 1].net
            assert below is not None
            own = dense_node.backward
            _wrap(
                dense_node,
                _dense_backward(
                    rules, own, dense_node, below if source_net else None, sums, learning_rate
                ),
            )


def _activation_backward(
    how: str, activation: str, net: Tensor
) -> Callable[[np.ndarray], tuple[np.ndarray]]:
    if how == "one":
        return lambda gy: (gy,)
    kernel = ACTIVATIONS[activation].backward
    # the derivative's formula in out, fed with net (ReLU and |net| read net already)
    return lambda gy: (kernel(gy, net.data, net.data),)


def _dense_backward(
    rules: StepRules,
    own: Callable[[np.ndarray], Sequence[np.ndarray | None]],
    node: Node,
    net_below: Tensor | None,
    sums: bool,
    learning_rate: float,
) -> Callable[[np.ndarray], Sequence[np.ndarray | None]]:
    """The dense node's own backward, then ∂E/∂W from the source's net (``net_below``)
    and ∂E/∂x by the rules' weights and terms (``sums``)."""

    def backward(gy: np.ndarray) -> Sequence[np.ndarray | None]:
        grads = list(own(gy))
        w = node.w  # type: ignore[attr-defined]
        if net_below is not None:
            grads[1] = dense_backward_weights(gy, net_below.data)
        if sums and grads[0] is not None:
            sign, rate = rules.update_rate(learning_rate)
            after = w - sign * rate * grads[1]
            used = rules.backward_weights(w, after)
            if used is not None:
                delta = gy
                if rules.one_output is not None and rules.one_output < gy.shape[1]:
                    delta = np.zeros_like(gy)
                    delta[:, rules.one_output] = gy[:, rules.one_output]
                grads[0] = dense_backward_input(delta, used)
        return tuple(grads)

    return backward


def hidden_terms(
    rules: StepRules | None, k: int, delta: np.ndarray, before: np.ndarray, after: np.ndarray
) -> np.ndarray:
    """The terms δ_m·w_mj of ∂E/∂out_j of layer k (samples × next units × units), with the
    weights ``rules`` take them with (zero where ``one_output`` leaves a term out)."""
    used = before
    keep = None
    if rules is not None and rules.applies(k):
        chosen = rules.backward_weights(before, after)
        used = before if chosen is None else chosen
        keep = rules.one_output
    terms = delta[:, :, None] * used[None, :, :]
    if keep is not None and keep < terms.shape[1]:
        mask = np.zeros(terms.shape[1], dtype=bool)
        mask[keep] = True
        terms[:, ~mask, :] = 0.0
    return terms
