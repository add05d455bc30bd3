"""Every number of a hand-computed step, by answer name, read from a recorded step.

:func:`quantities` reads a :class:`~chainrule.teach.trace.StepTrace` (one sample) and lists the
quantities in the explanation's order (forward, error, then the backwards pass from the
output layer down), each with its value and the quantities it is computed from. The
values are the trace's own (net, out, E_total, δ, ∂E/∂out, ∂E/∂w, w⁺, b⁺); the few local
ones a hand calculation writes down are taken as the explanation takes them: E_o1 from
the loss, ∂out/∂net from out or net (:func:`~chainrule.teach.explain.derivatives.local_derivative`;
under a switched derivative rule, δ / (∂E/∂out) as the switched step took it), and the
terms δ_o1·w5 of ∂E/∂out_h1 with the weights the step's rules take.

Each dependency carries its sensitivity |∂q/∂p| (for the rounding allowance of
:mod:`.rounding`): how much a change of the input p moves q, with every other input fixed.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import LOSSES as LOSS_RECORDS
from chainrule.teach.exercises.names import ascii_neuron, neuron
from chainrule.teach.exercises.sensitivity import derivative_input, error_slope, gradient_slope
from chainrule.teach.explain.derivatives import local_derivative, output_errors
from chainrule.teach.explain.names import FUSED, SEPARABLE
from chainrule.teach.step_rules import StepRules, hidden_terms
from chainrule.teach.trace import StepTrace

# The losses of a hand calculation: every record whose gradient does not jump (not hinge).
LOSSES = tuple(name for name, loss in LOSS_RECORDS.items() if not loss.kink)


@dataclass
class Quantity:
    """One named number of the step: its value, layer and what it is computed from."""

    name: str
    value: float
    layer: int
    deps: list[tuple[str, float]] = field(default_factory=list)  # (name, |∂q/∂p|)


def weight_name(trace: StepTrace, k: int, j: int, i: int) -> str:
    offset = sum(lay.weights.size for lay in trace.layers[:k])
    return f"w{offset + j * trace.layers[k].weights.shape[1] + i + 1}"


def bias_name(trace: StepTrace, k: int, c: int) -> str:
    offset = sum(0 if lay.biases is None else lay.biases.size for lay in trace.layers[:k])
    return f"b{offset + c + 1}"


def quantities(trace: StepTrace, rules: StepRules | None = None) -> dict[str, Quantity]:
    """The step's named numbers, in the explanation's order (one training sample)."""
    if len(trace.inputs) != 1:
        raise ChainruleError(
            f"an exercise has one training sample, got {len(trace.inputs)}: "
            "expected inputs and targets with one row each"
        )
    if trace.loss_name not in LOSSES:
        raise ChainruleError(
            f"exercises use the loss half_sse, mse, cross_entropy or binary_cross_entropy, "
            f"got {trace.loss_name!r}"
        )
    layers, depth = trace.layers, len(trace.layers)
    fused = FUSED.get(trace.loss_name) == layers[-1].activation
    q: dict[str, Quantity] = {}

    def add(name: str, value: float, k: int, deps: list[tuple[str, float]] | None = None) -> None:
        q[name] = Quantity(name, float(value), k, deps or [])

    def nm(k: int, j: int) -> str:
        return ascii_neuron(neuron(k, j, depth))

    # forward
    for k, lay in enumerate(layers):
        units = lay.weights.shape[0]
        for j in range(units):
            deps = []
            if k > 0:
                deps = [
                    (f"out_{nm(k - 1, i)}", abs(lay.weights[j, i]))
                    for i in range(lay.weights.shape[1])
                ]
            add(f"net_{nm(k, j)}", lay.net[0, j], k, deps)
            add(f"out_{nm(k, j)}", lay.out[0, j], k, _out_deps(trace, k, j, nm))
    # error
    last, k_out = layers[-1], depth - 1
    errors = output_errors(trace.loss_name, last.out, last.net, trace.targets)
    scale = rules.loss_scale if rules is not None and rules.loss_value_scaled else 1.0
    outputs = range(last.weights.shape[0])
    for j in outputs:
        slope = error_slope(trace.loss_name, last.activation, last.net, trace.targets, j)
        deps = [(f"out_{nm(k_out, j)}", slope * scale)]
        add(f"E_{nm(k_out, j)}", errors[0, j] * scale, k_out, deps)
    add("E_total", trace.loss, k_out, [(f"E_{nm(k_out, j)}", 1.0) for j in outputs])
    # backwards, from the output layer down
    for k in range(depth - 1, -1, -1):
        lay = layers[k]
        units = lay.weights.shape[0]
        for j in range(units):
            n = nm(k, j)
            delta = float(lay.delta[0, j])
            if k == depth - 1 and fused:
                add(f"delta_{n}", delta, k, [(f"out_{n}", abs(rules_scale(rules)))])
            else:
                if k == depth - 1:
                    curve = gradient_slope(trace.loss_name, lay.out, trace.targets, j)
                    deps = [(f"out_{n}", curve * abs(rules_scale(rules)))]
                    add(f"dE/dout_{n}", lay.grad_out[0, j], k, deps)
                else:
                    _hidden_grad_out(q, trace, rules, k, j, nm)
                go = float(lay.grad_out[0, j])
                exact = (
                    rules is None or rules.activation_derivative == "out" or not rules.applies(k)
                )
                if exact or go == 0:
                    d = float(
                        local_derivative(
                            lay.activation, lay.net[0, j : j + 1], lay.out[0, j : j + 1]
                        )[0]
                    )
                else:
                    d = delta / go
                leaf, bend = derivative_input(lay.activation, float(lay.net[0, j]))
                add(f"dout_{n}/dnet_{n}", d, k, [(f"{leaf}_{n}", bend)])
                add(
                    f"delta_{n}",
                    delta,
                    k,
                    [(f"dE/dout_{n}", abs(d)), (f"dout_{n}/dnet_{n}", abs(go))],
                )
            for i in range(lay.weights.shape[1]):
                w = weight_name(trace, k, j, i)
                deps = [(f"delta_{n}", abs(float(lay.inputs[0, i])))]
                if k > 0:
                    deps.append((f"out_{nm(k - 1, i)}", abs(delta)))
                add(f"dE/d{w}", lay.grad_weights[j, i], k, deps)
                add(f"{w}+", lay.weights_after[j, i], k, [(f"dE/d{w}", abs(trace.learning_rate))])
        if lay.biases is not None and lay.grad_biases is not None and lay.biases_after is not None:
            for c in range(lay.biases.size):
                b = bias_name(trace, k, c)
                fed = range(units) if lay.bias == "shared" and units > 1 else [c]
                add(f"dE/d{b}", lay.grad_biases[c], k, [(f"delta_{nm(k, m)}", 1.0) for m in fed])
                moved = trace.train_biases
                add(
                    f"{b}+",
                    lay.biases_after[c],
                    k,
                    [(f"dE/d{b}", abs(trace.learning_rate))] if moved else [],
                )
    return q


def _out_deps(
    trace: StepTrace, k: int, j: int, nm: Callable[[int, int], str]
) -> list[tuple[str, float]]:
    """out_j's inputs with |∂out_j/∂net_m|: row j of the Jacobian, by the record's backward
    kernel with ∂E/∂out = 1 at j alone (an element-wise activation: net_j with f′(net_j);
    softmax: every net_m of the layer with out_j(δ_jm − out_m))."""
    lay = trace.layers[k]
    record = ACTIVATIONS[lay.activation]
    unit = np.zeros_like(lay.out[:1])
    unit[0, j] = 1.0
    row = record.backward(unit, lay.net[:1], lay.out[:1], **record.options)[0]
    fed = [j] if record.elementwise else range(row.size)
    return [(f"net_{nm(k, m)}", abs(float(row[m]))) for m in fed]


def rules_scale(rules: StepRules | None) -> float:
    return 1.0 if rules is None else rules.loss_scale


def _hidden_grad_out(
    q: dict[str, Quantity],
    trace: StepTrace,
    rules: StepRules | None,
    k: int,
    j: int,
    nm: Callable[[int, int], str],
) -> None:
    """∂E/∂out of hidden neuron j, with the terms δ_m·w_mj when the error is a sum of one
    error per output (Mazur's ∂E_o1/∂out_h1 + ∂E_o2/∂out_h1)."""
    nxt, lay = trace.layers[k + 1], trace.layers[k]
    n = nm(k, j)
    terms = hidden_terms(rules, k, nxt.delta, nxt.weights, nxt.weights_after)[0]
    separable = (
        k + 1 == len(trace.layers) - 1
        and trace.loss_name in SEPARABLE
        and ACTIVATIONS[nxt.activation].elementwise
        and nxt.weights.shape[0] > 1
    )
    deps = []
    for m in range(nxt.weights.shape[0]):
        w = abs(float(nxt.weights[m, j]))
        if separable:
            name = f"dE_{nm(k + 1, m)}/dout_{n}"
            q[name] = Quantity(name, float(terms[m, j]), k, [(f"delta_{nm(k + 1, m)}", w)])
            deps.append((name, 1.0))
        else:
            deps.append((f"delta_{nm(k + 1, m)}", w))
    q[f"dE/dout_{n}"] = Quantity(f"dE/dout_{n}", float(lay.grad_out[0, j]), k, deps)
