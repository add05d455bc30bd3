"""JongSeobJ's matrix form: backprop in matrix form on a 3-4-2 sigmoid network with shared, trained
biases,
checked against the per-weight formulas written out one by one.

JongSeobJ's notation: W_IH is 3×4 (row = input i, column = hidden neuron j), W_HO is 4×2;
w_ij = W_IH[i][j], w'_jk = W_HO[j][k]. Our layout is weights[j][i] (destination × source),
i.e. W_IHᵀ and W_HOᵀ. The numbers below are ours (the slides give none): one sample x with
target y, b1 = 0.35, b2 = 0.60 and η = 0.5, as in Mazur's example.

    δ_O = (out_O − y) ⊙ out_O(1 − out_O)        ∂E/∂w'_jk = δ_Ok · out_Hj
    δ_H = (Σ_k δ_Ok w'_jk) ⊙ out_H(1 − out_H)   ∂E/∂w_ij  = δ_Hj · x_i
    b2 ← b2 − η Σ δ_O                            b1 ← b1 − η Σ δ_H
"""

from __future__ import annotations

import json
import math

import pytest

import chainrule as cr
from conftest import run_cli_json

X = [1.0, 0.5, -0.5]
Y = [0.01, 0.99]
W_IH = [  # 3 inputs × 4 hidden (JongSeobJ's layout)
    [0.10, -0.20, 0.30, 0.15],
    [0.25, 0.05, -0.10, 0.40],
    [-0.30, 0.20, 0.35, -0.05],
]
W_HO = [  # 4 hidden × 2 outputs
    [0.40, -0.25],
    [0.10, 0.30],
    [-0.35, 0.45],
    [0.20, 0.05],
]
B1, B2, ETA = 0.35, 0.60, 0.5
TOL = 1e-13


def transpose(m: list[list[float]]) -> list[list[float]]:
    return [list(col) for col in zip(*m, strict=True)]


SPEC = {
    "input_size": 3,
    "layers": [
        {"units": 4, "activation": "sigmoid", "bias": "shared",
         "weights": transpose(W_IH), "biases": [B1]},
        {"units": 2, "activation": "sigmoid", "bias": "shared",
         "weights": transpose(W_HO), "biases": [B2]},
    ],
    "loss": "half_sse",
    "learning_rate": ETA,
    "train_biases": True,
    "inputs": [X],
    "targets": [Y],
}  # fmt: skip


def sigmoid(v: float) -> float:
    return 1.0 / (1.0 + math.exp(-v))


def forward(x, w_ih, w_ho, b1, b2):
    """net and out of each layer for one sample, one neuron at a time."""
    net_h = [sum(x[i] * w_ih[i][j] for i in range(3)) + b1 for j in range(4)]
    out_h = [sigmoid(v) for v in net_h]
    net_o = [sum(out_h[j] * w_ho[j][k] for j in range(4)) + b2 for k in range(2)]
    out_o = [sigmoid(v) for v in net_o]
    return net_h, out_h, net_o, out_o


def error(xs, ys, w_ih, w_ho, b1, b2) -> float:
    """E = ½ Σ_k (target − out)², averaged over the samples."""
    total = 0.0
    for x, y in zip(xs, ys, strict=True):
        out_o = forward(x, w_ih, w_ho, b1, b2)[3]
        total += sum(0.5 * (y[k] - out_o[k]) ** 2 for k in range(2))
    return total / len(xs)


