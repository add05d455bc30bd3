"""A regressor: the multi-layer perceptron of :class:`~chainrule.training.classifier.Classifier`
with a linear output layer and real-valued targets.

>>> from chainrule.data.regression import make_regression_toy
>>> x, y = make_regression_toy("plane", samples=300, noise=0.0, seed=0)
>>> model = Regressor([2, 16, 1], activation="tanh", learning_rate=0.01)
>>> history = model.fit(x, y, epochs=40, batch_size=20)
>>> model.score(x, y) > 0.95
True

The network ends in ``identity`` neurons, out = net, trained on the mean squared error
E = mean over every element of (t − out)² (or ``half_sse``, the tutorials' E_total =
Σ ½(target − out)²). Inputs are scaled as a Classifier's are (``scaling``); the targets are
always standardised, t' = (t − mean) / std per output, measured on the first ``fit``'s
samples, and ``predict`` turns the outputs back, out·std + mean. Both scalings are saved in
the model file (``task`` "regression"), which :func:`chainrule.load` reads back as a
Regressor.

The training loop, the optimizers, schedules, early stopping and model files are the
Classifier's own (this class only prepares targets instead of class labels). The history's
``accuracy`` holds R² instead: on targets standardised over the training samples every
output's variance is 1, so R² (averaged over the outputs) = 1 − MSE of the standardised
targets (for ``half_sse``, MSE = 2E/K with K outputs). On validation samples it is that
same formula, measured against the training targets' variance.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from chainrule.data.preprocessing import Scaler
from chainrule.errors import ChainruleError
from chainrule.training.classifier import DTYPES, Classifier
from chainrule.training.loop import evaluate
from chainrule.training.metrics_regression import (
    mean_absolute_error,
    r2_score,
    root_mean_squared_error,
)

REGRESSION_LOSSES = ("mse", "half_sse")


class Regressor(Classifier):
    """A multi-layer perceptron with ``identity`` outputs for real-valued targets: ``layers``
    are the sizes from input to output (``[8, 64, 1]``), hidden layers use ``activation``.

    When ``layers`` is None the sizes come from the data at the first ``fit``: the number of
    features, ``hidden``, the number of target columns. ``output_names`` name the targets.
    """

    task = "regression"
    metric = "r2"

    def __init__(
        self,
        layers: Sequence[int] | None = None,
        activation: str = "relu",
        loss: str = "mse",
        scaling: str = "standardize",
        output_names: Sequence[str] | None = None,
        class_names: None = None,
        **options: Any,
    ) -> None:
        """``options``: the Classifier's (optimizer, learning_rate, weight_decay, momentum,
        schedule, batch_size, hidden, init, image_shape, seed, dtype)."""
        if loss not in REGRESSION_LOSSES:
            raise ChainruleError(
                f"loss {loss!r} for a regressor: expected one of {', '.join(REGRESSION_LOSSES)}"
            )
        if class_names is not None:
            raise ChainruleError("a regressor has no class names: expected output_names")
        self.output_names = None if output_names is None else [str(n) for n in output_names]
        self.target_scaler: Scaler | None = None
        super().__init__(layers, activation=activation, loss=loss, scaling=scaling, **options)

    def output_layer(self) -> tuple[list[str] | None, str, str]:
        """Identity outputs, one per target (see :meth:`Classifier.output_layer`)."""
        return self.output_names, "target", "identity"

    def _target_values(self, y: Any, count: int, what: str = "y") -> np.ndarray:
        """Targets as samples × outputs float64, checked (``count`` samples)."""
        name = "targets" if what == "y" else "validation targets"
        t = np.asarray(y)
        if t.dtype.kind not in "fiub":
            raise ChainruleError(
                f"{name} of dtype {t.dtype}: expected numbers (a regressor predicts values)"
            )
        t = t.astype(np.float64).reshape(len(t), -1) if t.ndim else t.reshape(1, 1)
        if not np.isfinite(t).all():
            sample, column = np.argwhere(~np.isfinite(t))[0]
            raise ChainruleError(
                f"{name}: value {t[sample, column]} at sample {sample}, output {column}: "
                "expected finite numbers (no NaN or infinity)"
            )
        if len(t) != count:
            raise ChainruleError(f"{count} samples but {len(t)} {name}: expected one each")
        return t

    _raw_batches = False  # _fit_data gives the inputs scaled already

    def _prepare(self, x: Any, y: Any | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """Scaled inputs and standardised targets (samples × outputs), in the model's dtype."""
        xs, _ = super()._prepare(x)
        if y is None:
            return xs, None
        t = self._target_values(y, len(xs))
        if self.sizes is not None and t.shape[1] != self.sizes[-1]:
            raise ChainruleError(
                f"targets have {t.shape[1]} columns, expected {self.sizes[-1]} "
                "(the model's outputs)"
            )
        if self.target_scaler is None:
            self.target_scaler = Scaler.fit("standardize", t)
        return xs, self.target_scaler.transform(t, DTYPES[self.dtype])

    def encode(self, labels: np.ndarray) -> np.ndarray:
        """The standardised targets are the network's targets already."""
        return labels

    def _fit_data(
        self,
        x_raw: np.ndarray,
        y_raw: np.ndarray,
        x_val_raw: np.ndarray | None,
        y_val_raw: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
        """(scaled inputs, standardised targets, validation pair or None) for ``fit``, whose
        ``y`` is one value per sample or samples × outputs; the target scaling and the
        network come from the first data seen."""
        xs, targets = self._prepare(x_raw, y_raw)
        assert targets is not None
        if self.network is None:
            self.build([xs.shape[1], *self.hidden, targets.shape[1]])
        if x_val_raw is None:
            return xs, targets, None
        xv, tv = self._prepare(x_val_raw, y_val_raw)
        assert tv is not None
        return xs, targets, (xv, tv)

    def _metric(self, loss: float, accuracy: float) -> float:
        """R² from the loss on standardised targets: 1 − MSE (see the module's docstring)."""
        mse = loss if self.loss == "mse" else 2.0 * loss / max(1, self.classes)
        return 1.0 - mse

    # -- using -------------------------------------------------------------------------------
    def predict(self, x: Any) -> np.ndarray:
        """Predicted values in the targets' units: samples × outputs, or one value per sample
        when the model has one output."""
        if self.target_scaler is None:
            raise ChainruleError("the model is not trained yet: call fit first")
        out = self.outputs(x).astype(np.float64)
        values = out * self.target_scaler.scale + self.target_scaler.offset
        return values[:, 0] if values.shape[1] == 1 else values

    def predict_proba(self, x: Any) -> np.ndarray:
        raise ChainruleError("a regressor predicts values, not class probabilities: use predict")

    def predict_classes(self, x: Any) -> np.ndarray:
        raise ChainruleError("a regressor predicts values, not classes: use predict")

    def evaluate(self, x: Any, y: Any) -> dict[str, Any]:
        """{"loss" (on the standardised targets), "r2", "mae", "rmse" (in the targets'
        units)} on (x, y)."""
        network = self._network()
        xs, targets = self._prepare(x, y)
        assert targets is not None
        loss, _, _ = evaluate(network, xs, targets, self.encode)
        truth = self._target_values(y, len(xs))
        predicted = self.predict(x).reshape(truth.shape)
        return {
            "loss": loss,
            "r2": r2_score(truth, predicted),
            "mae": mean_absolute_error(truth, predicted),
            "rmse": root_mean_squared_error(truth, predicted),
        }

    def score(self, x: Any, y: Any) -> float:
        """R², as scikit-learn's ``score`` of a regressor."""
        return float(self.evaluate(x, y)["r2"])

    # -- model files -------------------------------------------------------------------------
    def target_arrays(self) -> dict[str, np.ndarray]:
        """The target scaling as the model file's arrays ``target_scaler.offset`` and
        ``target_scaler.scale``."""
        if self.target_scaler is None:
            return {}
        return {f"target_scaler.{k}": v for k, v in self.target_scaler.arrays().items()}

    def __repr__(self) -> str:
        sizes = "?" if self.sizes is None else "-".join(map(str, self.sizes))
        return (
            f"Regressor({sizes}, activation={self.activation!r}, loss={self.loss!r}, "
            f"optimizer={self.optimizer.name!r}, epochs trained {self.epoch})"
        )
