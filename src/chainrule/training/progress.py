"""Training progress in the Keras manner.

On a terminal (``bar``), each epoch shows a live bar drawn with ``rich``::

    Epoch 3/10
    312/469 ━━━━━━━━━━━━━╸━━━━━━━━  ETA 0:00:05  36 ms/step  loss 0.3312  accuracy 0.8791

and, when the epoch ends, one summary line stays. When the output is a file or a pipe
(``line``), only the summary line is written, one per epoch::

    Epoch 3/10 - 469/469 - 17.1 s 36 ms/step - loss 0.3301 - accuracy 0.8795 - val_loss …

``quiet`` writes nothing. A regressor's lines show ``r2`` (R²) where a classifier's show
``accuracy``: the model names its score with :meth:`LineProgress.show_metric`.
"""

from __future__ import annotations

import contextlib
import sys
import time
from collections.abc import Callable, Iterator
from typing import IO

PROGRESS_MODES = ("auto", "bar", "line", "quiet")

# The words of a progress line in each language (docs/glossary.md); the keys stay as Keras
# names them in English.
WORDS = {
    "en": {
        "Epoch": "Epoch",
        "loss": "loss",
        "accuracy": "accuracy",
        "val_loss": "val_loss",
        "val_accuracy": "val_accuracy",
        "r2": "r2",
        "val_r2": "val_r2",
        "ETA": "ETA",
        "read": "Read {samples:,} samples for the scaling in {seconds:.1f} s",
        "reading": "Reading the samples for the scaling",
    },
    "ko": {
        "Epoch": "에포크",
        "loss": "손실",
        "accuracy": "정확도",
        "val_loss": "검증 손실",
        "val_accuracy": "검증 정확도",
        "r2": "R²",
        "val_r2": "검증 R²",
        "ETA": "남은 시간",
        "read": "스케일링에 쓸 샘플 {samples:,}개를 {seconds:.1f}초에 읽음",
        "reading": "스케일링에 쓸 샘플을 읽는 중",
    },
}


def summary(epoch: int, epochs: int, steps: int, logs: dict[str, float], lang: str = "en") -> str:
    """The one-line report of an epoch."""
    words = WORDS.get(lang, WORDS["en"])
    seconds = logs.get("seconds", 0.0)
    per_step = 1000.0 * seconds / max(steps, 1)
    parts = [
        f"{words['Epoch']} {epoch}/{epochs}",
        f"{steps}/{steps}",
        f"{seconds:.1f} s {per_step:.0f} ms/step",
    ]
    for key in ("loss", "accuracy", "r2", "val_loss", "val_accuracy", "val_r2"):
        if key in logs:
            parts.append(f"{words[key]} {logs[key]:.4f}")
    return " - ".join(parts)


class LineProgress:
    """One line per epoch (for pipes and log files)."""

    def __init__(self, stream: IO[str] | None = None, lang: str = "en") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.lang = lang if lang in WORDS else "en"
        self.epoch = self.epochs = self.steps = 0
        self.metric = "accuracy"
        self.score: Callable[[float, float], float] = lambda loss, accuracy: accuracy

    def show_metric(self, name: str, score: Callable[[float, float], float]) -> None:
        """Show the score ``name`` (``accuracy``, ``r2``) beside the running loss, computed as
        ``score(running loss, running accuracy)`` (a regressor: R² = 1 − MSE)."""
        self.metric, self.score = name, score

    def start_epoch(self, epoch: int, epochs: int, steps: int) -> None:
        self.epoch, self.epochs, self.steps = epoch, epochs, steps

    def update(self, step: int, loss: float, accuracy: float) -> None:
        pass

    def end_epoch(self, logs: dict[str, float]) -> None:
        self.stream.write(summary(self.epoch, self.epochs, self.steps, logs, self.lang) + "\n")
        self.stream.flush()

    @contextlib.contextmanager
    def reading(self, samples: int) -> Iterator[Callable[[int], None]]:
        """The pass over a memory-mapped data set before training (the scaling statistics):
        ``with progress.reading(samples) as report: ... report(rows) ...``; one line when
        it is done."""
        started = time.perf_counter()
        yield lambda rows: None
        seconds = time.perf_counter() - started
        line = WORDS[self.lang]["read"].format(samples=samples, seconds=seconds)
        self.stream.write(line + "\n")
        self.stream.flush()


