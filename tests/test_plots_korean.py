"""The figures' words in Korean (``--lang ko``): titles, axis labels and legends read back from
the figures; a Korean font when one is installed, English without one, no glyph warnings."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import Any

import numpy as np
import pytest

pytest.importorskip("matplotlib")

from chainrule.teach import plots, plots_regression
from chainrule.teach.plots import confusion_figure, history_figure, korean_font
from chainrule.teach.plots_regression import predicted_vs_true_figure
from chainrule.training.fit import History
from cli_helpers import run_main

HISTORY = History(
    loss=[1.0, 0.5, 0.3], accuracy=[0.5, 0.7, 0.9], val_loss=[1.1, 0.6, 0.5],
    val_accuracy=[0.4, 0.6, 0.8],
)  # fmt: skip
needs_font = pytest.mark.skipif(korean_font() is None, reason="no font with Hangul installed")


def labels(fig: Any) -> dict[str, list[str]]:
    """The words of a figure: title, axis labels and legend entries of each panel."""
    found: dict[str, list[str]] = {"suptitle": [], "title": [], "x": [], "y": [], "legend": []}
    if fig._suptitle is not None:
        found["suptitle"].append(fig._suptitle.get_text())
    for ax in fig.axes:
        found["title"].append(ax.get_title())
        found["x"].append(ax.get_xlabel())
        found["y"].append(ax.get_ylabel())
        legend = ax.get_legend()
        if legend is not None:
            found["legend"] += [t.get_text() for t in legend.get_texts()]
    return found


def hangul_fonts(fig: Any) -> set[str]:
    """The font families of the figure's texts that hold Hangul."""
    from matplotlib.text import Text

    return {
        family
        for t in fig.findobj(Text)
        if any("가" <= c <= "힣" for c in t.get_text())
        for family in t.get_fontfamily()
    }


@needs_font
def test_history_in_korean_with_a_korean_font() -> None:
    fig = history_figure(HISTORY, title="제목", lang="ko")
    found = labels(fig)
    assert found["x"] == ["에포크", "에포크"]
    assert found["y"] == ["손실", "정확도"]
    assert found["legend"] == ["학습 손실", "검증 손실", "학습 정확도", "검증 정확도"]
    assert found["suptitle"] == ["제목"]
    assert korean_font() in hangul_fonts(fig)


def test_history_in_english_by_default_and_r2_for_a_regressor() -> None:
    found = labels(history_figure(HISTORY))
    assert found["x"] == ["epoch", "epoch"] and found["y"] == ["loss", "accuracy"]
    assert found["legend"] == ["training loss", "validation loss", "training accuracy",
                               "validation accuracy"]  # fmt: skip
    found = labels(history_figure(HISTORY, score="r2"))
    assert found["y"] == ["loss", "R²"] and found["legend"][2:] == ["training R²", "validation R²"]


@needs_font
def test_confusion_and_predicted_vs_true_in_korean() -> None:
    found = labels(confusion_figure(np.array([[5, 1], [0, 4]]), ["고양이", "개"], lang="ko"))
    assert found["x"] == ["예측한 클래스"] and found["y"] == ["실제 클래스"]
    t = np.array([[0.0], [1.0], [2.0]])
    found = labels(predicted_vs_true_figure(t, t + 0.1, ["가격"], lang="ko"))
    assert found["x"] == ["실제 가격"] and found["y"] == ["예측한 가격"]
    assert found["title"] == ["R² 0.9850"]  # 1 − 0.03/2


def test_without_a_korean_font_the_words_stay_english_and_nothing_warns(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(plots, "korean_font", lambda: None)
    fig = history_figure(HISTORY, lang="ko")
    assert labels(fig)["y"] == ["loss", "accuracy"]
    with warnings.catch_warnings():
        warnings.simplefilter("error")  # a missing glyph would raise here
        plots.plot_confusion(np.eye(2, dtype=int), ["고양이", "개"], tmp_path / "c.png", lang="ko")
    assert (tmp_path / "c.png").read_bytes()[:4] == b"\x89PNG"


@needs_font
def test_korean_figures_are_written_without_a_warning(tmp_path: Path) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        plots.plot_history(HISTORY, tmp_path / "h.png", title="손실과 정확도", lang="ko")
        plots.plot_confusion(np.eye(2, dtype=int), ["고양이", "개"], tmp_path / "c.png", lang="ko")
    assert (tmp_path / "h.png").stat().st_size > 1000


@needs_font
@pytest.mark.parametrize("task", ["classification", "regression"])
def test_train_plot_in_korean(task: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    figures: dict[str, dict[str, list[str]]] = {}
    save = plots._save

    def keep(fig: Any, path: Any) -> str:
        figures[Path(path).name] = labels(fig)
        return save(fig, path)

    monkeypatch.setattr(plots, "_save", keep)
    monkeypatch.setattr(plots_regression, "_save", keep)
    if task == "classification":
        argv = ["train", "moons", "--epochs", "2", "--samples", "40"]
    else:
        argv = ["train", "--task", "regression", "plane", "--epochs", "2", "--samples", "40"]
    code, out, err = run_main(*argv, "--plot", str(tmp_path / "p"), "--lang", "ko")
    assert code == 0, err
    history = figures["history.png"]
    assert history["x"] == ["에포크", "에포크"] and history["y"][0] == "손실"
    assert "학습 손실" in history["legend"] and "  그림: " in out
    if task == "classification":
        assert history["y"][1] == "정확도"
        confusion = figures["confusion.png"]
        assert confusion["x"] == ["예측한 클래스"] and confusion["title"][0].startswith("정확도 0.")
        assert sorted(figures) == ["confusion.png", "decision_boundary.png", "history.png"]
    else:
        assert history["y"][1] == "R²" and history["suptitle"] == ["손실과 R²"]
        assert figures["predicted_vs_true.png"]["x"][0].startswith("실제 ")
