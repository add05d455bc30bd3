"""Every number of a rendered explanation is a number of the step (JSON), and every seed-000
number appears in every format and language."""

from __future__ import annotations

import copy
import itertools
import json

import numpy as np
import pytest

import chainrule as cr
from chainrule.teach.examples import SPECS
from chainrule.teach.explain import explain
from explain_numbers import expected_values, numbers, plain, unexplained
from seeds import SEED000, ULPS, decimals

FORMATS = ("text", "markdown", "html")
LANGS = ("en", "ko")


def render(ex, fmt: str) -> str:
    return {"text": ex.text, "markdown": ex.markdown, "html": ex.html}[fmt]()


def integers_for(spec: dict) -> range:
    """Structural integers: indices, counts and the constants of the formulas."""
    sizes = [spec["input_size"]] + [lay["units"] for lay in spec["layers"]]
    n_weights = sum(a * b for a, b in itertools.pairwise(sizes))
    return range(-1, max(n_weights, len(spec["inputs"]), 17) + 1)


def step_json(spec: dict) -> dict:
    """The step's numbers, computed here through the JSON of trace_step."""
    parsed = cr.parse_spec(copy.deepcopy(spec))
    trace = cr.trace_step(
        parsed.network, parsed.inputs, parsed.targets, parsed.learning_rate, parsed.train_biases
    )
    return json.loads(json.dumps(trace.to_dict()))


CUSTOM = {
    "tanh_relu_mse": {
        "input_size": 2,
        "loss": "mse",
        "learning_rate": 0.1,
        "layers": [
            {
                "units": 3,
                "activation": "tanh",
                "weights": [[0.1, -0.2], [0.3, 0.4], [-0.5, 0.6]],
                "biases": [0.1, -0.1, 0.2],
            },
            {
                "units": 2,
                "activation": "relu",
                "weights": [[0.7, -0.8, 0.9], [-0.3, 0.2, 0.5]],
                "biases": [0.05, -0.05],
            },
        ],
        "inputs": [[0.5, -1.0], [1.5, 0.25]],
        "targets": [[0.2, 0.0], [1.0, 0.3]],
    },
    "softmax_ce_abs": {
        "input_size": 2,
        "loss": "cross_entropy",
        "layers": [
            {"units": 2, "activation": "abs", "bias": "none", "weights": [[0.3, -0.6], [0.9, 0.2]]},
            {
                "units": 3,
                "activation": "softmax",
                "bias": "shared",
                "weights": [[0.1, 0.2], [-0.3, 0.4], [0.5, -0.6]],
                "biases": [0.1],
            },
        ],
        "inputs": [[1.0, 2.0]],
        "targets": [[0.0, 1.0, 0.0]],
    },
    "identity_hinge": {
        "input_size": 2,
        "loss": "hinge",
        "train_biases": False,
        "layers": [
            {"units": 1, "activation": "identity", "weights": [[0.4, -0.7]], "biases": [0.2]}
        ],
        "inputs": [[1.0, 0.5], [3.0, -2.0]],
        "targets": [[1.0], [-1.0]],
    },
    "sigmoid_bce_three_layers": {
        "input_size": 2,
        "loss": "binary_cross_entropy",
        "layers": [
            {
                "units": 2,
                "activation": "sigmoid",
                "weights": [[0.1, 0.2], [0.3, 0.4]],
                "biases": [0.0, 0.1],
            },
            {
                "units": 2,
                "activation": "tanh",
                "weights": [[0.5, -0.6], [0.7, 0.8]],
                "biases": [0.1, 0.2],
            },
            {"units": 1, "activation": "sigmoid", "weights": [[0.9, -1.0]], "biases": [0.3]},
        ],
        "inputs": [[0.5, 0.25]],
        "targets": [[1.0]],
    },
}
ALL_SPECS = {**SPECS, **CUSTOM}


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(ALL_SPECS))
def test_every_number_shown_is_a_number_of_the_step(name, lang, fmt):
    spec = ALL_SPECS[name]
    ex = explain(copy.deepcopy(spec) if name in CUSTOM else name, lang=lang)
    text = render(ex, fmt)
    values = expected_values(spec, step_json(spec))
    assert unexplained(text, fmt, values, 9, integers_for(spec)) == []
    shown = [t for t in numbers(plain(text, fmt)) if "." in t]
    assert len(shown) > 20  # the check above has something to check


