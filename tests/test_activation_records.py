"""Every activation record works everywhere a hidden layer's activation is chosen: a spec, the
explanation in English and Korean, the graph pictures, training from the command line, the
exercises, the studio's and the CLI's choices.

The activations are read from chainrule.nn.activations, so a record added there is checked here
without a line of this file changing (the gradients: tests/test_nn_activations.py; ONNX:
tests/test_export.py).
"""

from __future__ import annotations

import copy
import json

import numpy as np
import pytest

import chainrule as cr
from chainrule.nn.activations import ACTIVATIONS, elementwise_names
from chainrule.teach.examples import SPECS
from chainrule.teach.exercises import generate
from chainrule.teach.explain.expr import Num, Sym
from chainrule.teach.explain.formulas import expression
from chainrule.teach.explain.i18n import word
from chainrule.teach.explain.text import TextRenderer
from chainrule.training.load import load_model
from cli_helpers import run_main

HIDDEN = elementwise_names()


def spec_with(name: str) -> dict:
    """Mazur's network with ``name`` on its hidden layer (the output stays sigmoid)."""
    data = copy.deepcopy(SPECS["mazur"])
    data["layers"][0]["activation"] = name
    return data


@pytest.mark.parametrize("name", HIDDEN)
def test_a_spec_takes_the_activation(name):
    spec = cr.parse_spec(spec_with(name))
    assert spec.network.layers[0].activation == name
    net = spec.network.forward(spec.inputs)
    hidden = spec.network.layers[0]
    np.testing.assert_array_equal(hidden.out.data, ACTIVATIONS[name].forward(hidden.net.data))
    assert net.shape == (1, 2)


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", HIDDEN)
def test_the_explanation_writes_the_records_formula_and_words(name, lang):
    record = ACTIVATIONS[name]
    text = cr.explain(spec_with(name), lang=lang).text()
    renderer = TextRenderer(lang, 9)
    formula = renderer.expr(expression(record.formula, {"net": Sym("net", "h1")}))
    assert f"out_h1 = {formula}" in text
    sentence = word(lang, f"deriv.{name}").split("{")[0].strip()
    assert sentence and sentence in text
    # the derivative's number is the backward kernel's, as the step computed it
    spec = cr.parse_spec(spec_with(name))
    spec.network.forward(spec.inputs)
    hidden = spec.network.layers[0]
    fprime = record.derivative_values(hidden.net.data[0, :1], hidden.out.data[0, :1])[0]
    assert "∂out_h1/∂net_h1 = " in text
    assert renderer.expr(Num(float(fprime))) in text


@pytest.mark.parametrize("name", HIDDEN)
def test_the_graph_pictures_show_the_activation(name):
    spec = cr.parse_spec(spec_with(name))
    record = ACTIVATIONS[name]
    scalar = cr.draw_network(spec.network, spec.inputs, spec.targets, level="scalar").svg()
    layer = cr.draw_network(spec.network, spec.inputs, spec.targets, level="layer").svg()
    if name != "identity":  # the identity adds no node
        assert f">{record.label or name}<" in scalar and f">{record.label or name}<" in layer


@pytest.mark.parametrize("name", HIDDEN)
def test_training_from_the_command_line(name, tmp_path):
    path = tmp_path / "moons.npz"
    code, out, err = run_main(
        "train", "moons", "--activation", name, "--epochs", "40", "--save", str(path), "--json"
    )
    assert code == 0, err
    model = load_model(path)
    assert [layer.activation for layer in model.network.layers[:-1]] == [name] * (
        len(model.network.layers) - 1
    )
    result = json.loads(out.strip().splitlines()[-1])
    # learned: from E = ln 2 ≈ 0.69 of a coin toss to well below (sigmoid, the slowest: 0.39)
    assert result["loss"] < 0.45 and result["test_accuracy"] >= 0.75


@pytest.mark.parametrize("name", HIDDEN)
def test_an_exercise_on_the_activation(name):
    problem = generate(5, activation=name)
    assert problem.trace().layers[0].activation == name


@pytest.mark.parametrize("name", HIDDEN)
def test_the_studio_and_the_cli_offer_the_activation(name):
    from chainrule.studio.i18n import words
    from chainrule.studio.protocol import ACTIVATIONS as STUDIO_CHOICES

    assert name in STUDIO_CHOICES
    assert words("en")[f"act.{name}"] and words("ko")[f"act.{name}"]
    code, out, _ = run_main("train", "--help")
    assert code == 0 and name in " ".join(out.split())
    code, _, err = run_main("exercise", "--seed", "1", "--activation", name, "--format", "json")
    assert code == 0, err
