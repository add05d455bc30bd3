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
State (the velocities, the moments, the step count) lives in arrays of each parameter's own
shape and dtype, in the order of the parameters, and can be saved and restored with
:meth:`state` and :meth:`load_state`.
"""

from __future__ import annotations

import math
import operator
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chainrule.engine.calls import XP, Recording, constant
from chainrule.engine.flat import paired
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError

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


BLOCK_BYTES = 1 << 19  # 512 KiB: a block of η·g that stays in a core's cache


def _block(itemsize: int) -> int:
    """Numbers in a block of :data:`BLOCK_BYTES` (at least one)."""
    return max(1, BLOCK_BYTES // itemsize)


def blocks(work: np.ndarray, *arrays: np.ndarray) -> Iterator[tuple[np.ndarray, ...]]:
    """(scratch, *views): the arrays block by block (flat views of about
    :data:`BLOCK_BYTES` each), with a scratch block from the start of ``work`` every
    time, so that what is written there is still in the cache when it is read back. An
    update made block by block makes the same operations on every number as in one go,
    so the same bits. Arrays not stored in one piece come whole, in one block."""
    if not all(a.flags.c_contiguous for a in (work, *arrays)):
        whole = work if work.shape == arrays[0].shape else np.empty_like(arrays[0])
        yield (whole, *arrays)
        return
    flat = [a.reshape(-1) for a in arrays]
    work = work.reshape(-1)
    size = flat[0].size
    block = max(1, min(work.size, _block(work.itemsize)))
    for start in range(0, size, block):
        stop = min(start + block, size)
        yield (work[: stop - start], *(a[start:stop] for a in flat))


def scratch_shape(data: np.ndarray) -> tuple[int, ...]:
    """The work array an update of ``data`` needs: a block (see :func:`blocks`), or the
    whole shape for an array not stored in one piece."""
    if data.flags.c_contiguous:
        return (min(data.size, _block(data.itemsize)),)
    return data.shape


def scratch(data: np.ndarray) -> np.ndarray:
    return np.empty(scratch_shape(data), dtype=data.dtype)


def descend(p: np.ndarray, g: np.ndarray, rate: float, work: np.ndarray, xp: XP = np) -> None:
    """p ← p − η·g, in place: gradient descent's step (Mazur's example: w5⁺ = w5 − η·∂E/∂w5).

    Two passes, η·g into ``work`` and p − work into p, made by :func:`blocks`: the block
    of ``work`` is still in the cache when it is subtracted, which spares the memory a
    round trip on a large network (a third off the update of 784-1024-1024-10 here).
    """
    rate_ = constant(rate, work.dtype)
    for scratch, p_, g_ in blocks(work, p, g):
        xp.multiply(g_, rate_, scratch)
        xp.subtract(p_, scratch, p_)


@dataclass
class Group:
    """The arrays one update runs on: one parameter's (``key`` its index in the list) or,
    when they lie side by side, all parameters' at once (``key`` = "flat"): the same
    elementwise operations either way, so the same bits (see :mod:`chainrule.engine.flat`)."""

    data: np.ndarray
    grad: np.ndarray
    work: np.ndarray  # scratch of a block's size (see blocks), kept between steps
    key: int | str
    offsets: list[int] = field(default_factory=list)  # flat: each parameter's place
    shapes: list[tuple[int, ...]] = field(default_factory=list)


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
        self._flat: tuple[list, list, Group | None] | None = None
        self._flat_state: dict[str, np.ndarray] = {}  # a flat group's state, by slot

    def step(self, parameters: Sequence[Tensor]) -> None:
        """Update every parameter that has a gradient, in place."""
        self.iterations += 1
        for group in self.groups(list(parameters)):  # a list: an iterator would run dry
            self.update(group)

    def update(self, group: Group, xp: XP = np) -> None:  # pragma: no cover - abstract
        raise NotImplementedError

    def settings(self) -> tuple[Any, ...]:
        """The hyperparameters, as a tuple (a recorded update holds for as long as these)."""
        return (type(self), self.learning_rate, self.weight_decay)

    def recorded_update(self, parameters: Sequence[Tensor]) -> Recording | None:
        """The calls of :meth:`step` on ``parameters``, recorded (see :mod:`chainrule.engine.calls`)
        for as long as :meth:`settings` stay the same, where every step makes the same calls
        on the same arrays; ``None`` for an update with state or per-step numbers. The caller
        counts the step (``iterations``) when it replays the recording."""
        return None

    # -- the arrays an update runs on ---------------------------------------------------------
    def groups(self, parameters: Sequence[Tensor]) -> list[Group]:
        """One flat group for all ``parameters`` when their values, gradients and state lie
        side by side (a :class:`~chainrule.nn.Network`'s parameters and a plan's
        gradients do), else a group per parameter that has a gradient."""
        flat = self._flat_group(parameters)
        if flat is not None:
            return [flat]
        return [
            Group(p.data, p.grad, self._work(k, p), k)
            for k, p in enumerate(parameters)
            if p.grad is not None
        ]

    def _work(self, k: int, p: Tensor) -> np.ndarray:
        while len(self._scratch) <= k:
            self._scratch.append(np.empty(0, dtype=p.data.dtype))
        if self._scratch[k].shape != scratch_shape(p.data) or self._scratch[k].dtype != p.dtype:
            self._scratch[k] = scratch(p.data)
        return self._scratch[k]

    def _flat_group(self, parameters: Sequence[Tensor]) -> Group | None:
        """Found once and remembered while the parameters' arrays stay the same."""
        data = [p.data for p in parameters]
        grads = [p.grad for p in parameters]
        seen = self._flat
        if (
            seen is not None
            and len(seen[0]) == len(data)
            and all(map(operator.is_, data, seen[0]))
            and all(map(operator.is_, grads, seen[1]))
        ):
            return seen[2]
        group = None
        self._flat_state = {}
        if all(g is not None for g in grads):
            found = paired(data, grads)  # type: ignore[arg-type]
            if found:
                block, grad, offsets = found
                shapes = [a.shape for a in data]
                group = Group(block, grad, scratch(block), "flat", offsets, shapes)
                if not all(self._pack_slot(slot, group) for slot in self.slots):
                    group = None  # some parameters have state and some not: one by one
        self._flat = (data, grads, group)
        return group

    def _pack_slot(self, slot: str, group: Group) -> bool:
        """Move a slot's state for the group's parameters into one flat array laid out like
        their values (each parameter's state array becomes a view of it). True when done
        or when none of them has state yet; False when only some have."""
        arrays = self.buffers[slot]
        states = [arrays[k] if k < len(arrays) else None for k in range(len(group.shapes))]
        if all(a is None for a in states):
            return True
        shapes = zip(states, group.shapes, strict=True)
        if any(a is None or a.shape != shape for a, shape in shapes):
            return False
        flat = np.empty_like(group.data)
        for a, offset in zip(states, group.offsets, strict=True):
            flat[offset : offset + a.size] = a.reshape(-1)
        self.set_slot(slot, group, flat)
        return True

    # -- state: velocities, moments ------------------------------------------------------------
    def slot(self, slot: str, group: Group) -> np.ndarray | None:
        """The group's state array for ``slot`` (``None`` if it has none yet)."""
        if group.key == "flat":
            return self._flat_state.get(slot)
        arrays = self.buffers[slot]
        k = int(group.key)
        a = arrays[k] if k < len(arrays) else None
        return a if a is not None and a.shape == group.data.shape else None

    def set_slot(self, slot: str, group: Group, value: np.ndarray) -> np.ndarray:
        """Keep ``value`` as the group's state for ``slot``; a flat group's parameters each
        get their view of it, so :meth:`state` still lists one array per parameter."""
        arrays = self.buffers[slot]
        if group.key == "flat":
            self._flat_state[slot] = value
            views = [
                value[o : o + int(np.prod(shape))].reshape(shape)
                for o, shape in zip(group.offsets, group.shapes, strict=True)
            ]
            arrays[:] = views + arrays[len(views) :]
        else:
            k = int(group.key)
            while len(arrays) <= k:
                arrays.append(None)
            arrays[k] = value
        return value

    def gradient(self, group: Group) -> np.ndarray:
        """∂E/∂p, plus λ·p for L2 weight decay."""
        if self.weight_decay:
            return group.grad + self.weight_decay * group.data
        return group.grad

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
        self._flat = None  # packed again at the next step


