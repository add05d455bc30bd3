"""A network's graph per scalar (Mazur's w1…w8) and per layer, with the engine's gradients."""

from __future__ import annotations

import numpy as np
import pytest

import chainrule as cr
from chainrule.engine.tensor import Tensor, topological_order
from chainrule.nn import Dense, Network
from chainrule.teach.draw.network import (
    SCALAR_LIMIT,
    layer_graph,
    neuron_names,
    parameter_count,
    scalar_graph,
)
from seeds import SEED000, assert_printed


def by_name(root: Tensor) -> dict[str, Tensor]:
    return {t.name: t for t in topological_order(root) if t.name}


def test_scalar_graph_of_mazur_has_seed000_numbers() -> None:
    spec = cr.mazur_spec()
    total = scalar_graph(spec.network, spec.inputs[0], spec.targets[0])
    total.backward()
    named = by_name(total)
    for key in (
        "net_h1",
        "out_h1",
        "out_h2",
        "net_o1",
        "out_o1",
        "out_o2",
        "E_o1",
        "E_o2",
        "E_total",
    ):
        assert_printed(named[key].item(), SEED000[key])
    assert_printed(named["w5"].grad, SEED000["dE_dw5"])
    assert_printed(named["w1"].grad, SEED000["dE_dw1"])
    assert_printed(named["out_o1"].grad, SEED000["dE_dout_o1"])
    assert_printed(named["out_h1"].grad, SEED000["dE_dout_h1"])  # the sum over both outputs
    assert_printed(named["net_o1"].grad, SEED000["dEo1_dnet_o1"])
    # w1…w8 numbered by destination neuron, with the spec's values
    assert [named[f"w{n}"].item() for n in range(1, 9)] == [
        0.15,
        0.20,
        0.25,
        0.30,
        0.40,
        0.45,
        0.50,
        0.55,
    ]
    assert named["b1"].item() == 0.35 and named["b2"].item() == 0.60
    assert named["i1"].item() == 0.05 and named["i2"].item() == 0.10


def layer_gradients(network: Network, x: np.ndarray, t: np.ndarray) -> list[np.ndarray]:
    """∂E/∂W, ∂E/∂b of each layer from the network's own forward and loss on one sample."""
    net = network.copy()
    net.loss(x[None, :], t[None, :]).backward()
    return [p.grad for p in net.parameters()]


CASES = [
    ([3, 4, 2], "sigmoid", "identity", "half_sse", "per_neuron", [0.2, 0.7]),
    ([2, 3, 1], "tanh", "sigmoid", "binary_cross_entropy", "shared", [1.0]),
    ([2, 3, 3], "relu", "softmax", "cross_entropy", "per_neuron", [0.0, 1.0, 0.0]),
    ([2, 2, 2, 1], "abs", "identity", "mse", "none", [0.3]),
    ([2, 3, 2], "sigmoid", "tanh", "hinge", "per_neuron", [1.0, -1.0]),
    ([2, 3, 2], "tanh", "softmax", "half_sse", "shared", [0.0, 1.0]),
]


@pytest.mark.parametrize(("sizes", "act", "out_act", "loss", "bias", "target"), CASES)
def test_scalar_gradients_equal_the_layer_gradients(sizes, act, out_act, loss, bias, target):
    network = Network.from_sizes(sizes, act, out_act, loss=loss, bias=bias, seed=3)
    for layer in network.layers:  # non-zero biases, so that they matter
        if layer.biases is not None:
            layer.biases.data[:] = np.linspace(-0.3, 0.4, layer.biases.size)
    x = np.linspace(-1.0, 1.5, sizes[0])
    t = np.array(target)
    total = scalar_graph(network, x, t)
    total.backward()
    named = by_name(total)
    expected_loss = network.copy().loss(x[None, :], t[None, :]).item()
    assert total.item() == pytest.approx(expected_loss, rel=1e-12)
    grads = iter(layer_gradients(network, x, t))
    n = 1
    for k, layer in enumerate(network.layers, start=1):
        gw = next(grads)
        for j in range(layer.units):
            for i in range(layer.input_size):
                assert named[f"w{n}"].grad == pytest.approx(gw[j, i], rel=1e-10, abs=1e-14)
                n += 1
        if layer.bias == "shared":
            assert named[f"b{k}"].grad == pytest.approx(next(grads)[0], rel=1e-10, abs=1e-14)
        elif layer.bias == "per_neuron":
            gb = next(grads)
            for j in range(layer.units):
                assert named[f"b{k}.{j + 1}"].grad == pytest.approx(gb[j], rel=1e-10, abs=1e-14)
    assert n - 1 == sum(layer.weights.size for layer in network.layers)


def test_neuron_names_follow_the_seed() -> None:
    assert neuron_names(cr.mazur_spec().network) == [["h1", "h2"], ["o1", "o2"]]
    deep = Network.from_sizes([2, 3, 2, 1], seed=0)
    assert neuron_names(deep) == [["h1.1", "h1.2", "h1.3"], ["h2.1", "h2.2"], ["o1"]]


def test_scalar_level_refuses_large_networks() -> None:
    network = Network.from_sizes([10, 15, 4], seed=0)  # 165 + 64 = 229 parameters
    assert parameter_count(network) == 229 > SCALAR_LIMIT
    with pytest.raises(cr.ChainruleError, match=r"229 weights and biases.*--level layer"):
        scalar_graph(network, np.zeros(10), np.zeros(4))


def test_layer_graph_names_the_matrices_and_keeps_the_engine_gradients() -> None:
    spec = cr.mazur_spec()
    total = layer_graph(spec.network.copy(), spec.inputs, spec.targets)
    total.backward()
    by_label = {t.name: t for t in topological_order(total) if t.name}
    assert set(by_label) >= {
        "W1",
        "b1",
        "W2",
        "b2",
        "net_h",
        "out_h",
        "net_o",
        "out_o",
        "inputs",
        "targets",
        "E_total",
    }
    assert_printed(total.item(), SEED000["E_total"])
    assert_printed(by_label["W2"].grad[0, 0], SEED000["dE_dw5"])
    assert_printed(by_label["W1"].grad[0, 0], SEED000["dE_dw1"])
    assert by_label["W1"].shape == (2, 2)
    assert by_label["targets"].data.tolist() == [[0.01, 0.99]]


def test_layer_graph_works_for_any_size() -> None:
    network = Network(
        [
            Dense(784, 64, "relu", rng=np.random.default_rng(0)),
            Dense(64, 10, "softmax", rng=np.random.default_rng(1)),
        ],
        "cross_entropy",
    )
    x = np.random.default_rng(2).random((5, 784))
    t = np.eye(10)[[1, 2, 3, 4, 5]]
    total = layer_graph(network, x, t, lang="ko")
    total.backward()
    names = {t.name for t in topological_order(total)}
    assert {"입력", "목표값", "W1", "b2", "E_total"} <= names
    assert network.layers[0].weights.grad.shape == (64, 784)
