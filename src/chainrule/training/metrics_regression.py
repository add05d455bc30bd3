"""Regression metrics on real-valued targets: R², mean absolute error, root mean squared error.

With targets y (samples × outputs), predictions ŷ and each output's mean ȳ:

- R² = 1 − Σ_n (y − ŷ)² / Σ_n (y − ȳ)², per output, then averaged over the outputs
  (scikit-learn's ``r2_score`` with ``multioutput="uniform_average"``; an output whose
  targets never change counts 1 when predicted exactly, else 0);
- MAE = mean of |y − ŷ|; RMSE = √(mean of (y − ŷ)²), over every element.
"""

from __future__ import annotations

import numpy as np

from chainrule.errors import ChainruleError


def _pair(y_true: np.ndarray, y_pred: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    t = np.asarray(y_true, dtype=np.float64)
    p = np.asarray(y_pred, dtype=np.float64)
    t, p = t.reshape(len(t), -1), p.reshape(len(p), -1)
    if t.shape != p.shape or t.size == 0:
        raise ChainruleError(
            f"targets of shape {t.shape} and predictions of shape {p.shape}: expected equal, "
            "non-empty"
        )
    return t, p


def r2_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """The coefficient of determination R², averaged over the outputs (at most 1)."""
    t, p = _pair(y_true, y_pred)
    residual = ((t - p) ** 2).sum(axis=0)
    total = ((t - t.mean(axis=0)) ** 2).sum(axis=0)
    per_output = np.where(
        total > 0, 1.0 - residual / np.where(total > 0, total, 1.0), (residual == 0) * 1.0
    )
    return float(per_output.mean())


def mean_absolute_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    t, p = _pair(y_true, y_pred)
    return float(np.abs(t - p).mean())


def root_mean_squared_error(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    t, p = _pair(y_true, y_pred)
    return float(np.sqrt(((t - p) ** 2).mean()))
