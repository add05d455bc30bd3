"""Matrix product and transpose: backward against central differences and torch.

SanghyukChun's introduction: for y = W·x, ∂E/∂x = Wᵀ·∂E/∂y and ∂E/∂W = ∂E/∂y·xᵀ; one-dimensional
operands
act as a row (left) or a column (right) vector, as in NumPy.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import Tensor
from chainrule.engine import matmul, transpose
from reference import check_node_gradients, compare_with_torch
from strategies import SETTINGS, arrays

SIDE = st.integers(1, 5)


@st.composite
def matmul_pair(draw) -> tuple[np.ndarray, np.ndarray]:
    n, k, m = draw(SIDE), draw(SIDE), draw(SIDE)
    a_vector, b_vector = draw(st.booleans()), draw(st.booleans())
    a = draw(arrays((k,) if a_vector else (n, k)))
    b = draw(arrays((k,) if b_vector else (k, m)))
    return a, b


@SETTINGS
@given(pair=matmul_pair())
def test_matmul_backward_matches_central_differences(pair):
    check_node_gradients(matmul, list(pair))


@SETTINGS
@given(pair=matmul_pair())
def test_matmul_matches_torch(pair):
    pytest.importorskip("torch")
    compare_with_torch(matmul, lambda a, b: a @ b, list(pair))


@SETTINGS
@given(x=arrays(st.tuples(SIDE, SIDE)))
def test_transpose_backward(x):
    check_node_gradients(transpose, [x])


@SETTINGS
@given(x=arrays(st.tuples(SIDE, SIDE)))
def test_transpose_matches_torch(x):
    pytest.importorskip("torch")
    compare_with_torch(transpose, lambda t: t.T, [x])


def test_matmul_gradients_are_seed003_formulas():
    """∂E/∂W = ∂E/∂y · xᵀ and ∂E/∂x = Wᵀ · ∂E/∂y for y = W·x with a column x."""
    w = Tensor([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]])
    x = Tensor([[0.5], [-1.0], [2.0]])
    gy = np.array([[1.0], [-2.0]])
    (w @ x).backward(gy)
    assert w.grad.tolist() == (gy @ x.data.T).tolist()
    assert x.grad.tolist() == (w.data.T @ gy).tolist()
