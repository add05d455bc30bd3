"""chainrule.io.sklearn: estimator checks, Pipeline, GridSearchCV, cross_val_score."""

from __future__ import annotations

import pickle
import subprocess
import sys
import textwrap
import warnings

import numpy as np
import pytest

pytest.importorskip("sklearn")

from sklearn.datasets import load_iris, make_friedman1
from sklearn.model_selection import GridSearchCV, cross_val_score
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler
from sklearn.utils.estimator_checks import check_estimator

from chainrule.io.sklearn import MLPClassifier, MLPRegressor

# Every check passes; none is marked as an expected failure (see docs/sklearn.md).
EXPECTED_FAILED: dict[str, str] = {}


@pytest.mark.parametrize(
    "estimator",
    [
        MLPClassifier(hidden_layer_sizes=(16,), max_iter=100, random_state=0),
        MLPRegressor(hidden_layer_sizes=(16,), max_iter=100, random_state=0),
    ],
    ids=["MLPClassifier", "MLPRegressor"],
)
def test_check_estimator_passes_in_full(estimator) -> None:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # skipped pandas / array-API checks warn
        results = check_estimator(estimator, expected_failed_checks=EXPECTED_FAILED, on_fail=None)
    failed = {r["check_name"]: repr(r["exception"]) for r in results if r["status"] == "failed"}
    assert failed == {}
    assert sum(r["status"] == "passed" for r in results) >= 50


def test_pipeline_with_grid_search_and_cross_validation() -> None:
    x, y = load_iris(return_X_y=True)
    pipe = make_pipeline(
        StandardScaler(),
        MLPClassifier(max_iter=60, learning_rate=0.01, random_state=0, scaling="none"),
    )
    grid = GridSearchCV(
        pipe,
        {"mlpclassifier__hidden_layer_sizes": [(4,), (16,)], "mlpclassifier__alpha": [0.0, 1e-3]},
        cv=3,
    )
    grid.fit(x, y)
    assert grid.best_score_ > 0.9
    assert grid.best_params_["mlpclassifier__hidden_layer_sizes"] in [(4,), (16,)]
    best = grid.best_estimator_[-1]
    assert list(best.classes_) == [0, 1, 2] and best.n_features_in_ == 4
    assert len(best.loss_curve_) == 60 and best.loss_curve_[-1] < best.loss_curve_[0]
    scores = cross_val_score(grid.best_estimator_, x, y, cv=5)
    assert scores.mean() > 0.9


def test_regressor_cross_validation_several_outputs() -> None:
    x, y = make_friedman1(n_samples=400, noise=0.1, random_state=0)
    scores = cross_val_score(
        MLPRegressor(
            hidden_layer_sizes=(32,),
            activation="tanh",
            max_iter=100,
            learning_rate=0.01,
            random_state=0,
        ),
        x,
        y,
        cv=3,
    )
    assert scores.mean() > 0.85  # R², the regressor's score
    two = np.stack([y, -2 * y + 1], axis=1)
    model = MLPRegressor(
        hidden_layer_sizes=(32,), activation="tanh", learning_rate=0.01, random_state=0
    )
    assert model.fit(x, two).predict(x).shape == (400, 2)
    assert model.score(x, two) > 0.95  # on the training samples


def test_parameters_are_stored_as_given_and_checked_at_fit() -> None:
    model = MLPClassifier(hidden_layer_sizes=[3], activation="nope", learning_rate=-1)
    assert model.get_params()["hidden_layer_sizes"] == [3]
    assert model.activation == "nope"
    with pytest.raises(ValueError, match="learning rate -1"):
        model.fit(np.zeros((4, 2)), [0, 1, 0, 1])


def test_partial_fit_continues_and_survives_pickle() -> None:
    x, y = load_iris(return_X_y=True)
    model = MLPClassifier(hidden_layer_sizes=(8,), random_state=3)
    with pytest.raises(ValueError, match="classes must be passed"):
        MLPClassifier().partial_fit(x, y)
    model.partial_fit(x[:50], y[:50], classes=[0, 1, 2])
    copy = pickle.loads(pickle.dumps(model))
    for _ in range(3):
        model.partial_fit(x, y)
        copy.partial_fit(x, y)
    assert model.n_iter_ == 4 and len(model.loss_curve_) == 4
    np.testing.assert_array_equal(model.predict_proba(x), copy.predict_proba(x))
    # the chainrule model underneath is an ordinary chainrule Classifier
    assert model.model_.epoch == 4


def test_without_scikit_learn_the_import_says_how_to_install(tmp_path) -> None:
    code = textwrap.dedent(
        """
        import sys
        sys.modules["sklearn"] = None  # as if scikit-learn were not installed
        try:
            import chainrule.io.sklearn
        except ImportError as exc:
            print(exc)
        """
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert 'pip install "chainrule[sklearn]"' in out.stdout
