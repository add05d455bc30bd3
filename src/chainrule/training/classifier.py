"""A classifier in the manner of scikit-learn and Keras, on the engine's :class:`Network`.

>>> from chainrule.data import make_toy
>>> x, y = make_toy("moons", samples=200, noise=0.1, seed=0)
>>> model = Classifier([2, 16, 16, 2], activation="tanh", optimizer="adam", learning_rate=0.01)
>>> history = model.fit(x, y, epochs=30, batch_size=20)
>>> model.evaluate(x, y)["accuracy"] > 0.9
True

``fit`` trains in mini-batches (SanghyukChun's introduction) with the optimizer and returns a
:class:`History`;
calling it again continues where it stopped. ``predict`` gives classes (SanghyukChun's
introduction: the
largest output), ``predict_proba`` the output layer's probabilities, ``save`` writes one
``.npz`` file that :func:`chainrule.load` reads back.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from chainrule.data.base import encode_labels
from chainrule.data.base import validation_split as split_validation
from chainrule.data.batches import Batches
from chainrule.data.mapped import is_mapped
from chainrule.data.preprocessing import SCALINGS, Scaler, scan
from chainrule.errors import ChainruleError, TrainingInterrupted, did_you_mean
from chainrule.nn import Network
from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import LOSSES
from chainrule.nn.optimizers import OPTIMIZERS, Optimizer, make_optimizer
from chainrule.nn.schedules import Schedule
from chainrule.training.fit import History, interrupt_guard, timer
from chainrule.training.loop import Progress, evaluate, plan_buffers, run_epoch
from chainrule.training.metrics import confusion_matrix
from chainrule.training.modelfile import save_model
from chainrule.util.arrays import labels as label_array
from chainrule.util.arrays import names as arg_names
from chainrule.util.arrays import path as arg_path
from chainrule.util.arrays import samples, whole
from chainrule.util.arrays import sizes as arg_sizes
from chainrule.util.lock import checkpoint_lock

# The output layer each loss trains (fused losses need theirs, SanghyukChun's softmax loss).
# the output activation a classifier trains each loss with, read from the loss's record
OUTPUT_ACTIVATION = {name: loss.output for name, loss in LOSSES.items()}
DTYPES = {"float32": np.float32, "float64": np.float64}


def number(what: str, value: Any, bound: str = "> 0") -> float:
    """``value`` as a finite number (> 0 or >= 0), or a ChainruleError naming it."""
    try:
        x = float(value)
    except (TypeError, ValueError):
        x = float("nan")
    if (
        isinstance(value, (str, bool))
        or not np.isfinite(x)
        or not (x > 0 or (bound == ">= 0" and x == 0))
    ):
        raise ChainruleError(f"{what} {value!r}: expected a finite number {bound}")
    return x


def dtype_name(dtype: Any) -> str:
    try:
        name = np.dtype(dtype).name if dtype is not None else "float32"
    except (TypeError, ValueError):
        raise ChainruleError(f"dtype {dtype!r}: expected float32 or float64") from None
    if name not in DTYPES:
        raise ChainruleError(f"dtype {name!r}: expected float32 or float64")
    return name


class Classifier:
    """A multi-layer perceptron that classifies: ``layers`` are the sizes from input to
    output (``[784, 256, 128, 10]``); hidden layers use ``activation``; the output layer
    and targets follow ``loss`` (softmax + cross-entropy by default).

    When ``layers`` is None the sizes come from the data at the first ``fit``: the number
    of features, ``hidden``, the number of classes.
    """

    task = "classification"  # a model file says its task (see chainrule.training.regressor)
    metric = "accuracy"  # the score beside the loss in the progress lines (a regressor: r2)

    # fit's inputs come raw from _fit_data and are scaled a batch at a time (a subclass
    # whose _fit_data gives inputs scaled already sets this False)
    _raw_batches = True
    _reading_report: Callable[[int], None] | None = None  # the pass before training, shown

    def __init__(
        self,
        layers: Sequence[int] | None = None,
        activation: str = "relu",
        loss: str = "cross_entropy",
        optimizer: str | Optimizer = "adam",
        learning_rate: float | None = None,
        weight_decay: float = 0.0,
        momentum: float | None = None,
        schedule: str | Schedule = "constant",
        batch_size: int = 32,
        hidden: Sequence[int] = (64,),
        init: str = "auto",
        scaling: str = "none",
        class_names: Sequence[str] | None = None,
        image_shape: Sequence[int] | None = None,
        seed: int = 0,
        dtype: Any = "float32",
    ) -> None:
        if not isinstance(loss, str) or loss not in OUTPUT_ACTIVATION:
            raise ChainruleError(
                f"unknown loss {loss!r}: expected one of {', '.join(OUTPUT_ACTIVATION)}"
                f"{did_you_mean(loss, OUTPUT_ACTIVATION)}"
            )
        if layers is not None:
            layers = arg_sizes(layers, "layers")
        if layers is not None and len(layers) < 2:
            raise ChainruleError(f"layers {layers!r}: expected two or more sizes, like [2, 16, 3]")
        self.sizes = None if layers is None else [whole("layer size", n, 1) for n in layers]
        self.hidden = [whole("hidden layer size", n, 1) for n in arg_sizes(hidden, "hidden")]
        if learning_rate is not None:
            learning_rate = number("learning rate", learning_rate)
        weight_decay = number("weight decay", weight_decay, ">= 0")
        if momentum is not None:
            momentum = number("momentum", momentum, ">= 0")
        self.activation, self.loss, self.init = activation, loss, init
        self.dtype = dtype_name(dtype)
        if isinstance(optimizer, Optimizer):
            self.optimizer = optimizer
        elif str(optimizer).lower() not in OPTIMIZERS:
            raise ChainruleError(
                f"unknown optimizer {optimizer!r}: expected one of {', '.join(OPTIMIZERS)}"
                f"{did_you_mean(str(optimizer).lower(), OPTIMIZERS)}"
            )
        else:
            options: dict[str, Any] = {"weight_decay": weight_decay}
            if momentum is not None and str(optimizer).lower() == "adam":
                raise ChainruleError(
                    f"momentum {momentum!r} given for optimizer 'adam': expected momentum only "
                    "with the momentum or nesterov optimizer"
                )
            if momentum is not None:
                options["momentum"] = momentum
            self.optimizer = make_optimizer(optimizer, learning_rate, **options)
        self.base_learning_rate = self.optimizer.learning_rate
        self.schedule = schedule if isinstance(schedule, Schedule) else Schedule(schedule)
        self.batch_size = whole("batch size", batch_size, 1)
        if scaling not in SCALINGS:
            raise ChainruleError(
                f"unknown scaling {scaling!r}: expected one of {', '.join(SCALINGS)}"
                f"{did_you_mean(scaling, SCALINGS)}"
            )
        self.scaling = scaling
        self.scaler: Scaler | None = None
        self.class_names = None if class_names is None else arg_names(class_names, "class_names")
        self.image_shape = (
            None
            if image_shape is None
            else [whole("image size", n, 1) for n in arg_sizes(image_shape, "image_shape")]
        )
        self.seed = whole("seed", seed, 0)
        # the settings of the run beyond the model's own (validation share, patience, the
        # data): JSON values, saved in the model file, compared by ``train --resume``
        self.run_settings: dict[str, Any] = {}
        self.network: Network | None = None
        self.history = History()
        self.epoch = 0  # epochs completed
        self.best: dict[str, Any] = {"val_loss": None, "wait": 0, "epoch": 0, "weights": None}
        self.stopped_epoch: int | None = None  # the epoch early stopping stopped after
        if self.sizes is not None:
            self.build(self.sizes)

    # -- building ----------------------------------------------------------------------------
    def output_layer(self) -> tuple[list[str] | None, str, str]:
        """(the outputs' names, what one output stands for, the output activation)."""
        return self.class_names, "class", OUTPUT_ACTIVATION[self.loss]

    def build(self, sizes: Sequence[int]) -> Network:
        """The network of ``sizes`` (input first), weights seeded by ``seed``."""
        self.sizes = [int(n) for n in sizes]
        names, each, output_activation = self.output_layer()
        if names is not None and self.sizes[-1] != len(names):
            raise ChainruleError(
                f"layer sizes {'-'.join(map(str, self.sizes))} end in {self.sizes[-1]} outputs, "
                f"expected {len(names)} (one per {each})"
            )
        self.network = Network.from_sizes(
            self.sizes,
            activation=self.activation,
            output_activation=output_activation,
            loss=self.loss,
            init=self.init,
            seed=self.seed,
            dtype=DTYPES[self.dtype],
        )
        return self.network

    @property
    def classes(self) -> int:
        return 0 if self.sizes is None else self.sizes[-1]

    def _checked(
        self, x: Any, y: Any | None = None, report: Callable[[int], None] | None = None
    ) -> tuple[np.ndarray, np.ndarray | None]:
        """Checked raw inputs (samples × features; a memory-mapped array stays mapped) and
        class indices. One pass over the inputs (``report``: rows read, for a progress bar)
        checks every value to be finite and, the first time, fits the scaler; inputs that
        would overflow the model's dtype once scaled are refused. Whole numbers (pixels)
        that no value of their dtype could overflow need no pass once the scaler is fitted
        (see :meth:`Scaler.holds`)."""
        x = samples(x, "inputs")
        if x.ndim == 1:
            x = x.reshape(1, -1)
        x = x.reshape(len(x), -1)
        if self.sizes is not None and x.shape[1] != self.sizes[0]:
            raise ChainruleError(
                f"inputs have {x.shape[1]} features, expected {self.sizes[0]} "
                f"(the model's input layer)"
            )
        fitting = self.scaler is None and self.scaling == "standardize"
        if self.scaler is None and not fitting:
            self.scaler = Scaler.fit(self.scaling, x)
        if self.scaler is not None and self.scaler.holds(x, DTYPES[self.dtype]):
            summary = None  # whole numbers, which no scaling of this model overflows
        else:
            with np.errstate(over="ignore", invalid="ignore"):
                summary = scan(x, statistics=fitting, report=report)
        if fitting:
            assert summary is not None and summary.mean is not None and summary.std is not None
            self.scaler = Scaler.standardizing(summary.mean, summary.std)
        assert self.scaler is not None
        if summary is not None:
            self.scaler.check_range(x, summary.low, summary.high, DTYPES[self.dtype])
        labels = None
        if y is not None:
            y = label_array(y, len(x))
            labels, _, names = encode_labels(y, class_names=self.class_names)
            if self.class_names is None:
                self.class_names = names
            if len(labels) != len(x):
                raise ChainruleError(
                    f"{len(x)} samples but {len(labels)} labels: expected one each"
                )
        return x, labels

    def _prepare(self, x: Any, y: Any | None = None) -> tuple[np.ndarray, np.ndarray | None]:
        """Scaled inputs (samples × features, in the model's dtype) and class indices."""
        xr, labels = self._checked(x, y)
        return self.scaled(xr), labels

    def scaled(self, x: np.ndarray) -> np.ndarray:
        """Raw inputs (checked by ``_checked``) scaled into a new array of the model's dtype."""
        assert self.scaler is not None
        return self.scaler.transform(x, DTYPES[self.dtype])

    def encode(self, labels: np.ndarray) -> np.ndarray:
        """Class indices to targets: one-hot rows (±1 for hinge), in the model's dtype."""
        return self.encode_into(labels, np.empty((len(labels), self.classes), DTYPES[self.dtype]))

    def encode_into(self, labels: np.ndarray, out: np.ndarray) -> np.ndarray:
        """:meth:`encode` into ``out`` (len(labels) × classes), which is returned; target
        rows (a regressor's) are copied as they are."""
        if labels.ndim == 2:
            np.copyto(out, labels, casting="unsafe")
            return out
        return np.take(self._codes(out.dtype), labels, axis=0, out=out)

    def _codes(self, dtype: np.dtype) -> np.ndarray:
        """Row k: the targets of class k (one-hot, ±1 for hinge), in ``dtype``, made once."""
        key = (np.dtype(dtype), self.classes, self.loss)
        table = self.__dict__.get("_code_table")
        if table is None or table[0] != key:
            eye = np.eye(self.classes, dtype=dtype)
            off = LOSSES[self.loss].off_target  # 0, or −1 for hinge's ±1 targets
            table = (key, eye + (1 - eye) * off)
            self._code_table = table
        return table[1]

    # -- training ----------------------------------------------------------------------------
    def fit(
        self,
        x: Any,
        y: Any,
        epochs: int = 10,
        batch_size: int | None = None,
        validation_split: float = 0.0,
        validation_data: tuple[Any, Any] | None = None,
        patience: int | None = None,
        restore_best: bool = True,
        shuffle: bool = True,
        verbose: int = 0,
        progress: Progress | None = None,
        save_path: str | os.PathLike | None = None,
        on_epoch_end: Callable[[Classifier], None] | None = None,
    ) -> History:
        """Train ``epochs`` more epochs; returns the history of every epoch so far.

        ``validation_split`` holds out that share of (x, y) (seeded); ``patience`` stops
        when the validation loss has not improved for that many epochs and, with
        ``restore_best``, puts back the best weights. ``save_path`` saves the model after
        every epoch (atomically), holding the lock file ``save_path + ".lock"`` while it
        trains: a second process fitting to the same path gets a :class:`ChainruleError`
        naming this one's process id (:mod:`chainrule.util.lock`). ``verbose=1`` shows a progress
        bar on stderr. The patience and the validation share are kept in
        :attr:`run_settings` (and saved with the model).
        """
        epochs = whole("epochs", epochs, 0)
        if validation_split:
            validation_split = number("validation split", validation_split)
        if save_path is not None:
            save_path = arg_path(save_path, "save_path")
        hooks = ("start_epoch", "update", "end_epoch")
        if progress is not None and not all(callable(getattr(progress, h, None)) for h in hooks):
            raise ChainruleError(
                f"progress {progress!r}: expected an object with start_epoch, update and end_epoch"
            )
        if on_epoch_end is not None and not callable(on_epoch_end):
            raise ChainruleError(f"on_epoch_end {on_epoch_end!r}: expected a function")
        if patience is not None:
            patience = whole("patience", patience, 1)
        with checkpoint_lock(save_path):  # one process at a time on save_path
            return self._fit(
                x,
                y,
                epochs,
                batch_size,
                validation_split,
                validation_data,
                patience,
                restore_best,
                shuffle,
                verbose,
                progress,
                save_path,
                on_epoch_end,
            )

    def _fit(
        self,
        x: Any,
        y: Any,
        epochs: int,
        batch_size: int | None,
        validation_split: float,
        validation_data: tuple[Any, Any] | None,
        patience: int | None,
        restore_best: bool,
        shuffle: bool,
        verbose: int,
        progress: Progress | None,
        save_path: str | None,
        on_epoch_end: Callable[[Classifier], None] | None,
    ) -> History:
        """:meth:`fit` with its arguments checked, ``save_path``'s lock held."""
        self.run_settings["patience"] = patience
        if validation_data is None:
            self.run_settings["validation"] = validation_split or 0.0
        x_raw, y_raw, x_val_raw, y_val_raw = self._raw_data(
            x, y, batch_size, validation_split, validation_data
        )
        if progress is None and verbose:
            from chainrule.training.progress import make_progress

            progress = make_progress("auto")
        reading = getattr(progress, "reading", None)
        if self.scaler is None and is_mapped(x_raw) and reading is not None:
            with reading(len(x_raw)) as report:  # the one pass before training, shown
                self._reading_report = report
                try:
                    xs, labels, val = self._fit_data(x_raw, y_raw, x_val_raw, y_val_raw)
                finally:
                    self._reading_report = None
        else:
            xs, labels, val = self._fit_data(x_raw, y_raw, x_val_raw, y_val_raw)
        if patience is not None and val is None:
            raise ChainruleError(
                "early stopping needs validation data: give a validation split like 0.1"
            )
        assert self.scaler is not None
        raw = self._raw_batches and self.scaler.kind != "none"
        assert self.network is not None
        batches = Batches(  # rows gathered (and scaled, from raw inputs) a batch at a time,
            xs,  # into the plan's own buffers
            labels,
            self.batch_size,
            DTYPES[self.dtype],
            self.classes,
            self.encode_into,
            self.scaler.transform_into if raw else None,
            into=plan_buffers(self.network, min(self.batch_size, len(xs))),
        )
        if verbose and progress is None:
            from chainrule.training.progress import make_progress

            progress = make_progress("auto")
        show_metric = getattr(progress, "show_metric", None)
        if show_metric is not None:
            show_metric(self.metric, self._metric)  # a regressor's bar shows r2
        network = self.network
        assert network is not None
        last = self.epoch + int(epochs)
        if self.schedule.kind != "constant" and self.epoch == 0:
            self.schedule.epochs = max(self.schedule.epochs, last)
        steps = batches.steps
        # overflow is caught as a NaN or infinite loss (DivergenceError), not as warnings
        quiet = np.errstate(over="ignore", invalid="ignore", divide="ignore")
        with interrupt_guard() as stop_requested, quiet:
            for epoch in range(self.epoch, last):
                if stop_requested():
                    raise TrainingInterrupted(epoch + 1, 0, steps, self.epoch, stop_requested())
                start = timer()
                lr = self.base_learning_rate * self.schedule.factor(epoch)
                self.optimizer.learning_rate = lr
                rng = np.random.default_rng([self.seed, epoch]) if shuffle else None
                if progress is not None:
                    progress.start_epoch(epoch + 1, last, steps)
                loss, acc = run_epoch(
                    network,
                    self.optimizer,
                    batches,
                    rng,
                    progress,
                    epoch=epoch + 1,
                    completed=self.epoch,
                    stop_requested=stop_requested,
                )
                h = self.history
                acc = self._metric(loss, acc)
                h.loss.append(loss)
                h.accuracy.append(acc)
                h.learning_rate.append(lr)
                logs = {"loss": loss, self.metric: acc}
                if val is not None:
                    vl, va, _ = evaluate(
                        network,
                        val[0],
                        val[1],
                        self.encode,
                        transform=self.scaled if self._raw_batches else None,
                    )
                    va = self._metric(vl, va)
                    h.val_loss.append(vl)
                    h.val_accuracy.append(va)
                    logs.update({"val_loss": vl, f"val_{self.metric}": va})
                h.seconds.append(timer() - start)
                self.epoch = epoch + 1
                stop = False
                if patience is not None and val is not None:
                    stop = self._early_stopping(logs["val_loss"], int(patience))
                if progress is not None:
                    progress.end_epoch({**logs, "seconds": h.seconds[-1]})
                if stop:
                    self.stopped_epoch = self.epoch
                if stop and restore_best:
                    self._restore_best()
                if save_path is not None:
                    self.save(save_path)
                if on_epoch_end is not None:
                    on_epoch_end(self)
                if stop:
                    break
        return self.history

    def _fit_data(
        self,
        x_raw: np.ndarray,
        y_raw: np.ndarray,
        x_val_raw: np.ndarray | None,
        y_val_raw: np.ndarray | None,
    ) -> tuple[np.ndarray, np.ndarray, tuple[np.ndarray, np.ndarray] | None]:
        """(checked raw inputs, class indices, validation pair or None) for :meth:`fit`,
        the inputs to be scaled a batch at a time (see ``_raw_batches``); the class names,
        the scaler and the network come from the first data seen."""
        if self.class_names is None:
            both = y_raw if y_val_raw is None else np.concatenate([y_raw, np.asarray(y_val_raw)])
            _, _, self.class_names = encode_labels(both)
        xs, labels = self._checked(x_raw, y_raw, self._reading_report)
        assert labels is not None
        if self.network is None:
            self.build([xs.shape[1], *self.hidden, len(self.class_names)])
            assert self.scaler is not None
        if labels.max() >= self.classes:
            raise ChainruleError(
                f"labels have {labels.max() + 1} classes, but the model has {self.classes} "
                f"outputs: expected a last layer of {labels.max() + 1}"
            )
        val = None
        if x_val_raw is not None:
            xv, yv = self._checked(x_val_raw, y_val_raw)
            val = (xv, yv)
        return xs, labels, val

    def _raw_data(
        self,
        x: Any,
        y: Any,
        batch_size: int | None,
        validation_split: float,
        validation_data: tuple[Any, Any] | None,
    ) -> tuple[np.ndarray, np.ndarray, np.ndarray | None, np.ndarray | None]:
        """(x, y, x_val, y_val) of :meth:`fit` as given, checked, the validation share held
        out (seeded); ``batch_size`` if given becomes the model's."""
        if batch_size is not None:
            self.batch_size = whole("batch size", batch_size, 1)
        x_raw = samples(x, "x")
        x_raw = x_raw.reshape(1, -1) if x_raw.ndim == 1 else x_raw
        y_raw = self._target_values(y, len(x_raw))
        if len(x_raw) == 0:
            raise ChainruleError("no samples: expected at least one")
        x_val_raw = y_val_raw = None
        if validation_data is not None:
            if not isinstance(validation_data, tuple | list) or len(validation_data) != 2:
                raise ChainruleError(
                    f"validation_data of type {type(validation_data).__name__}: expected a "
                    "pair (x_val, y_val)"
                )
            x_val_raw = samples(validation_data[0], "x_val")
            y_val_raw = self._target_values(validation_data[1], len(x_val_raw), "y_val")
        elif validation_split:
            if is_mapped(x_raw):
                raise ChainruleError(
                    f"validation split {validation_split} of memory-mapped inputs: expected "
                    "validation_data=(x_val, y_val), held-out arrays of their own"
                )
            x_raw, y_raw, x_val_raw, y_val_raw = split_validation(
                x_raw, y_raw, validation_split, self.seed
            )
        return x_raw, y_raw, x_val_raw, y_val_raw

    def _target_values(self, y: Any, count: int, what: str = "y") -> np.ndarray:
        """The targets as given, checked: one class label per sample."""
        return label_array(y, count, what)

    def _metric(self, loss: float, accuracy: float) -> float:
        """The score kept in the history beside the loss: the accuracy (a regressor: R²)."""
        return accuracy

    def _early_stopping(self, val_loss: float, patience: int) -> bool:
        """Track the best validation loss; True when it has not improved for ``patience``."""
        best = self.best
        if best["val_loss"] is None or val_loss < best["val_loss"]:
            assert self.network is not None
            best.update(
                val_loss=val_loss,
                wait=0,
                epoch=self.epoch,
                weights=[p.data.copy() for p in self.network.parameters()],
            )
            return False
        best["wait"] += 1
        return best["wait"] >= patience

    def _restore_best(self) -> None:
        if self.best["weights"] is None or self.network is None:
            return
        for p, w in zip(self.network.parameters(), self.best["weights"], strict=True):
            p.data[...] = w

    # -- using -----------------------------------------------------------------------------
    def _network(self) -> Network:
        if self.network is None or self.scaler is None:
            raise ChainruleError("the model is not trained yet: call fit first")
        return self.network

    def outputs(self, x: Any, batch_size: int = 4096) -> np.ndarray:
        """The output layer's out for every sample (scaled and computed a block at a time)."""
        network = self._network()
        xr, _ = self._checked(x)
        parts = [
            network.predict(self.scaled(xr[s : s + batch_size]))
            for s in range(0, len(xr), batch_size)
        ]
        return np.concatenate(parts) if parts else np.zeros((0, self.classes))

    def predict_proba(self, x: Any) -> np.ndarray:
        """Class probabilities: the softmax outputs (sigmoid outputs normalised to sum 1;
        for hinge, a softmax of the outputs)."""
        out = self.outputs(x).astype(np.float64)
        if LOSSES[self.loss].off_target < 0:  # outputs below 0 (hinge)
            e = np.exp(out - out.max(axis=1, keepdims=True))
            return e / e.sum(axis=1, keepdims=True)
        if ACTIVATIONS[OUTPUT_ACTIVATION[self.loss]].elementwise:  # not softmax
            total = out.sum(axis=1, keepdims=True)
            return np.divide(out, total, out=np.full_like(out, 1 / out.shape[1]), where=total > 0)
        return out

    def predict_classes(self, x: Any) -> np.ndarray:
        """Class indices 0…K−1: the largest output (SanghyukChun's introduction)."""
        return self.outputs(x).argmax(axis=1)

    def predict(self, x: Any) -> np.ndarray:
        """Predicted labels: class indices when the labels are 0…K−1, else the class names."""
        idx = self.predict_classes(x)
        names = self.class_names or []
        if names == [str(k) for k in range(len(names))]:
            return idx
        return np.asarray(names)[idx]

    def evaluate(self, x: Any, y: Any) -> dict[str, Any]:
        """{"loss", "accuracy", "confusion_matrix"} on (x, y); matrix rows are true classes."""
        network = self._network()
        if y is None:
            raise ChainruleError("labels None: expected one class label per sample")
        xr, labels = self._checked(x, y)
        assert labels is not None
        loss, acc, predicted = evaluate(network, xr, labels, self.encode, transform=self.scaled)
        return {
            "loss": loss,
            "accuracy": acc,
            "confusion_matrix": confusion_matrix(labels, predicted, self.classes),
        }

    def score(self, x: Any, y: Any) -> float:
        """Accuracy, as scikit-learn's ``score``."""
        return float(self.evaluate(x, y)["accuracy"])

    def save(self, path: str | os.PathLike) -> None:
        """Write the model to one ``.npz`` file (see :mod:`chainrule.training.modelfile`)."""
        save_model(self, arg_path(path))

    def __repr__(self) -> str:
        sizes = "?" if self.sizes is None else "-".join(map(str, self.sizes))
        return (
            f"Classifier({sizes}, activation={self.activation!r}, loss={self.loss!r}, "
            f"optimizer={self.optimizer.name!r}, epochs trained {self.epoch})"
        )
