"""Figures as PNG files (matplotlib, the optional extra ``plot``: pip install chainrule[plot]).

- :func:`plot_history`: loss and accuracy per epoch, training and validation;
- :func:`plot_confusion`: the confusion matrix (rows: true class, columns: predicted);
- :func:`plot_decision_boundary`: for two inputs, the predicted class over the plane with
  the samples on top.

Files are written to a temporary name and renamed.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.util.atomic import atomic_write


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
        with atomic_write(path) as f:
            fig.savefig(f, dpi=100, format="png")
    finally:
        _pyplot().close(fig)
    return os.fspath(path)


def plot_history(history: Any, path: str | os.PathLike, title: str = "") -> str:
    """Loss (left) and accuracy (right) per epoch."""
    return _save(history_figure(history, title), path)


def history_figure(history: Any, title: str = "") -> Any:
    """The figure of :func:`plot_history`: epochs on whole-number ticks."""
    from matplotlib.ticker import MaxNLocator

    plt = _pyplot()
    h = history.to_dict() if hasattr(history, "to_dict") else dict(history)
    epochs = np.arange(1, len(h["loss"]) + 1)
    fig, (ax_loss, ax_acc) = plt.subplots(1, 2, figsize=(9, 3.6))
    for ax, key, label in ((ax_loss, "loss", "loss"), (ax_acc, "accuracy", "accuracy")):
        ax.plot(epochs, h[key], marker="o", ms=3, label=f"training {label}")
        if h.get(f"val_{key}"):
            ax.plot(epochs, h[f"val_{key}"], marker="o", ms=3, label=f"validation {label}")
        ax.set_xlabel("epoch")
        ax.xaxis.set_major_locator(MaxNLocator(integer=True))
        ax.set_ylabel(label)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def plot_confusion(
    matrix: np.ndarray, class_names: list[str], path: str | os.PathLike, title: str = ""
) -> str:
    """The confusion matrix with its counts."""
    plt = _pyplot()
    k = len(class_names)
    fig, ax = plt.subplots(figsize=(1.2 + 0.55 * k, 1.0 + 0.5 * k))
    ax.imshow(matrix, cmap="Blues")
    ax.set_xticks(range(k), class_names, rotation=45, ha="right")
    ax.set_yticks(range(k), class_names)
    ax.set_xlabel("predicted class")
    ax.set_ylabel("true class")
    top = matrix.max() if matrix.size else 0
    for i in range(k):
        for j in range(k):
            color = "white" if matrix[i, j] > top / 2 else "black"
            ax.text(j, i, str(matrix[i, j]), ha="center", va="center", color=color, fontsize=7)
    if title:
        ax.set_title(title)
    fig.tight_layout()
    return _save(fig, path)


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
    fig.tight_layout()
    return _save(fig, path)


def plot_training(
    model: Any,
    folder: str | os.PathLike,
    x: np.ndarray,
    y: np.ndarray,
    boundary: tuple[np.ndarray, np.ndarray] | None = None,
) -> list[str]:
    """history.png, confusion.png (on x, y) and, for 2-D data, decision_boundary.png."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ChainruleError(f"--plot {os.fspath(folder)!r}: not a folder")
    paths = [plot_history(model.history, folder / "history.png")]
    scores = model.evaluate(x, y)
    paths.append(
        plot_confusion(
            scores["confusion_matrix"],
            model.class_names,
            folder / "confusion.png",
            title=f"accuracy {scores['accuracy']:.4f}",
        )
    )
    if boundary is not None:
        paths.append(
            plot_decision_boundary(
                model, boundary[0], boundary[1], folder / "decision_boundary.png"
            )
        )
    return paths
