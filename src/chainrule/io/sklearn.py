"""scikit-learn estimators on chainrule's engine: :class:`MLPClassifier` and :class:`MLPRegressor`.

>>> from sklearn.model_selection import cross_val_score
>>> from chainrule.io.sklearn import MLPClassifier
>>> scores = cross_val_score(MLPClassifier(hidden_layer_sizes=(16,), max_iter=50), X, y)

They behave as scikit-learn's own estimators do -- ``get_params`` / ``set_params``, the
constructor's arguments stored as given and checked at ``fit``, ``fit``, ``partial_fit``
(one epoch per call), ``predict``, ``predict_proba``, ``score``, ``classes_``,
``n_features_in_``, ``loss_curve_``, ``n_iter_``, ``random_state`` -- so they go into a
``Pipeline``, ``GridSearchCV`` and ``cross_val_score``. Underneath, ``model_`` is a
:class:`chainrule.Classifier` or :class:`chainrule.Regressor`: one training step of it can
be explained (``chainrule.explain(est.model_.network, inputs=..., targets=...)``), it can
be saved (``est.model_.save("m.npz")``) and exported.

``max_iter`` is the number of epochs (passes over the samples in mini-batches of
``batch_size``); ``learning_rate`` None is the optimizer's default; ``random_state`` seeds
the weights and the shuffling (an int repeats exactly; None draws a seed). Inputs are
standardised (``scaling``), a regressor's targets too (see :mod:`chainrule.training.regressor`).

Needs scikit-learn: ``pip install "chainrule[sklearn]"``. It passes scikit-learn's
``check_estimator`` in full; see docs/sklearn.md.
"""

from __future__ import annotations

from typing import Any

import numpy as np

try:
    from sklearn.base import BaseEstimator, ClassifierMixin, RegressorMixin
    from sklearn.utils import check_random_state
    from sklearn.utils.multiclass import check_classification_targets
    from sklearn.utils.validation import check_is_fitted, validate_data
except ImportError as exc:  # pragma: no cover - exercised in a process without scikit-learn
    raise ImportError(
        'chainrule.io.sklearn needs scikit-learn: pip install "chainrule[sklearn]"',
        name=exc.name,
    ) from None

from chainrule.training.classifier import Classifier
from chainrule.training.regressor import Regressor


class _Estimator(BaseEstimator):
    """What both estimators share: the parameters, the seed, epochs of the chainrule model."""

    def __init__(
        self,
        hidden_layer_sizes: tuple[int, ...] = (64,),
        activation: str = "relu",
        solver: str = "adam",
        learning_rate: float | None = None,
        alpha: float = 0.0,
        batch_size: int = 32,
        max_iter: int = 200,
        scaling: str = "standardize",
        random_state: Any = None,
        dtype: str = "float64",
        verbose: bool = False,
    ) -> None:
        self.hidden_layer_sizes = hidden_layer_sizes
        self.activation = activation
        self.solver = solver
        self.learning_rate = learning_rate
        self.alpha = alpha
        self.batch_size = batch_size
        self.max_iter = max_iter
        self.scaling = scaling
        self.random_state = random_state
        self.dtype = dtype
        self.verbose = verbose

    def _model_options(self) -> dict[str, Any]:
        state = self.random_state
        seed = state if isinstance(state, (int, np.integer)) and not isinstance(state, bool) and (
            state >= 0
        ) else int(check_random_state(state).randint(2**31 - 1))  # fmt: skip
        return {
            "activation": self.activation,
            "optimizer": self.solver,
            "learning_rate": self.learning_rate,
            "weight_decay": self.alpha,
            "batch_size": self.batch_size,
            "scaling": self.scaling,
            "seed": int(seed),
            "dtype": self.dtype,
        }

    def _epochs(self, x: np.ndarray, y: np.ndarray, epochs: int) -> None:
        """``epochs`` more epochs of ``model_``; the loss curve and epoch count follow it."""
        self.model_.fit(x, y, epochs=epochs, verbose=int(bool(self.verbose)))
        self.loss_curve_ = list(self.model_.history.loss)
        self.n_iter_ = self.model_.epoch

    def _sizes(self, features: int, outputs: int) -> list[int]:
        return [features, *(int(n) for n in self.hidden_layer_sizes), outputs]

    def __setstate__(self, state: dict[str, Any]) -> None:
        # one block of parameters again (a copy made by pickle holds them apart)
        self.__dict__.update(state)
        model = state.get("model_")
        if model is not None and model.network is not None:
            model.network._pack()


