"""L1 and L2 penalties on the weights (chainrule.nn.penalties): R and ∂R/∂w, checked
against central differences and PyTorch's autograd, and the training loop's step that
adds ∂R/∂w to ∂E/∂w before its one update."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

import chainrule as cr
from chainrule.errors import ChainruleError
from chainrule.nn.optimizers import SGD
from chainrule.nn.penalties import Penalty, make_penalty
from chainrule.training.loop import train_step
from strategies import NONEMPTY_SHAPES, SETTINGS, arrays, away_from_zero, values


def central(penalty: Penalty, w: np.ndarray, h: float = 1e-6) -> np.ndarray:
    grad = np.empty_like(w)
    for k in np.ndindex(w.shape):
        up, down = w.copy(), w.copy()
        up[k] += h
        down[k] -= h
        grad[k] = (penalty.value([up]) - penalty.value([down])) / (2 * h)
    return grad


@SETTINGS
@given(
    kind=st.sampled_from(["l1", "l2"]),
    rate=values(0.0, 3.0),
    w=NONEMPTY_SHAPES.flatmap(lambda shape: arrays(shape, away_from_zero())),
)
def test_the_gradient_is_the_penalty_s_central_difference(kind, rate, w) -> None:
    penalty = Penalty(kind, rate)
    np.testing.assert_allclose(penalty.gradient(w), central(penalty, w), rtol=1e-6, atol=1e-6)


@pytest.mark.parametrize("kind", ["l1", "l2"])
def test_value_and_gradient_are_pytorch_s(kind: str) -> None:
    torch = pytest.importorskip("torch")
    w = np.array([[0.15, -0.2, 0.0], [-1.5, 0.3, 2.0]])
    v = np.array([0.4, -0.45])
    penalty = Penalty(kind, 0.3)
    tw, tv = (torch.tensor(a, requires_grad=True) for a in (w, v))
    if kind == "l1":
        r = 0.3 * (tw.abs().sum() + tv.abs().sum())
    else:
        r = 0.5 * 0.3 * ((tw**2).sum() + (tv**2).sum())
    r.backward()
    assert penalty.value([w, v]) == pytest.approx(r.item(), rel=1e-15)
    np.testing.assert_allclose(penalty.gradient(w), tw.grad.numpy(), rtol=0, atol=1e-15)
    np.testing.assert_allclose(penalty.gradient(v), tv.grad.numpy(), rtol=0, atol=1e-15)


def test_none_or_a_zero_rate_is_no_penalty_and_bad_settings_are_refused() -> None:
    assert make_penalty("none", 0.3) is None and make_penalty("l2", 0.0) is None
    assert make_penalty("l1", 0.1) == Penalty("l1", 0.1)
    with pytest.raises(ChainruleError, match="'l3': expected one of l1, l2"):
        make_penalty("l3", 0.1)
    with pytest.raises(ChainruleError, match=r"-1\.0: expected a number >= 0"):
        make_penalty("l2", -1.0)


def mazur_step(optimizer: SGD, penalty: Penalty | None) -> list[np.ndarray]:
    spec = cr.mazur_spec()
    net = spec.network
    train_step(net, spec.inputs, spec.targets, optimizer, penalty=penalty)
    return [p.data.copy() for p in net.parameters()]  # W1, b1, W2, b2


def test_l2_in_the_step_is_the_optimizer_s_weight_decay_on_the_weights_alone() -> None:
    """Mazur's example, one step: with L2 (λ = 0.1) the weights move as SGD's weight_decay
    moves them, w⁺ = w − η·(∂E/∂w + λ·w); the biases as without a penalty."""
    penalised = mazur_step(SGD(0.5), Penalty("l2", 0.1))
    decayed = mazur_step(SGD(0.5, weight_decay=0.1), None)
    plain = mazur_step(SGD(0.5), None)
    for k in (0, 2):  # weights
        np.testing.assert_allclose(penalised[k], decayed[k], rtol=0, atol=1e-15)
        assert not np.allclose(penalised[k], plain[k], rtol=0, atol=1e-4)
    for k in (1, 3):  # biases: decayed by weight_decay, never by the penalty
        np.testing.assert_array_equal(penalised[k], plain[k])
        assert not np.allclose(decayed[k], plain[k], rtol=0, atol=1e-4)


def test_l1_in_the_step_moves_each_weight_by_its_sign() -> None:
    """w5⁺ = w5 − η·∂E/∂w5 − η·λ·sign(w5): Mazur's w5 = 0.40 → 0.35891648 − 0.5·0.2."""
    spec = cr.mazur_spec()
    before = [p.data.copy() for p in spec.network.parameters()]
    penalised = mazur_step(SGD(0.5), Penalty("l1", 0.2))
    plain = mazur_step(SGD(0.5), None)
    for k in (0, 2):
        expected = plain[k] - 0.5 * 0.2 * np.sign(before[k])
        np.testing.assert_allclose(penalised[k], expected, rtol=0, atol=1e-15)
    assert penalised[2][0, 0] == pytest.approx(0.35891648 - 0.1, abs=1e-8)
