"""The one definition of a predicted class, shared by fit's running accuracy, evaluate,
cr.accuracy and the studio."""

from __future__ import annotations

import numpy as np
import pytest

import chainrule as cr
from chainrule.data import make_toy
from chainrule.training.classifier import Classifier
from chainrule.training.metrics import classes, confusion_matrix, hits, threshold


def test_several_outputs_take_the_largest_one_output_its_threshold() -> None:
    out = np.array([[0.1, 0.7, 0.2], [0.5, 0.2, 0.3]])
    assert classes(out).tolist() == [1, 0]
    single = np.array([[0.49], [0.5], [-0.2], [0.0]])
    assert classes(single).tolist() == [0, 1, 0, 0]  # a sigmoid's middle, 0.5
    assert classes(single, 0.0).tolist() == [1, 1, 0, 1]  # hinge or ±1 targets: 0
    assert threshold("half_sse") == 0.5 and threshold("hinge") == 0.0
    assert threshold("mse", np.array([[-1.0], [1.0]])) == 0.0
    assert hits(out, np.array([1, 2])) == 1


def test_confusion_matrix_rows_are_true_classes() -> None:
    matrix = confusion_matrix(np.array([0, 1, 1, 2]), np.array([0, 2, 1, 2]), 3)
    assert matrix.tolist() == [[1, 0, 0], [0, 1, 1], [0, 0, 1]]


def test_accuracy_of_one_output_with_plus_minus_one_targets() -> None:
    net = cr.Network.from_sizes([1, 1], activation="identity", loss="mse", seed=0)
    net.layers[0].weights.data[...] = 1.0
    net.layers[0].biases.data[...] = 0.0
    x = np.array([[0.3], [-0.2], [0.1], [-0.4]])
    t = np.array([[1.0], [-1.0], [-1.0], [1.0]])  # out = x: right, right, wrong, wrong
    assert cr.accuracy(net, x, t) == 0.5


def test_running_accuracy_and_evaluation_count_the_same_hits() -> None:
    """One epoch in one batch: the running accuracy is that of the outputs the step saw,
    the classes the evaluation predicts before the step."""
    x, y = make_toy("moons", samples=60, noise=0.1, seed=2)
    model = Classifier([2, 8, 2], activation="tanh", learning_rate=0.01, batch_size=60, seed=3)
    model.fit(x, y, epochs=1, shuffle=False)
    before = model.evaluate(x, y)
    out = model.outputs(x)
    assert before["accuracy"] == pytest.approx(np.mean(out.argmax(axis=1) == y))
    again = Classifier([2, 8, 2], activation="tanh", learning_rate=0.01, batch_size=60, seed=3)
    again.fit(x, y, epochs=1, shuffle=False)
    again.fit(x, y, epochs=1, shuffle=False)  # epoch 2's single batch sees model's weights
    assert again.history.accuracy[-1] == pytest.approx(before["accuracy"])
    assert again.history.loss[-1] == pytest.approx(before["loss"], rel=1e-6)