class MLPClassifier(ClassifierMixin, _Estimator):
    """A multi-layer perceptron classifier (softmax outputs, cross-entropy) on chainrule."""

    def _new_model(self, features: int, classes: np.ndarray) -> None:
        self.classes_ = classes
        self.model_ = Classifier(
            self._sizes(features, len(classes)),
            loss="cross_entropy",
            class_names=[str(k) for k in range(len(classes))],
            **self._model_options(),
        )

    def _indices(self, y: np.ndarray) -> np.ndarray:
        found = np.searchsorted(self.classes_, y)
        found = np.clip(found, 0, len(self.classes_) - 1)
        if not np.array_equal(self.classes_[found], y):
            unknown = next(v for v, k in zip(y, found, strict=True) if self.classes_[k] != v)
            raise ValueError(f"label {unknown!r}: expected one of classes_ {list(self.classes_)}")
        return found

    def fit(self, X: Any, y: Any) -> MLPClassifier:
        """Train a new network for ``max_iter`` epochs on (X, y)."""
        X, y = validate_data(self, X, y, reset=True)
        check_classification_targets(y)
        self._new_model(X.shape[1], np.unique(y))
        self._epochs(X, self._indices(y), int(self.max_iter))
        return self

    def partial_fit(self, X: Any, y: Any, classes: Any = None) -> MLPClassifier:
        """One epoch on (X, y); the first call needs ``classes`` (every label there will be)."""
        first = not hasattr(self, "model_")
        X, y = validate_data(self, X, y, reset=first)
        check_classification_targets(y)
        if first:
            if classes is None:
                raise ValueError("classes must be passed on the first call to partial_fit")
            self._new_model(X.shape[1], np.unique(np.asarray(classes)))
        elif classes is not None and not np.array_equal(np.unique(classes), self.classes_):
            raise ValueError(f"classes {list(classes)} differ from classes_ {list(self.classes_)}")
        self._epochs(X, self._indices(y), 1)
        return self

    def predict_proba(self, X: Any) -> np.ndarray:
        """Class probabilities (samples × classes, in the order of ``classes_``)."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return self.model_.predict_proba(X)

    def predict_log_proba(self, X: Any) -> np.ndarray:
        with np.errstate(divide="ignore"):
            return np.log(self.predict_proba(X))

    def predict(self, X: Any) -> np.ndarray:
        """The class of largest probability, as a label of ``classes_``."""
        proba = self.predict_proba(X)
        return self.classes_[proba.argmax(axis=1)]

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.classifier_tags.multi_class = True
        tags.non_deterministic = self.random_state is None
        return tags


class MLPRegressor(RegressorMixin, _Estimator):
    """A multi-layer perceptron regressor (identity outputs, mean squared error) on chainrule;
    one or several outputs."""

    def _new_model(self, features: int, y: np.ndarray) -> None:
        outputs = 1 if y.ndim == 1 else y.shape[1]
        self.model_ = Regressor(self._sizes(features, outputs), **self._model_options())

    def fit(self, X: Any, y: Any) -> MLPRegressor:
        """Train a new network for ``max_iter`` epochs on (X, y)."""
        X, y = validate_data(self, X, y, reset=True, multi_output=True, y_numeric=True)
        self._new_model(X.shape[1], y)
        self._epochs(X, y, int(self.max_iter))
        return self

    def partial_fit(self, X: Any, y: Any) -> MLPRegressor:
        """One epoch on (X, y) (the first call builds the network)."""
        first = not hasattr(self, "model_")
        X, y = validate_data(self, X, y, reset=first, multi_output=True, y_numeric=True)
        if first:
            self._new_model(X.shape[1], y)
        self._epochs(X, y, 1)
        return self

    def predict(self, X: Any) -> np.ndarray:
        """Predicted values: one per sample, or samples × outputs when trained on several."""
        check_is_fitted(self)
        X = validate_data(self, X, reset=False)
        return self.model_.predict(X)

    def __sklearn_tags__(self) -> Any:
        tags = super().__sklearn_tags__()
        tags.target_tags.multi_output = True
        tags.target_tags.single_output = True
        tags.non_deterministic = self.random_state is None
        return tags
