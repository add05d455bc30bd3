"""Whole networks against PyTorch autograd in float64: the loss and every parameter gradient
agree to 1e-10 for every activation, bias mode and loss, on networks of one to four layers;
so do the weights after one gradient-descent step."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule import SGD, Dense, Network, train_step
from chainrule.nn import ACTIVATIONS, BIAS_MODES
from chainrule.nn.losses import FUSED_ACTIVATION, LOSSES
from reference import TORCH_FLOOR, TORCH_TOLERANCE, compare_with_torch, relative_error
from strategies import SETTINGS
from test_nn_activations import TORCH

torch = pytest.importorskip("torch")
F = torch.nn.functional

HIDDEN = ("sigmoid", "tanh", "relu", "abs", "identity")

# Each activation record's PyTorch form (one table, beside the records' own tests).
TORCH_ACTIVATIONS = {**TORCH, "softmax": lambda v: torch.softmax(v, dim=-1)}


def torch_loss(name: str, out, net, t):
    """The losses of chainrule.nn.losses written with torch: per sample summed, batch averaged."""
    n = out.shape[0]
    if name == "half_sse":
        return 0.5 * ((out - t) ** 2).sum() / n
    if name == "mse":
        return ((out - t) ** 2).mean()
    if name == "cross_entropy":
        return -(t * torch.log_softmax(net, dim=-1)).sum() / n
    if name == "binary_cross_entropy":
        return F.binary_cross_entropy_with_logits(net, t, reduction="sum") / n
    if name == "hinge":
        return torch.clamp(1.0 - t * out, min=0.0).sum() / n
    raise AssertionError(name)


@dataclass
class Case:
    sizes: list[int]
    activations: list[str]
    biases: list[str]
    loss: str
    samples: int
    seed: int

    def build(self) -> tuple[Network, np.ndarray, np.ndarray]:
        rng = np.random.default_rng(self.seed)
        layers = []
        for k, (act, bias) in enumerate(zip(self.activations, self.biases, strict=True)):
            fan_in, units = self.sizes[k], self.sizes[k + 1]
            count = {"per_neuron": units, "shared": 1, "none": 0}[bias]
            layers.append(
                Dense(
                    fan_in, units, act, bias,
                    weights=rng.uniform(-1.0, 1.0, (units, fan_in)),
                    biases=rng.uniform(-0.5, 0.5, count) if count else None,
                )
            )  # fmt: skip
        network = Network(layers, self.loss)
        x = rng.uniform(-2.0, 2.0, (self.samples, self.sizes[0]))
        return network, x, targets(self.loss, self.samples, self.sizes[-1], rng)


def targets(loss: str, samples: int, outputs: int, rng: np.random.Generator) -> np.ndarray:
    if loss == "hinge":
        return rng.choice([-1.0, 1.0], (samples, outputs))
    if loss == "cross_entropy":
        return np.eye(outputs)[rng.integers(0, outputs, samples)]
    return rng.uniform(0.0, 1.0, (samples, outputs))


def ours(network: Network, x: np.ndarray, t: np.ndarray):
    """E as a function of the parameter tensors, in named_parameters order."""

    def fn(*params):
        it = iter(params)
        for layer in network.layers:
            layer.weights = next(it)
            if layer.biases is not None:
                layer.biases = next(it)
        return network.loss(x, t)

    return fn


def theirs(case: Case, x: np.ndarray, t: np.ndarray):
    def fn(*params):
        it = iter(params)
        h = torch.tensor(x)
        net = h
        for act, bias in zip(case.activations, case.biases, strict=True):
            w = next(it)
            net = h @ w.T
            if bias != "none":
                net = net + next(it)  # a (1,) shared bias broadcasts over the neurons
            h = TORCH_ACTIVATIONS[act](net)
        return torch_loss(case.loss, h, net, torch.tensor(t))

    return fn


def compare(case: Case) -> tuple[float, float]:
    network, x, t = case.build()
    arrays = [p.data.copy() for _, p in network.named_parameters()]
    # a shared bias under softmax has the gradient Σ_k (out_k − t_k) = 0: rounding noise on
    # both sides, compared absolutely below TORCH_FLOOR
    return compare_with_torch(ours(network, x, t), theirs(case, x, t), arrays, kind="torch network")


def output_activation(loss: str, preferred: str) -> str:
    return FUSED_ACTIVATION.get(loss, preferred)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("bias", BIAS_MODES)
@pytest.mark.parametrize("activation", sorted(ACTIVATIONS))
def test_every_activation_bias_mode_and_loss(activation, bias, loss):
    """The activation on every layer (softmax only at the output), depth 1 to 4 in turn."""
    index = (sorted(ACTIVATIONS).index(activation) * 3 + BIAS_MODES.index(bias)) * 5
    index += list(LOSSES).index(loss)
    depth = 1 + index % 4
    sizes = [*[3, 4, 5, 3, 2][:depth], 3]
    hidden = "tanh" if activation == "softmax" else activation
    acts = [hidden] * (depth - 1) + [output_activation(loss, activation)]
    case = Case(sizes, acts, [bias] * depth, loss, samples=4, seed=index)
    compare(case)


@st.composite
def cases(draw) -> Case:
    depth = draw(st.integers(1, 4))
    sizes = draw(st.lists(st.integers(1, 5), min_size=depth + 1, max_size=depth + 1))
    loss = draw(st.sampled_from(list(LOSSES)))
    if loss == "cross_entropy":
        sizes[-1] = max(sizes[-1], 2)
    acts = draw(st.lists(st.sampled_from(HIDDEN), min_size=depth, max_size=depth))
    acts[-1] = output_activation(loss, draw(st.sampled_from((*HIDDEN, "softmax"))))
    biases = draw(st.lists(st.sampled_from(BIAS_MODES), min_size=depth, max_size=depth))
    samples = draw(st.integers(1, 6))
    return Case(sizes, acts, biases, loss, samples, draw(st.integers(0, 2**32 - 1)))


@SETTINGS
@given(case=cases())
def test_random_networks_match_torch(case):
    compare(case)


@pytest.mark.parametrize("loss", LOSSES)
@pytest.mark.parametrize("train_biases", [True, False])
def test_one_sgd_step_matches_torch(loss, train_biases):
    depth = 3
    acts = ["tanh", "relu", output_activation(loss, "sigmoid")]
    case = Case([3, 5, 4, 2], acts, ["per_neuron", "shared", "per_neuron"][:depth], loss, 5, 7)
    network, x, t = case.build()
    learning_rate = 0.3
    params = [torch.tensor(p.data.copy(), requires_grad=True) for p in network.parameters()]
    loss_torch = theirs(case, x, t)(*params)
    loss_torch.backward()
    with torch.no_grad():
        for (name, _), p in zip(network.named_parameters(), params, strict=True):
            if train_biases or not name.endswith("biases"):
                p -= learning_rate * p.grad

    before = train_step(network, x, t, SGD(learning_rate), train_biases=train_biases)
    assert relative_error(before, loss_torch.item(), TORCH_FLOOR) < TORCH_TOLERANCE
    for (name, p_ours), p_torch in zip(network.named_parameters(), params, strict=True):
        error = relative_error(p_ours.data, p_torch.detach().numpy(), TORCH_FLOOR)
        assert error < TORCH_TOLERANCE, name
