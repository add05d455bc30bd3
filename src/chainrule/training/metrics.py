"""Classification metrics: the class a row of outputs stands for, hits, the confusion matrix.

The one definition of a predicted class, used by training's running accuracy, the
evaluation, :func:`chainrule.accuracy`, the command line and the studio: with several
outputs, the class is the index of the largest output (SanghyukChun's introduction, MNIST);
with one output, the class is 1 when out ≥ 0.5 (a sigmoid's middle), or out ≥ 0 for a
loss whose targets are −1 and +1 (hinge: its record's ``off_target``) and for targets of
−1 and +1 (tanh or identity outputs), else 0. Targets are
read the same way, so a one-hot row or a single 0/1 column gives its class.
"""

from __future__ import annotations

import numpy as np

from chainrule.nn.losses import LOSSES


def threshold(loss_name: str, targets: np.ndarray | None = None) -> float:
    """Where a single output turns from class 0 to class 1: halfway from the loss's off
    target to 1 (0.5; 0 for hinge's −1/+1), or 0 for targets below 0 (−1/+1 targets)."""
    if targets is not None and targets.size and targets.min() < 0:
        return 0.0
    off = LOSSES[loss_name].off_target if loss_name in LOSSES else 0.0
    return (off + 1.0) / 2.0


def classes(values: np.ndarray, cut: float = 0.5) -> np.ndarray:
    """The class of each row (samples × outputs): the largest output's index, or for one
    output 1 where value ≥ ``cut`` (see :func:`threshold`), else 0."""
    if values.shape[1] > 1:
        return values.argmax(axis=1)
    return (values[:, 0] >= cut).astype(np.int64)


def hits(out: np.ndarray, labels: np.ndarray, cut: float = 0.5) -> int:
    """How many rows of ``out`` predict their class index in ``labels`` (the classes of
    :func:`classes`, written out: this runs after every training step)."""
    predicted = out.argmax(axis=1) if out.shape[1] > 1 else out[:, 0] >= cut
    return int(np.count_nonzero(predicted == labels))


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, classes: int) -> np.ndarray:
    """classes × classes counts: row = true class, column = predicted class."""
    matrix = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(matrix, (np.asarray(y_true, np.int64), np.asarray(y_pred, np.int64)), 1)
    return matrix
