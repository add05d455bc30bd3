"""cr.Regressor: fit, predict, score (R²), scaling of inputs and targets, model files."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

import chainrule as cr
from chainrule.data.regression import make_friedman, make_regression_toy
from chainrule.training.metrics_regression import r2_score
from chainrule.training.regressor import Regressor


def friedman(samples: int, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Friedman's first regression problem, in units far from 1 (so scaling matters)."""
    x, y = make_friedman(samples, seed=seed)
    return x * 1000.0 - 300.0, 100.0 * y + 5000.0


def test_generated_set_reaches_r2_095_on_held_out_samples() -> None:
    x, y = friedman(1200)
    model = Regressor(hidden=[32, 32], activation="tanh", learning_rate=0.01, dtype="float64")
    model.fit(x[:1000], y[:1000], epochs=60, batch_size=32)
    held_out = model.score(x[1000:], y[1000:])
    assert held_out >= 0.95
    # score is R² as scikit-learn defines it
    sklearn_metrics = pytest.importorskip("sklearn.metrics")
    expected = sklearn_metrics.r2_score(y[1000:], model.predict(x[1000:]))
    assert held_out == pytest.approx(expected, rel=1e-12)


def test_history_r2_is_one_minus_the_standardised_mse() -> None:
    x, y = friedman(300, seed=1)
    model = Regressor(hidden=[16], learning_rate=0.01, dtype="float64")
    history = model.fit(x, y, epochs=5, validation_split=0.2)
    assert history.accuracy == pytest.approx([1 - v for v in history.loss])
    assert history.val_accuracy == pytest.approx([1 - v for v in history.val_loss])
    assert history.accuracy[-1] > history.accuracy[0]


def test_several_outputs_and_the_targets_scaling(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    x = rng.normal(size=(400, 3))
    y = np.stack([3 * x[:, 0] - x[:, 1], 1000 * np.tanh(x[:, 2]) + 50], axis=1)
    model = Regressor(hidden=[32], activation="tanh", learning_rate=0.01, output_names=["a", "b"])
    model.fit(x, y, epochs=80)
    predicted = model.predict(x)
    assert predicted.shape == (400, 2)
    assert r2_score(y[:, 0], predicted[:, 0]) > 0.95 and r2_score(y[:, 1], predicted[:, 1]) > 0.95
    assert model.target_scaler is not None
    np.testing.assert_allclose(model.target_scaler.offset, y.mean(axis=0))
    np.testing.assert_allclose(model.target_scaler.scale, y.std(axis=0))
    path = tmp_path / "m.npz"
    model.save(path)
    loaded = cr.load(path)
    assert isinstance(loaded, Regressor) and loaded.output_names == ["a", "b"]
    np.testing.assert_array_equal(loaded.predict(x), predicted)
    # training continues from the file exactly as from the model in memory
    model.fit(x, y, epochs=2)
    loaded.fit(x, y, epochs=2)
    np.testing.assert_array_equal(loaded.predict(x), model.predict(x))


def test_one_output_predicts_one_value_per_sample() -> None:
    x, t = make_regression_toy("plane", samples=300, noise=0.0, seed=0)
    model = Regressor([2, 1], activation="identity", learning_rate=0.05, scaling="none")
    model.fit(x, t, epochs=40, batch_size=10)
    assert model.predict(x).shape == (300,)
    assert model.score(x, t) > 0.999  # a plane is one linear neuron


def test_evaluate_reports_mae_and_rmse_in_the_targets_units() -> None:
    x, y = friedman(200)
    model = Regressor(hidden=[8], dtype="float64")
    model.fit(x, y, epochs=3)
    scores = model.evaluate(x, y)
    error = model.predict(x) - y
    assert scores["mae"] == pytest.approx(np.abs(error).mean())
    assert scores["rmse"] == pytest.approx(np.sqrt((error**2).mean()))
    assert scores["r2"] == pytest.approx(1 - (error**2).sum() / ((y - y.mean()) ** 2).sum())


@pytest.mark.parametrize(
    ("kwargs", "fit", "message"),
    [
        ({"loss": "cross_entropy"}, None, "loss 'cross_entropy' for a regressor"),
        ({}, (np.ones((3, 2)), np.array(["a", "b", "c"])), "targets of dtype <U1"),
        ({}, (np.ones((3, 2)), np.array([1.0, np.nan, 2.0])), "value nan at sample 1"),
        ({}, (np.ones((3, 2)), np.ones(4)), "3 samples but 4 targets"),
        ({"layers": [2, 4, 2]}, (np.ones((3, 2)), np.ones(3)), "targets have 1 columns"),
    ],
)
def test_bad_input_is_one_chainrule_error(kwargs, fit, message) -> None:
    with pytest.raises(cr.ChainruleError, match=message.replace("(", r"\(")):
        model = Regressor(**kwargs)
        if fit is not None:
            model.fit(*fit, epochs=1)


def test_a_regressor_has_no_classes() -> None:
    model = Regressor([2, 3, 1])
    model.fit(np.ones((4, 2)), np.arange(4.0), epochs=1)
    with pytest.raises(cr.ChainruleError, match="not class probabilities"):
        model.predict_proba(np.ones((1, 2)))
