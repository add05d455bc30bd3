"""``chainrule evaluate MODEL DATA``: loss, accuracy and confusion matrix of a saved model.

DATA is a data set name (its test split when it has one) or a ``.npz`` / CSV file (its
``X_test``, ``y_test`` when present, else ``X``, ``y``).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from chainrule.cli import regression
from chainrule.cli.common import add_lang_argument, print_json, whole_number
from chainrule.cli.train_classifier import add_data_arguments, load_data
from chainrule.cli.words import count, say
from chainrule.data import DATASETS, POINT_SETS
from chainrule.data.regression import REGRESSION_SETS
from chainrule.errors import ChainruleError, did_you_mean
from chainrule.training.load import load_model
from chainrule.training.regressor import Regressor


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "evaluate",
        help="loss, accuracy and confusion matrix of a saved model",
        description="Evaluate a model file on a data set (its test split when it has one) "
        "or on a .npz or CSV file.",
    )
    p.add_argument("model", metavar="MODEL", help="a model file written by train --save")
    p.add_argument("data", metavar="DATA", help=f"{', '.join(NAMES)}, or a .npz / .csv file")
    add_data_arguments(p)
    p.add_argument(
        "--seed", type=whole_number(0), default=0, help="seed of a toy data set (default 0)"
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    add_lang_argument(p)
    p.set_defaults(run=run)


NAMES = (*DATASETS, *POINT_SETS, *REGRESSION_SETS)


def check_data_name(text: str) -> None:
    """A DATA that is neither a data set nor a file name (no suffix, no such file): an
    error with "did you mean" (``fashion-mnst`` → ``fashion-mnist``)."""
    if text in NAMES or Path(text).suffix or Path(text).exists():
        return
    raise ChainruleError(
        f"unknown data set {text!r}: expected one of {', '.join(NAMES)}, or a .npz / .csv "
        f"file{did_you_mean(text, NAMES)}"
    )


def run(args: argparse.Namespace) -> int:
    check_data_name(args.data)
    model = load_model(args.model)
    if isinstance(model, Regressor):
        return regression.evaluate(args, model)
    if args.data in NAMES:
        data = load_data(argparse.Namespace(**{**vars(args), "data": None}), args.data)
    else:
        data = load_data(args, None)
    if data.x_test is not None:
        x, y, split = data.x_test, data.y_test, "test"
    else:
        x, y, split = data.x, data.y, "all"
    # labels by name, so that the model maps them to its own classes (a file's "-1" or an
    # unknown class is an error, never silently another class)
    scores = model.evaluate(x, np.asarray(data.class_names)[y])
    matrix = scores["confusion_matrix"]
    if args.json:
        print_json(
            {
                "loss": scores["loss"],
                "accuracy": scores["accuracy"],
                "samples": len(x),
                "split": split,
                "classes": model.class_names,
                "confusion_matrix": matrix.tolist(),
            }
        )
        return 0
    out = sys.stdout
    lang = args.lang
    line = say(
        lang,
        "evaluated",
        name=data.name,
        split=say(lang, f"split_{split}"),
        samples=count(lang, len(x), "sample"),
        loss=f"{scores['loss']:.4f}",
        accuracy=f"{scores['accuracy']:.4f}",
    )
    out.write(line + "\n")
    out.write(say(lang, "confusion") + "\n")
    names = model.class_names or []
    width = max(6, *(len(str(v)) + 1 for v in matrix.ravel()))
    label = max(len(n) for n in names) + 1
    out.write(" " * label + "".join(f"{k:>{width}}" for k in range(len(names))) + "\n")
    for k, (name, row) in enumerate(zip(names, matrix, strict=True)):
        out.write(f"{name:<{label}}" + "".join(f"{v:>{width}}" for v in row) + f"   ({k})\n")
    return 0
