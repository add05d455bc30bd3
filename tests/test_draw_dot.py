"""DOT text of the chain-rule slides' graphs: values above the line, gradients below, as in the
seed."""

from __future__ import annotations

import re

import numpy as np
import pytest

import chainrule as cr
from chainrule.teach.draw.dot import GRAD_COLOR, VALUE_COLOR, format_number, graph_to_dot, op_symbol
from chainrule.teach.draw.i18n import example_names
from chainrule.util.language import default_language

# the chain-rule slides: 2 apples at 100, 3 mandarins at 150, 10 % tax -> (forward value, gradient)
APPLE_LEAVES = {
    "apple price": ("100", "2.2"),
    "apple count": ("2", "110"),
    "mandarin price": ("150", "3.3"),
    "mandarin count": ("3", "165"),
    "tax": ("1.1", "650"),
}
APPLE_INNER = {"apples": ("200", "1.1"), "mandarins": ("450", "1.1"), "subtotal": ("650", "1.1")}


def dot_labels(dot: str) -> dict[str, dict[str, list[str]]]:
    """``{node id: {"name": [...], "value": [...], "grad": [...], "text": [...]}}`` from DOT."""
    nodes = {}
    for node_id, label in re.findall(
        r"^\s*(\w+) \[shape=\w+, label=(.*?)(?:, margin=.*)?\];$", dot, flags=re.M
    ):
        fonts = re.findall(r'<font (?:point-size="\d+" )?color="([^"]+)">([^<]*)</font>', label)
        nodes[node_id] = {
            "value": [t for c, t in fonts if c == VALUE_COLOR and t.strip()],
            "grad": [t for c, t in fonts if c == GRAD_COLOR and t.strip()],
            "name": [t for c, t in fonts if c not in (VALUE_COLOR, GRAD_COLOR) and t.strip()],
            "text": [label[1:-1]] if label.startswith("<") and "<table" not in label else [],
        }
    return nodes


def leaf(nodes: dict, name: str) -> dict:
    for node_id, node in nodes.items():
        if node_id.startswith("n") and node["text"] == [name]:
            return nodes["t" + node_id[1:]]
    raise KeyError(name)


def inner(nodes: dict, name: str) -> dict:
    for node_id, node in nodes.items():
        if node_id.startswith("t") and node["name"] == [name]:
            return node
    raise KeyError(name)


def apple_dot(**kwargs) -> str:
    total, _ = cr.apple_graph()
    total.backward()
    return graph_to_dot([total], **kwargs)


@pytest.mark.parametrize(
    ("x", "text"),
    [
        (715.0000000000001, "715"),
        (650 * 1.1, "715"),
        (2.2000000000000002, "2.2"),
        (110.00000000000001, "110"),
        (1.1, "1.1"),
        (100.0, "100"),
        (-0.0, "0"),
        (0.18681560180895948, "0.186815602"),
        (-0.0190491183, "-0.0190491183"),
        (1.5e-12, "1.5e-12"),
        (123456789012.0, "1.23456789e+11"),
        (float("nan"), "nan"),
        (float("-inf"), "-inf"),
    ],
)
def test_numbers_keep_nine_significant_digits(x: float, text: str) -> None:
    assert format_number(x) == text


def test_apple_edges_carry_seed001_values_and_gradients() -> None:
    nodes = dot_labels(apple_dot())
    for name, (value, grad) in APPLE_LEAVES.items():
        assert leaf(nodes, name)["value"] == [value], name
        assert leaf(nodes, name)["grad"] == [grad], name
    for name, (value, grad) in APPLE_INNER.items():
        assert inner(nodes, name)["value"] == [value], name
        assert inner(nodes, name)["grad"] == [grad], name
    # the output: 715 with gradient 1, then an arrow to "total"
    (sink,) = [k for k, n in nodes.items() if k.startswith("r")]
    assert nodes[sink]["text"] == ["total"]
    assert nodes["t" + sink[1:]]["value"] == ["715"]
    assert nodes["t" + sink[1:]]["grad"] == ["1"]
    assert f"t{sink[1:]} -> {sink};" in apple_dot()


def test_apple_operations_are_three_multiplies_and_one_add() -> None:
    dot = apple_dot()
    symbols = re.findall(r"^\s*op\d+ \[shape=\w+, label=<([^>]*)>", dot, flags=re.M)
    assert sorted(symbols) == ["+", "×", "×", "×"]
    assert dot.count("->") == 5 + 4 * 2 + 4 + 1  # leaves, into ops, out of ops, to the sink


def test_left_to_right_in_the_seed_colours() -> None:
    dot = apple_dot()
    assert "rankdir=LR" in dot
    assert VALUE_COLOR != GRAD_COLOR
    assert "forward value" in dot and "gradient" in dot


