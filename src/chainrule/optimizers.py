"""Optimizers: turn each parameter's gradient into an update.

``SGD`` is the gradient descent of the seeds: w⁺ = w − η·∂E/∂w (seed 000, η = 0.5). With
g = ∂E/∂p (+ weight_decay · p, the gradient of the L2 penalty ½·λ·‖p‖², applied to every
parameter as torch.optim does):

- SGD with momentum μ:   v ← μ·v + g;  p ← p − η·v
- Nesterov momentum:     v ← μ·v + g;  p ← p − η·(g + μ·v)
- Adam (Kingma & Ba 2015), step t:
      m ← β1·m + (1 − β1)·g;   s ← β2·s + (1 − β2)·g²
      p ← p − η · (m / (1 − β1^t)) / (√(s / (1 − β2^t)) + ε)

The same formulas as ``torch.optim.SGD`` and ``torch.optim.Adam`` (the tests compare them).
State (the velocities, the moments, the step count) lives in arrays of each parameter's own
shape and dtype, in the order of the parameters, and can be saved and restored with
:meth:`state` and :meth:`load_state`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Sequence
from typing import Any

import numpy as np

from .errors import ChainruleError
from .flat import paired
from .tensor import Tensor

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
    """Base class: ``step(parameters)`` updates every parameter that has a gradient."""

    name = "optimizer"
    slots: tuple[str, ...] = ()

    def __init__(self, learning_rate: float, weight_decay: float = 0.0) -> None:
        self.learning_rate = _check("learning rate", learning_rate, 0.0, closed=False)
        self.weight_decay = _check("weight decay", weight_decay, 0.0)
        self.iterations = 0
        self.buffers: dict[str, list[np.ndarray | None]] = {s: [] for s in self.slots}
        self._scratch: list[np.ndarray] = []  # one work array per parameter, not saved
        self._flat: tuple[list, list, tuple[np.ndarray, ...]] | None = None

    def scratch(self, k: int, p: Tensor) -> np.ndarray:
        """A work array of parameter k's shape, kept between steps (no allocation per step)."""
        while len(self._scratch) <= k:
            self._scratch.append(np.empty(0, dtype=p.data.dtype))
        if self._scratch[k].shape != p.data.shape or self._scratch[k].dtype != p.data.dtype:
            self._scratch[k] = np.empty_like(p.data)
        return self._scratch[k]

    def flat(self, parameters: Sequence[Tensor]) -> tuple[np.ndarray, ...]:
        """(all values, all gradients, a work array) as three flat arrays when the
        parameters' values and gradients are each views of one buffer, laid out alike
        (a :class:`~chainrule.layers.Network`'s parameters and a plan's gradients are);
        ``()`` otherwise. Found once and remembered while the arrays stay the same."""
        data = [p.data for p in parameters]
        grads = [p.grad for p in parameters]
        seen = self._flat
        if (
            seen
            and len(seen[0]) == len(data)
            and all(map(operator.is_, data, seen[0]))
            and all(map(operator.is_, grads, seen[1]))
        ):
            return seen[2]
        found: tuple[np.ndarray, ...] = ()
        if all(g is not None for g in grads):
            pair = paired(data, grads)  # type: ignore[arg-type]
            if pair:
                found = (*pair, np.empty_like(pair[0]))
        self._flat = (data, grads, found)
        return found

    def gradient(self, p: Tensor) -> np.ndarray:
        """∂E/∂p, plus λ·p for L2 weight decay."""
        assert p.grad is not None
        return p.grad + self.weight_decay * p.data if self.weight_decay else p.grad

    def _buffer(self, slot: str, k: int, p: Tensor) -> np.ndarray:
        buf = self.buffers[slot]
        while len(buf) <= k:
            buf.append(None)
        if buf[k] is None or buf[k].shape != p.data.shape:  # type: ignore[union-attr]
            buf[k] = np.zeros_like(p.data)
        return buf[k]  # type: ignore[return-value]

    def step(self, parameters: Sequence[Tensor]) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

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
        return {slot: list(arrays) for slot, arrays in self.buffers.items()}

    def load_state(self, iterations: int, state: dict[str, list[np.ndarray | None]]) -> None:
        self.iterations = int(iterations)
        for slot in self.slots:
            self.buffers[slot] = [None if a is None else np.array(a) for a in state.get(slot, [])]


class SGD(Optimizer):
    """Gradient descent, p ← p − learning_rate · ∂E/∂p; optionally with momentum
    (``nesterov`` for Nesterov's) and L2 ``weight_decay``. ``SGD(0.5)`` is the seeds' rule."""

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

    def step(self, parameters: Sequence[Tensor]) -> None:
        """Update every parameter that has a gradient, in place."""
        self.iterations += 1
        if not self.momentum and not self.weight_decay:
            flat = self.flat(parameters)
            if flat:  # the same operations on the same numbers, once for all parameters
                data, grad, work = flat
                data -= np.multiply(grad, self.learning_rate, out=work)
                return
        for k, p in enumerate(parameters):
            if p.grad is None:
                continue
            g = self.gradient(p)
            if self.momentum:
                velocities = self.buffers["velocity"]
                while len(velocities) <= k:
                    velocities.append(None)
                v = velocities[k]
                if v is None or v.shape != g.shape:
                    v = velocities[k] = np.array(g, copy=True)  # torch: v starts at the first g
                else:
                    v *= self.momentum
                    v += g
                g = g + self.momentum * v if self.nesterov else v
            update = np.multiply(g, self.learning_rate, out=self.scratch(k, p))
            p.data -= update

    def config(self) -> dict[str, Any]:
        return {**super().config(), "momentum": self.momentum, "nesterov": self.nesterov}


class Adam(Optimizer):
    """Adam: per-parameter steps from running means of the gradient and its square."""

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

    def step(self, parameters: Sequence[Tensor]) -> None:
        self.iterations += 1
        t = self.iterations
        correction1 = 1.0 - self.beta1**t
        correction2 = 1.0 - self.beta2**t
        for k, p in enumerate(parameters):
            if p.grad is None:
                continue
            g = self.gradient(p)
            m = self._buffer("m", k, p)
            s = self._buffer("s", k, p)
            work = self.scratch(k, p)  # the same operations as the formulas, in place
            m *= self.beta1
            m += np.multiply(g, 1.0 - self.beta1, out=work)
            s *= self.beta2
            np.multiply(g, g, out=work)
            work *= 1.0 - self.beta2
            s += work
            denom = np.divide(s, correction2, out=work)
            np.sqrt(denom, out=denom)
            denom += self.epsilon
            step = np.divide(m, denom, out=work)
            step *= self.learning_rate / correction1
            p.data -= step

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
