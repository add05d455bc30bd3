"""``chainrule train --task regression``, and ``evaluate`` / ``predict`` of a regressor.

    chainrule train plane --epochs 60 --save plane.npz --plot plots/
    chainrule train --task regression --data houses.csv --label-column price --save m.npz
    chainrule evaluate m.npz houses.csv --label-column price
    chainrule predict m.npz new_houses.csv

The toy sets ``plane`` and ``multi-gaussian`` are regression sets (``--task regression``
is implied). A CSV file's target columns are ``--label-column`` (names or 0-based indices,
``a,b`` for several outputs; default the last); a ``.npz`` file holds ``X`` and ``y``
(one value per sample or samples × outputs), optionally ``X_test`` and ``y_test``.

``--json`` of train prints {"loss", "r2", "test_r2" and "test_loss" (with a test split),
"val_r2" (with --validation), "epochs", "seconds"}: R² and the loss of the standardised
targets on the training samples after training.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import numpy as np

from chainrule.cli.common import print_json
from chainrule.cli.paths import check_paths, check_save, plot_paths
from chainrule.cli.resume import record_run, resumed
from chainrule.cli.train_classifier import fit_to, layer_sizes, model_options, summary_line
from chainrule.cli.words import count, say
from chainrule.data.base import validation_split
from chainrule.data.files import file_kind
from chainrule.data.regression import (
    REGRESSION_SETS,
    RegressionData,
    load_regression_file,
    load_regression_set,
)
from chainrule.errors import ChainruleError
from chainrule.training.regressor import REGRESSION_LOSSES, Regressor
from chainrule.util.lock import checkpoint_lock

TASKS = ("classification", "regression")
CLASS_ONLY = ("classes", "data_dir")  # options that mean nothing to a regressor


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--task",
        choices=TASKS,
        default=None,
        help="classification (the default) or regression: numeric targets, identity outputs, "
        f"mean squared error ({', '.join(REGRESSION_SETS)} are regression sets)",
    )


def wanted(args: argparse.Namespace) -> bool:
    """True when ``train`` is asked for a regressor."""
    if getattr(args, "task", None) == "classification" and args.dataset in REGRESSION_SETS:
        raise ChainruleError(f"{args.dataset} is a regression data set: expected --task regression")
    return getattr(args, "task", None) == "regression" or args.dataset in REGRESSION_SETS


def load_data(args: argparse.Namespace, name: str | None) -> RegressionData:
    """The regression data named by DATASET or --data."""
    if args.data is not None:
        if name is not None:
            raise ChainruleError("give a DATASET or --data FILE, not both")
        return load_regression_file(args.data, args.label_column)
    if name not in REGRESSION_SETS:
        raise ChainruleError(
            f"data set {name!r} for regression: expected one of {', '.join(REGRESSION_SETS)} "
            "or --data FILE"
        )
    noise = 0.0 if args.noise is None else args.noise
    return load_regression_set(
        name, 400 if args.samples is None else args.samples, noise, args.seed
    )


def build_model(args: argparse.Namespace, data: RegressionData) -> Regressor:
    return Regressor(
        layer_sizes(args, data, data.outputs, "targets"),
        activation=args.activation or data.recipe.activation,
        loss=args.loss or "mse",
        output_names=data.output_names,
        **model_options(args, data),
    )


def _check_options(args: argparse.Namespace) -> None:
    for option in CLASS_ONLY:
        if getattr(args, option, None) is not None:
            flag = "--" + option.replace("_", "-")
            raise ChainruleError(f"{flag} is for classification, not allowed with regression")
    if args.loss is not None and args.loss not in REGRESSION_LOSSES:
        raise ChainruleError(
            f"--loss {args.loss} for regression: expected one of {', '.join(REGRESSION_LOSSES)}"
        )


def run(args: argparse.Namespace) -> int:
    _check_options(args)
    check_save(args.save)
    outputs = [("--save", args.save), *plot_paths(args.plot, regression=True)]
    check_paths([("--data", args.data)], outputs)
    with checkpoint_lock(args.save):  # from reading the checkpoint to its last save
        resumed_model = resumed(args, Regressor)
        data = load_data(args, args.dataset)
        return train_and_report(args, data, resumed_model)


def train_and_report(
    args: argparse.Namespace, data: RegressionData, model: Regressor | None
) -> int:
    epochs = data.epochs if args.epochs is None else args.epochs
    if model is not None and model.sizes[:1] != [data.features]:
        raise ChainruleError(
            f"{args.save!r} is not a regressor taking {data.features} inputs: resume with "
            "the model trained on this data, or train to a new --save file"
        )
    if model is None:
        model = build_model(args, data)
        model.schedule.epochs = max(1, epochs)
    else:  # a cosine schedule resumed past its last epoch spans the new total
        model.schedule.epochs = max(model.schedule.epochs, epochs)
    record_run(args, model, noise=0.0)
    x, y, x_val, y_val = validation_split(data.x, data.y, args.validation or 0.0, args.seed)
    seconds = fit_to(args, model, epochs, x, y, x_val, y_val)
    scores = model.evaluate(x, y)
    report: dict[str, Any] = {"loss": scores["loss"], "r2": scores["r2"]}
    if data.x_test is not None:
        test = model.evaluate(data.x_test, data.y_test)
        report.update(test_r2=test["r2"], test_loss=test["loss"])
    if x_val is not None:
        report["val_r2"] = model.evaluate(x_val, y_val)["r2"]
    report.update(epochs=model.epoch, seconds=seconds)
    paths: list[str] = []
    if args.plot is not None:
        from chainrule.teach.plots_regression import plot_regression

        shown = (data.x_test, data.y_test) if data.x_test is not None else (x, y)
        paths = plot_regression(model, args.plot, shown[0], shown[1], lang=args.lang)
    if args.json:
        print_json(report)
        return 0
    if not args.quiet:
        write_summary(args, data, model, report, paths, len(x))
    return 0


def write_summary(
    args: argparse.Namespace,
    data: RegressionData,
    model: Regressor,
    report: dict[str, Any],
    paths: list[Any],
    samples: int,
) -> None:
    """The summary in ``--lang``: the recipe as trained, loss and R², the files written."""
    lang = args.lang
    lines = [
        summary_line(lang, data, model, samples, report["seconds"]),
        say(lang, "r2_train_scores", loss=f"{report['loss']:.4f}", r2=f"{report['r2']:.4f}"),
    ]
    if "val_r2" in report:
        lines.append(say(lang, "r2_validation_scores", r2=f"{report['val_r2']:.4f}"))
    if "test_r2" in report:
        lines.append(
            say(
                lang,
                "r2_test_scores",
                loss=f"{report['test_loss']:.4f}",
                r2=f"{report['test_r2']:.4f}",
            )
        )
    if args.save is not None:
        lines.append(say(lang, "saved", path=args.save))
    lines += [say(lang, "plot", path=path) for path in paths]
    sys.stdout.write("\n".join(lines) + "\n")


def evaluate(args: argparse.Namespace, model: Regressor) -> int:
    """``chainrule evaluate`` of a regressor: loss, R², MAE and RMSE on DATA's test split (a
    toy set's held-out points, a file's X_test and y_test), else on all of DATA."""
    if args.data in REGRESSION_SETS:
        data = load_regression_set(
            args.data, 400 if args.samples is None else args.samples, args.noise or 0.0, args.seed
        )
    else:
        data = load_regression_file(args.data, args.label_column)
    x, y, split = (
        (data.x_test, data.y_test, "test") if data.x_test is not None else (data.x, data.y, "all")
    )
    scores = model.evaluate(x, y)
    if args.json:
        print_json({**scores, "samples": len(x), "split": split, "outputs": model.output_names})
        return 0
    lang = args.lang
    line = say(
        lang,
        "r2_evaluated",
        name=data.name,
        split=say(lang, f"split_{split}"),
        samples=count(lang, len(x), "sample"),
        loss=f"{scores['loss']:.4f}",
        r2=f"{scores['r2']:.4f}",
        mae=f"{scores['mae']:.4g}",
        rmse=f"{scores['rmse']:.4g}",
    )
    sys.stdout.write(line + "\n")
    return 0


def read_inputs(model: Regressor, path: str, label_column: str | None) -> np.ndarray:
    """The inputs of INPUT for a regressor: a .npz file's X, or a CSV file's columns (the
    target columns left out when the file has them)."""
    kind = file_kind(path)
    if kind == "npz":
        from chainrule.data.files import load_npz

        return load_npz(path, require_labels=False)["X"]
    if kind != "csv":
        raise ChainruleError(f"{path!r}: a regressor predicts from .npz or .csv files")
    from chainrule.data.files import load_csv

    table, _, header = load_csv(path, None, require_labels=False)
    features = model.sizes[0] if model.sizes else 0
    if table.shape[1] == features and label_column is None:
        return table
    names = label_column or ",".join(n for n in (model.output_names or []) if n in header)
    if not names:
        raise ChainruleError(
            f"{path!r} has {table.shape[1]} columns, expected {features} features "
            "(or name the target columns with --label-column)"
        )
    return load_regression_file(path, names).x


def predict(args: argparse.Namespace, model: Regressor) -> int:
    """``chainrule predict`` of a regressor: the predicted values of every sample."""
    x = read_inputs(model, args.input, args.label_column)
    values = model.predict(x).reshape(len(x), -1)
    names = model.output_names or [f"y{k}" for k in range(values.shape[1])]
    if args.json:
        print_json({"predictions": [[float(v) for v in row] for row in values], "outputs": names})
        return 0
    source = os.path.basename(args.input)
    for i, row in enumerate(values):
        shown = "  ".join(f"{n} {v:.6g}" for n, v in zip(names, row, strict=True))
        sys.stdout.write(f"{source}[{i}]: {shown}\n")
    return 0
