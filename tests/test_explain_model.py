"""What the explanation says: names, per-weight and matrix views, each activation's and
loss's derivative, several samples, biases, sizes, and the Python object."""

from __future__ import annotations

import copy
import re

import numpy as np
import pytest

import chainrule as cr
from chainrule.errors import ChainruleError
from chainrule.teach.examples import SPECS
from chainrule.teach.explain import explain, format_number
from chainrule.teach.explain.i18n import EN, KO, default_language
from chainrule.teach.explain.model import MAX_WEIGHTS


def spec_with(hidden: str, output: str, loss: str, targets, bias="per_neuron", n_inputs=2):
    return {
        "input_size": n_inputs,
        "loss": loss,
        "layers": [
            {
                "units": 2,
                "activation": hidden,
                "bias": bias,
                "weights": [[0.3, -0.6], [0.9, 0.2]][:2],
                **(
                    {}
                    if bias == "none"
                    else {"biases": [0.1, -0.2][: 1 if bias == "shared" else 2]}
                ),
            },
            {
                "units": len(targets[0]),
                "activation": output,
                "bias": "none",
                "weights": [[0.5, -0.4], [0.1, 0.7], [-0.3, 0.2]][: len(targets[0])],
            },
        ],
        "inputs": [[1.0, -0.5]],
        "targets": targets,
    }


def lines(text: str) -> list[str]:
    return [line.strip() for line in text.splitlines()]


def test_weights_numbered_layer_by_layer_destination_by_destination():
    text = explain("matrix-form", lang="en").text()
    assert (
        "net_h2 = w4 · i1 + w5 · i2 + w6 · i3 + b1 · 1 = "
        "0.4 · 0.5 + 0.5 · 0.1 + 0.6 · 0.2 + 0.35 · 1" in text
    )
    assert "net_o2 = w17 · out_h1 + w18 · out_h2 + w19 · out_h3 + w20 · out_h4 + b2 · 1" in text


def test_seed003_has_no_biases():
    text = explain("no-bias", lang="en").text()
    assert "net_h1 = w1 · i1 + w2 · i2 = 0.1 · 0.35 + 0.8 · 0.9 = 0.755" in text
    assert "b1" not in text


def test_several_hidden_layers_carry_their_layer():
    spec = SPECS["mazur"] | {
        "layers": [SPECS["mazur"]["layers"][0]] * 2 + [SPECS["mazur"]["layers"][1]]
    }
    ex = explain(copy.deepcopy(spec), lang="en")
    text, md, page = ex.text(), ex.markdown(), ex.html()
    assert "net_h2_1 = w5 · out_h1_1 + w6 · out_h1_2 + b2 · 1" in text
    assert "net_{h^{(2)}_{1}}" in md
    assert "<msubsup><mi>h</mi><mn>1</mn><mrow><mo>(</mo><mn>2</mn>" in page
    assert "Hidden layer 2" in text and "Hidden layer 1" in text
    assert "W_H1H2" in text and "W_IH1" in text and "W_H2O" in text


def test_hidden_sum_over_the_neurons_it_feeds():
    text = explain("matrix-form", lang="en").text()
    line = next(
        x for x in lines(text) if x.startswith("∂E/∂out_h3 = ∂E_o1/∂out_h3 + ∂E_o2/∂out_h3 =")
    )
    spec = cr.parse_spec(SPECS["matrix-form"])
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, 0.5, True)
    delta_o = trace.layers[1].delta[0]
    w = np.array(SPECS["matrix-form"]["layers"][1]["weights"])
    terms = [float(v) for v in re.findall(r"-?\d+\.\d+", signed(line.split(" = ")[2]))]
    assert terms == [round(delta_o[0] * w[0, 2], 9), round(delta_o[1] * w[1, 2], 9)]
    assert float(signed(line.split(" = ")[-1])) == round(float(delta_o @ w[:, 2]), 9)


def signed(text: str) -> str:
    """A sum as numbers with their signs: "a − 0.2 + −0.1" → "a + -0.2 + -0.1"."""
    return re.sub(r" − (?=\d)", " + -", text).replace("−", "-")


def test_several_samples_per_sample_lines_and_average():
    ex = explain("xor", lang="en")
    text = ex.text()
    assert text.count("Sample ") >= 4
    line = next(x for x in lines(text) if x.startswith("∂E/∂w5 = (1/4)(∂E_1/∂w5 + ∂E_2/∂w5"))
    per_sample = [float(v) for v in re.findall(r"-?\d+\.\d+", signed(line.split(" = ")[2]))]
    assert len(per_sample) == 4
    grad = ex.trace.layers[1].grad_weights[0, 0]
    assert float(line.split(" = ")[-1]) == round(grad, 9)
    assert np.mean(per_sample) == pytest.approx(grad, abs=3e-9)
    assert "E_total = (1/4)(E_1 + E_2 + E_3 + E_4) = " in text
    # each sample's gradient is δ_n · x_n
    for n in range(4):
        d = ex.trace.layers[1].delta[n, 0] * ex.trace.layers[1].inputs[n, 0]
        assert f"∂E_{n + 1}/∂w5 = ∂E_{n + 1}/∂net_o1 · ∂net_o1/∂w5 = " in text
        assert f" = {format_number(d, 9)}\n" in text


