"""The training loop: one step, one epoch, one evaluation -- for ``cr.train``,
``Classifier.fit`` / ``Regressor.fit``, the command line and the studio.

One step (the XOR blog post, SanghyukChun's introduction): forward on a batch, E,
backward, then the optimizer moves every parameter (gradient descent: w ← w − η·∂E/∂w).
All gradients of a step are computed before any weight changes, so every delta uses the
weights as they were before the step (the hidden-layer step of Mazur's example uses
w5 = 0.40, not w5⁺). In this module, once each:

- :func:`gradient_step` computes the gradients (the network's planned replay of its graph,
  :class:`chainrule.nn.plan.Plan`, on the nodes' own kernels);
- :func:`step` refuses a NaN or infinite loss (:class:`DivergenceError`, before the
  update, so the weights stay good), adds a penalty's gradient to the weights' where one
  is asked for (L1 or L2, :mod:`chainrule.nn.penalties`) and applies the optimizer
  (:func:`update`);
- :func:`run_epoch` takes the batches of :class:`~chainrule.data.batches.Batches` (shuffled
  by index into preallocated buffers: the plan's own, :func:`plan_buffers`) and keeps the
  epoch's loss and accuracy as running means over its batches, as Keras reports them;
- :func:`evaluate` gives the loss, accuracy and predicted classes on a set, a block at a
  time, without a graph; accuracy follows :mod:`chainrule.training.metrics`.

:func:`train` is gradient descent on given targets, online (batch size 1), mini-batch or
full-batch, reporting E on all samples after every epoch.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from chainrule.data.batches import Batches
from chainrule.data.mapped import release
from chainrule.engine.tensor import no_grad
from chainrule.errors import ChainruleError, DivergenceError, TrainingInterrupted
from chainrule.nn import Network
from chainrule.nn.optimizers import SGD, Optimizer
from chainrule.nn.penalties import Penalty
from chainrule.nn.plan import plan_for, planned, planned_gradients
from chainrule.training.metrics import classes, hits, threshold
from chainrule.util.arrays import finite, samples, whole

ABOUT_ONE = "to numbers of about -1 to 1"  # the advice on inputs outside a Classifier
STANDARDIZE = "--scaling standardize"  # a Classifier's inputs


def gradient_step(network: Network, x: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
    """Forward and backward on one batch: every parameter's ``.grad`` is ∂E/∂p.

    Returns (E on the batch, the network's outputs out, a view valid until the next call).
    It replays the network's :class:`~chainrule.nn.plan.Plan` (preallocated buffers, the
    same node kernels as the graph; the tests hold the two paths equal): the one place the
    training loop computes gradients.
    """
    return planned_gradients(network, x, t)


def plan_buffers(network: Network, samples: int) -> tuple[np.ndarray, np.ndarray]:
    """The input and target buffers of the network's plan for batches of up to ``samples``
    (made now if it was not): :class:`~chainrule.data.batches.Batches` gathered into them
    hand the plan each batch where its calls read it, and the step copies nothing in."""
    plan = plan_for(network, samples)
    return plan.inputs, plan.targets


def update(network: Network, optimizer: Any, biases: bool = True) -> None:
    """The optimizer's step on the network's parameters (the weights alone without
    ``biases``): through the network's plan when the plan's buffers hold the gradients
    (gradient descent's update recorded once and replayed, see
    :meth:`~chainrule.nn.plan.Plan.update`), else ``optimizer.step(parameters)``."""
    plan = planned(network)
    if plan is not None and plan.parameters[0].grad is plan.grads[0]:
        plan.update(optimizer, biases)
    else:
        optimizer.step(network.parameters(biases=biases))


def step(
    network: Network,
    x: np.ndarray,
    t: np.ndarray,
    optimizer: Any,
    where: tuple[int | None, int],
    train_biases: bool = True,
    scaling: str = STANDARDIZE,
    penalty: Penalty | None = None,
) -> tuple[float, np.ndarray]:
    """One step on a checked batch: (E before the step, the outputs). A NaN or infinite
    loss raises :class:`DivergenceError` before the update; ``where`` = (epoch or None,
    step) names the step in its message, ``scaling`` the advice on the inputs. With a
    ``penalty`` R on the weights, the update follows ∂(E + R)/∂w (E as returned is the
    loss alone, as the playground plots it)."""
    loss, out = gradient_step(network, x, t)
    if not math.isfinite(loss):
        raise DivergenceError(diverged_message(loss, *where, optimizer, scaling))
    if penalty is not None:
        penalty.add_gradient(network.parameters(biases=False))
    update(network, optimizer, train_biases)
    return loss, out


def train_step(
    network: Network,
    inputs: Any,
    targets: Any,
    optimizer: Optimizer,
    train_biases: bool = True,
    where: tuple[int, int] | None = None,
    penalty: Penalty | None = None,
) -> float:
    """One gradient-descent step on a batch; returns E on the batch *before* the step.

    A NaN or infinite loss raises :class:`DivergenceError` before the update; ``where`` =
    (epoch, step) names the step in its message (default: the optimizer's count of steps,
    for a caller's own loop); ``penalty``: L1 or L2 on the weights (see :func:`step`).
    """
    x = np.asarray(inputs, dtype=network.dtype)
    t = np.asarray(targets, dtype=network.dtype)
    network.check_batch(x, t)
    at = (None, optimizer.iterations + 1) if where is None else where
    return step(network, x, t, optimizer, at, train_biases, ABOUT_ONE, penalty)[0]


def diverged_message(
    loss: float,
    epoch: int | None,
    step: int,
    optimizer: Any,
    scaling: str = STANDARDIZE,
) -> str:
    """One line: where the loss stopped being a number (``epoch`` None: a step counted by
    the optimizer), and what to try."""
    lr = getattr(optimizer, "learning_rate", None)
    where = f"step {step}" if epoch is None else f"epoch {epoch}, step {step}"
    rate = "" if lr is None else f" with learning rate {lr:g}"
    smaller = "" if lr is None else f" such as {lr / 10:g}"
    return (
        f"loss {loss} at {where}{rate}: training diverged; expected a "
        f"finite loss -- try a smaller learning rate{smaller} (--lr) or scale the inputs "
        f"({scaling}); model files saved at earlier epochs are unchanged"
    )


class Progress(Protocol):
    """What the loop reports to (see :mod:`chainrule.training.progress`)."""

    def start_epoch(self, epoch: int, epochs: int, steps: int) -> None: ...
    def update(self, step: int, loss: float, accuracy: float) -> None: ...
    def end_epoch(self, logs: dict[str, float]) -> None: ...


def run_epoch(
    network: Network,
    optimizer: Any,
    batches: Batches,
    rng: np.random.Generator | None,
    progress: Progress | None = None,
    epoch: int = 1,
    completed: int = 0,
    stop_requested: Callable[[], int] | None = None,
    train_biases: bool = True,
    scaling: str = STANDARDIZE,
) -> tuple[float, float]:
    """One pass over the samples in mini-batches; returns the running (loss, accuracy).

    The batches come shuffled by ``rng`` (in order when None) into preallocated buffers,
    with their labels; the loss and accuracy are means over the epoch's batches as they
    were trained (as Keras reports them), not a second pass; the accuracy counts only
    batches whose labels are class indices (a regressor's target rows count none). A loss
    that is NaN or infinite raises :class:`DivergenceError` before the optimizer applies
    that step (``epoch`` names the epoch in the message); when ``stop_requested()`` turns
    true (Ctrl-C), the step in progress is finished and :class:`TrainingInterrupted` is
    raised (``completed``: the epochs complete before this one)."""
    total_loss = 0.0
    correct = 0
    seen = 0
    cut = threshold(network.loss_name)
    for k, (xb, tb, yb) in enumerate(batches.epoch(rng), start=1):
        loss, out = step(network, xb, tb, optimizer, (epoch, k), train_biases, scaling)
        n = len(yb)
        total_loss += loss * n
        if yb.ndim == 1:  # class indices
            correct += hits(out, yb, cut)
        seen += n
        if progress is not None:
            progress.update(k, total_loss / seen, correct / seen)
        if stop_requested is not None and stop_requested():
            raise TrainingInterrupted(epoch, k, batches.steps, completed, int(stop_requested()))
    return total_loss / seen, correct / seen


def evaluate(
    network: Network,
    x: np.ndarray,
    labels: np.ndarray,
    encode: Callable[[np.ndarray], np.ndarray],
    batch_size: int = 4096,
    transform: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[float, float, np.ndarray]:
    """(mean loss, accuracy, predicted classes) on all samples, without a graph.

    ``encode(labels[block])`` gives the block's targets; ``labels`` are class indices (or
    target rows, whose accuracy is 0); ``transform`` scales each block of raw inputs
    (None: ``x`` is scaled already); a block at a time, so a memory-mapped ``x`` is never in
    memory whole."""
    count = len(x)
    total = 0.0
    predicted = np.empty(count, dtype=np.int64)
    cut = threshold(network.loss_name)
    with no_grad():
        for start in range(0, count, batch_size):
            sl = slice(start, start + batch_size)
            xb = x[sl] if transform is None else transform(x[sl])
            release(x, sl)
            out, loss = network.outputs_and_loss(xb, encode(labels[sl]))
            total += loss.item() * len(xb) if count > batch_size else loss.item()
            predicted[sl] = classes(out.data, cut)
    right = float(np.mean(predicted == labels)) if labels.ndim == 1 else 0.0
    return (total / count if count > batch_size else total), right, predicted


def rows(targets: np.ndarray, out: np.ndarray | None = None) -> np.ndarray:
    """Targets given as rows are the network's targets as they are."""
    return targets


def evaluate_loss(network: Network, inputs: Any, targets: Any) -> float:
    """E on the samples, without recording a graph (see :func:`evaluate`)."""
    x, t = np.asarray(inputs), np.asarray(targets)
    return evaluate(network, x, t, rows)[0]


def accuracy(network: Network, inputs: Any, targets: Any) -> float:
    """Share of samples classified right (the classes of :mod:`chainrule.training.metrics`:
    the largest output; one output: 1 when out ≥ 0.5, or ≥ 0 for hinge or ±1 targets)."""
    t = np.asarray(targets)
    t = t.reshape(len(t), -1)
    cut = threshold(network.loss_name, t)
    return float(np.mean(classes(network.predict(inputs), cut) == classes(t, cut)))


@dataclass
class TrainResult:
    """What :func:`train` did: the loss after each epoch (on all samples) and the time taken."""

    losses: list[float] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def loss(self) -> float:
        return self.losses[-1] if self.losses else float("nan")


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
    ``shuffle`` (a full batch keeps the samples' order).
    """
    x = samples(inputs, "inputs").astype(network.dtype)
    t = samples(targets, "targets").astype(network.dtype)
    epochs = whole("epochs", epochs, 0)
    count = len(x)
    if count == 0:
        raise ChainruleError("no samples: expected at least one")
    network.check_batch(x, t)
    size = count if batch_size is None else whole("batch size", batch_size, 1)
    full = size >= count
    optimizer = SGD(finite("learning rate", learning_rate))
    rng = np.random.default_rng(seed) if shuffle and not full else None
    into = plan_buffers(network, min(size, count))
    batches = Batches(x, t, size, network.dtype, t.shape[1], rows, into=into)
    result = TrainResult()
    start = time.perf_counter()
    for epoch in range(1, int(epochs) + 1):
        before, _ = run_epoch(
            network, optimizer, batches, rng, epoch=epoch, train_biases=train_biases,
            scaling=ABOUT_ONE,
        )  # fmt: skip
        if not full:
            result.losses.append(evaluate_loss(network, x, t))
        elif epoch > 1:  # a full batch's loss before this step is the loss after the last
            result.losses.append(before)
    if full and epochs > 0:
        result.losses.append(evaluate_loss(network, x, t))
    result.seconds = time.perf_counter() - start
    return result