@pytest.mark.parametrize("digits", [3, 6, 12])
def test_digits_changes_the_rounding_only(digits):
    spec = SPECS["mazur"]
    text = explain("mazur", lang="en", digits=digits).text()
    values = expected_values(spec, step_json(spec))
    assert unexplained(text, "text", values, digits, integers_for(spec)) == []
    longest = max(len(t.split(".")[1]) for t in numbers(text) if "." in t and "e" not in t)
    assert longest == digits


def test_a_wrong_number_is_caught():
    """The check itself fails when one number is off by one unit in the last digit."""
    spec = SPECS["mazur"]
    text = explain("mazur", lang="en").text().replace("0.082167041", "0.082167042", 1)
    values = expected_values(spec, step_json(spec))
    assert unexplained(text, "text", values, 9, integers_for(spec)) == ["0.082167042"]


@pytest.fixture(scope="module")
def mazur_outputs() -> dict[tuple[str, str], list[float]]:
    out = {}
    for lang in LANGS:
        ex = explain("mazur", lang=lang)
        for fmt in FORMATS:
            out[lang, fmt] = [float(t) for t in numbers(plain(render(ex, fmt), fmt))]
    return out


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("name", sorted(SEED000))
def test_each_seed000_number_appears(mazur_outputs, name, lang, fmt):
    printed = SEED000[name]
    tolerance = ULPS.get(name, 0.5) * 10.0 ** (-decimals(printed)) * (1 + 1e-9)
    shown = mazur_outputs[lang, fmt]
    assert any(abs(v - float(printed)) <= tolerance for v in shown), (name, printed)


def test_seed000_lines_as_printed():
    """Results are exact values rounded, and for Mazur's example they read as the seed prints them,
    except ∂E_o2/∂out_h1: the seed multiplied the rounded δ_o2 = −0.038098237 by 0.5 and
    printed −0.019049119; the exact −0.0190491183 rounds to −0.019049118."""
    text = explain("mazur", lang="en").text()
    for line in [
        "net_h1 = w1 · i1 + w2 · i2 + b1 · 1 = 0.15 · 0.05 + 0.2 · 0.1 + 0.35 · 1 = 0.3775",
        "out_h1 = 1/(1 + e^(−net_h1)) = 1/(1 + e^(−0.3775)) = 0.593269992",
        "E_o1 = ½(target_o1 − out_o1)² = ½(0.01 − 0.75136507)² = 0.274811083",
        "E_total = E_o1 + E_o2 = 0.274811083 + 0.023560026 = 0.298371109",
        "∂E/∂out_o1 = −(target_o1 − out_o1) = −(0.01 − 0.75136507) = 0.74136507",
        "∂out_o1/∂net_o1 = out_o1(1 − out_o1) = 0.75136507(1 − 0.75136507) = 0.186815602",
        "∂E/∂w5 = ∂E/∂out_o1 · ∂out_o1/∂net_o1 · ∂net_o1/∂w5"
        " = 0.74136507 · 0.186815602 · 0.593269992 = 0.082167041",
        "w5⁺ = w5 − η · ∂E/∂w5 = 0.4 − 0.5 · 0.082167041 = 0.35891648",
        "∂E_o1/∂out_h1 = ∂E_o1/∂net_o1 · ∂net_o1/∂out_h1 = 0.138498562 · 0.4 = 0.055399425",
        "∂E_o2/∂out_h1 = ∂E_o2/∂net_o2 · ∂net_o2/∂out_h1 = −0.038098237 · 0.5 = −0.019049118",
        "∂E/∂out_h1 = ∂E_o1/∂out_h1 + ∂E_o2/∂out_h1 = 0.055399425 − 0.019049118 = 0.036350306",
        "w1⁺ = w1 − η · ∂E/∂w1 = 0.15 − 0.5 · 0.000438568 = 0.149780716",
    ]:
        assert "  " + line + "\n" in text, line
    # the product of the rounded factors gives the same 9 decimals as the exact result
    assert round(0.74136507 * 0.186815602 * 0.593269992, 9) == 0.082167041
    assert round(-0.038098237 * 0.5, 9) != -0.019049118  # the seed's rounding path
    assert np.isclose(float(SEED000["dEo2_dout_h1"]), -0.019049119)