def test_biases_kept_or_trained():
    text = explain("mazur", lang="en").text()
    assert "b2 = 0.6 stays as it is" in text and "b2⁺" not in text
    ex = explain("matrix-form", lang="en")
    b2 = ex.trace.layers[1]
    line = next(x for x in lines(ex.text()) if x.startswith("b2⁺ = b2 − η · ∂E/∂b2 ="))
    assert line.endswith(
        f" = 0.6 − 0.5 · {format_number(b2.grad_biases[0], 9)} = "
        f"{format_number(b2.biases_after[0], 9)}"
    )
    assert "∂E/∂b2 = ∂E/∂net_o1 + ∂E/∂net_o2 = " in ex.text()


@pytest.mark.parametrize(
    ("hidden", "expected"),
    [
        ("relu", r"∂out_h1/∂net_h1 = [01]   \(net_h1 = -?[\d.]+ (≥|<) 0\)"),
        ("tanh", r"∂out_h1/∂net_h1 = 1 − out_h1² = 1 − -?[\d.]+² = [\d.]+"),
        ("abs", r"∂out_h1/∂net_h1 = sign\(net_h1\) = sign\(-?[\d.]+\) = -?1"),
        ("identity", r"∂out_h1/∂net_h1 = 1"),
        ("sigmoid", r"∂out_h1/∂net_h1 = out_h1\(1 − out_h1\) = [\d.]+\(1 − [\d.]+\) = [\d.]+"),
    ],
)
def test_each_activation_with_its_derivative(hidden, expected):
    text = explain(spec_with(hidden, "sigmoid", "half_sse", [[0.2, 0.7]]), lang="en").text()
    assert re.search(expected, text), expected


def test_relu_is_zero_below_zero_and_one_above():
    spec = spec_with("relu", "identity", "half_sse", [[0.2, 0.7]]) | {"inputs": [[1.0, 2.0]]}
    ex = explain(spec, lang="en")
    nets = ex.trace.layers[0].net[0]
    assert nets[0] < 0 < nets[1]  # 0.3 − 1.2 + 0.1 and 0.9 + 0.4 − 0.2
    text = ex.text()
    assert "∂out_h1/∂net_h1 = 0   (net_h1 = −0.8 < 0)" in text
    assert "∂out_h2/∂net_h2 = 1   (net_h2 = 1.1 ≥ 0)" in text
    assert "δ_h1 = ∂E/∂net_h1 = ∂E/∂out_h1 · ∂out_h1/∂net_h1 = " in text
    assert ex.trace.layers[0].grad_weights[0].tolist() == [0.0, 0.0]


@pytest.mark.parametrize(
    ("output", "loss", "targets", "expected"),
    [
        (
            "softmax",
            "cross_entropy",
            [[0.0, 1.0, 0.0]],
            r"δ_o2 = ∂E/∂net_o2 = out_o2 − target_o2 = [\d.]+ − 1 = −[\d.]+",
        ),
        (
            "sigmoid",
            "binary_cross_entropy",
            [[1.0, 0.0]],
            r"δ_o1 = ∂E/∂net_o1 = out_o1 − target_o1 = [\d.]+ − 1 = −[\d.]+",
        ),
        (
            "identity",
            "hinge",
            [[1.0, -1.0]],
            r"∂E/∂out_o1 = (−target_o1 = −1 = −1   \(1 − 1 · [−\d.()]+ ≥ 0\)|0   \(.* < 0\))",
        ),
        (
            "tanh",
            "mse",
            [[0.5, -0.5]],
            r"∂E/∂out_o1 = \(2/2\)\(out_o1 − target_o1\) = \(2/2\)\(−?[\d.]+ − 0.5\) = −?[\d.]+",
        ),
        (
            "sigmoid",
            "half_sse",
            [[0.5, 0.5]],
            r"∂E/∂out_o1 = −\(target_o1 − out_o1\) = −\(0.5 − [\d.]+\) = -?[\d.]+",
        ),
    ],
)
def test_each_loss_with_its_derivative(output, loss, targets, expected):
    text = explain(spec_with("sigmoid", output, loss, targets), lang="en").text()
    assert re.search(expected, text), expected


def test_softmax_without_cross_entropy_uses_the_jacobian():
    ex = explain(spec_with("sigmoid", "softmax", "half_sse", [[0.0, 1.0, 0.0]]), lang="en")
    text = ex.text()
    assert "∂out_k/∂net_j = out_k(δ_kj − out_j)" in text
    line = next(x for x in lines(text) if x.startswith("δ_o1 = ∂E/∂net_o1 = out_o1(∂E/∂out_o1 − ("))
    assert line.endswith(format_number(ex.trace.layers[1].delta[0, 0], 9))


