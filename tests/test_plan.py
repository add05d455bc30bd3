"""The planned fast path gives the same loss and gradients as the graph of nodes, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chainrule as cr
from chainrule.nn.plan import Plan

OUTPUTS = {  # loss → (output activation, how to make targets)
    "half_sse": ("sigmoid", lambda rng, n, k: rng.uniform(0, 1, (n, k))),
    "mse": ("identity", lambda rng, n, k: rng.normal(size=(n, k))),
    "hinge": ("tanh", lambda rng, n, k: rng.choice([-1.0, 1.0], size=(n, k))),
    "binary_cross_entropy": ("sigmoid", lambda rng, n, k: rng.uniform(0, 1, (n, k))),
    "cross_entropy": ("softmax", lambda rng, n, k: np.eye(k)[rng.integers(0, k, n)]),
}


def make_case(seed, sizes, activation, bias, loss, samples, dtype=np.float64):
    rng = np.random.default_rng(seed)
    output_activation, targets = OUTPUTS[loss]
    net = cr.Network.from_sizes(
        sizes,
        activation=activation,
        output_activation=output_activation,
        loss=loss,
        bias=bias,
        seed=seed,
        dtype=dtype,
    )
    for layer in net.layers:  # non-zero biases, so that shared and per-neuron differ
        if layer.biases is not None:
            layer.biases.data[...] = rng.normal(size=layer.biases.shape)
    x = rng.normal(size=(samples, sizes[0])).astype(dtype)
    return net, x, targets(rng, samples, sizes[-1]).astype(dtype)


@settings(max_examples=60, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    sizes=st.lists(st.integers(1, 6), min_size=2, max_size=5),
    activation=st.sampled_from(["sigmoid", "tanh", "relu", "abs", "identity", "softmax"]),
    bias=st.sampled_from(["per_neuron", "shared", "none"]),
    loss=st.sampled_from(sorted(OUTPUTS)),
    samples=st.integers(1, 7),
)
def test_plan_equals_graph(seed, sizes, activation, bias, loss, samples):
    if loss == "cross_entropy" and sizes[-1] < 2:
        sizes = [*sizes[:-1], 2]
    net, x, t = make_case(seed, sizes, activation, bias, loss, samples)
    net.zero_grad()
    expected_loss = net.loss(x, t)
    expected_loss.backward()
    expected = [p.grad.copy() for p in net.parameters()]
    plan = Plan(net, batch_size=samples + 3)  # a partial batch uses views of the buffers
    loss_value = plan.gradients(x, t)
    # the same kernels make the same calls on both paths: the same bits
    assert loss_value == expected_loss.item()
    for p, g in zip(net.parameters(), expected, strict=True):
        np.testing.assert_array_equal(p.grad, g)


def test_plan_forward_equals_predict_in_float32():
    net, x, _ = make_case(3, [5, 8, 3], "relu", "per_neuron", "cross_entropy", 16, np.float32)
    plan = Plan(net, 16)
    np.testing.assert_array_equal(plan.forward(x), net.predict(x))
    assert plan.forward(x).dtype == np.float32


def test_plan_reproduces_mazur_gradients():
    spec = cr.mazur_spec()
    plan = Plan(spec.network, 1)
    loss = plan.gradients(spec.inputs, spec.targets)
    assert loss == pytest.approx(0.298371109, abs=5e-10)
    assert spec.network.layers[1].weights.grad[0, 0] == pytest.approx(0.082167041, abs=5e-10)
    assert spec.network.layers[0].weights.grad[0, 0] == pytest.approx(0.000438568, abs=5e-10)


def test_plan_rejects_a_batch_larger_than_planned():
    net, x, t = make_case(0, [2, 3, 1], "tanh", "none", "half_sse", 4)
    with pytest.raises(cr.ChainruleError, match="at most 2"):
        Plan(net, 2).gradients(x, t)


def graph_gradients(network, x, t):
    """The graph of nodes: forward, then backward (the reference for the plan)."""
    network.zero_grad()
    loss = network.loss(x, t)
    loss.backward()
    return loss.item(), network.layers[-1].out.data


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_training_on_the_plan_equals_training_on_the_graph(monkeypatch, optimizer):
    import chainrule.training.loop
    from chainrule.data import make_toy
    from chainrule.training.classifier import Classifier

    x, y = make_toy("spirals", samples=150, noise=0.1, seed=1)

    def trained():
        model = Classifier(
            [2, 12, 12, 3],
            activation="tanh",
            optimizer=optimizer,
            seed=4,
            batch_size=16,
            dtype="float64",
        )
        history = model.fit(x, y, epochs=3)
        return model, history

    planned_model, planned_history = trained()
    monkeypatch.setattr(chainrule.training.loop, "gradient_step", graph_gradients)
    graph_model, graph_history = trained()
    for a, b in zip(
        planned_model.network.parameters(), graph_model.network.parameters(), strict=True
    ):
        np.testing.assert_array_equal(a.data, b.data)
    assert planned_history.loss == graph_history.loss


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_transposed_products_give_the_same_gradients(seed):
    """Cᵀ = Bᵀ·Aᵀ for every product of every layer equals the direct form."""
    net, x, t = make_case(seed, [6, 5, 4, 3], "tanh", "per_neuron", "cross_entropy", 9)
    direct = Plan(net, 9, tune=False)
    loss = direct.gradients(x, t)
    expected = [g.copy() for g in direct.grads]
    flipped = Plan(net, 9, tune=False)
    flipped.transposed = [(True, True, True)] * len(net.layers)
    assert flipped.gradients(x, t) == pytest.approx(loss, rel=1e-13)
    for g, e in zip(flipped.grads, expected, strict=True):
        np.testing.assert_allclose(g, e, rtol=1e-12, atol=1e-15)
    np.testing.assert_allclose(flipped.forward(x), direct.forward(x), rtol=1e-12)


def test_tuning_keeps_the_bits():
    """Whatever forms the tuning picks, the gradients are those of the untuned plan, bit for bit."""
    net, x, t = make_case(5, [40, 30, 10], "relu", "per_neuron", "cross_entropy", 64, np.float32)
    untuned = Plan(net, 64, tune=False)
    untuned.gradients(x, t)
    expected = [g.copy() for g in untuned.grads]
    tuned = Plan(net, 64, tune=True)
    tuned.gradients(x, t)
    for g, e in zip(tuned.grads, expected, strict=True):
        np.testing.assert_array_equal(g, e)


def test_a_plan_does_not_replay_a_network_whose_parameters_were_replaced():
    from chainrule.engine.tensor import Tensor

    net, _, _ = make_case(2, [3, 4, 2], "tanh", "per_neuron", "half_sse", 5)
    plan = Plan(net, 5)
    assert plan.fits(net, 5) and not plan.fits(net, 6)
    net.layers[0].weights = Tensor(net.layers[0].weights.data.copy(), name="weights")
    assert not plan.fits(net, 5)


def test_a_plan_does_not_keep_its_network_alive():
    import gc
    import weakref

    from chainrule.nn.plan import planned_gradients

    net, x, t = make_case(2, [3, 4, 2], "tanh", "per_neuron", "half_sse", 5)
    planned_gradients(net, x, t)
    ref = weakref.ref(net)
    del net
    gc.collect()
    assert ref() is None


def test_a_plan_does_not_replay_onto_a_replaced_array():
    """Recorded calls hold the parameters' arrays: a new ``.data`` needs a new plan."""
    net, _, _ = make_case(2, [3, 4, 2], "tanh", "per_neuron", "half_sse", 5)
    plan = Plan(net, 5)
    net.layers[1].biases.data = net.layers[1].biases.data.copy()
    assert not plan.fits(net, 5)


