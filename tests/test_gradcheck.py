"""chainrule.check_gradients: every parameter reported by name, worst relative error below
1e-7 on random networks; a deliberately wrong backward is caught."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import chainrule as cr
from chainrule import Dense, Network, Tensor
from chainrule.nn import BIAS_MODES
from chainrule.nn.activations import ActivationNode
from chainrule.nn.gradcheck import relative_error
from chainrule.nn.losses import FUSED_ACTIVATION, LOSSES
from strategies import SETTINGS

SMOOTH = ("sigmoid", "tanh", "identity")
KINKED = ("relu", "abs")


@st.composite
def networks(draw):
    """A random network (1-3 layers, sizes 1-4), its samples and targets for its loss."""
    depth = draw(st.integers(1, 3))
    sizes = draw(st.lists(st.integers(1, 4), min_size=depth + 1, max_size=depth + 1))
    loss = draw(st.sampled_from(list(LOSSES)))
    if loss == "cross_entropy":
        sizes[-1] = max(sizes[-1], 2)
    acts = draw(st.lists(st.sampled_from(SMOOTH + KINKED), min_size=depth, max_size=depth))
    acts[-1] = FUSED_ACTIVATION.get(loss, draw(st.sampled_from((*SMOOTH, "softmax"))))
    biases = draw(st.lists(st.sampled_from(BIAS_MODES), min_size=depth, max_size=depth))
    samples = draw(st.integers(1, 4))
    rng = np.random.default_rng(draw(st.integers(0, 2**32 - 1)))
    layers = []
    for k in range(depth):
        units, fan_in = sizes[k + 1], sizes[k]
        count = {"per_neuron": units, "shared": 1, "none": 0}[biases[k]]
        layers.append(
            Dense(fan_in, units, acts[k], biases[k],
                  weights=rng.uniform(-1.0, 1.0, (units, fan_in)),
                  biases=rng.uniform(-0.5, 0.5, count) if count else None)
        )  # fmt: skip
    network = Network(layers, loss)
    x = rng.uniform(-2.0, 2.0, (samples, sizes[0]))
    if loss == "hinge":
        t = rng.choice([-1.0, 1.0], (samples, sizes[-1]))
    elif loss == "cross_entropy":
        t = np.eye(sizes[-1])[rng.integers(0, sizes[-1], samples)]
    else:
        t = rng.uniform(0.0, 1.0, (samples, sizes[-1]))
    return network, x, t


def near_a_kink(network: Network, x: np.ndarray, t: np.ndarray, margin: float = 5e-3) -> bool:
    """True if a relu/abs net or a hinge margin lies within ``margin`` of its kink (where
    the central differences, which move a parameter by up to 2ε = 2e-4, could straddle it)."""
    out = network.forward(x)
    for layer in network.layers:
        if layer.activation in KINKED and np.any(np.abs(layer.net.data) < margin):
            return True
    return network.loss_name == "hinge" and bool(np.any(np.abs(1 - t * out.data) < margin))


@SETTINGS
@given(case=networks())
def test_every_parameter_is_reported_and_agrees(case):
    network, x, t = case
    if near_a_kink(network, x, t):
        return
    report = cr.check_gradients(network, x, t)
    assert list(report) == [name for name, _ in network.named_parameters()]
    for name, error in report.items():
        assert error < 1e-7, (name, error, report)


def test_report_names_every_layer():
    network = Network.from_sizes([3, 4, 2, 1], activation="tanh", bias="per_neuron", seed=1)
    network.layers[1] = Dense(4, 2, "tanh", "none", weights=np.full((2, 4), 0.3))
    network.layers[2] = Dense(2, 1, "sigmoid", "shared", weights=[[0.5, -0.4]], biases=[0.1])
    x = np.random.default_rng(0).uniform(-1, 1, (5, 3))
    report = cr.check_gradients(network, x, np.full((5, 1), 0.25))
    assert list(report) == ["layer1.weights", "layer1.biases", "layer2.weights",
                            "layer3.weights", "layer3.biases"]  # fmt: skip
    assert max(report.values()) < 1e-7


def test_a_broken_backward_is_caught(monkeypatch):
    """A sigmoid backward scaled by 1.01 shows up as a relative error of about 0.005 in every
    parameter below the broken node, and in none above it."""
    network = Network.from_sizes([2, 3, 2], activation="tanh", output_activation="sigmoid",
                                 seed=3)  # fmt: skip
    x = np.array([[0.5, -1.0], [1.5, 0.25], [-0.3, 0.8]])
    t = np.array([[0.1, 0.9], [0.8, 0.2], [0.5, 0.5]])
    honest = cr.check_gradients(network, x, t)
    assert max(honest.values()) < 1e-7

    original = ActivationNode.backward

    def broken(self, gy):
        (g,) = original(self, gy)
        return (g * 1.01 if self.op == "sigmoid" else g,)

    monkeypatch.setattr(ActivationNode, "backward", broken)
    report = cr.check_gradients(network, x, t)
    for name, error in report.items():
        # relative error |1.01 g − g| / (|1.01 g| + |g|) = 0.01 / 2.01
        assert error == pytest.approx(0.01 / 2.01, rel=1e-4), name


def test_a_broken_hidden_layer_spares_the_layers_above(monkeypatch):
    network = Network.from_sizes([2, 3, 2], activation="tanh", output_activation="sigmoid",
                                 seed=3)  # fmt: skip
    x = np.array([[0.5, -1.0], [1.5, 0.25]])
    t = np.array([[0.1, 0.9], [0.8, 0.2]])
    original = ActivationNode.backward

    def broken(self, gy):
        (g,) = original(self, gy)
        return (g * 0.99 if self.op == "tanh" else g,)

    monkeypatch.setattr(ActivationNode, "backward", broken)
    report = cr.check_gradients(network, x, t)
    assert report["layer1.weights"] > 1e-3 and report["layer1.biases"] > 1e-3
    assert report["layer2.weights"] < 1e-7 and report["layer2.biases"] < 1e-7


def test_float32_network_is_checked_in_float64():
    network = Network.from_sizes([2, 3, 1], activation="tanh", seed=0, dtype=np.float32)
    x = np.array([[0.5, -1.0], [1.5, 0.25]])
    report = cr.check_gradients(network, x, np.array([[0.2], [0.7]]))
    assert max(report.values()) < 1e-7
    assert network.dtype == np.float32


def test_numerical_gradient_of_a_known_function():
    w = Tensor(np.array([0.5, -1.0, 2.0]))

    def f() -> float:
        return float(np.sum(w.data**3))

    assert cr.numerical_gradient(f, w) == pytest.approx(3 * w.data**2, rel=1e-9)
    assert w.data.tolist() == [0.5, -1.0, 2.0]  # restored


def test_relative_error_definition():
    assert relative_error(np.array([1.0, 2.0]), np.array([1.0, 2.0])) == 0.0
    assert relative_error(np.array([1.01]), np.array([1.0])) == pytest.approx(0.01 / 2.01)
    assert relative_error(np.array([0.0]), np.array([1e-13])) == 0.0
