"""One parameter's chain rule, cut from the whole explanation (Mazur's numbers)."""

from __future__ import annotations

import re

import pytest

from chainrule.errors import ChainruleError
from chainrule.teach.examples import mazur_spec
from chainrule.teach.explain.parameter import locate, parameter_items, shapes
from chainrule.teach.explain.text import render_text
from chainrule.teach.trace import trace_step

# Mazur's numbers as SEEDS.md gives them: ∂E/∂w where stated, and w⁺ (w2…w4 to 8 places)
MAZUR = {
    "w1": ("0.000438568", 0.149780716, 9),
    "w2": (None, 0.19956143, 8),
    "w3": (None, 0.24975114, 8),
    "w4": (None, 0.29950229, 8),
    "w5": ("0.082167041", 0.35891648, 9),
    "w6": (None, 0.408666186, 9),
    "w7": (None, 0.511301270, 9),
    "w8": (None, 0.561370121, 9),
}


@pytest.fixture(scope="module")
def trace():
    s = mazur_spec()
    return trace_step(s.network.copy(), s.inputs, s.targets, s.learning_rate, s.train_biases)


@pytest.mark.parametrize("name", list(MAZUR))
def test_each_weight_of_mazur(trace, name):
    text = render_text(parameter_items(trace, name), "en", 9, False)
    grad, new, places = MAZUR[name]
    assert f"∂E/∂{name} = " in text
    if grad is not None:
        assert f"= {grad}\n" in text
    updated = re.search(rf"^  {name}⁺ = .* = (\S+)$", text, re.M)
    assert updated is not None
    assert round(float(updated.group(1)), places) == new


def test_a_hidden_weight_needs_every_output_delta(trace):
    text = render_text(parameter_items(trace, "w1"), "en", 9, False)
    assert "δ_o1 = " in text and "δ_o2 = " in text and "δ_h1 = " in text
    assert "δ_h2" not in text
    out = render_text(parameter_items(trace, "w5"), "en", 9, False)
    assert "δ_o2" not in out and "δ_h1" not in out


def test_a_bias(trace):
    text = render_text(parameter_items(trace, "b2"), "en", 9, False)
    assert "b2 = 0.6 stays as it is" in text


def test_locate(trace):
    layers = shapes(trace)
    assert layers == [((2, 2), 1), ((2, 2), 1)]
    assert locate(layers, "w1") == ("w", 0, 0, 0)
    assert locate(layers, "w4") == ("w", 0, 1, 1)
    assert locate(layers, "w7") == ("w", 1, 1, 0)
    assert locate(layers, "b2") == ("b", 1, 0, 0)
    assert locate([((3, 2), 3), ((1, 3), 1)], "b4") == ("b", 1, 0, 0)
    for bad, words in [("w9", "no such w"), ("b3", "no such b"), ("x1", "expected a weight")]:
        with pytest.raises(ChainruleError, match=words):
            locate(shapes(trace), bad)
