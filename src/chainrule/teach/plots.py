"""Figures as PNG files (matplotlib, the optional extra ``plot``: pip install chainrule[plot]).

- :func:`plot_history`: loss and accuracy per epoch, training and validation;
- :func:`plot_confusion`: the confusion matrix (rows: true class, columns: predicted);
- :func:`plot_decision_boundary`: for two inputs, the predicted class over the plane with
  the samples on top.

Labels are in English or Korean (``lang``). Korean needs a font with Hangul (Noto Sans CJK,
Nanum Gothic, …): :func:`korean_font` finds one; without one the labels stay English, so a
figure never shows boxes for missing glyphs. Any text that holds Hangul (a Korean class name)
is drawn with that font too. Files are written to a temporary name and renamed.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import warnings
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.util.atomic import atomic_write

# The words of the figures (docs/glossary.md); numbers are formatted into them.
WORDS: dict[str, dict[str, str]] = {
    "en": {
        "epoch": "epoch",
        "loss": "loss",
        "accuracy": "accuracy",
        "r2": "R²",
        "training": "training {}",
        "validation": "validation {}",
        "predicted class": "predicted class",
        "true class": "true class",
        "accuracy title": "accuracy {:.4f}",
        "true": "true {}",
        "predicted": "predicted {}",
        "loss and r2": "loss and R²",
    },
    "ko": {
        "epoch": "에포크",
        "loss": "손실",
        "accuracy": "정확도",
        "r2": "R²",
        "training": "학습 {}",
        "validation": "검증 {}",
        "predicted class": "예측한 클래스",
        "true class": "실제 클래스",
        "accuracy title": "정확도 {:.4f}",
        "true": "실제 {}",
        "predicted": "예측한 {}",
        "loss and r2": "손실과 R²",
    },
}

# Fonts with Hangul, the first one installed is used (after DejaVu Sans for Latin letters).
KOREAN_FONTS = (
    "Noto Sans CJK KR",
    "Noto Sans KR",
    "NanumGothic",
    "NanumBarunGothic",
    "Apple SD Gothic Neo",
    "AppleGothic",
    "Malgun Gothic",
    "Noto Sans CJK JP",
    "Noto Sans CJK SC",
    "Source Han Sans KR",
    "UnDotum",
)
HANGUL = re.compile(r"[\u1100-\u11ff\u3130-\u318f\uac00-\ud7a3]")


@functools.cache
def korean_font() -> str | None:
    """The name of an installed font with Hangul (:data:`KOREAN_FONTS`), else None."""
    from matplotlib import font_manager

    installed = {f.name for f in font_manager.fontManager.ttflist}
    return next((name for name in KOREAN_FONTS if name in installed), None)


def words(lang: str) -> dict[str, str]:
    """The figure words in ``lang``; English when ``lang`` is not ``ko`` or no Korean font is
    installed."""
    return WORDS["ko"] if lang == "ko" and korean_font() else WORDS["en"]


@contextlib.contextmanager
def _quiet_glyphs() -> Iterator[None]:
    """No "Glyph … missing from font" warnings: a text no installed font can draw is the
    user's own (a class name), and the figure is still written."""
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message=r"Glyph \d+ .*missing from")
        yield


def _finish(fig: Any) -> Any:
    """Every text of ``fig`` in DejaVu Sans with the Korean font behind it for Hangul (when one
    is installed and a text needs it); then the layout."""
    from matplotlib.text import Text

    font = korean_font()
    texts = fig.findobj(Text)
    if font is not None and any(HANGUL.search(t.get_text()) for t in texts):
        for text in texts:
            text.set_fontfamily(["DejaVu Sans", font])
    with _quiet_glyphs():
        fig.tight_layout()
    return fig


def _pyplot() -> Any:
    try:
        import matplotlib

        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        raise ChainruleError("plots need matplotlib: pip install 'chainrule[plot]'") from None
    return plt


def _save(fig: Any, path: str | os.PathLike) -> str:
    try:
        with atomic_write(path) as f, _quiet_glyphs():
            fig.savefig(f, dpi=100, format="png")
    finally:
        _pyplot().close(fig)
    return os.fspath(path)


def plot_history(
    history: Any,
    path: str | os.PathLike,
    title: str = "",
    lang: str = "en",
    score: str = "accuracy",
) -> str:
    """Loss (left) and accuracy (right; ``score="r2"``: a regressor's R²) per epoch."""
    return _save(history_figure(history, title, lang, score), path)


