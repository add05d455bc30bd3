"""The training loop of :class:`chainrule.model.Classifier`: epochs of shuffled mini-batches
(seed 003: stochastic gradient descent), a history, early stopping.

The gradient of one batch is computed by :func:`gradient_step` -- the planned replay of
the graph of nodes (:mod:`chainrule.plan`), on the nodes' own kernels -- and applied by
the optimizer. Every epoch shuffles with its own generator, ``default_rng([seed, epoch])``, so
training that stops after epoch k and resumes from a saved model takes exactly the batches
an uninterrupted run would have taken.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from .layers import Network
from .plan import planned_gradients
from .tensor import no_grad


def gradient_step(network: Network, x: np.ndarray, t: np.ndarray) -> tuple[float, np.ndarray]:
    """Forward and backward on one batch: every parameter's ``.grad`` is ∂E/∂p.

    Returns (E on the batch, the network's outputs out). It replays the network's
    :class:`~chainrule.plan.Plan` (preallocated buffers, the same node kernels as the
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
    """What the loop reports to (see :mod:`chainrule.progress`)."""

    def start_epoch(self, epoch: int, epochs: int, steps: int) -> None: ...
    def update(self, step: int, loss: float, accuracy: float) -> None: ...
    def end_epoch(self, logs: dict[str, float]) -> None: ...


def run_epoch(
    network: Network,
    optimizer: Any,
    x: np.ndarray,
    labels: np.ndarray,
    encode: Callable[[np.ndarray], np.ndarray],
    batch_size: int,
    rng: np.random.Generator | None,
    progress: Progress | None = None,
) -> tuple[float, float]:
    """One pass over the samples in mini-batches; returns the running (loss, accuracy).

    ``encode`` turns class indices into the network's targets (one-hot rows)."""
    count = len(x)
    order = rng.permutation(count) if rng is not None else np.arange(count)
    total_loss = 0.0
    correct = 0
    seen = 0
    parameters = network.parameters()
    for step, start in enumerate(range(0, count, batch_size), start=1):
        idx = order[start : start + batch_size]
        y = labels[idx]
        loss, out = gradient_step(network, x[idx], encode(y))
        optimizer.step(parameters)
        total_loss += loss * len(idx)
        correct += int(np.count_nonzero(out.argmax(axis=1) == y))
        seen += len(idx)
        if progress is not None:
            progress.update(step, total_loss / seen, correct / seen)
    return total_loss / seen, correct / seen


def evaluate_batches(
    network: Network,
    x: np.ndarray,
    labels: np.ndarray,
    encode: Callable[[np.ndarray], np.ndarray],
    batch_size: int = 4096,
) -> tuple[float, float, np.ndarray]:
    """(mean loss, accuracy, predicted classes) on all samples, without a graph."""
    total = 0.0
    predicted = np.empty(len(x), dtype=np.int64)
    with no_grad():
        for start in range(0, len(x), batch_size):
            sl = slice(start, start + batch_size)
            loss = network.loss(x[sl], encode(labels[sl])).item()
            total += loss * len(x[sl])
            out = network.layers[-1].out
            assert out is not None
            predicted[sl] = out.data.argmax(axis=1)
    return total / len(x), float(np.mean(predicted == labels)), predicted


def timer() -> float:
    return time.perf_counter()
