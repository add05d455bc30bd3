"""Regression figures as PNG files: predicted against true values (matplotlib, the ``plot``
extra). Points on the diagonal are predicted exactly; R² is in the title.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.teach.plots import _finish, _pyplot, _save, plot_history, words
from chainrule.training.metrics_regression import r2_score


def plot_predicted_vs_true(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    path: str | os.PathLike,
    output_names: list[str] | None = None,
    title: str = "",
    lang: str = "en",
) -> str:
    """One panel per output: predicted (vertical) against true (horizontal), the diagonal
    y = x drawn, and each output's R² in its panel's title; the axes named in ``lang``."""
    return _save(predicted_vs_true_figure(y_true, y_pred, output_names, title, lang), path)


def predicted_vs_true_figure(
    y_true: np.ndarray,
    y_pred: np.ndarray,
    output_names: list[str] | None = None,
    title: str = "",
    lang: str = "en",
) -> Any:
    """The figure of :func:`plot_predicted_vs_true`."""
    t = np.asarray(y_true, dtype=np.float64).reshape(len(y_true), -1)
    p = np.asarray(y_pred, dtype=np.float64).reshape(len(y_pred), -1)
    if t.shape != p.shape:
        raise ChainruleError(f"targets {t.shape} and predictions {p.shape}: expected equal shapes")
    plt = _pyplot()
    w = words(lang)
    k = t.shape[1]
    names = output_names or [f"y{j}" for j in range(k)]
    fig, axes = plt.subplots(1, k, figsize=(4.2 * k, 4.0), squeeze=False)
    for j, ax in enumerate(axes[0]):
        lo, hi = min(t[:, j].min(), p[:, j].min()), max(t[:, j].max(), p[:, j].max())
        ax.plot([lo, hi], [lo, hi], color="grey", lw=1, ls="--")
        ax.scatter(t[:, j], p[:, j], s=8, alpha=0.6, edgecolors="none")
        ax.set_xlabel(w["true"].format(names[j]))
        ax.set_ylabel(w["predicted"].format(names[j]))
        ax.set_title(f"R² {r2_score(t[:, j], p[:, j]):.4f}")
        ax.grid(alpha=0.3)
    if title:
        fig.suptitle(title)
    return _finish(fig)


def plot_regression(
    model: Any, folder: str | os.PathLike, x: np.ndarray, y: np.ndarray, lang: str = "en"
) -> list[str]:
    """history.png (loss, and R² in the accuracy panel) and predicted_vs_true.png on (x, y);
    their words in ``lang``."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ChainruleError(f"--plot {os.fspath(folder)!r}: not a folder")
    return [
        plot_history(
            model.history,
            folder / "history.png",
            title=words(lang)["loss and r2"],
            lang=lang,
            score="r2",
        ),
        plot_predicted_vs_true(
            y, model.predict(x), folder / "predicted_vs_true.png", model.output_names, lang=lang
        ),
    ]
