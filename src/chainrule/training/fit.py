"""What :meth:`chainrule.training.classifier.Classifier.fit` keeps around the training loop
(:mod:`chainrule.training.loop`): the history of its epochs and the guard that turns a
first Ctrl-C into a stop after the step in progress.

Every epoch shuffles with its own generator, ``default_rng([seed, epoch])``, so training
that stops after epoch k and resumes from a saved model takes exactly the batches an
uninterrupted run would have taken.
"""

from __future__ import annotations

import contextlib
import signal
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from chainrule.errors import Terminated


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
