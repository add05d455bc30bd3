"""Progress reports: a rich bar on a terminal, one line per epoch otherwise, or nothing."""

from __future__ import annotations

import io

import numpy as np

from chainrule.data import make_toy
from chainrule.training.classifier import Classifier
from chainrule.training.progress import (
    BarProgress,
    LineProgress,
    QuietProgress,
    make_progress,
    summary,
)


def test_summary_line() -> None:
    line = summary(
        3,
        10,
        469,
        {
            "loss": 0.33012,
            "accuracy": 0.87951,
            "seconds": 17.1,
            "val_loss": 0.4,
            "val_accuracy": 0.85,
        },
    )
    assert line == (
        "Epoch 3/10 - 469/469 - 17.1 s 36 ms/step - loss 0.3301 - accuracy 0.8795 - "
        "val_loss 0.4000 - val_accuracy 0.8500"
    )


def test_auto_picks_lines_for_a_pipe_and_a_bar_for_a_terminal() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    assert type(make_progress("auto", io.StringIO())) is LineProgress
    assert type(make_progress("auto", Terminal())) is BarProgress
    assert type(make_progress("quiet", Terminal())) is QuietProgress


def test_fit_reports_every_epoch_and_every_step() -> None:
    x, y = make_toy("circles", samples=100, noise=0.05, seed=0)
    stream = io.StringIO()
    steps = []

    class Counting(LineProgress):
        def update(self, step: int, loss: float, accuracy: float) -> None:
            steps.append((step, loss, accuracy))

    model = Classifier([2, 8, 2], batch_size=30, learning_rate=0.01)
    model.fit(x, y, epochs=2, progress=Counting(stream))
    lines = stream.getvalue().splitlines()
    assert [line.split(" - ")[:2] for line in lines] == [["Epoch 1/2", "4/4"], ["Epoch 2/2", "4/4"]]
    assert [s for s, _, _ in steps] == [1, 2, 3, 4, 1, 2, 3, 4]
    # the last running loss of an epoch is the epoch's loss in the history
    assert steps[3][1] == model.history.loss[0] and steps[7][2] == model.history.accuracy[1]
    assert f"loss {model.history.loss[1]:.4f}" in lines[1]


def test_bar_leaves_the_summary_and_quiet_writes_nothing() -> None:
    stream = io.StringIO()
    bar = BarProgress(stream)
    bar.start_epoch(1, 2, 5)
    for step in range(1, 6):
        bar.update(step, 1.0 / step, 0.5)
    bar.end_epoch({"loss": 0.2, "accuracy": 0.5, "seconds": 0.01})
    text = stream.getvalue()
    assert "Epoch 1/2" in text and "5/5 - 0.0 s 2 ms/step - loss 0.2000 - accuracy 0.5000" in text
    quiet = io.StringIO()
    model = Classifier([2, 4, 2])
    model.fit(np.zeros((4, 2)), [0, 1, 0, 1], epochs=1, progress=make_progress("quiet", quiet))
    assert quiet.getvalue() == ""


def test_a_regressors_live_bar_shows_r2_not_accuracy() -> None:
    from chainrule.data.regression import make_regression_toy
    from chainrule.training.regressor import Regressor

    x, t = make_regression_toy("plane", samples=60, seed=0)
    shown: list[str] = []

    class Recording(BarProgress):
        def update(self, step: int, loss: float, accuracy: float) -> None:
            super().update(step, loss, accuracy)
            if step == self.steps and self.bar is not None:
                shown.append(self.bar.tasks[0].fields["stats"])

    for lang, word in (("en", "r2"), ("ko", "R²")):
        shown.clear()
        model = Regressor([2, 4, 1], activation="tanh", batch_size=20, learning_rate=0.01)
        model.fit(x, t, epochs=2, progress=Recording(io.StringIO(), lang))
        assert len(shown) == 2
        for stats, r2 in zip(shown, model.history.accuracy, strict=True):
            # the running score of the epoch's last step is the history's R² (1 − MSE)
            assert stats.endswith(f" {word} {r2:.4f}") and "accuracy" not in stats, stats
            assert "정확도" not in stats
        assert model.history.accuracy[1] != 0.0