class BarProgress(LineProgress):
    """A live ``rich`` progress bar per epoch: steps, ETA, ms/step, running loss and accuracy
    (a regressor's R²)."""

    def __init__(self, stream: IO[str] | None = None, lang: str = "en") -> None:
        super().__init__(stream, lang)
        from rich.console import Console

        self.console = Console(file=self.stream, highlight=False)
        self.bar = None
        self.task = None
        self.started = 0.0
        self.last = 0.0

    def start_epoch(self, epoch: int, epochs: int, steps: int) -> None:
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

        super().start_epoch(epoch, epochs, steps)
        self.console.print(f"{WORDS[self.lang]['Epoch']} {epoch}/{epochs}")
        self.bar = Progress(
            MofNCompleteColumn(),
            BarColumn(bar_width=30),
            TextColumn("{task.fields[stats]}"),
            console=self.console,
            transient=True,
        )
        self.bar.start()
        self.task = self.bar.add_task("train", total=steps, stats="")
        self.started = self.last = time.perf_counter()

    def update(self, step: int, loss: float, accuracy: float) -> None:
        now = time.perf_counter()
        if self.bar is None or (now - self.last < 0.1 and step < self.steps):
            return
        self.last = now
        per_step = (now - self.started) / step
        eta = per_step * (self.steps - step)
        w = WORDS[self.lang]
        stats = (
            f"{w['ETA']} {int(eta) // 60}:{int(eta) % 60:02d}  {1000 * per_step:.0f} ms/step  "
            f"{w['loss']} {loss:.4f}  {w[self.metric]} {self.score(loss, accuracy):.4f}"
        )
        self.bar.update(self.task, completed=step, stats=stats)

    def end_epoch(self, logs: dict[str, float]) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None
        line = summary(self.epoch, self.epochs, self.steps, logs, self.lang)
        self.console.print(line.split(" - ", 1)[1])

    @contextlib.contextmanager
    def reading(self, samples: int) -> Iterator[Callable[[int], None]]:
        """A live bar of the samples read before training (see LineProgress.reading)."""
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

        bar = Progress(
            MofNCompleteColumn(),
            BarColumn(bar_width=30),
            TimeRemainingColumn(),
            console=self.console,
            transient=True,
        )
        self.console.print(WORDS[self.lang]["reading"])
        with bar:
            task = bar.add_task("read", total=samples)
            yield lambda rows: bar.advance(task, rows)


class QuietProgress(LineProgress):
    def end_epoch(self, logs: dict[str, float]) -> None:
        pass

    @contextlib.contextmanager
    def reading(self, samples: int) -> Iterator[Callable[[int], None]]:
        yield lambda rows: None


def make_progress(
    mode: str = "auto", stream: IO[str] | None = None, lang: str | None = None
) -> LineProgress:
    """The reporter for ``mode``: auto (a bar on a terminal, lines otherwise), bar, line, quiet;
    its words in ``lang`` (``en`` or ``ko``; None: English)."""
    lang = lang or "en"
    stream = stream if stream is not None else sys.stderr
    if mode == "auto":
        isatty = getattr(stream, "isatty", None)
        mode = "bar" if isatty is not None and isatty() else "line"
    if mode == "bar":
        try:
            return BarProgress(stream, lang)
        except ImportError:
            return LineProgress(stream, lang)
    if mode == "line":
        return LineProgress(stream, lang)
    return QuietProgress(stream, lang)
