"""Add, subtract, multiply, divide, negate: backward against central differences and torch.

Binary ops get mutually broadcastable shapes, so the backward must undo the broadcasting.
"""

from __future__ import annotations

import operator

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from chainrule.engine import add, divide, multiply, negate, subtract
from reference import check_node_gradients, compare_with_torch
from strategies import SETTINGS, SHAPES, arrays, away_from_zero

BINARY = {
    "add": (add, operator.add),
    "subtract": (subtract, operator.sub),
    "multiply": (multiply, operator.mul),
    "divide": (divide, operator.truediv),
}


@st.composite
def broadcast_pair(draw, name: str) -> tuple[np.ndarray, np.ndarray]:
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4))
    a_shape, b_shape = shapes.input_shapes
    a = draw(arrays(a_shape))
    b = draw(arrays(b_shape, away_from_zero(0.5, 3.0) if name == "divide" else None))
    return a, b


@pytest.mark.parametrize("name", sorted(BINARY))
@SETTINGS
@given(data=st.data())
def test_binary_backward_matches_central_differences(name, data):
    a, b = data.draw(broadcast_pair(name))
    ours, _ = BINARY[name]
    check_node_gradients(ours, [a, b], seed=a.size + b.size)


@pytest.mark.parametrize("name", sorted(BINARY))
@SETTINGS
@given(data=st.data())
def test_binary_matches_torch(name, data):
    pytest.importorskip("torch")
    a, b = data.draw(broadcast_pair(name))
    ours, op = BINARY[name]
    compare_with_torch(ours, op, [a, b], seed=a.ndim + b.ndim)


@SETTINGS
@given(x=arrays(SHAPES))
def test_negate_backward(x):
    check_node_gradients(negate, [x])


@SETTINGS
@given(x=arrays(SHAPES))
def test_negate_matches_torch(x):
    pytest.importorskip("torch")
    compare_with_torch(negate, operator.neg, [x])


def test_operators_with_constants_on_either_side():
    """Tensor ⊕ number and ndarray ⊕ Tensor build the same nodes; constants get no gradient."""
    from chainrule import Tensor

    x = Tensor([1.5, -2.0])
    y = (3.0 - x) * 2.0 + np.array([1.0, 1.0]) / x - (-x)
    y.backward(np.array([1.0, 1.0]))
    # y = 6 − 2x + 1/x + x: dy/dx = −2 − 1/x² + 1
    assert x.grad == pytest.approx(-1.0 - 1.0 / np.array([1.5, -2.0]) ** 2, rel=1e-15)
