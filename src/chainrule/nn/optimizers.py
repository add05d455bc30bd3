"""Optimizers: turn each parameter's gradient into an update.

``SGD`` is the gradient descent of the tutorials: w⁺ = w − η·∂E/∂w (Mazur's example, η = 0.5). With
g = ∂E/∂p (+ weight_decay · p, the gradient of the L2 penalty ½·λ·‖p‖², applied to every
parameter as torch.optim does):

- SGD with momentum μ:   v ← μ·v + g;  p ← p − η·v
- Nesterov momentum:     v ← μ·v + g;  p ← p − η·(g + μ·v)
- Adam (Kingma & Ba 2015), step t:
      m ← β1·m + (1 − β1)·g;   s ← β2·s + (1 − β2)·g²
      p ← p − η · (m / (1 − β1^t)) / (√(s / (1 − β2^t)) + ε)

The same formulas as ``torch.optim.SGD`` and ``torch.optim.Adam`` (the tests compare them).
Each optimizer writes its formula once, in :meth:`Optimizer.formula`, on one parameter's
arrays; where those arrays sit (all parameters in one flat buffer, the state beside them,
blocks that stay in the cache) is :mod:`chainrule.nn.flat_update`'s business. State (the
velocities, the moments, the step count) is one array per parameter, in the order of the
parameters, saved and restored with :meth:`state` and :meth:`load_state`.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from typing import Any

import numpy as np

from chainrule.engine.calls import XP, Recording, constant
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError
from chainrule.nn.flat_update import Group, Layout, blocks

OPTIMIZERS = ("sgd", "momentum", "nesterov", "adam")


def _check(
    name: str, value: float, low: float, high: float = math.inf, closed: bool = True
) -> float:
    value = float(value)
    ok = (low <= value if closed else low < value) and value < high and math.isfinite(value)
    if not ok:
        bound = f">= {low:g}" if closed else f"> {low:g}"
        upper = f" and < {high:g}" if math.isfinite(high) else ""
        raise ChainruleError(f"{name} {value!r}: expected a number {bound}{upper}")
    return value


class Optimizer:
    """Base class: ``step(parameters)`` updates every parameter that has a gradient.

    A subclass writes its update as :meth:`formula` on one block of one parameter's arrays
    (see :mod:`chainrule.nn.flat_update`, which finds the arrays and cuts them into
    blocks): ``formula(xp, work, p, g, *state)``, in place, with ``work`` a scratch array
    of the block's size and the state arrays named by :attr:`slots` (those
    :meth:`uses` lists).
    """

    name = "optimizer"
    slots: tuple[str, ...] = ()

    def __init__(self, learning_rate: float, weight_decay: float = 0.0) -> None:
        self.learning_rate = _check("learning rate", learning_rate, 0.0, closed=False)
        self.weight_decay = _check("weight decay", weight_decay, 0.0)
        self.iterations = 0
        self.layout = Layout(self.slots)

    def step(self, parameters: Sequence[Tensor]) -> None:
        """Update every parameter that has a gradient, in place."""
        self.iterations += 1
        for group in self.layout.groups(list(parameters)):  # a list: an iterator runs dry
            self.update(group)

    def update(self, group: Group, xp: XP = np) -> None:
        """:meth:`formula` on the group's arrays, block by block."""
        g = self.gradient(group)
        state = [self.layout.state(slot, group) for slot in self.uses()]
        for arrays in blocks(group.work, group.data, g, *state):
            self.formula(xp, *arrays)

    def formula(self, xp: XP, work: np.ndarray, p: np.ndarray, g: np.ndarray, *state: Any) -> None:
        raise NotImplementedError  # pragma: no cover - abstract

    def uses(self) -> tuple[str, ...]:
        """The slots this optimizer's formula reads and writes, as set now."""
        return self.slots

    def gradient(self, group: Group) -> np.ndarray:
        """g = ∂E/∂p, plus λ·p for L2 weight decay (the gradient of ½·λ·‖p‖²)."""
        if self.weight_decay:
            return group.grad + self.weight_decay * group.data
        return group.grad

    def groups(self, parameters: Sequence[Tensor]) -> list[Group]:
        """The arrays a step runs on (see :meth:`Layout.groups`)."""
        return self.layout.groups(parameters)

    def settings(self) -> tuple[Any, ...]:
        """The hyperparameters, as a tuple (a recorded update holds for as long as these)."""
        return (type(self), self.learning_rate, self.weight_decay)

    def recorded_update(self, parameters: Sequence[Tensor]) -> Recording | None:
        """The calls of :meth:`step` on ``parameters``, recorded (see
        :mod:`chainrule.engine.calls`) for as long as :meth:`settings` stay the same, where
        every step makes the same calls on the same arrays; ``None`` for an update with
        state or per-step numbers. The caller counts the step (``iterations``) when it
        replays the recording."""
        return None

    # -- saving ----------------------------------------------------------------------------
    def config(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "learning_rate": self.learning_rate,
            "weight_decay": self.weight_decay,
            "iterations": self.iterations,
        }

    def state(self) -> dict[str, list[np.ndarray | None]]:
        """The state arrays by slot, one per parameter (None where none was made yet)."""
        return {slot: list(arrays) for slot, arrays in self.layout.buffers.items()}

    def load_state(self, iterations: int, state: dict[str, list[np.ndarray | None]]) -> None:
        self.iterations = int(iterations)
        self.layout.reset(state)


