"""Kernels make the same calls now or recorded: a replay gives the bits of the eager call."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainrule.engine.calls import Recording, constant
from chainrule.engine.dense import (
    dense_backward_bias,
    dense_backward_input,
    dense_backward_weights,
    dense_forward,
)
from chainrule.nn.activations import KERNELS
from chainrule.nn.losses import FUSED_LOSS_KERNELS, OUTPUT_LOSS_KERNELS, fused_backward


def test_a_recording_keeps_ufunc_methods_and_keywords():
    d, total = np.array([[1.0, 2.0], [3.0, 4.0]]), np.zeros((2, 1))
    recording = Recording()
    recording.add.reduce(d, 1, None, total, True)
    recording.multiply(d, 2.0, out=d)
    assert len(recording) == 2 and not total.any()
    recording.replay()
    np.testing.assert_array_equal(total, [[3.0], [7.0]])
    np.testing.assert_array_equal(d, [[2.0, 4.0], [6.0, 8.0]])


def test_a_recording_makes_nothing_until_replayed_then_reads_the_arrays_as_they_are():
    x, y = np.array([1.0, 2.0]), np.zeros(2)
    recording = Recording()
    recording.multiply(x, 3.0, y)
    assert len(recording) == 1 and not y.any()
    recording.replay()
    np.testing.assert_array_equal(y, [3.0, 6.0])
    x[...] = [5.0, -1.0]  # the recording holds the array, not a copy
    recording.replay()
    np.testing.assert_array_equal(y, [15.0, -3.0])


def test_constants_are_read_only_zero_d_arrays_of_the_dtype():
    c = constant(0.5, np.dtype(np.float32))
    assert c.shape == () and c.dtype == np.float32 and c == 0.5
    assert constant(0.5, np.dtype(np.float32)) is c
    with pytest.raises(ValueError):
        c[()] = 1.0
    # the same bits as a Python float in a float32 operation
    a = np.random.default_rng(0).normal(size=50).astype(np.float32)
    np.testing.assert_array_equal(a * c, a * 0.5)


def both_ways(kernel, arrays, out_shape, **options):
    """The kernel made now into a fresh buffer, and recorded then replayed twice into
    another (with the arrays' values replaced in between, to prove the replay reads them)."""
    expected = kernel(*arrays, out=np.empty(out_shape), **options)
    out = np.empty(out_shape)
    recording = Recording()
    kernel(*arrays, out=out, xp=recording, **options)
    saved = [a.copy() for a in arrays if isinstance(a, np.ndarray)]
    for a in arrays:
        if isinstance(a, np.ndarray):
            a[...] = 7.0
    recording.replay()
    for a, s in zip([a for a in arrays if isinstance(a, np.ndarray)], saved, strict=True):
        a[...] = s
    recording.replay()
    return expected, out


shapes = st.tuples(st.integers(1, 6), st.integers(1, 6))


@settings(max_examples=40, deadline=None)
@given(shape=shapes, name=st.sampled_from(sorted(KERNELS)), seed=st.integers(0, 1000))
def test_activation_kernels_replay_the_eager_bits(shape, name, seed):
    rng = np.random.default_rng(seed)
    forward, backward = KERNELS[name]
    x = rng.normal(size=shape) * 3
    expected, out = both_ways(forward, [x], shape)
    np.testing.assert_array_equal(out, expected)
    g, y = rng.normal(size=shape), forward(x)
    expected, out = both_ways(backward, [g, x, y], shape)
    np.testing.assert_array_equal(out, expected)


@settings(max_examples=40, deadline=None)
@given(
    n=st.integers(1, 40),
    inputs=st.integers(1, 6),
    units=st.integers(1, 6),
    bias=st.sampled_from(["per_neuron", "shared"]),
    seed=st.integers(0, 1000),
)
def test_dense_kernels_replay_the_eager_bits(n, inputs, units, bias, seed):
    rng = np.random.default_rng(seed)
    x, w = rng.normal(size=(n, inputs)), rng.normal(size=(units, inputs))
    b = rng.normal(size=1 if bias == "shared" else units)
    delta = rng.normal(size=(n, units))
    expected, out = both_ways(dense_forward, [x, w, b], (n, units))
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_allclose(expected, x @ w.T + b, rtol=1e-12, atol=1e-12)
    expected, out = both_ways(dense_backward_input, [delta, w], (n, inputs))
    np.testing.assert_array_equal(out, expected)
    expected, out = both_ways(dense_backward_weights, [delta, x], (units, inputs))
    np.testing.assert_array_equal(out, expected)
    shared = bias == "shared"
    expected, out = both_ways(dense_backward_bias, [delta, shared], b.shape)
    np.testing.assert_array_equal(out, expected)
    total = delta.sum() if shared else delta.sum(axis=0)
    np.testing.assert_allclose(expected, total, rtol=1e-12, atol=1e-12)


@pytest.mark.parametrize("samples, units", [(1, 2), (8, 8), (9, 8), (200, 3)])
def test_a_shared_bias_gradient_is_the_sum_of_delta_small_or_large(samples, units):
    """Up to 64 numbers it is one dot with ones, beyond that a pairwise sum: both Σ δ."""
    delta = np.random.default_rng(samples).normal(size=(samples, units))
    np.testing.assert_allclose(dense_backward_bias(delta, True), [delta.sum()], rtol=1e-13)
    if samples * units == 2:  # Mazur's output layer: exactly δ_o1 + δ_o2
        assert dense_backward_bias(delta, True)[0] == delta[0, 0] + delta[0, 1]


@pytest.mark.parametrize("name", sorted(OUTPUT_LOSS_KERNELS))
def test_output_losses_replay_the_eager_bits(name):
    rng = np.random.default_rng(1)
    forward, backward = OUTPUT_LOSS_KERNELS[name]
    o = rng.uniform(-1, 1, (5, 3))
    t = rng.choice([-1.0, 1.0], (5, 3)) if name == "hinge" else rng.uniform(0, 1, (5, 3))
    eager = forward(o, t)()
    recording = Recording()
    value = forward(o, t, recording)
    recording.replay()
    assert value() == eager
    expected, out = both_ways(backward, [o, t], o.shape)
    np.testing.assert_array_equal(out, expected)


@pytest.mark.parametrize("name", sorted(FUSED_LOSS_KERNELS))
def test_the_fused_backward_replays_the_eager_bits(name):
    rng = np.random.default_rng(2)
    net, t = rng.normal(size=(4, 3)), np.eye(3)[[0, 2, 1, 1]]
    value, y = FUSED_LOSS_KERNELS[name](net, t)
    recording = Recording()
    replayed, _ = FUSED_LOSS_KERNELS[name](net, t, y, recording)
    recording.replay()
    assert replayed() == value()
    expected, out = both_ways(fused_backward, [y, t], y.shape)
    np.testing.assert_array_equal(out, expected)
    np.testing.assert_allclose(expected, (y - t) / 4, rtol=1e-15)


def test_negative_zero_is_its_own_constant():
    assert np.signbit(constant(-0.0, np.dtype(np.float64)))
    assert not np.signbit(constant(0.0, np.dtype(np.float64)))


def test_a_dense_layer_takes_one_sample_as_a_1d_array():
    x, w, b = np.array([1.0, 2.0, 3.0]), np.arange(6.0).reshape(2, 3) / 10, np.array([0.5, -1])
    np.testing.assert_allclose(dense_forward(x, w, b), w @ x + b, rtol=1e-15)
    np.testing.assert_allclose(dense_forward(x, w, b[:1]), w @ x + b[0], rtol=1e-15)
