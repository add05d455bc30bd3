"""Every activation record: backward against central differences and torch, and the record's
other parts (its formulas, its ONNX operator, its words) present and in step with its kernels.

The activations are read from the records, so a new record is checked here as soon as it is
written; its PyTorch form is the one line of :data:`TORCH` it needs. Activations with a kink
(ReLU, |t|) are drawn away from 0 (central differences straddle it).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import Tensor
from chainrule.nn.activations import (
    ACTIVATIONS,
    ActivationNode,
    elementwise_names,
    get_activation,
    relu,
    sigmoid_forward,
    softmax,
)
from chainrule.nn.activations import abs as abs_
from chainrule.teach.explain.expr import Sym
from chainrule.teach.explain.formulas import COMPARE, expression, is_piecewise
from chainrule.teach.explain.i18n import word
from chainrule.teach.explain.text import TextRenderer
from reference import check_node_gradients, compare_with_torch
from strategies import NONEMPTY_SHAPES, SETTINGS, SHAPES, arrays, away_from_zero, values

ELEMENTWISE = elementwise_names()


def functional():
    """torch.nn.functional (the tests that call it skip first without torch)."""
    import torch.nn.functional

    return torch.nn.functional


# Each activation in PyTorch, for the autograd comparison (float64 tensors).
TORCH = {
    "sigmoid": lambda t: t.sigmoid(),
    "tanh": lambda t: t.tanh(),
    "relu": lambda t: t.relu(),
    "abs": lambda t: t.abs(),
    "identity": lambda t: t * 1.0,
    "leaky_relu": lambda t: functional().leaky_relu(t, 0.01),
    "softplus": lambda t: functional().softplus(t),
}


def case(name: str):
    elements = away_from_zero(0.05, 5.0) if ACTIVATIONS[name].kink else values(-6.0, 6.0)
    return arrays(SHAPES, elements)


def node(name: str):
    return lambda t: ActivationNode(ACTIVATIONS[name])(t)


@pytest.mark.parametrize("name", ELEMENTWISE)
@SETTINGS
@given(data=st.data())
def test_activation_backward_matches_central_differences(name, data):
    x = data.draw(case(name))
    check_node_gradients(node(name), [x])


@pytest.mark.parametrize("name", ELEMENTWISE)
@SETTINGS
@given(data=st.data())
def test_activation_matches_torch(name, data):
    pytest.importorskip("torch")
    x = data.draw(case(name))
    compare_with_torch(node(name), TORCH[name], [x])


@st.composite
def softmax_case(draw):
    shape = draw(NONEMPTY_SHAPES)
    x = draw(arrays(shape, values(-5.0, 5.0)))
    return x, draw(st.integers(-len(shape), len(shape) - 1))


@SETTINGS
@given(case=softmax_case())
def test_softmax_backward_matches_central_differences(case):
    x, axis = case
    check_node_gradients(lambda t: softmax(t, axis=axis), [x])


@SETTINGS
@given(case=softmax_case())
def test_softmax_matches_torch(case):
    pytest.importorskip("torch")
    x, axis = case
    compare_with_torch(lambda t: softmax(t, axis=axis), lambda t: t.softmax(dim=axis), [x])


def test_relu_passes_the_gradient_at_zero_and_abs_stops_it():
    """SanghyukChun's ReLU rule passes the gradient where the input is ≥ 0; sign(0) = 0 for |t|."""
    x = Tensor([-1.0, 0.0, 2.0])
    relu(x).backward(np.array([3.0, 3.0, 3.0]))
    assert x.grad.tolist() == [0.0, 3.0, 3.0]
    z = Tensor([-1.0, 0.0, 2.0])
    abs_(z).backward(np.array([3.0, 3.0, 3.0]))
    assert z.grad.tolist() == [-3.0, 0.0, 3.0]


def test_leaky_relu_keeps_a_slope_of_one_hundredth_below_zero():
    """max(0.01·x, x), and at 0 the gradient passes, as in SanghyukChun's ReLU rule."""
    leaky = ACTIVATIONS["leaky_relu"]
    x = Tensor([-2.0, 0.0, 3.0])
    y = leaky(x)
    assert y.data.tolist() == [-0.02, 0.0, 3.0]
    y.backward(np.array([5.0, 5.0, 5.0]))
    assert x.grad.tolist() == [0.05, 5.0, 5.0]
    assert leaky.onnx == ("LeakyRelu", {"alpha": 0.01})


