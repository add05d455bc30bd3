"""the chain-rule slides: the computational graph — apples and mandarins, the chain rule, the
sigmoid
from nodes, and the local rules of the nodes — through the API and `chainrule graph` JSON."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given

import chainrule as cr
from chainrule import Tensor
from chainrule.engine import add, exp, multiply, reciprocal
from conftest import run_cli_json
from seeds import assert_printed
from strategies import SETTINGS, values

# The chain-rule slides' apple example, as printed: forward values and the gradients from 1 at the
# total.
APPLE_VALUES = {"apples": "200", "mandarins": "450", "subtotal": "650", "total": "715"}
APPLE_GRADS = {
    "apple price": "2.2",
    "apple count": "110",
    "mandarin price": "3.3",
    "mandarin count": "165",
    "tax": "650",
}
LEAF_VALUES = {
    "apple price": 100.0,
    "apple count": 2.0,
    "mandarin price": 150.0,
    "mandarin count": 3.0,
    "tax": 1.1,
}


def test_apple_graph_through_the_api():
    total, leaves = cr.apple_graph()
    total.backward()
    assert_printed(total.item(), APPLE_VALUES["total"])
    subtotal = total.creator.inputs[0]
    apples, mandarins = subtotal.creator.inputs
    assert (apples.name, mandarins.name, subtotal.name) == ("apples", "mandarins", "subtotal")
    for tensor in (apples, mandarins, subtotal):
        assert_printed(tensor.item(), APPLE_VALUES[tensor.name])
    for name, printed in APPLE_GRADS.items():
        assert leaves[name].item() == LEAF_VALUES[name]
        assert_printed(leaves[name].grad.item(), printed)


@pytest.fixture(scope="module")
def apple_json() -> dict:
    return run_cli_json("graph", "--example", "apple", "--format", "json")


def test_apple_graph_json_values_and_gradients(apple_json):
    assert_printed(apple_json["output"], "715")
    nodes = {node["label"]: node for node in apple_json["nodes"]}
    for name, printed in APPLE_VALUES.items():
        assert_printed(nodes[name]["value"], printed)
    for name, printed in APPLE_GRADS.items():
        assert nodes[name]["op"] == "input"
        assert nodes[name]["value"] == LEAF_VALUES[name]
        assert_printed(nodes[name]["grad"], printed)
    assert_printed(nodes["total"]["grad"], "1")


def test_apple_graph_json_structure(apple_json):
    nodes = apple_json["nodes"]
    assert [node["id"] for node in nodes] == list(range(len(nodes)))
    assert all(set(node) == {"id", "label", "op", "value", "grad"} for node in nodes)
    by_label = {node["label"]: node for node in nodes}
    ops = {label: node["op"] for label, node in by_label.items()}
    assert ops == {
        "apple price": "input",
        "apple count": "input",
        "mandarin price": "input",
        "mandarin count": "input",
        "tax": "input",
        "apples": "mul",
        "mandarins": "mul",
        "subtotal": "add",
        "total": "mul",
    }
    ident = {label: node["id"] for label, node in by_label.items()}
    expected = {
        (ident["apple price"], ident["apples"]),
        (ident["apple count"], ident["apples"]),
        (ident["mandarin price"], ident["mandarins"]),
        (ident["mandarin count"], ident["mandarins"]),
        (ident["apples"], ident["subtotal"]),
        (ident["mandarins"], ident["subtotal"]),
        (ident["subtotal"], ident["total"]),
        (ident["tax"], ident["total"]),
    }
    edges = [tuple(edge) for edge in apple_json["edges"]]
    assert len(edges) == len(expected) and set(edges) == expected
    # every edge goes forward: ids follow the order of the forward computation
    assert all(a < b for a, b in edges)


@SETTINGS
@given(x=values(-50.0, 50.0), y=values(-50.0, 50.0))
def test_chain_rule_z_equals_t_squared(x, y):
    """z = t², t = x + y ⇒ ∂z/∂x = ∂z/∂t · ∂t/∂x = 2t · 1 = 2(x + y), and the same for y."""
    z, leaves = cr.chain_graph(x, y)
    z.backward()
    t = z.creator.inputs[0]
    assert z.item() == pytest.approx((x + y) ** 2, rel=1e-15, abs=1e-300)
    assert t.grad.item() == pytest.approx(2 * (x + y), rel=1e-15, abs=1e-300)
    assert leaves["x"].grad.item() == pytest.approx(2 * (x + y), rel=1e-15, abs=1e-300)
    assert leaves["y"].grad.item() == pytest.approx(2 * (x + y), rel=1e-15, abs=1e-300)


def test_chain_graph_json():
    data = run_cli_json("graph", "--example", "chain", "--format", "json")
    nodes = {node["label"]: node for node in data["nodes"]}
    x, y = nodes["x"]["value"], nodes["y"]["value"]
    assert data["output"] == pytest.approx((x + y) ** 2, rel=1e-15)
    assert nodes["x"]["grad"] == pytest.approx(2 * (x + y), rel=1e-15)
    assert nodes["t"]["grad"] == pytest.approx(2 * (x + y), rel=1e-15)
    assert nodes["z"]["op"] == "pow" and nodes["t"]["op"] == "add"


@SETTINGS
@given(x=values(-10.0, 10.0))
def test_decomposed_sigmoid_gradient_equals_fused(x):
    """y = 1/(1 + exp(−x)) from ×(−1), exp, +1, 1/x gives the fused rule's y(1 − y)."""
    y, y_fused, leaves = cr.sigmoid_graphs(x)
    y.backward()
    y_fused.backward()
    expected = 1.0 / (1.0 + np.exp(-x))
    assert y.item() == pytest.approx(expected, rel=1e-14)
    assert y_fused.item() == pytest.approx(expected, rel=1e-14)
    g_nodes, g_fused = leaves["x"].grad.item(), leaves["x (fused)"].grad.item()
    assert g_nodes == pytest.approx(g_fused, rel=1e-11)
    assert g_fused == pytest.approx(expected * (1 - expected), rel=1e-11)


