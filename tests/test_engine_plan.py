"""The engine's plan records the graph's own nodes: any graph of engine nodes, replayed,
gives the loss and gradients of ``Tensor.backward`` bit for bit."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import chainrule as cr
from chainrule.engine import DenseNode
from chainrule.engine.plan import Plan
from chainrule.engine.tensor import Tensor


def parameters(seed: int, inputs: int, hidden: int, outputs: int) -> list[Tensor]:
    rng = np.random.default_rng(seed)
    shapes = [(inputs, hidden), (hidden,), (hidden, outputs), (1,)]
    return [Tensor(rng.normal(size=s) * 0.5, name=n) for s, n in zip(shapes, "wbvc", strict=True)]


def graph(params: list[Tensor]):
    """A graph of every kind of engine node, with w used twice (its gradients are added)."""
    w, b, v, c = params

    def build(x: Tensor, t: np.ndarray) -> tuple[Tensor, Tensor]:
        h = x @ w + b  # matmul, broadcast add
        s = 1.0 / (1.0 + (-h).exp())  # the chain-rule slides' sigmoid, node by node
        peak = (x @ w).max(axis=1, keepdims=True)  # w's second use
        out = s @ v - peak * c + (h**2).mean(axis=1, keepdims=True)
        scale = 1.0 + v.T.sum() ** 2  # transpose, sum over everything
        loss = ((out - t) ** 2).sum() / scale + ((out.sum(axis=0) / 4.0) ** 2 + 1.0).log().mean()
        return out, loss

    return build


@settings(max_examples=25, deadline=None)
@given(
    seed=st.integers(0, 10_000),
    samples=st.integers(1, 6),
    sizes=st.tuples(st.integers(1, 4), st.integers(1, 5), st.integers(1, 3)),
)
def test_a_plan_of_any_graph_equals_its_backward_walk(seed, samples, sizes):
    params = parameters(seed, *sizes)
    build = graph(params)
    rng = np.random.default_rng(seed + 1)
    x = rng.normal(size=(samples, sizes[0]))
    t = rng.normal(size=(samples, sizes[2]))
    _, loss = build(Tensor(x, requires_grad=False), t)
    loss.backward()
    expected = [p.grad.copy() for p in params]
    plan = Plan(build, params, ((sizes[0],), (sizes[2],)), np.float64, samples + 2)
    assert plan.gradients(x, t) == loss.item() and np.isfinite(loss.item())
    for p, g in zip(params, expected, strict=True):
        assert p.grad is not g
        np.testing.assert_array_equal(p.grad, g)


def test_the_plan_runs_each_nodes_own_backward_once_when_it_records(monkeypatch):
    """The recorded step is made by the nodes themselves, walked once in the graph's order."""
    from chainrule.nn.activations import ActivationNode

    calls = []
    for node in (DenseNode, ActivationNode):
        original = node.backward

        def spy(self, gy, out=(None,), xp=np, original=original):
            calls.append(type(self).__name__)
            return original(self, gy, out, xp)

        monkeypatch.setattr(node, "backward", spy)
    from chainrule.nn.plan import Plan as NetworkPlan

    spec = cr.mazur_spec()
    plan = NetworkPlan(spec.network, 1)
    for _ in range(3):
        plan.gradients(spec.inputs, spec.targets)
    # output layer first: the reverse topological order of Tensor.backward
    assert calls == ["ActivationNode", "DenseNode", "ActivationNode", "DenseNode"]
    assert spec.network.layers[1].weights.grad[0, 0] == pytest.approx(0.082167041, abs=5e-10)


def test_a_graph_built_without_gradients_cannot_be_planned():
    params = parameters(0, 2, 2, 1)
    build = graph(params)

    def without(x, t):
        with cr.no_grad():
            return build(x, t)

    plan = Plan(without, params, ((2,), (1,)), np.float64, 1)
    with pytest.raises(cr.ChainruleError, match="no nodes to plan"):
        plan.gradients(np.ones((1, 2)), np.ones((1, 1)))
