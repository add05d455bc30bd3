"""Optimizers: hand-computed steps, and torch.optim for several steps."""

from __future__ import annotations

import numpy as np
import pytest

from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError
from chainrule.nn.optimizers import SGD, Adam, make_optimizer, optimizer_from_config


def param(values, grad) -> Tensor:
    p = Tensor(np.array(values, dtype=np.float64))
    p.grad = np.array(grad, dtype=np.float64)
    return p


def test_plain_sgd_is_the_seed_rule() -> None:
    # Mazur's example: w5 = 0.40, ∂E/∂w5 = 0.082167041, η = 0.5 → w5⁺ = 0.35891648
    w5 = param([0.40], [0.082167041])
    SGD(0.5).step([w5])
    assert w5.data[0] == pytest.approx(0.35891648, abs=1e-9)


def test_momentum_by_hand() -> None:
    p = param([1.0], [2.0])
    opt = SGD(0.1, momentum=0.9)
    opt.step([p])  # v = 2, p = 1 − 0.2
    assert p.data[0] == pytest.approx(0.8)
    p.grad = np.array([1.0])
    opt.step([p])  # v = 0.9·2 + 1 = 2.8, p = 0.8 − 0.28
    assert p.data[0] == pytest.approx(0.52)


def test_nesterov_by_hand() -> None:
    p = param([1.0], [2.0])
    opt = SGD(0.1, momentum=0.5, nesterov=True)
    opt.step([p])  # v = 2, step g + μv = 3 → p = 0.7
    assert p.data[0] == pytest.approx(0.7)
    p.grad = np.array([-1.0])
    opt.step([p])  # v = 0.5·2 − 1 = 0, step −1 + 0 → p = 0.8
    assert p.data[0] == pytest.approx(0.8)


def test_adam_first_step_moves_by_the_learning_rate() -> None:
    # after bias correction m̂ = g and ŝ = g², so the first step is η·g/(|g| + ε)
    p = param([1.0, -2.0, 0.5], [0.3, -4.0, 0.0])
    Adam(0.01).step([p])
    np.testing.assert_allclose(p.data, [0.99, -1.99, 0.5], atol=1e-7)


def test_weight_decay_adds_lambda_times_p() -> None:
    p = param([2.0], [0.5])
    SGD(0.1, weight_decay=0.25).step([p])  # g = 0.5 + 0.25·2 = 1
    assert p.data[0] == pytest.approx(1.9)


def test_parameters_without_gradient_are_left_alone() -> None:
    p, q = param([1.0], [1.0]), Tensor(np.array([5.0]))
    Adam(0.1).step([p, q])
    assert q.data[0] == 5.0 and p.data[0] < 1.0


def test_float32_parameters_stay_float32() -> None:
    p = Tensor(np.ones(3, dtype=np.float32))
    p.grad = np.full(3, 0.5, dtype=np.float32)
    for opt in (SGD(0.1, momentum=0.9), Adam(0.1, weight_decay=0.01)):
        opt.step([p])
        assert p.data.dtype == np.float32
        assert all(b.dtype == np.float32 for bufs in opt.state().values() for b in bufs)


@pytest.mark.parametrize(
    ("name", "options"),
    [
        ("sgd", {}),
        ("momentum", {"momentum": 0.8}),
        ("nesterov", {"momentum": 0.9}),
        ("adam", {}),
        ("adam", {"weight_decay": 0.1}),
        ("momentum", {"weight_decay": 0.05}),
    ],
)
def test_same_steps_as_torch_optim(name: str, options: dict) -> None:
    torch = pytest.importorskip("torch")
    rng = np.random.default_rng(1)
    start = [rng.normal(size=(3, 4)), rng.normal(size=(4,))]
    grads = [[rng.normal(size=a.shape) for a in start] for _ in range(5)]
    ours = [Tensor(a.copy()) for a in start]
    opt = make_optimizer(name, 0.05, **options)
    theirs = [torch.tensor(a.copy(), requires_grad=True) for a in start]
    decay = options.get("weight_decay", 0.0)
    if name == "adam":
        topt = torch.optim.Adam(theirs, lr=0.05, weight_decay=decay)
    else:
        momentum = options.get("momentum", 0.9) if name != "sgd" else 0.0
        topt = torch.optim.SGD(
            theirs, lr=0.05, momentum=momentum, nesterov=name == "nesterov", weight_decay=decay
        )
    for step in grads:
        for p, g in zip(ours, step, strict=True):
            p.grad = g
        opt.step(ours)
        for p, g in zip(theirs, step, strict=True):
            p.grad = torch.tensor(g)
        topt.step()
    for p, t in zip(ours, theirs, strict=True):
        np.testing.assert_allclose(p.data, t.detach().numpy(), rtol=1e-12, atol=1e-12)


def test_state_round_trip_continues_identically() -> None:
    rng = np.random.default_rng(0)
    grads = [rng.normal(size=3) for _ in range(4)]
    a, b = Tensor(np.zeros(3)), Tensor(np.zeros(3))
    opt_a = Adam(0.1)
    for g in grads[:2]:
        a.grad = g
        opt_a.step([a])
    b.data[...] = a.data
    opt_b = optimizer_from_config(opt_a.config())
    opt_b.load_state(opt_a.iterations, opt_a.state())
    for g in grads[2:]:
        a.grad, b.grad = g, g.copy()
        opt_a.step([a])
        opt_b.step([b])
    np.testing.assert_array_equal(a.data, b.data)


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda: SGD(0), "learning rate 0.0"),
        (lambda: SGD(0.1, momentum=1.0), "momentum 1.0"),
        (lambda: SGD(0.1, nesterov=True), "Nesterov momentum needs momentum"),
        (lambda: Adam(0.1, beta1=-0.1), "beta1 -0.1"),
        (lambda: SGD(0.1, weight_decay=-1), "weight decay -1.0"),
        (lambda: make_optimizer("rmsprop"), "unknown optimizer 'rmsprop'"),
    ],
)
def test_bad_settings(make, message: str) -> None:
    with pytest.raises(ChainruleError, match=message):
        make()


def test_default_learning_rates() -> None:
    assert make_optimizer("adam").learning_rate == 0.001
    assert make_optimizer("sgd").learning_rate == 0.01
    assert make_optimizer("nesterov").momentum == 0.9


def test_an_empty_parameter_is_left_alone() -> None:
    p = Tensor(np.zeros((0, 3)), requires_grad=True)
    p.grad = np.zeros((0, 3))
    for opt in (SGD(0.1), Adam(0.1)):
        opt.step([p])
    assert p.data.shape == (0, 3)
