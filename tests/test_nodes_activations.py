"""Sigmoid, tanh, ReLU, |t|, softmax: backward against central differences and torch.

ReLU and |t| are drawn away from their kink at 0 (central differences straddle it).
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import Tensor
from chainrule.engine import abs as abs_
from chainrule.engine import relu, sigmoid, softmax, tanh
from chainrule.engine.activations import sigmoid_forward
from reference import check_node_gradients, compare_with_torch
from strategies import NONEMPTY_SHAPES, SETTINGS, SHAPES, arrays, away_from_zero, values

SMOOTH = {"sigmoid": sigmoid, "tanh": tanh}
KINKED = {"relu": relu, "abs": abs_}
TORCH = {
    "sigmoid": lambda t: t.sigmoid(),
    "tanh": lambda t: t.tanh(),
    "relu": lambda t: t.relu(),
    "abs": lambda t: t.abs(),
}


def case(name: str):
    elements = away_from_zero(0.05, 5.0) if name in KINKED else values(-6.0, 6.0)
    return arrays(SHAPES, elements)


@pytest.mark.parametrize("name", sorted(SMOOTH | KINKED))
@SETTINGS
@given(data=st.data())
def test_activation_backward_matches_central_differences(name, data):
    x = data.draw(case(name))
    check_node_gradients((SMOOTH | KINKED)[name], [x])


@pytest.mark.parametrize("name", sorted(SMOOTH | KINKED))
@SETTINGS
@given(data=st.data())
def test_activation_matches_torch(name, data):
    pytest.importorskip("torch")
    x = data.draw(case(name))
    compare_with_torch((SMOOTH | KINKED)[name], TORCH[name], [x])


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


def test_sigmoid_is_stable_for_large_inputs():
    x = np.array([-800.0, -40.0, 0.0, 40.0, 800.0])
    with np.errstate(over="raise", invalid="raise", divide="raise"):
        y = sigmoid_forward(x)
    assert 0.0 <= y[0] < 2.3e-308 and y[-1] == 1.0 and y[2] == 0.5  # exact: e^−800 ≈ 0
    assert y[1] == pytest.approx(np.exp(-40.0) / (1 + np.exp(-40.0)), rel=1e-15)


def test_softmax_is_stable_for_large_inputs():
    y = softmax(Tensor([[1000.0, 1000.0, -1000.0]])).data
    assert y.tolist() == [[0.5, 0.5, 0.0]]
