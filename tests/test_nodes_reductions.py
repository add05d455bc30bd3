"""Sum, mean, max over an axis, a tuple of axes or everything, with and without keepdims."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import Tensor
from chainrule.engine import max as max_
from chainrule.engine import mean
from chainrule.engine import sum as sum_
from reference import check_node_gradients, compare_with_torch
from strategies import NONEMPTY_SHAPES, SETTINGS, arrays, spaced_arrays

OURS = {"sum": sum_, "mean": mean, "max": max_}


@st.composite
def reduction_case(draw, name: str):
    """An array (no near-ties for max), an axis (None, an int or a tuple) and keepdims."""
    shape = draw(NONEMPTY_SHAPES)
    x = draw(spaced_arrays(shape) if name == "max" else arrays(shape))
    ndim = len(shape)
    axis = draw(
        st.one_of(
            st.none(),
            st.integers(-ndim, ndim - 1),
            st.lists(
                st.integers(-ndim, ndim - 1),
                min_size=1,
                max_size=ndim,
                unique_by=lambda a: a % ndim,
            ).map(tuple),
        )
    )
    return x, axis, draw(st.booleans())


def torch_reduction(name: str, axis, keepdims: bool):
    def fn(t):
        dims = tuple(range(t.ndim)) if axis is None else axis
        if name == "sum":
            return t.sum(dim=dims, keepdim=keepdims)
        if name == "mean":
            return t.mean(dim=dims, keepdim=keepdims)
        return t.amax(dim=dims, keepdim=keepdims)  # amax shares the gradient among ties

    return fn


@pytest.mark.parametrize("name", sorted(OURS))
@SETTINGS
@given(data=st.data())
def test_reduction_backward_matches_central_differences(name, data):
    x, axis, keepdims = data.draw(reduction_case(name))
    check_node_gradients(lambda t: OURS[name](t, axis=axis, keepdims=keepdims), [x])


@pytest.mark.parametrize("name", sorted(OURS))
@SETTINGS
@given(data=st.data())
def test_reduction_matches_torch(name, data):
    pytest.importorskip("torch")
    x, axis, keepdims = data.draw(reduction_case(name))
    compare_with_torch(
        lambda t: OURS[name](t, axis=axis, keepdims=keepdims),
        torch_reduction(name, axis, keepdims),
        [x],
    )


def test_max_ties_share_the_gradient_equally():
    """Ties on purpose: the gradient of a max is split evenly among the tied maxima."""
    x = Tensor([[1.0, 3.0, 3.0], [2.0, 0.0, -1.0]])
    y = max_(x, axis=1)
    assert y.data.tolist() == [3.0, 2.0]
    y.backward(np.array([1.0, 4.0]))
    assert x.grad.tolist() == [[0.0, 0.5, 0.5], [4.0, 0.0, 0.0]]
    whole = Tensor([2.0, 5.0, 5.0, 5.0])
    max_(whole).backward()
    assert whole.grad == pytest.approx([0.0, 1 / 3, 1 / 3, 1 / 3], rel=1e-15)


def test_max_ties_match_torch_amax():
    pytest.importorskip("torch")
    x = np.array([[1.0, 3.0, 3.0, -2.0], [4.0, 4.0, 4.0, 4.0], [0.5, -1.0, 2.0, 1.0]])
    for axis in (None, 0, 1):
        compare_with_torch(
            lambda t, a=axis: max_(t, axis=a), torch_reduction("max", axis, False), [x]
        )


def test_mean_counts_only_the_reduced_elements():
    x = Tensor(np.arange(24.0).reshape(2, 3, 4))
    y = mean(x, axis=(0, 2))
    assert y.data.tolist() == pytest.approx(np.arange(24.0).reshape(2, 3, 4).mean(axis=(0, 2)))
    y.backward(np.ones(3))
    assert np.all(x.grad == 1.0 / 8.0)