class SGD(Optimizer):
    """Gradient descent, p ← p − learning_rate · ∂E/∂p; optionally with momentum
    (``nesterov`` for Nesterov's) and L2 ``weight_decay``. ``SGD(0.5)`` is the tutorials' rule."""

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

    def settings(self) -> tuple[Any, ...]:
        return (type(self), self.learning_rate, self.weight_decay, self.momentum, self.nesterov)

    def recorded_update(self, parameters: Sequence[Tensor]) -> Recording | None:
        """Plain gradient descent (no momentum, no weight decay) is the same two calls every
        step: recorded, once every parameter has its gradient array; the other forms keep
        state or make arrays, and are not."""
        parameters = list(parameters)
        if type(self) is not SGD:  # a subclass may change step, gradient or update
            return None
        if self.momentum or self.weight_decay or any(p.grad is None for p in parameters):
            return None
        recording = Recording()
        for group in self.groups(parameters):
            self.update(group, recording)
        return recording

    def update(self, group: Group, xp: XP = np) -> None:
        g = self.gradient(group)
        if self.momentum:
            v = self.slot("velocity", group)
            if v is None:  # torch: v starts at the first g
                v = self.set_slot("velocity", group, np.array(g, copy=True))
            else:
                v *= self.momentum
                v += g
            g = g + self.momentum * v if self.nesterov else v
        descend(group.data, g, self.learning_rate, group.work, xp)

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

    def update(self, group: Group, xp: XP = np) -> None:
        t = self.iterations
        correction1 = 1.0 - self.beta1**t
        correction2 = 1.0 - self.beta2**t
        g = self.gradient(group)
        m = self.slot("m", group)
        if m is None:
            m = self.set_slot("m", group, np.zeros_like(group.data))
        s = self.slot("s", group)
        if s is None:
            s = self.set_slot("s", group, np.zeros_like(group.data))
        beta1, beta2, rate = self.beta1, self.beta2, self.learning_rate / correction1
        # the formulas' operations in place, block by block (see blocks)
        for work, p_, g_, m_, s_ in blocks(group.work, group.data, g, m, s):
            m_ *= beta1
            m_ += np.multiply(g_, 1.0 - beta1, out=work)  # m ← β1·m + (1 − β1)·g
            s_ *= beta2
            np.multiply(g_, g_, out=work)
            work *= 1.0 - beta2
            s_ += work  # s ← β2·s + (1 − β2)·g²
            denom = np.divide(s_, correction2, out=work)
            np.sqrt(denom, out=denom)
            denom += self.epsilon  # √(s / (1 − β2^t)) + ε
            step = np.divide(m_, denom, out=work)
            step *= rate
            p_ -= step  # p ← p − η·(m / (1 − β1^t)) / (√(s / (1 − β2^t)) + ε)

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
