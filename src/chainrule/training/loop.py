"""Gradient-descent training: online, full-batch and mini-batch (the XOR blog post and
SanghyukChun's introduction).

One step: forward on a batch, E, backward, then every weight moves by −η·∂E/∂w. All
gradients of a step are computed before any weight changes, so every delta uses the
weights as they were before the step (the hidden-layer step of Mazur's
example uses w5 = 0.40, not w5⁺).
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError, DivergenceError
from chainrule.nn import Network
from chainrule.nn.optimizers import SGD, Optimizer
from chainrule.nn.plan import plan_for
from chainrule.util.arrays import finite, samples, whole


def train_step(
    network: Network,
    inputs: Any,
    targets: Any,
    optimizer: Optimizer,
    train_biases: bool = True,
    where: tuple[int, int] | None = None,
) -> float:
    """One gradient-descent step on a batch; returns E on the batch *before* the step.

    The gradients come from the network's planned replay of its graph
    (:class:`chainrule.nn.plan.Plan`, the nodes' own kernels). A NaN or infinite
    loss raises :class:`DivergenceError` before the update; ``where`` = (epoch, step) names
    the step in its message (default: the optimizer's count of steps).
    """
    x = np.asarray(inputs, dtype=network.dtype)
    t = np.asarray(targets, dtype=network.dtype)
    network.check_batch(x, t)
    plan = plan_for(network, len(x))
    loss = plan.gradients(x, t)
    # before the update, so the weights stay good; a step of the caller's own loop is
    # named by the optimizer's count of steps
    epoch, step = (None, optimizer.iterations + 1) if where is None else where
    _check_finite(loss, epoch, step, optimizer)
    plan.update(optimizer, biases=train_biases)
    return loss


@dataclass
class TrainResult:
    """What :func:`train` did: the loss after each epoch (on all samples) and the time taken."""

    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def loss(self) -> float:
        return self.losses[-1] if self.losses else float("nan")


def batches(count: int, batch_size: int, shuffle: bool, rng: np.random.Generator):
    """Index arrays covering 0…count−1 in batches (shuffled by ``rng`` if asked)."""
    order = rng.permutation(count) if shuffle else np.arange(count)
    for start in range(0, count, batch_size):
        yield order[start : start + batch_size]


def train(
    network: Network,
    inputs: Any,
    targets: Any,
    epochs: int,
    learning_rate: float = 0.5,
    batch_size: int | None = None,
    shuffle: bool = True,
    seed: int | None = 0,
    train_biases: bool = True,
) -> TrainResult:
    """Train by gradient descent for ``epochs`` passes over the samples.

    ``batch_size``: ``None`` (or the sample count) is full-batch gradient descent, ``1``
    is online training (the XOR blog post's pseudocode: update after every sample), anything in
    between is mini-batch (SanghyukChun's introduction). Batches are shuffled with ``seed`` when
    ``shuffle``.
    """
    import time

    x = samples(inputs, "inputs").astype(network.dtype)
    t = samples(targets, "targets").astype(network.dtype)
    epochs = whole("epochs", epochs, 0)
    count = len(x)
    if count == 0:
        raise ChainruleError("no samples: expected at least one")
    size = count if batch_size is None else whole("batch size", batch_size, 1)
    optimizer = SGD(finite("learning rate", learning_rate))
    rng = np.random.default_rng(seed)
    result = TrainResult()
    start = time.perf_counter()
    for epoch in range(int(epochs)):
        if size >= count:
            # full batch: the loss before this step is the loss after the previous epoch
            before = train_step(network, x, t, optimizer, train_biases, (epoch + 1, 1))
            if epoch > 0:
                result.losses.append(before)
        else:
            for step, idx in enumerate(batches(count, size, shuffle, rng), start=1):
                train_step(network, x[idx], t[idx], optimizer, train_biases, (epoch + 1, step))
            result.losses.append(evaluate_loss(network, x, t))
    if size >= count and epochs > 0:
        result.losses.append(evaluate_loss(network, x, t))
    result.seconds = time.perf_counter() - start
    return result


def _check_finite(loss: float, epoch: int | None, step: int, optimizer: Optimizer) -> None:
    """A NaN or infinite loss stops training with advice, before that step's update."""
    if not math.isfinite(loss):
        from chainrule.training.fit import diverged_message

        hint = "to numbers of about -1 to 1"
        raise DivergenceError(diverged_message(loss, epoch, step, optimizer, hint))


def evaluate_loss(network: Network, inputs: Any, targets: Any) -> float:
    """E on the samples, without recording a graph."""
    from chainrule.engine.tensor import no_grad

    with no_grad():
        return network.loss(inputs, targets).item()


def accuracy(network: Network, inputs: Any, targets: Any) -> float:
    """Share of samples classified right.

    Several outputs: the class is the largest output (SanghyukChun's introduction, MNIST). One
    output: the
    class is 1 when out ≥ 0.5 (≥ 0 for hinge, tanh or identity outputs with ±1 targets).
    """
    out = network.predict(inputs)
    t = np.asarray(targets)
    if out.shape[1] > 1:
        return float(np.mean(out.argmax(axis=1) == t.argmax(axis=1)))
    threshold = 0.0 if network.loss_name == "hinge" or t.min() < 0 else 0.5
    low = t.min() if t.min() < 0 else 0.0
    predicted = np.where(out >= threshold, 1.0, low)
    truth = np.where(t >= threshold, 1.0, low)
    return float(np.mean(predicted == truth))
