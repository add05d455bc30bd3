"""The backward walk of the chain-rule slides' computational graph: order, accumulation, repeated
calls,
no-grad mode, the gradient-shape check and the undoing of broadcasting."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra import numpy as hnp

from chainrule import ChainruleError, Tensor, no_grad
from chainrule.engine import Multiply
from chainrule.engine.tensor import is_grad_enabled, topological_order, unbroadcast
from strategies import SETTINGS, arrays


def test_topological_order_puts_every_tensor_after_its_inputs():
    x = Tensor(2.0, name="x")
    y = Tensor(3.0, name="y")
    a = x * y
    b = a + x
    c = b * a
    order = topological_order(c)
    position = {id(t): k for k, t in enumerate(order)}
    assert len(order) == 5 and order[-1] is c
    for t in order:
        if t.creator is not None:
            for parent in t.creator.inputs:
                assert position[id(parent)] < position[id(t)]


def test_backward_runs_each_node_after_all_its_consumers(monkeypatch):
    """Reverse topological order: a node's backward runs once, after every use of its output."""
    calls: list[str] = []
    original = Multiply.backward

    def logged(self, gy):
        calls.append(self.output.name)
        return original(self, gy)

    monkeypatch.setattr(Multiply, "backward", logged)
    x = Tensor(1.5, name="x")
    a = x * 2.0
    a.name = "a"
    b = a * a  # a is used twice here …
    b.name = "b"
    c = b * a  # … and again here, after b
    c.name = "c"
    c.backward()
    assert calls == ["c", "b", "a"]
    # c = (2x)³ ⇒ ∂c/∂x = 3·(2x)²·2 = 24x²
    assert x.grad == pytest.approx(24 * 1.5**2, rel=1e-15)
    assert a.grad == pytest.approx(3 * 3.0**2, rel=1e-15)


def test_value_used_twice_accumulates():
    """x·x: both inputs of the multiply node are x, and both gradients are added: 2x."""
    x = Tensor([1.0, -2.0, 3.0])
    (x * x).backward(np.ones(3))
    assert x.grad.tolist() == [2.0, -4.0, 6.0]


def test_diamond_graph_sums_both_paths():
    """x → a = x·3, b = exp(x) → d = a·b: ∂d/∂x = 3·e^x + 3x·e^x (Mazur's summed paths)."""
    x = Tensor(0.7)
    a = x * 3.0
    b = x.exp()
    d = a * b
    d.backward()
    assert x.grad == pytest.approx(3 * np.exp(0.7) * (1 + 0.7), rel=1e-15)
    assert a.grad == pytest.approx(np.exp(0.7), rel=1e-15)
    assert b.grad == pytest.approx(2.1, rel=1e-15)


def test_backward_twice_accumulates_and_zero_grad_resets():
    """As documented in tensor.py: a second backward adds the gradients again."""
    x = Tensor(3.0)
    y = Tensor(-1.0)
    z = x * x + y * x
    z.backward()
    first = (x.grad.item(), y.grad.item())
    assert first == (2 * 3.0 - 1.0, 3.0)
    z.backward()
    assert (x.grad.item(), y.grad.item()) == (2 * first[0], 2 * first[1])
    x.zero_grad()
    y.zero_grad()
    assert x.grad is None and y.grad is None
    z.backward()
    assert (x.grad.item(), y.grad.item()) == first


def test_backward_with_an_upstream_gradient_scales_everything():
    x = Tensor([1.0, 2.0])
    (x * x).backward(np.array([10.0, -1.0]))
    assert x.grad.tolist() == [20.0, -4.0]


def test_backward_checks_the_gradient_shape():
    x = Tensor([[1.0, 2.0, 3.0]])
    y = x * 2.0
    with pytest.raises(ChainruleError, match=r"grad has shape \(3,\), expected \(1, 3\)"):
        y.backward(np.ones(3))
    assert x.grad is None


def test_no_grad_records_no_graph():
    x = Tensor([1.0, 2.0])
    assert is_grad_enabled()
    with no_grad():
        assert not is_grad_enabled()
        y = (x * x).sum()
    assert is_grad_enabled()
    assert y.creator is None and not y.requires_grad
    y.backward()
    assert x.grad is None
    z = (x * x).sum()
    assert z.creator is not None and z.requires_grad


def test_no_grad_is_restored_after_an_error():
    with pytest.raises(RuntimeError), no_grad():
        raise RuntimeError("boom")
    assert is_grad_enabled()


def test_constants_and_detached_tensors_get_no_gradient():
    x = Tensor(2.0)
    c = Tensor(5.0, requires_grad=False)
    d = x.detach()
    (x * c + d * x).backward()
    assert c.grad is None and d.grad is None
    assert x.grad.item() == 5.0 + 2.0


def test_output_of_constants_only_needs_no_gradient():
    a = Tensor(1.0, requires_grad=False)
    b = a * 3.0
    assert b.creator is None and not b.requires_grad


@st.composite
def broadcast_case(draw):
    """A shape s, a grad of a shape s broadcasts to, and a probe v of shape s."""
    shapes = draw(hnp.mutually_broadcastable_shapes(num_shapes=2, max_dims=3, max_side=4))
    s = shapes.input_shapes[0]
    g = draw(arrays(shapes.result_shape))
    v = draw(arrays(s))
    return s, g, v


@SETTINGS
@given(case=broadcast_case())
def test_unbroadcast_is_the_adjoint_of_broadcasting(case):
    """⟨unbroadcast(g, s), v⟩ = ⟨g, broadcast(v)⟩ for every v: the sum over the copies."""
    s, g, v = case
    u = unbroadcast(g, s)
    assert u.shape == s
    lhs = float(np.sum(u * v))
    rhs = float(np.sum(g * np.broadcast_to(v, g.shape)))
    assert lhs == pytest.approx(rhs, rel=1e-12, abs=1e-12)


def test_unbroadcast_examples():
    g = np.arange(24.0).reshape(2, 3, 4)
    assert unbroadcast(g, (2, 3, 4)) is g
    assert unbroadcast(g, ()).item() == g.sum()
    assert unbroadcast(g, (4,)).tolist() == g.sum(axis=(0, 1)).tolist()
    assert unbroadcast(g, (3, 1)).tolist() == g.sum(axis=(0, 2)).reshape(3, 1).tolist()
    assert unbroadcast(g, (2, 1, 4)).tolist() == g.sum(axis=1, keepdims=True).tolist()
    assert unbroadcast(g, (1, 1, 1)).tolist() == [[[g.sum()]]]


def test_broadcast_add_gradient_sums_over_copies():
    row = Tensor([1.0, 2.0, 3.0])
    column = Tensor([[1.0], [2.0]])
    (row + column).backward(np.array([[1.0, 2.0, 3.0], [4.0, 5.0, 6.0]]))
    assert row.grad.tolist() == [5.0, 7.0, 9.0]
    assert column.grad.tolist() == [[6.0], [15.0]]


def test_a_deep_graph_needs_no_recursion():
    """The walk is iterative: 5000 nodes in a row (far beyond Python's recursion limit)."""
    x = Tensor(1.0)
    y = x
    for _ in range(5000):
        y = y * 1.0001
    y.backward()
    assert x.grad.item() == pytest.approx(1.0001**5000, rel=1e-12)
