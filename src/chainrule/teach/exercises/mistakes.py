"""The known mistakes of a hand-computed backpropagation step, each a switch on the step.

Every mistake is a setting of :class:`~chainrule.teach.step_rules.StepRules` (or the biases
trained the other way round) handed to the engine's own step, not a second copy of the
math. Some have several forms (variants); the first is the usual one, used by
:func:`answers_with`. The per-layer ones are also tried on one layer alone, for a learner
who slips at one layer and not at the others.

========================== ===========================================================
code                        the mistake (switch)
========================== ===========================================================
updated_weights             the hidden deltas from the already-updated weights w5⁺…w8⁺
                            (``next_weights="after"``; Mazur's classic trap)
no_activation_derivative    ∂out/∂net left out (``activation_derivative="one"``)
sign                        δ with the wrong sign, (target − out)·f′(net) (``loss_sign=-1``)
factor_two                  the ½ of ½(target − out)² dropped: E and every gradient doubled
                            (``loss_scale=2``), or only ∂E/∂out doubled
one_output_only             ∂E/∂out_h1 from one output's term instead of the sum
                            (``one_output=m``)
transposed_weights          ∂E/∂out_h1 with the weight matrix transposed, w6 for w7
                            (``next_weights="transposed"``, square layers)
update_sign                 w⁺ = w + η·∂E/∂w (``update="ascend"``)
no_learning_rate            w⁺ = w − ∂E/∂w (``update="no_rate"``)
bias_updated                the biases updated where the problem keeps them
bias_kept                   the biases kept where the problem trains them
net_for_out                 ∂net/∂w from the source's net, ∂E/∂w5 = δ_o1·net_h1
                            (``source_net=True``), or out = net in the forward pass (the
                            activation function left out of a layer)
derivative_of_net           the derivative's formula fed with net, net(1 − net)
                            (``activation_derivative="net"``)
========================== ===========================================================
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from chainrule.nn.activations import Formula
from chainrule.nn.losses import LOSSES
from chainrule.teach.exercises.problem import Problem
from chainrule.teach.exercises.quantities import Quantity
from chainrule.teach.step_rules import StepRules

CODES = (
    "updated_weights",
    "no_activation_derivative",
    "sign",
    "factor_two",
    "one_output_only",
    "transposed_weights",
    "update_sign",
    "no_learning_rate",
    "bias_updated",
    "bias_kept",
    "net_for_out",
    "derivative_of_net",
)


@dataclass(frozen=True)
class Variant:
    """One form of a mistake: the step's rules, and whether the biases flip."""

    code: str
    rules: StepRules | None
    flip_biases: bool = False
    skip_activation: frozenset[int] = frozenset()  # out = net in these layers

    def solution(self, problem: Problem) -> dict[str, Quantity]:
        return problem.solution(self.rules, self.flip_biases, self.skip_activation)


def _layer_rules(**switches: Any) -> Callable[[frozenset[int] | None], StepRules]:
    """The rules with ``switches``, for the layers given later (None: every layer)."""
    return lambda layers: StepRules(**switches, layers=layers)


HALF: Formula = ("/", 1, 2)


def halved(error: Formula) -> bool:
    """Whether a loss's E_ok is written as ½ times a term (Mazur's ½(target − out)²): the ½
    a learner may drop (factor_two)."""
    return isinstance(error, tuple) and error[0] == "juxt" and error[1] == HALF


def variants(problem: Problem, code: str) -> list[Variant]:
    """The forms of mistake ``code`` that apply to ``problem`` (the usual one first)."""
    spec = problem.parsed()
    layers = spec.network.layers
    depth = len(layers)
    has_bias = any(lay.biases is not None for lay in layers)
    if code == "bias_updated":
        return [Variant(code, None, True)] if has_bias and not spec.train_biases else []
    if code == "bias_kept":
        return [Variant(code, None, True)] if has_bias and spec.train_biases else []
    if code == "sign":
        return [Variant(code, StepRules(loss_sign=-1.0))]
    if code == "factor_two":
        if not halved(LOSSES[spec.network.loss_name].error):
            return []  # only a loss written with a ½, E = Σ ½(target − out)², has one to drop
        return [
            Variant(code, StepRules(loss_scale=2.0)),
            Variant(code, StepRules(loss_scale=2.0, loss_value_scaled=False)),
        ]
    if code == "update_sign":
        return [Variant(code, StepRules(update="ascend"))]
    if code == "no_learning_rate":
        return [Variant(code, StepRules(update="no_rate"))]
    # per-layer switches: everywhere, then one layer at a time
    if code in ("updated_weights", "transposed_weights", "one_output_only"):
        scopes = [None] + [frozenset({k}) for k in range(depth - 1)] if depth > 2 else [None]
        if code == "updated_weights":
            make = [_layer_rules(next_weights="after")]
        elif code == "transposed_weights":
            make = [_layer_rules(next_weights="transposed")]
        else:
            widest = max(lay.units for lay in layers[1:]) if depth > 1 else 0
            make = [_layer_rules(one_output=m) for m in range(widest)] if widest > 1 else []
    else:
        scopes = [None] + [frozenset({k}) for k in range(depth)]
        switch = {
            "no_activation_derivative": {"activation_derivative": "one"},
            "derivative_of_net": {"activation_derivative": "net"},
            "net_for_out": {"source_net": True},
        }[code]
        make = [_layer_rules(**switch)]
    found = [Variant(code, m(scope)) for m in make for scope in scopes]
    if code == "net_for_out":
        fused = LOSSES[spec.network.loss_name].fuses is not None
        skipped = range(depth - 1 if fused else depth)  # a fused loss needs its activation
        found += [Variant(code, None, False, frozenset({k})) for k in skipped]
        if depth > 1:
            found.append(Variant(code, None, False, frozenset(skipped)))
    return found


def answers_with(problem: Problem, code: str) -> dict[str, float] | None:
    """Every asked number as a learner who makes mistake ``code`` everywhere computes it
    (None when the mistake does not apply to this problem)."""
    found = variants(problem, code)
    if not found:
        return None
    values = found[0].solution(problem)
    return {n: values[n].value for n in problem.ask}
