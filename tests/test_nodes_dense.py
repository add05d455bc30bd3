"""The dense node net = x·Wᵀ + b: backward against central differences and torch, for a bias
per neuron, one shared bias (seeds 000 and 004) and no bias."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import Tensor
from chainrule.nodes import dense
from chainrule.nodes.dense import dense_backward_bias
from reference import check_node_gradients, compare_with_torch
from strategies import SETTINGS, arrays

SIDE = st.integers(1, 5)


@st.composite
def dense_case(draw):
    """x (samples × inputs), W (units × inputs) and b by bias mode (None for no bias)."""
    samples, inputs, units = draw(SIDE), draw(SIDE), draw(SIDE)
    mode = draw(st.sampled_from(["per_neuron", "shared", "none"]))
    x = draw(arrays((samples, inputs)))
    w = draw(arrays((units, inputs)))
    arrays_ = [x, w]
    if mode != "none":
        arrays_.append(draw(arrays((units if mode == "per_neuron" else 1,))))
    return mode, arrays_


@SETTINGS
@given(case=dense_case())
def test_dense_backward_matches_central_differences(case):
    _, arrays_ = case
    check_node_gradients(dense, arrays_)


@SETTINGS
@given(case=dense_case())
def test_dense_matches_torch(case):
    pytest.importorskip("torch")
    _, arrays_ = case

    def theirs(x, w, b=None):
        net = x @ w.T
        return net if b is None else net + b  # a (1,) bias broadcasts over the units: shared

    compare_with_torch(dense, theirs, arrays_)


def test_shared_bias_gradient_sums_every_delta():
    """Seed 004: b2 ← b2 − η·Σ δ_O, so ∂E/∂b of a shared bias is the sum of all deltas."""
    x = Tensor([[0.05, 0.10], [0.3, -0.2]])
    w = Tensor([[0.15, 0.20], [0.25, 0.30], [-0.1, 0.4]])
    b = Tensor([0.35])
    delta = np.array([[1.0, 2.0, 3.0], [-0.5, 0.25, 4.0]])
    dense(x, w, b).backward(delta)
    assert b.grad.tolist() == [delta.sum()]
    per_neuron = Tensor([0.35, 0.35, 0.35])
    dense(x, w, per_neuron).backward(delta)
    assert per_neuron.grad.tolist() == delta.sum(axis=0).tolist()
    assert dense_backward_bias(delta, shared=True).shape == (1,)


def test_weight_layout_is_destination_by_source():
    """weights[j][i] is the weight from input i to neuron j (seed 000: w1, w2 feed h1)."""
    x = Tensor([[0.05, 0.10]])
    w = Tensor([[0.15, 0.20], [0.25, 0.30]])
    net = dense(x, w, Tensor([0.35]))
    assert net.data[0].tolist() == pytest.approx(
        [0.15 * 0.05 + 0.20 * 0.10 + 0.35, 0.25 * 0.05 + 0.30 * 0.10 + 0.35], rel=1e-15
    )
    net.backward(np.array([[1.0, 0.0]]))
    assert w.grad.tolist() == [[0.05, 0.10], [0.0, 0.0]]