class SGD(Optimizer):
    """Gradient descent, p ← p − η·g (Mazur's example: w5⁺ = w5 − η·∂E/∂w5, η = 0.5);
    optionally with momentum μ (``nesterov`` for Nesterov's) and L2 ``weight_decay``.
    ``SGD(0.5)`` is the tutorials' rule."""

    slots = ("velocity",)

    def __init__(
        self,
        learning_rate: float = 0.1,
        momentum: float = 0.0,
        nesterov: bool = False,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(learning_rate, weight_decay)
        self.momentum = _check("momentum", momentum, 0.0, 1.0)
        self.nesterov = bool(nesterov)
        if self.nesterov and self.momentum == 0:
            raise ChainruleError("Nesterov momentum needs momentum > 0, like 0.9")
        self.name = "nesterov" if self.nesterov else ("momentum" if self.momentum else "sgd")

    def uses(self) -> tuple[str, ...]:
        return self.slots if self.momentum else ()

    def formula(self, xp: XP, work: np.ndarray, p: np.ndarray, g: np.ndarray, *v: Any) -> None:
        """Plain:     p ← p − η·g
        Momentum:  v ← μ·v + g;  p ← p − η·v           (v starts at 0, so v₁ = g as in torch)
        Nesterov:  v ← μ·v + g;  p ← p − η·(g + μ·v)"""
        rate = constant(self.learning_rate, p.dtype)
        if v:
            (v,) = v
            xp.multiply(v, self.momentum, v)
            xp.add(v, g, v)  # v ← μ·v + g
            if self.nesterov:
                xp.multiply(v, self.momentum, work)
                xp.add(g, work, work)  # g + μ·v
                g = work
            else:
                g = v
        xp.multiply(g, rate, work)  # η·g
        xp.subtract(p, work, p)  # p ← p − η·g

    def settings(self) -> tuple[Any, ...]:
        return (type(self), self.learning_rate, self.weight_decay, self.momentum, self.nesterov)

    def recorded_update(self, parameters: Sequence[Tensor]) -> Recording | None:
        """Plain gradient descent (no momentum, no weight decay) is the same two calls every
        step: recorded, once every parameter has its gradient array; the other forms keep
        state or make arrays, and are not."""
        parameters = list(parameters)
        if type(self) is not SGD:  # a subclass may change step, gradient or formula
            return None
        if self.momentum or self.weight_decay or any(p.grad is None for p in parameters):
            return None
        recording = Recording()
        for group in self.groups(parameters):
            self.update(group, recording)
        return recording

    def config(self) -> dict[str, Any]:
        return {**super().config(), "momentum": self.momentum, "nesterov": self.nesterov}


class Adam(Optimizer):
    """Adam (Kingma & Ba 2015): per-parameter steps from running means of the gradient and
    its square."""

    name = "adam"
    slots = ("m", "s")

    def __init__(
        self,
        learning_rate: float = 0.001,
        beta1: float = 0.9,
        beta2: float = 0.999,
        epsilon: float = 1e-8,
        weight_decay: float = 0.0,
    ) -> None:
        super().__init__(learning_rate, weight_decay)
        self.beta1 = _check("beta1", beta1, 0.0, 1.0)
        self.beta2 = _check("beta2", beta2, 0.0, 1.0)
        self.epsilon = _check("epsilon", epsilon, 0.0, closed=False)

    def formula(
        self, xp: XP, work: np.ndarray, p: np.ndarray, g: np.ndarray, m: Any, s: Any
    ) -> None:
        """At step t:
        m ← β₁·m + (1 − β₁)·g;   s ← β₂·s + (1 − β₂)·g²
        p ← p − η·(m / (1 − β₁ᵗ)) / (√(s / (1 − β₂ᵗ)) + ε)"""
        t = self.iterations
        beta1, beta2 = self.beta1, self.beta2
        xp.multiply(m, beta1, m)
        xp.multiply(g, 1.0 - beta1, work)
        xp.add(m, work, m)  # m ← β₁·m + (1 − β₁)·g
        xp.multiply(s, beta2, s)
        xp.multiply(g, g, work)
        xp.multiply(work, 1.0 - beta2, work)
        xp.add(s, work, s)  # s ← β₂·s + (1 − β₂)·g²
        xp.divide(s, 1.0 - beta2**t, work)
        xp.sqrt(work, work)
        xp.add(work, self.epsilon, work)  # √(s / (1 − β₂ᵗ)) + ε
        xp.divide(m, work, work)
        xp.multiply(work, self.learning_rate / (1.0 - beta1**t), work)
        xp.subtract(p, work, p)  # p ← p − η/(1 − β₁ᵗ) · m / (√(s / (1 − β₂ᵗ)) + ε)

    def config(self) -> dict[str, Any]:
        return {
            **super().config(),
            "beta1": self.beta1,
            "beta2": self.beta2,
            "epsilon": self.epsilon,
        }


def make_optimizer(name: str, learning_rate: float | None = None, **options: Any) -> Optimizer:
    """An optimizer by name: sgd, momentum (μ = 0.9), nesterov (μ = 0.9) or adam.

    Default learning rates: 0.01 for the SGD family, 0.001 for Adam."""
    name = str(name).lower()
    if name not in OPTIMIZERS:
        raise ChainruleError(f"unknown optimizer {name!r}: expected one of {', '.join(OPTIMIZERS)}")
    if name == "adam":
        return Adam(0.001 if learning_rate is None else learning_rate, **options)
    lr = 0.01 if learning_rate is None else learning_rate
    if name == "sgd":
        options.pop("momentum", None)
        return SGD(lr, **options)
    options.setdefault("momentum", 0.9)
    return SGD(lr, nesterov=name == "nesterov", **options)


def optimizer_from_config(config: dict[str, Any]) -> Optimizer:
    """The optimizer that :meth:`Optimizer.config` describes (without its state)."""
    name = config.get("name")
    options = {k: v for k, v in config.items() if k not in ("name", "iterations")}
    if name == "adam":
        opt: Optimizer = Adam(**options)
    elif name in ("sgd", "momentum", "nesterov"):
        opt = SGD(**options)
    else:
        raise ChainruleError(f"unknown optimizer {name!r} in the model file")
    opt.iterations = int(config.get("iterations", 0))
    return opt