def test_sigmoid_graph_json():
    """At Mazur's net_o1 both give out_o1 = 0.75136507 and y(1 − y) = 0.186815602."""
    data = run_cli_json("graph", "--example", "sigmoid", "--format", "json")
    assert len(data["output"]) == 2
    for out in data["output"]:
        assert_printed(out, "0.75136507")
    nodes = {node["label"]: node for node in data["nodes"]}
    g_nodes, g_fused = nodes["x"]["grad"], nodes["x (fused)"]["grad"]
    assert_printed(g_nodes, "0.186815602")
    assert_printed(g_fused, "0.186815602")
    assert g_nodes == pytest.approx(g_fused, rel=1e-14)
    ops = [node["op"] for node in data["nodes"]]
    for op in ("mul", "exp", "add", "reciprocal", "sigmoid"):
        assert op in ops
    assert nodes["x"]["op"] == "input" and nodes["x (fused)"]["op"] == "input"
    # the two graphs are side by side: no edge joins them
    decomposed = {node["id"] for node in data["nodes"]} - {
        nodes["x (fused)"]["id"],
        nodes["y (fused)"]["id"],
    }
    for a, b in data["edges"]:
        assert (a in decomposed) == (b in decomposed)


@SETTINGS
@given(a=values(-5.0, 5.0), b=values(-5.0, 5.0), g=values(-5.0, 5.0))
def test_add_passes_through_and_mul_swaps(a, b, g):
    """the chain-rule slides: an add node passes the upstream gradient unchanged; a multiply node
    multiplies it by the other input."""
    xa, xb = Tensor(a), Tensor(b)
    add(xa, xb).backward(g)
    assert xa.grad.item() == g and xb.grad.item() == g
    ya, yb = Tensor(a), Tensor(b)
    multiply(ya, yb).backward(g)
    assert ya.grad.item() == g * b and yb.grad.item() == g * a


@SETTINGS
@given(x=values(0.1, 10.0), sign=values(-1.0, 1.0).filter(lambda s: s != 0), g=values(-5.0, 5.0))
def test_reciprocal_gives_minus_y_squared_and_exp_gives_exp(x, sign, g):
    """y = 1/x passes −y² times the upstream gradient; exp passes exp(x)."""
    v = x if sign > 0 else -x
    t = Tensor(v)
    y = reciprocal(t)
    y.backward(g)
    assert t.grad.item() == pytest.approx(-g * y.item() ** 2, rel=1e-15, abs=1e-300)
    assert t.grad.item() == pytest.approx(-g / v**2, rel=1e-14, abs=1e-300)
    s = Tensor(v)
    e = exp(s)
    e.backward(g)
    assert s.grad.item() == pytest.approx(g * np.exp(v), rel=1e-15, abs=1e-300)
