"""Mazur's example: every number of Mazur's step-by-step example, to the printed digits."""

from __future__ import annotations

import numpy as np
import pytest

import chainrule as cr
from conftest import run_cli_json
from seeds import SEED000, ULPS, assert_printed


def seed000_numbers(trace: dict) -> dict[str, float]:
    """Read every seed-000 quantity out of the explain JSON (one sample, two layers)."""
    hidden, output = trace["layers"]
    out_h = hidden["out"][0]
    out_o = output["out"][0]
    delta_o = output["delta"][0]
    delta_h = hidden["delta"][0]
    w5, w6 = 0.40, 0.45
    w7 = 0.50
    targets = (0.01, 0.99)
    e_o = [0.5 * (t - o) ** 2 for t, o in zip(targets, out_o, strict=True)]
    d_out_o1 = out_o[0] - targets[0]
    d_out_h1 = delta_o[0] * w5 + delta_o[1] * w7
    _ = w6
    return {
        "net_h1": hidden["net"][0][0],
        "out_h1": out_h[0],
        "out_h2": out_h[1],
        "net_o1": output["net"][0][0],
        "out_o1": out_o[0],
        "out_o2": out_o[1],
        "E_o1": e_o[0],
        "E_o2": e_o[1],
        "E_total": trace["loss"],
        "dE_dout_o1": d_out_o1,
        "dout_o1_dnet_o1": delta_o[0] / d_out_o1,
        "dnet_o1_dw5": out_h[0],
        "dE_dw5": output["grad_weights"][0][0],
        "w5_new": output["weights_after"][0][0],
        "w6_new": output["weights_after"][0][1],
        "w7_new": output["weights_after"][1][0],
        "w8_new": output["weights_after"][1][1],
        "dEo1_dnet_o1": delta_o[0],
        "dEo1_dout_h1": delta_o[0] * w5,
        "dEo2_dout_h1": delta_o[1] * w7,
        "dE_dout_h1": d_out_h1,
        "dout_h1_dnet_h1": delta_h[0] / d_out_h1,
        "dE_dw1": hidden["grad_weights"][0][0],
        "w1_new": hidden["weights_after"][0][0],
        "w2_new": hidden["weights_after"][0][1],
        "w3_new": hidden["weights_after"][1][0],
        "w4_new": hidden["weights_after"][1][1],
    }


@pytest.fixture(scope="module")
def api_numbers() -> dict[str, float]:
    spec = cr.mazur_spec()
    trace = cr.trace_step(
        spec.network, spec.inputs, spec.targets, spec.learning_rate, spec.train_biases
    )
    return seed000_numbers(trace.to_dict())


@pytest.fixture(scope="module")
def cli_numbers() -> dict[str, float]:
    return seed000_numbers(run_cli_json("explain", "--example", "mazur", "--format", "json"))


@pytest.mark.parametrize("name", sorted(SEED000))
def test_api_reproduces_seed000(api_numbers, name):
    assert_printed(api_numbers[name], SEED000[name], ULPS.get(name, 0.5))


@pytest.mark.parametrize("name", sorted(SEED000))
def test_cli_json_reproduces_seed000(cli_numbers, name):
    assert_printed(cli_numbers[name], SEED000[name], ULPS.get(name, 0.5))


def test_gradients_are_the_named_chain_rule_products():
    """Mazur's example: ∂E/∂w5 = ∂E/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5, read off the graph."""
    spec = cr.mazur_spec()
    net = spec.network
    loss = net.loss(spec.inputs, spec.targets)
    loss.backward()
    hidden, output = net.layers
    d_e_d_out_o1 = output.out.grad[0, 0]
    d_out_d_net = output.out.data[0, 0] * (1 - output.out.data[0, 0])
    d_net_d_w5 = hidden.out.data[0, 0]
    assert output.weights.grad[0, 0] == pytest.approx(
        d_e_d_out_o1 * d_out_d_net * d_net_d_w5, rel=1e-14
    )
    # ∂E/∂out_h1 is the sum over the two outputs it feeds (the graph accumulates)
    delta_o = output.net.grad[0]
    assert hidden.out.grad[0, 0] == pytest.approx(delta_o[0] * 0.40 + delta_o[1] * 0.50, rel=1e-14)


def test_biases_not_updated_and_old_weights_used():
    """The walkthrough keeps b1, b2; the hidden step uses w5 = 0.40, not w5⁺ (erratum)."""
    spec = cr.mazur_spec()
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, 0.5, train_biases=False)
    hidden, output = trace.layers
    assert hidden.biases_after.tolist() == [0.35]
    assert output.biases_after.tolist() == [0.60]
    delta_o = output.delta[0]
    out_h1 = hidden.out[0, 0]
    expected = (delta_o[0] * 0.40 + delta_o[1] * 0.50) * out_h1 * (1 - out_h1) * 0.05
    assert hidden.grad_weights[0, 0] == pytest.approx(expected, rel=1e-14)
    assert trace.loss_after < trace.loss


def test_training_biases_moves_them_by_summed_deltas():
    spec = cr.mazur_spec()
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, 0.5, train_biases=True)
    hidden, output = trace.layers
    assert output.biases_after[0] == pytest.approx(0.60 - 0.5 * output.delta.sum(), rel=1e-14)
    assert hidden.biases_after[0] == pytest.approx(0.35 - 0.5 * hidden.delta.sum(), rel=1e-14)


def test_weights_read_row_by_row_as_w1_to_w8():
    spec = cr.mazur_spec()
    w = np.concatenate([layer.weights.data.ravel() for layer in spec.network.layers])
    assert w.tolist() == [0.15, 0.20, 0.25, 0.30, 0.40, 0.45, 0.50, 0.55]
