"""The step's switches (chainrule.teach.step_rules): each one changes exactly the rule it names,
checked on Mazur's example against the numbers of the correct step; without rules, and
with the default rules, the step is bit for bit the engine's."""

from __future__ import annotations

import numpy as np
import pytest

from chainrule.teach.examples import mazur_spec
from chainrule.teach.step_rules import StepRules
from chainrule.teach.trace import trace_step


def step(rules=None, train_biases=False):
    s = mazur_spec()
    return trace_step(s.network, s.inputs, s.targets, s.learning_rate, train_biases, rules=rules)


@pytest.fixture(scope="module")
def good():
    return step()


def same(a, b) -> bool:
    return (
        all(
            np.array_equal(getattr(x, f), getattr(y, f))
            for x, y in zip(a.layers, b.layers, strict=True)
            for f in ("net", "out", "delta", "grad_out", "grad_weights", "weights_after")
        )
        and a.loss == b.loss
    )


@pytest.mark.parametrize("biases", [False, True])
def test_default_rules_are_the_engines_step_bit_for_bit(biases):
    assert same(step(None, biases), step(StepRules(), biases))


def test_updated_weights_take_w5_plus_for_the_hidden_layer(good):
    t = step(StepRules(next_weights="after"))
    out = good.layers[1]
    expected = out.delta[0] @ out.weights_after  # δ_o1·w5⁺ + δ_o2·w7⁺, …
    assert np.allclose(t.layers[0].grad_out[0], expected, rtol=1e-14)
    assert t.layers[0].grad_out[0, 0] == pytest.approx(0.030229739, abs=1e-9)
    assert np.array_equal(t.layers[1].delta, out.delta)  # the output layer is untouched


def test_transposed_and_one_output(good):
    out = good.layers[1]
    t = step(StepRules(next_weights="transposed"))
    assert np.allclose(t.layers[0].grad_out[0], out.delta[0] @ out.weights.T, rtol=1e-14)
    t = step(StepRules(one_output=0))
    assert np.allclose(t.layers[0].grad_out[0], out.delta[0, 0] * out.weights[0], rtol=1e-14)
    t = step(StepRules(one_output=1))
    assert np.allclose(t.layers[0].grad_out[0], out.delta[0, 1] * out.weights[1], rtol=1e-14)


def test_activation_derivative_switches(good):
    out = good.layers[1]
    t = step(StepRules(activation_derivative="one"))
    assert t.layers[1].delta[0, 0] == pytest.approx(0.74136507, abs=1e-8)  # ∂E/∂out_o1 alone
    t = step(StepRules(activation_derivative="net", layers=frozenset({1})))
    net = out.net[0]
    assert np.allclose(t.layers[1].delta[0], out.grad_out[0] * net * (1 - net), rtol=1e-14)
    # only layer 1 (the output layer): the hidden layer's own derivative is still out(1 − out)
    h = t.layers[0]
    assert np.allclose(h.delta[0], h.grad_out[0] * h.out[0] * (1 - h.out[0]), rtol=1e-14)


def test_loss_sign_and_scale(good):
    t = step(StepRules(loss_sign=-1.0))
    assert np.allclose(t.layers[0].grad_weights, -good.layers[0].grad_weights, rtol=1e-14)
    assert t.loss == good.loss
    t = step(StepRules(loss_scale=2.0))
    assert t.loss == pytest.approx(2 * 0.298371109, abs=1e-9)
    assert np.allclose(t.layers[1].grad_weights, 2 * good.layers[1].grad_weights, rtol=1e-14)
    t = step(StepRules(loss_scale=2.0, loss_value_scaled=False))
    assert t.loss == good.loss


def test_source_net_and_updates(good):
    h, out = good.layers
    t = step(StepRules(source_net=True))
    assert np.allclose(t.layers[1].grad_weights, np.outer(out.delta[0], h.net[0]), rtol=1e-14)
    t = step(StepRules(update="ascend"))
    assert t.layers[1].weights_after[0, 0] == pytest.approx(0.40 + 0.5 * 0.082167041, abs=1e-9)
    assert np.array_equal(t.layers[1].grad_weights, out.grad_weights)  # gradients kept
    t = step(StepRules(update="no_rate"))
    assert t.layers[1].weights_after[0, 0] == pytest.approx(0.40 - 0.082167041, abs=1e-9)


def test_bad_switch_values():
    with pytest.raises(ValueError):
        StepRules(next_weights="later")
    with pytest.raises(ValueError):
        StepRules(activation_derivative="two")
    with pytest.raises(ValueError):
        StepRules(update="sideways")
