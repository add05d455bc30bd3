"""Classification metrics on class indices: accuracy and the confusion matrix."""

from __future__ import annotations

import numpy as np

from chainrule.errors import ChainruleError


def accuracy_score(y_true: np.ndarray, y_pred: np.ndarray) -> float:
    """Share of samples whose predicted class is the true one."""
    y_true, y_pred = np.asarray(y_true), np.asarray(y_pred)
    if y_true.shape != y_pred.shape or y_true.size == 0:
        raise ChainruleError(
            f"{y_true.shape} labels and {y_pred.shape} predictions: expected equal, non-empty"
        )
    return float(np.mean(y_true == y_pred))


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, classes: int) -> np.ndarray:
    """classes × classes counts: row = true class, column = predicted class."""
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(y_true, np.int64), np.asarray(y_pred, np.int64)), 1)
    return matrix