def test_softplus_is_log_two_at_zero_its_slope_the_sigmoid_and_it_is_stable():
    softplus = ACTIVATIONS["softplus"]
    x = Tensor([-800.0, -40.0, 0.0, 40.0, 800.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = softplus(x)
        y.backward(np.ones(5))
    assert y.data[2] == pytest.approx(np.log(2.0), rel=1e-15)
    assert y.data[1] == pytest.approx(np.exp(-40.0), rel=1e-13)  # log(1 + ε) ≈ ε, not 0
    assert y.data[0] == 0.0 and y.data[3] == 40.0 and y.data[4] == 800.0
    assert x.grad[2] == 0.5 and x.grad[4] == 1.0 and 0.0 <= x.grad[0] < 1e-300
    assert softplus.onnx == ("Softplus", {})


def test_sigmoid_is_stable_for_large_inputs():
    x = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = sigmoid_forward(x)
    assert 0.0 <= y[0] < 2.3e-308 and y[-1] == 1.0 and y[2] == 0.5  # exact: e^−800 ≈ 0
    assert y[1] == pytest.approx(np.exp(-40.0) / (1 + np.exp(-40.0)), rel=1e-15)


def test_softmax_is_stable_for_large_inputs():
    y = softmax(Tensor([[1000.0, 1000.0, -1000.0]])).data
    assert y.tolist() == [[0.5, 0.5, 0.0]]


def test_an_unknown_activation_is_one_error_naming_the_choices():
    with pytest.raises(ValueError, match=r"unknown activation 'rleu'.*did you mean 'relu'\?"):
        get_activation("rleu")


# -- the record's other parts ------------------------------------------------------------


def evaluate(formula, **leaves: float) -> float:
    """A record's formula computed in Python floats (an independent reading of the tree)."""
    if isinstance(formula, str):
        return float(np.e) if formula == "e" else leaves[formula]
    if isinstance(formula, int | float):
        return float(formula)
    op, *args = formula
    if op == "if":  # ("if", (cmp, left, right), then, else)
        (cmp, left, right), then, other = args
        taken = COMPARE[cmp](evaluate(left, **leaves), evaluate(right, **leaves))
        return evaluate(then if taken else other, **leaves)
    v = [evaluate(a, **leaves) for a in args]
    table = {
        "+": lambda: sum(v),
        "-": lambda: v[0] - v[1],
        "·": lambda: v[0] * v[1],
        "juxt": lambda: v[0] * v[1],
        "/": lambda: v[0] / v[1],
        "^": lambda: v[0] ** v[1],
        "neg": lambda: -v[0],
        "()": lambda: v[0],
        "max": lambda: max(v),
        "tanh": lambda: float(np.tanh(v[0])),
        "abs": lambda: abs(v[0]),
        "sign": lambda: float(np.sign(v[0])),
        "log": lambda: float(np.log(v[0])),
    }
    return table[op]()


@pytest.mark.parametrize("name", ELEMENTWISE)
@pytest.mark.parametrize("net", [-1.7, -0.3, 0.4, 2.2])
def test_the_formulas_the_explanation_writes_give_the_kernels_numbers(name, net):
    """f(net) and f′ as the explanation writes them equal the forward and backward kernels."""
    record = ACTIVATIONS[name]
    x = np.array([net])
    y = record.forward(x)
    assert evaluate(record.formula, net=net) == pytest.approx(float(y[0]), rel=1e-12)
    fprime = record.derivative_values(x, y)
    got = evaluate(record.derivative, net=net, out=float(y[0]))
    assert got == pytest.approx(float(fprime[0]), rel=1e-12, abs=1e-15)


@pytest.mark.parametrize("name", ELEMENTWISE)
def test_every_record_renders_and_has_its_words_in_both_languages(name):
    record = ACTIVATIONS[name]
    text = TextRenderer("en", 6)
    leaves = {"net": Sym("net", "h1"), "out": Sym("out", "h1")}
    assert "net_h1" in text.expr(expression(record.formula, leaves))
    if not is_piecewise(record.derivative):
        text.expr(expression(record.derivative, leaves))
    for lang in ("en", "ko"):
        assert word(lang, f"act.{name}")
        assert word(lang, f"deriv.{name}")


@pytest.mark.parametrize("name", sorted(ACTIVATIONS))
def test_every_record_names_an_onnx_operator_that_onnx_knows(name):
    onnx = pytest.importorskip("onnx")
    record = ACTIVATIONS[name]
    if record.onnx is None:  # the identity: no node
        assert name == "identity"
        return
    schema = onnx.defs.get_schema(record.onnx[0], 17)
    assert set(record.onnx[1]) <= set(schema.attributes)