def test_large_networks_get_the_matrix_view_alone():
    spec = {
        "input_size": 30,
        "layers": [{"units": 4}, {"units": 2}],
        "inputs": [[0.1] * 30],
        "targets": [[0.0, 1.0]],
    }
    assert 30 * 4 + 4 * 2 > MAX_WEIGHTS
    text = explain(spec, lang="en").text()
    assert "This network has 128 weights" in text and "matrix form follows alone" in text
    assert "∂E/∂w1 =" not in text and "w128" not in text
    assert "∂E/∂W_IH = xᵀ δ_H = " in text
    assert "…" in text  # the 30 rows of W_IH are shown with an ellipsis
    small = explain("mazur", lang="en").text()
    assert "matrix form follows alone" not in small


def test_matrix_form_matches_seed004():
    ex = explain("matrix-form", lang="en")
    text = ex.text()
    hidden, output = ex.trace.layers
    w_ho = (
        "["
        + ", ".join("[" + ", ".join(format_number(v, 9) for v in r) + "]" for r in output.weights.T)
        + "]"
    )
    assert f"W_HO = {w_ho}" in text  # 4×2: row = hidden neuron, column = output
    assert "δ_O = ∂E/∂out_O ⊙ σ′(net_O) = " in text
    assert "∂E/∂W_HO = out_Hᵀ δ_O = " in text
    assert "∂E/∂out_H = δ_O W_HOᵀ = " in text
    assert "b1⁺ = b1 − η · Σ δ_H = 0.35 − 0.5 · " in text
    grad = (
        "["
        + ", ".join(
            "[" + ", ".join(format_number(v, 9) for v in r) + "]" for r in hidden.grad_weights.T
        )
        + "]"
    )
    assert "∂E/∂W_IH = xᵀ δ_H = [[0.5], [0.1], [0.2]] " in text and grad in text


def test_explanation_object():
    ex = cr.explain("mazur", lang="ko")
    assert str(ex) == ex.text() and "\033[" not in str(ex)
    assert "\033[1m" in ex.text(color=True)
    assert ex._repr_markdown_().count("$$") % 2 == 0 and "$$" in ex._repr_markdown_()
    fragment = ex._repr_html_()
    assert fragment.startswith('<div class="chainrule-explain" lang="ko">') and "<math" in fragment
    assert "<html" not in fragment and "<script" not in fragment
    assert "0.298371109" in repr(ex)
    assert ex.to_dict() == cr.explain("mazur", lang="en").to_dict()


def test_inputs_are_not_modified():
    spec = cr.mazur_spec()
    before = spec.network.layers[0].weights.data.copy()
    explain(spec)
    explain(spec.network, inputs=spec.inputs, targets=spec.targets)
    assert np.array_equal(spec.network.layers[0].weights.data, before)


def test_options_override_the_spec():
    ex = explain("mazur", learning_rate=0.1, train_biases=True, lang="en")
    assert "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.1 · 0.082167041 = " in ex.text()
    assert "b2⁺" in ex.text()


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"lang": "fr"}, "unknown language 'fr'"),
        ({"digits": -1}, "digits -1"),
        ({"digits": 0}, "digits 0: expected a whole number from 1 to 17"),
        ({"digits": 18}, "digits 18"),
        ({"steps": -2}, "steps -2"),
        ({"source": "nope"}, "unknown example 'nope'"),
        ({"source": 3.5}, "cannot explain float"),
        ({"learning_rate": 0}, "learning_rate 0"),
    ],
)
def test_bad_arguments(kwargs, message):
    with pytest.raises(ChainruleError, match=re.escape(message)):
        explain(**kwargs)


def test_network_needs_samples():
    with pytest.raises(ChainruleError, match="inputs= and targets="):
        explain(cr.mazur_spec().network)


@pytest.mark.parametrize(
    ("value", "digits", "text"),
    [
        (0.35891647971788465, 9, "0.35891648"),
        (0.5113012702387375, 9, "0.51130127"),
        (-0.019049118258278114, 9, "−0.019049118"),
        (0.3775, 9, "0.3775"),
        (1.0, 9, "1"),
        (-0.0, 9, "0"),
        (1.5e-12, 9, "1.5e-12"),
        (-4.25e-10, 9, "−4.25e-10"),
        (0.082167041, 3, "0.082"),
        (2.5, 1, "2.5"),
        (0.04, 1, "4e-2"),
    ],
)
def test_format_number(value, digits, text):
    assert format_number(value, digits) == text


def test_every_word_in_both_languages():
    assert EN.keys() == KO.keys()
    for key in EN:
        assert set(re.findall(r"\{\w+\}", EN[key])) == set(re.findall(r"\{\w+\}", KO[key])), key


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LC_ALL": "C", "LANG": "ko_KR"}, "en"),
        ({"LC_MESSAGES": "ko"}, "ko"),
        ({}, "en"),
        ({"LANG": "en_GB"}, "en"),
    ],
)
def test_default_language(env, lang):
    assert default_language(env) == lang
