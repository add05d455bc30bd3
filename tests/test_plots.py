"""PNG figures: history curves, confusion matrix, decision boundary (matplotlib optional)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainrule.data import make_toy
from chainrule.errors import ChainruleError
from chainrule.training.classifier import Classifier
from chainrule.training.fit import History

pytest.importorskip("matplotlib")

from chainrule.teach.plots import (
    plot_confusion,
    plot_decision_boundary,
    plot_history,
    plot_training,
)

PNG = b"\x89PNG\r\n\x1a\n"


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == PNG
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


def test_history_with_validation(tmp_path: Path) -> None:
    history = History(
        loss=[1.0, 0.5, 0.3],
        accuracy=[0.5, 0.7, 0.9],
        val_loss=[1.1, 0.6, 0.5],
        val_accuracy=[0.4, 0.6, 0.8],
    )
    path = plot_history(history, tmp_path / "h.png")
    assert png_size(Path(path)) == (900, 360)


def test_confusion_matrix(tmp_path: Path) -> None:
    matrix = np.array([[5, 1], [0, 4]])
    path = plot_confusion(matrix, ["cat", "dog"], tmp_path / "sub" / "c.png")
    assert png_size(Path(path))[0] > 100


def test_decision_boundary_and_training_set(tmp_path: Path) -> None:
    x, y = make_toy("moons", samples=100, noise=0.1, seed=0)
    model = Classifier([2, 8, 2], learning_rate=0.01, batch_size=10)
    model.fit(x, y, epochs=5)
    paths = plot_training(model, tmp_path / "p", x, y, boundary=(x, y))
    assert [Path(p).name for p in paths] == [
        "history.png",
        "confusion.png",
        "decision_boundary.png",
    ]
    assert sorted(p.name for p in (tmp_path / "p").iterdir()) == sorted(Path(p).name for p in paths)
    with pytest.raises(ChainruleError, match="needs two inputs"):
        plot_decision_boundary(model, np.ones((4, 3)), np.zeros(4), tmp_path / "b.png")
    (tmp_path / "file").write_text("x")
    with pytest.raises(ChainruleError, match="not a folder"):
        plot_training(model, tmp_path / "file", x, y)


def test_history_epoch_ticks_are_whole_numbers() -> None:
    from chainrule.teach.plots import history_figure

    history = History(loss=[1.0, 0.5, 0.3], accuracy=[0.5, 0.7, 0.9])
    fig = history_figure(history)
    for ax in fig.axes:
        low, high = ax.get_xlim()
        ticks = [t for t in ax.get_xticks() if low <= t <= high]
        assert ticks and all(float(t).is_integer() for t in ticks), ticks
        assert {1.0, 2.0, 3.0} <= set(ticks)
