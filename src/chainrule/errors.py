"""The package's own error classes, and "did you mean" suggestions for misspelt names."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ChainruleError(ValueError):
    """Bad input: a spec, data, argument or file that chainrule cannot use.

    The message is one line naming the bad value and what was expected; the CLI
    prints it and exits with status 2.
    """


class DivergenceError(ChainruleError):
    """Training diverged: the loss of a step is NaN or infinite.

    Raised at the step where it appears, before the optimizer applies that step's
    gradients; a model file saved at an earlier epoch is left as it was.
    """


class TrainingInterrupted(KeyboardInterrupt):
    """Ctrl-C during ``fit``: the current step was finished and training stopped.

    ``epoch`` is the epoch in progress (1-based), ``step`` the last finished step of it,
    ``steps`` the steps per epoch, ``completed`` the epochs complete (those a model file
    saved by ``fit`` holds).
    """

    def __init__(self, epoch: int, step: int, steps: int, completed: int, signum: int = 2) -> None:
        super().__init__(f"interrupted in epoch {epoch} after step {step} of {steps}")
        self.epoch, self.step, self.steps, self.completed = epoch, step, steps, completed
        self.signum = signum  # the signal that stopped training: 2 SIGINT, 15 SIGTERM


class Terminated(KeyboardInterrupt):
    """SIGTERM outside a training step: the command stops as after Ctrl-C (exit 143)."""


def did_you_mean(value: object, choices: Iterable[str]) -> str:
    """``"; did you mean 'adam'?"`` when ``value`` is close to one of ``choices``, else ``""``."""
    close = difflib.get_close_matches(str(value), [str(c) for c in choices], n=1, cutoff=0.6)
    return f"; did you mean {close[0]!r}?" if close else ""