def by_hand(xs=(X,), ys=(Y,)) -> dict:
    """JongSeobJ's step, every weight on its own line of arithmetic. With several samples each
    gets its own deltas and the gradients are averaged over the samples (E is their mean)."""
    n = len(xs)
    hand = {
        name: {"net": [], "out": [], "delta": [], "grad_weights": zeros(units, fan_in),
               "grad_biases": [0.0]}
        for name, units, fan_in in (("hidden", 4, 3), ("output", 2, 4))
    }  # fmt: skip
    g_ih, g_ho = hand["hidden"]["grad_weights"], hand["output"]["grad_weights"]  # [j][i], [k][j]
    for x, y in zip(xs, ys, strict=True):
        net_h, out_h, net_o, out_o = forward(x, W_IH, W_HO, B1, B2)
        delta_o = [(out_o[k] - y[k]) * out_o[k] * (1 - out_o[k]) for k in range(2)]
        delta_h = [
            sum(delta_o[k] * W_HO[j][k] for k in range(2)) * out_h[j] * (1 - out_h[j])
            for j in range(4)
        ]
        for j in range(4):
            for k in range(2):
                g_ho[k][j] += delta_o[k] * out_h[j] / n  # ∂E/∂w'_jk = δ_Ok out_Hj
            for i in range(3):
                g_ih[j][i] += delta_h[j] * x[i] / n  # ∂E/∂w_ij = δ_Hj x_i
        hand["output"]["grad_biases"][0] += sum(delta_o) / n
        hand["hidden"]["grad_biases"][0] += sum(delta_h) / n
        for name, net, out, delta in (("hidden", net_h, out_h, delta_h),
                                      ("output", net_o, out_o, delta_o)):  # fmt: skip
            hand[name]["net"].append(net)
            hand[name]["out"].append(out)
            hand[name]["delta"].append(delta)
    w_ho_after = [[W_HO[j][k] - ETA * g_ho[k][j] for k in range(2)] for j in range(4)]
    w_ih_after = [[W_IH[i][j] - ETA * g_ih[j][i] for j in range(4)] for i in range(3)]
    b2_after = B2 - ETA * hand["output"]["grad_biases"][0]  # b2 ← b2 − η Σ δ_O
    b1_after = B1 - ETA * hand["hidden"]["grad_biases"][0]  # b1 ← b1 − η Σ δ_H
    hand["hidden"].update(weights_after=transpose(w_ih_after), biases_after=[b1_after])
    hand["output"].update(weights_after=transpose(w_ho_after), biases_after=[b2_after])
    hand["loss"] = error(xs, ys, W_IH, W_HO, B1, B2)
    hand["loss_after"] = error(xs, ys, w_ih_after, w_ho_after, b1_after, b2_after)
    return hand


def zeros(rows: int, cols: int) -> list[list[float]]:
    return [[0.0] * cols for _ in range(rows)]


def assert_close(actual, expected) -> None:
    assert actual == pytest.approx(expected, rel=TOL, abs=1e-15)


FIELDS = ("net", "out", "delta", "grad_weights", "grad_biases", "weights_after", "biases_after")


def check_trace(trace: dict, hand: dict) -> None:
    assert_close(trace["loss"], hand["loss"])
    assert_close(trace["loss_after"], hand["loss_after"])
    assert trace["loss_after"] < trace["loss"]
    for layer, name in zip(trace["layers"], ("hidden", "output"), strict=True):
        for field in FIELDS:
            actual, expected = layer[field], hand[name][field]
            if field == "grad_biases" or field == "biases_after":
                assert_close(actual, expected)
            else:  # samples × units, or units × inputs
                assert len(actual) == len(expected)
                for row_a, row_e in zip(actual, expected, strict=True):
                    assert_close(row_a, row_e)


def test_trace_step_equals_the_per_weight_formulas():
    spec = cr.parse_spec(SPEC)
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, ETA, train_biases=True)
    data = trace.to_dict()
    check_trace(data, by_hand())
    # the network itself was updated to the weights after the step
    hidden, output = spec.network.layers
    assert_close(hidden.weights.data.tolist()[2], data["layers"][0]["weights_after"][2])
    assert_close(output.biases.data.tolist(), data["layers"][1]["biases_after"])


def test_explain_spec_json_equals_the_per_weight_formulas(tmp_path):
    path = tmp_path / "seed004.json"
    path.write_text(json.dumps(SPEC), encoding="utf-8")
    check_trace(run_cli_json("explain", "--spec", str(path), "--format", "json"), by_hand())


def test_a_batch_averages_the_per_sample_gradients():
    """Two samples: δ per sample (samples × units), ∂E/∂W and ∂E/∂b the mean over samples."""
    xs = (X, [-0.2, 0.8, 0.3])
    ys = (Y, [0.7, 0.2])
    spec = cr.parse_spec({**SPEC, "inputs": list(xs), "targets": list(ys)})
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, ETA, train_biases=True)
    check_trace(trace.to_dict(), by_hand(xs, ys))


def test_matrix_form_uses_outer_products():
    """∂E/∂W_HO = out_Hᵀ δ_O and ∂E/∂W_IH = xᵀ δ_H: each gradient is an outer product, so
    its rank is 1 and its rows are multiples of δ."""
    spec = cr.parse_spec(SPEC)
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, ETA)
    hidden, output = trace.layers
    for j in range(4):
        for i in range(3):
            assert hidden.grad_weights[j, i] == pytest.approx(
                hidden.delta[0, j] * X[i], rel=TOL, abs=1e-300
            )
    for k in range(2):
        for j in range(4):
            assert output.grad_weights[k, j] == pytest.approx(
                output.delta[0, k] * hidden.out[0, j], rel=TOL, abs=1e-300
            )