def history_figure(history: Any, title: str = "", lang: str = "en", score: str = "accuracy") -> Any:
    """The figure of :func:`plot_history`: epochs on whole-number ticks, labels in ``lang``."""
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
    w = words(lang)
    h = history.to_dict() if hasattr(history, "to_dict") else dict(history)
    epochs = np.arange(1, len(h["loss"]) + 1)
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax, key, label in ((ax_loss, "loss", w["loss"]), (ax_acc, "accuracy", w[score])):
        ax.plot(epochs, h[key], marker="o", ms=3, label=w["training"].format(label))
        if h.get(f"val_{key}"):
            ax.plot(epochs, h[f"val_{key}"], marker="o", ms=3, label=w["validation"].format(label))
        ax.set_xlabel(w["epoch"])
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    return _finish(fig)


def plot_confusion(
    matrix: np.ndarray,
    class_names: list[str],
    path: str | os.PathLike,
    title: str = "",
    lang: str = "en",
) -> str:
    """The confusion matrix with its counts, axes named in ``lang``."""
    return _save(confusion_figure(matrix, class_names, title, lang), path)


def confusion_figure(
    matrix: np.ndarray, class_names: list[str], title: str = "", lang: str = "en"
) -> Any:
    """The figure of :func:`plot_confusion`."""
    plt = _pyplot()
    w = words(lang)
    k = len(class_names)
    fig, ax = plt.subplots(figsize=(1.2 + 0.55 * k, 1.0 + 0.5 * k))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(k), class_names, rotation=45, ha="right")
    ax.set_yticks(range(k), class_names)
    ax.set_xlabel(w["predicted class"])
    ax.set_ylabel(w["true class"])
    top = matrix.max() if matrix.size else 0
    for i in range(k):
        for j in range(k):
            color = "white" if matrix[i, j] > top / 2 else "black"
            ax.text(j, i, str(matrix[i, j]), ha="center", va="center", color=color, fontsize=7)
    if title:
        ax.set_title(title)
    return _finish(fig)


def plot_decision_boundary(
    model: Any,
    x: np.ndarray,
    y: np.ndarray,
    path: str | os.PathLike,
    resolution: int = 200,
    title: str = "",
) -> str:
    """The predicted class over the plane around the samples ``x`` (two inputs)."""
    x = np.asarray(x, dtype=np.float64)
    if x.ndim != 2 or x.shape[1] != 2:
        raise ChainruleError(f"a decision boundary needs two inputs, the data has {x.shape[1:]}")
    plt = _pyplot()
    pad = 0.1 * (x.max(axis=0) - x.min(axis=0)) + 0.1
    lo, hi = x.min(axis=0) - pad, x.max(axis=0) + pad
    gx, gy = np.meshgrid(
        np.linspace(lo[0], hi[0], resolution), np.linspace(lo[1], hi[1], resolution)
    )
    grid = np.stack([gx.ravel(), gy.ravel()], axis=1)
    classes = model.predict_classes(grid).reshape(gx.shape)
    fig, ax = plt.subplots(figsize=(4.8, 4.4))
    k = max(int(np.max(y)) + 1, int(classes.max()) + 1)
    ax.contourf(gx, gy, classes, levels=np.arange(k + 1) - 0.5, cmap="coolwarm", alpha=0.35)
    ax.scatter(
        x[:, 0],
        x[:, 1],
        c=y,
        cmap="coolwarm",
        s=12,
        edgecolors="k",
        linewidths=0.3,
        vmin=0,
        vmax=k - 1,
    )
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    if title:
        ax.set_title(title)
    return _save(_finish(fig), path)


def plot_training(
    model: Any,
    folder: str | os.PathLike,
    x: np.ndarray,
    y: np.ndarray,
    boundary: tuple[np.ndarray, np.ndarray] | None = None,
    lang: str = "en",
) -> list[str]:
    """history.png, confusion.png (on x, y) and, for 2-D data, decision_boundary.png; their
    words in ``lang``."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ChainruleError(f"--plot {os.fspath(folder)!r}: not a folder")
    paths = [plot_history(model.history, folder / "history.png", lang=lang)]
    scores = model.evaluate(x, y)
    paths.append(
        plot_confusion(
            scores["confusion_matrix"],
            model.class_names,
            folder / "confusion.png",
            title=words(lang)["accuracy title"].format(scores["accuracy"]),
            lang=lang,
        )
    )
    if boundary is not None:
        paths.append(
            plot_decision_boundary(
                model, boundary[0], boundary[1], folder / "decision_boundary.png"
            )
        )
    return paths
