"""``chainrule predict MODEL INPUT``: the predicted class and probabilities of each sample.

INPUT is a ``.npz`` file (array ``X``), a CSV file (a header row and the features; a label
column -- ``--label-column``, or the one column of words or the last column when the file
has one column more than the model has inputs -- is left out), or a PNG
image for a model trained on 28×28 images (MNIST, Fashion-MNIST): grey levels as they are
(light drawing on a dark background, as in the data sets; ``--invert`` for dark on light).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

from chainrule.cli import regression
from chainrule.cli.common import add_lang_argument, print_json, whole_number
from chainrule.data.files import csv_header, file_kind, load_csv, load_npz
from chainrule.data.png import read_png
from chainrule.errors import ChainruleError
from chainrule.training.classifier import Classifier
from chainrule.training.load import load_model
from chainrule.training.regressor import Regressor


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "predict",
        help="predict classes with a saved model",
        description="Predict the class of every sample of a .npz or CSV file, or of a PNG "
        "image, with a model file.",
    )
    p.add_argument("model", metavar="MODEL", help="a model file written by train --save")
    p.add_argument("input", metavar="INPUT", help="a .npz, .csv or .png file")
    p.add_argument(
        "--label-column",
        metavar="NAME|INDEX",
        default=None,
        help="a CSV label column to leave out (default: the last, if one too many)",
    )
    p.add_argument("--invert", action="store_true", help="PNG: dark drawing on a light background")
    p.add_argument("--top", type=whole_number(1), default=3, help="probabilities shown (default 3)")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    add_lang_argument(p)
    p.set_defaults(run=run)


def read_inputs(model: Classifier, path: str, label_column: str | None, invert: bool) -> np.ndarray:
    kind = file_kind(path)
    features = model.sizes[0] if model.sizes else 0
    if kind == "npz":
        return load_npz(path, require_labels=False)["X"]
    if kind == "csv":
        if label_column is not None:
            return load_csv(path, label_column)[0]
        try:
            x = load_csv(path, None, require_labels=False)[0]
            if x.shape[1] != features + 1:
                return x  # the model's own check names a width that is still wrong
            error = None
        except ChainruleError as exc:
            error = exc
        # one column too many (the labels): the last one, as `chainrule train` reads a CSV,
        # else the first that is not numbers
        columns = len(csv_header(path))
        for column in [columns - 1, *range(columns - 1)]:
            try:
                x = load_csv(path, column)[0]
            except ChainruleError:
                continue
            if x.shape[1] == features:
                return x
        if error is not None:
            raise error
        return x
    if not model.image_shape:
        raise ChainruleError(f"{path!r}: a PNG needs a model trained on images (MNIST-family)")
    grey = read_png(path, model.image_shape)  # another size is refused from the header
    if list(grey.shape) != list(model.image_shape):
        shape = "×".join(map(str, model.image_shape))
        raise ChainruleError(
            f"{path!r} is {grey.shape[0]}×{grey.shape[1]} pixels, expected {shape}"
        )
    if invert:
        grey = 255 - grey
    return grey.reshape(1, -1)


def run(args: argparse.Namespace) -> int:
    model = load_model(args.model)
    if isinstance(model, Regressor):
        return regression.predict(args, model)
    x = read_inputs(model, args.input, args.label_column, args.invert)
    proba = model.predict_proba(x)
    if not np.isfinite(proba).all():
        sample = int(np.argwhere(~np.isfinite(proba))[0][0])
        raise ChainruleError(
            f"{args.input!r} sample {sample}: the model's outputs are not finite numbers "
            "(inputs far larger than those it was trained on?): expected inputs of its scale"
        )
    classes = proba.argmax(axis=1)
    names = model.class_names or [str(k) for k in range(proba.shape[1])]
    if args.json:
        print_json(
            {
                "predictions": [
                    {"class": int(c), "label": names[c], "probabilities": [float(v) for v in row]}
                    for c, row in zip(classes, proba, strict=True)
                ],
                "classes": names,
            }
        )
        return 0
    out = sys.stdout
    source = Path(args.input).name
    for i, row in enumerate(proba):
        order = np.argsort(-row, kind="stable")[: args.top]
        top = ", ".join(f"{names[k]} {row[k]:.4f}" for k in order)
        out.write(f"{source}[{i}]: {names[order[0]]}  ({top})\n")
    return 0
