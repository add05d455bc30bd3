"""The training loop of :class:`chainrule.training.classifier.Classifier`: epochs of shuffled
mini-batches (SanghyukChun's introduction: stochastic gradient descent), a history, early stopping.

The gradient of one batch is computed by :func:`gradient_step` -- the planned replay of
the graph of nodes (:mod:`chainrule.nn.plan`), on the nodes' own kernels -- and applied by
the optimizer. Every epoch shuffles with its own generator, ``default_rng([seed, epoch])``, so
training that stops after epoch k and resumes from a saved model takes exactly the batches
an uninterrupted run would have taken.
"""

from __future__ import annotations

import contextlib
import math
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from chainrule.data.batches import Batches
from chainrule.data.mapped import release
from chainrule.engine.tensor import no_grad
from chainrule.errors import DivergenceError, Terminated, TrainingInterrupted
from chainrule.nn import Network
from chainrule.nn.plan import planned, planned_gradients


def gradient_step(network: Network, x: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
    """Forward and backward on one batch: every parameter's ``.grad`` is ∂E/∂p.

    Returns (E on the batch, the network's outputs out). It replays the network's
    :class:`~chainrule.nn.plan.Plan` (preallocated buffers, the same node kernels as the
    graph; the tests hold the two paths equal): the one place the training loop computes
    gradients.
    """
    return planned_gradients(network, x, t)


@dataclass
class History:
    """Per epoch: training loss and accuracy (running means over the epoch's batches),
    validation loss and accuracy (after the epoch), learning rate and seconds."""

    loss: list[float] = field(default_factory=list)
    accuracy: list[float] = field(default_factory=list)
    val_loss: list[float] = field(default_factory=list)
    val_accuracy: list[float] = field(default_factory=list)
    learning_rate: list[float] = field(default_factory=list)
    seconds: list[float] = field(default_factory=list)

    KEYS = ("loss", "accuracy", "val_loss", "val_accuracy", "learning_rate", "seconds")

    @property
    def history(self) -> dict[str, list[float]]:
        """Keras' ``History.history``: the lists by name (validation ones only when present)."""
        return {k: list(getattr(self, k)) for k in self.KEYS if getattr(self, k)}

    @property
    def epochs(self) -> int:
        return len(self.loss)

    def to_dict(self) -> dict[str, list[float]]:
        return {k: list(getattr(self, k)) for k in self.KEYS}

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> History:
        return cls(**{k: [float(v) for v in data.get(k, [])] for k in cls.KEYS})


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
) -> tuple[float, float]:
    """One pass over the samples in mini-batches; returns the running (loss, accuracy).

    The batches (:class:`~chainrule.data.batches.Batches`) come shuffled by ``rng``
    into preallocated buffers, with their targets; the loss and accuracy are means over the
    epoch's batches as they were trained (as Keras reports them), not a second pass. A loss
    that is NaN or infinite raises :class:`DivergenceError` before the optimizer applies
    that step (``epoch`` names the epoch in the message); when ``stop_requested()`` turns
    true (Ctrl-C), the step in progress is finished and :class:`TrainingInterrupted` is
    raised (``completed``: the epochs complete before this one)."""
    steps = batches.steps
    total_loss = 0.0
    correct = 0
    seen = 0
    parameters = network.parameters()
    for step, (xb, tb, yb) in enumerate(batches.epoch(rng), start=1):
        loss, out = gradient_step(network, xb, tb)
        if not math.isfinite(loss):
            raise DivergenceError(diverged_message(loss, epoch, step, optimizer))
        update(network, optimizer, parameters)
        n = len(yb)
        total_loss += loss * n
        if yb.ndim == 1:  # class indices (a regressor's target rows count no hits)
            correct += int(np.count_nonzero(out.argmax(axis=1) == yb))
        seen += n
        if progress is not None:
            progress.update(step, total_loss / seen, correct / seen)
        if stop_requested is not None and stop_requested():
            raise TrainingInterrupted(epoch, step, steps, completed, int(stop_requested()))
    return total_loss / seen, correct / seen


def update(network: Network, optimizer: Any, parameters: list) -> None:
    """The optimizer's step: through the network's plan (gradient descent's update
    recorded once and replayed, see :meth:`~chainrule.nn.plan.Plan.update`) when the plan's
    buffers hold the gradients, else ``optimizer.step(parameters)``."""
    plan = planned(network)
    if plan is not None and parameters and parameters[0].grad is plan.grads[0]:
        plan.update(optimizer)
    else:
        optimizer.step(parameters)


def diverged_message(
    loss: float,
    epoch: int | None,
    step: int,
    optimizer: Any,
    scaling: str = "--scaling standardize",
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


def evaluate_batches(
    network: Network,
    x: np.ndarray,
    labels: np.ndarray,
    encode: Callable[[np.ndarray], np.ndarray],
    batch_size: int = 4096,
    transform: Callable[[np.ndarray], np.ndarray] | None = None,
) -> tuple[float, float, np.ndarray]:
    """(mean loss, accuracy, predicted classes) on all samples, without a graph.

    ``transform`` scales each block of raw inputs (None: ``x`` is scaled already); a block
    at a time, so a memory-mapped ``x`` is never in memory whole."""
    total = 0.0
    predicted = np.empty(len(x), dtype=np.int64)
    with no_grad():
        for start in range(0, len(x), batch_size):
            sl = slice(start, start + batch_size)
            xb = x[sl] if transform is None else transform(x[sl])
            release(x, sl)
            out, loss = network.outputs_and_loss(xb, encode(labels[sl]))
            total += loss.item() * len(xb)
            predicted[sl] = out.data.argmax(axis=1)
    hits = float(np.mean(predicted == labels)) if labels.ndim == 1 else 0.0  # regression: 0
    return total / len(x), hits, predicted


@contextlib.contextmanager
def interrupt_guard() -> Iterator[Callable[[], int]]:
    """``with interrupt_guard() as stop_requested:`` -- a first Ctrl-C (SIGINT) or SIGTERM
    only records the signal, which the loop reads after each step (``stop_requested()``
    returns its number, 0 while none came), so the step in progress finishes and the weights
    are never left half-updated; a second one interrupts at once (:class:`KeyboardInterrupt`,
    :class:`~chainrule.errors.Terminated` for SIGTERM). Outside the main thread (where
    signals cannot be caught) it stays 0."""
    requested = [0]
    if threading.current_thread() is not threading.main_thread():
        yield lambda: 0
        return

    def handler(signum: int, frame: Any) -> None:
        if requested[0]:
            raise Terminated if signum == signal.SIGTERM else KeyboardInterrupt
        requested[0] = signum

    previous = {sig: signal.signal(sig, handler) for sig in (signal.SIGINT, signal.SIGTERM)}
    try:
        yield lambda: requested[0]
    finally:
        for sig, old in previous.items():
            signal.signal(sig, old)


def timer() -> float:
    return time.perf_counter()
