"""The dense node net = x·Wᵀ + b: backward against central differences and torch, for a bias
per neuron, one shared bias (Mazur's example and JongSeobJ's matrix form) and no bias."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from chainrule import Dense, Tensor
from chainrule.engine import dense
from chainrule.engine.dense import dense_backward_bias
from chainrule.nn import ACTIVATIONS
from reference import check_node_gradients, compare_with_torch
from strategies import SETTINGS, arrays
from test_nn_activations import TORCH

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
    """JongSeobJ's matrix form: b2 ← b2 − η·Σ δ_O, so ∂E/∂b of a shared bias is the sum of all
    deltas."""
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
    """weights[j][i] is the weight from input i to neuron j (Mazur's example: w1, w2 feed h1)."""
    x = Tensor([[0.05, 0.10]])
    w = Tensor([[0.15, 0.20], [0.25, 0.30]])
    net = dense(x, w, Tensor([0.35]))
    assert net.data[0].tolist() == pytest.approx(
        [0.15 * 0.05 + 0.20 * 0.10 + 0.35, 0.25 * 0.05 + 0.30 * 0.10 + 0.35], rel=1e-15
    )
    net.backward(np.array([[1.0, 0.0]]))
    assert w.grad.tolist() == [[0.05, 0.10], [0.0, 0.0]]


@st.composite
def layer_case(draw):
    """A Dense layer's activation and bias mode, its input and parameters."""
    activation = draw(st.sampled_from(sorted(ACTIVATIONS)))
    mode, arrays_ = draw(dense_case())
    return activation, mode, arrays_


def layer_fn(activation: str, mode: str, shape: tuple[int, int]):
    """out = f(x·Wᵀ + b) through the Dense layer, with its parameters replaced by tensors."""
    units, inputs = shape
    layer = Dense(inputs, units, activation, mode)

    def fn(x, w, b=None):
        layer.weights, layer.biases = w, b
        return layer(x)

    return layer, fn


@SETTINGS
@given(case=layer_case())
def test_dense_layer_backward_for_every_activation_and_bias_mode(case):
    activation, mode, arrays_ = case
    layer, fn = layer_fn(activation, mode, arrays_[1].shape)
    net = dense(*arrays_).data
    assume(not ACTIVATIONS[activation].kink or np.all(np.abs(net) > 0.01))  # no kinks
    check_node_gradients(fn, arrays_)
    assert layer.net is not None and layer.out is not None  # kept for explanations


@SETTINGS
@given(case=layer_case())
def test_dense_layer_matches_torch(case):
    torch = pytest.importorskip("torch")
    activation, mode, arrays_ = case
    _, fn = layer_fn(activation, mode, arrays_[1].shape)
    net = dense(*arrays_).data
    # at net = 0 exactly the conventions differ: SanghyukChun's ReLU passes the gradient, torch's
    # not
    assume(not ACTIVATIONS[activation].kink or np.all(net != 0))
    torch_activation = {**TORCH, "softmax": lambda v: torch.softmax(v, dim=-1)}[activation]

    def theirs(x, w, b=None):
        net = x @ w.T
        return torch_activation(net if b is None else net + b)

    compare_with_torch(fn, theirs, arrays_)


@SETTINGS
@given(
    samples=st.integers(1, 40),
    inputs=st.integers(1, 40),
    units=st.integers(1, 40),
    dtype=st.sampled_from([np.float32, np.float64]),
    seed=st.integers(0, 2**32 - 1),
)
def test_products_into_buffers_give_matmuls_bits(samples, inputs, units, dtype, seed):
    """product() takes np.dot for a C-ordered buffer: the same bits as np.matmul, in all
    three of the dense node's products, direct and transposed."""
    from chainrule.engine.dense import product

    rng = np.random.default_rng(seed)
    x = rng.standard_normal((samples, inputs)).astype(dtype)
    w = rng.standard_normal((units, inputs)).astype(dtype)
    delta = rng.standard_normal((samples, units)).astype(dtype)
    strided = np.empty((samples, 2 * inputs), dtype)[:, ::2]
    strided[...] = x  # a view with a stride: product() leaves it to matmul
    for a, b in ((x, w.T), (delta.T, x), (delta, w), (strided, w.T), (delta.T, strided)):
        expected = np.matmul(a, b)
        for transposed in (False, True):
            out = np.empty_like(expected)
            assert product(a, b, out, transposed) is out
            np.testing.assert_array_equal(out, expected)


@SETTINGS
@given(units=st.integers(1, 9), seed=st.integers(0, 2**32 - 1))
def test_one_sample_bias_gradient_is_the_reduction(units, seed):
    delta = np.random.default_rng(seed).standard_normal((1, units))
    delta[0, 0] = -0.0  # the reduction turns −0.0 into 0.0; so must the shortcut
    out = np.full(units, np.nan)
    assert dense_backward_bias(delta, False, out=out) is out
    np.testing.assert_array_equal(out, np.add.reduce(delta, axis=0))
    assert np.signbit(out[0]) == np.signbit(np.add.reduce(delta, axis=0)[0])