def test_a_recorded_update_equals_the_optimizers_step_bit_for_bit():
    """Plain gradient descent through plan.update (recorded calls) against optimizer.step,
    over steps with a change of learning rate midway and a step without the biases."""
    runs = []
    for recorded in (True, False):
        net, x, t = make_case(7, [4, 5, 3], "sigmoid", "shared", "half_sse", 6)
        plan, optimizer = Plan(net, 6), cr.SGD(0.5)
        for step in range(8):
            if step == 4:
                optimizer.learning_rate = 0.125
            plan.gradients(x, t)
            biases = step != 6
            if recorded:
                plan.update(optimizer, biases=biases)
            else:
                optimizer.step(net.parameters(biases=biases))
        assert optimizer.iterations == 8
        runs.append([p.data.copy() for p in net.parameters()])
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)


@pytest.mark.parametrize(
    "optimizer", [cr.SGD(0.1, momentum=0.9), cr.SGD(0.1, weight_decay=0.01), cr.Adam(0.01)]
)
def test_updates_with_state_are_not_recorded_but_still_taken(optimizer):
    net, x, t = make_case(3, [3, 4, 2], "tanh", "per_neuron", "mse", 4)
    assert optimizer.recorded_update(net.parameters()) is None
    plan = Plan(net, 4)
    before = [p.data.copy() for p in net.parameters()]
    plan.gradients(x, t)
    plan.update(optimizer)
    assert optimizer.iterations == 1
    assert all(not np.array_equal(p.data, b) for p, b in zip(net.parameters(), before, strict=True))


def test_a_plain_update_is_two_recorded_calls_for_all_parameters():
    spec = cr.mazur_spec()
    assert cr.SGD(0.5).recorded_update(spec.network.parameters()) is None  # no gradients yet
    Plan(spec.network, 1).gradients(spec.inputs, spec.targets)
    recording = cr.SGD(0.5).recorded_update(spec.network.parameters())
    assert recording is not None and len(recording) == 2  # w − η·g over one flat array


def test_a_subclass_of_sgd_takes_its_own_steps():
    """A subclass may change the gradient or the step: it is not replayed from a recording."""
    calls = []

    class ClippedSGD(cr.SGD):
        def gradient(self, group):
            calls.append(1)
            return np.clip(group.grad, -0.01, 0.01)

    runs = []
    for planned in (True, False):
        net, x, t = make_case(4, [3, 4, 2], "sigmoid", "per_neuron", "half_sse", 5)
        optimizer = ClippedSGD(0.5)
        for _ in range(3):
            if planned:
                cr.train_step(net, x, t, optimizer)
            else:
                graph_gradients(net, x, t)
                optimizer.step(net.parameters())
        runs.append([p.data.copy() for p in net.parameters()])
    assert len(calls) >= 6  # every step of both runs went through gradient()
    for a, b in zip(*runs, strict=True):
        np.testing.assert_array_equal(a, b)