def test_korean_labels_translate_the_tool_words_and_examples_only() -> None:
    total, _ = cr.apple_graph()
    total.backward()
    dot = graph_to_dot([total], lang="ko", names=example_names("ko"))
    nodes = dot_labels(dot)
    assert leaf(nodes, "사과 가격")["grad"] == ["2.2"]
    assert leaf(nodes, "소비세")["grad"] == ["650"]
    assert "순전파" in dot and "forward value" not in dot
    # a name the user gave stays as given
    x = cr.Tensor(3.0, name="my x")
    y = x * x
    y.backward()
    dot = graph_to_dot([y], lang="ko")
    assert leaf(dot_labels(dot), "my x") == {"value": ["3"], "grad": ["6"], "name": [], "text": []}
    assert "출력" in dot  # the unnamed output


def test_unnamed_output_and_constants() -> None:
    x = cr.Tensor(2.0, name="x")
    y = x * 3.0 + 1.0
    y.backward()
    nodes = dot_labels(graph_to_dot([y]))
    assert leaf(nodes, "x")["grad"] == ["3"]
    constants = [n for k, n in nodes.items() if k.startswith("t") and not n["grad"]]
    assert sorted(c["value"][0] for c in constants) == ["1", "3"]
    assert any(n["text"] == ["output"] for n in nodes.values())


def test_before_backward_no_gradients_are_drawn() -> None:
    total, _ = cr.apple_graph()
    nodes = dot_labels(graph_to_dot([total]))
    assert leaf(nodes, "apple price")["value"] == ["100"]
    assert all(not n["grad"] for n in nodes.values())


def test_small_matrices_show_every_element_large_ones_their_shape_and_norm() -> None:
    w = cr.Tensor([[1.0, 2.0], [3.0, 4.0]], name="W")
    loss = (w * w).sum()
    loss.backward()
    nodes = dot_labels(graph_to_dot([loss]))
    assert leaf(nodes, "W  2×2")["value"] == ["1  2", "3  4"]
    assert leaf(nodes, "W  2×2")["grad"] == ["2  4", "6  8"]  # ∂Σw²/∂w = 2w
    big = cr.Tensor(np.ones((4, 5)), name="X")
    loss = big.sum()
    loss.backward()
    nodes = dot_labels(graph_to_dot([loss]))
    # every element has gradient 1, so ‖∇‖ = √20 = 4.472135955
    assert leaf(nodes, "X  4×5") == {
        "value": ["‖·‖ = 4.47213595"],
        "grad": ["‖∇‖ = 4.47213595"],
        "name": [],
        "text": [],
    }


def test_power_and_sigmoid_symbols() -> None:
    z, _ = cr.chain_graph()
    dot = graph_to_dot([z])
    assert "label=<**2>" in dot and "label=<+>" in dot
    assert op_symbol(cr.sigmoid_graphs()[1].creator) == "sigmoid"


def test_names_are_escaped() -> None:
    x = cr.Tensor(1.0, name='a<b & "c">')
    y = x * 2.0
    dot = graph_to_dot([y])
    assert "a&lt;b &amp; &quot;c&quot;&gt;" in dot
    assert "a<b" not in dot


def test_bad_arguments_raise_chainrule_errors() -> None:
    total, _ = cr.apple_graph()
    with pytest.raises(cr.ChainruleError, match="'fr'"):
        graph_to_dot([total], lang="fr")
    with pytest.raises(cr.ChainruleError, match="1 captions for 2 graphs"):
        graph_to_dot([total, total * 2.0], captions=["one"])
    with pytest.raises(cr.ChainruleError, match="nothing to draw"):
        graph_to_dot([])


@pytest.mark.parametrize(
    ("env", "lang"),
    [
        ({"LANG": "ko_KR.UTF-8"}, "ko"),
        ({"LANG": "en_US.UTF-8"}, "en"),
        ({}, "en"),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "C"}, "ko"),
        ({"LC_ALL": "C", "LANG": "ko_KR"}, "en"),
        ({"LC_MESSAGES": "ko", "LANG": "en_US"}, "ko"),
    ],
)
def test_language_defaults_from_the_locale(env: dict, lang: str) -> None:
    assert default_language(env) == lang


def test_a_loss_circle_shows_its_records_label():
    from chainrule.nn.losses import FusedLoss, OutputLoss

    assert op_symbol(OutputLoss("half_sse")) == "Σ ½(t − o)²"
    assert op_symbol(OutputLoss("mse")) == "mean (t − o)²"
    assert op_symbol(OutputLoss("hinge")) == "hinge"  # no label: the name
    assert op_symbol(FusedLoss("cross_entropy")) == "softmax + CE"
    assert op_symbol(FusedLoss("binary_cross_entropy")) == "sigmoid + BCE"
