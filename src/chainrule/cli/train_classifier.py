"""``chainrule train`` in classifier mode: a data set or file, mini-batches, model files.

    chainrule train fashion-mnist --layers 784,256,128,10 --optimizer adam --lr 0.001 \\
        --batch-size 128 --epochs 10 --seed 0 --save model.npz --plot plots/

``--json`` prints {"loss", "accuracy", "test_accuracy" (when there is a test split),
"epochs", "seconds"}: loss and accuracy on the training samples as the last epoch trained
on them (running means over its batches, as Keras reports them: no second pass over the
training set), seconds of training. Progress goes to stderr (a bar on a terminal, one line
per epoch otherwise).
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

import numpy as np

from chainrule.cli.common import int_list, print_json, whole_number
from chainrule.cli.paths import check_paths, check_save, folder_files, plot_paths
from chainrule.cli.resume import record_run, resumed
from chainrule.cli.words import count, say
from chainrule.data import Dataset, load_dataset, load_file
from chainrule.data.base import validation_split
from chainrule.data.mapped import is_mapped
from chainrule.errors import ChainruleError
from chainrule.nn.losses import LOSSES
from chainrule.nn.optimizers import OPTIMIZERS
from chainrule.nn.schedules import SCHEDULES
from chainrule.training.classifier import Classifier
from chainrule.training.fit import timer
from chainrule.training.progress import make_progress
from chainrule.util.lock import checkpoint_lock

# options that only the classifier mode has (their presence selects it)
CLASSIFIER_OPTIONS = (
    "data",
    "data_dir",
    "label_column",
    "samples",
    "noise",
    "classes",
    "loss",
    "optimizer",
    "momentum",
    "weight_decay",
    "schedule",
    "init",
    "scaling",
    "dtype",
    "validation",
    "patience",
    "save",
    "resume",
    "override",
    "plot",
)


def fraction(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number: expected 0 <= value < 1"
        ) from None
    if not 0 <= value < 1:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a number 0 <= value < 1")
    return value


def non_negative_float(text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number: expected a number >= 0"
        ) from None
    if not value >= 0 or value == float("inf"):
        raise argparse.ArgumentTypeError(f"{text!r}: expected a finite number >= 0")
    return value


def add_data_arguments(p: argparse.ArgumentParser) -> None:
    """--data-dir, --label-column, --samples, --noise, --classes (shared with evaluate)."""
    p.add_argument(
        "--data-dir",
        metavar="DIR",
        default=None,
        help="folder with the IDX files of mnist / fashion-mnist (.gz or not)",
    )
    p.add_argument(
        "--label-column",
        metavar="NAME|INDEX",
        default=None,
        help="the CSV column with the labels (default the last)",
    )
    p.add_argument(
        "--samples",
        type=whole_number(1),
        default=None,
        help="points in a toy data set (default 400)",
    )
    p.add_argument(
        "--noise",
        type=non_negative_float,
        default=None,
        help="noise of a toy data set (default 0.1)",
    )
    p.add_argument(
        "--classes",
        type=whole_number(2),
        default=None,
        help="classes of spirals and gaussians (default 3)",
    )


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--data",
        metavar="FILE",
        default=None,
        help="train on a .npz (X, y, optional X_test, y_test) or CSV file, or a folder of "
        "X.npy and y.npy (optional X_test.npy, y_test.npy) read from disk a block at a time",
    )
    add_data_arguments(p)
    p.add_argument(
        "--loss",
        default=None,
        choices=list(LOSSES),
        help="loss (default cross_entropy on a softmax output)",
    )
    p.add_argument(
        "--optimizer",
        default=None,
        choices=OPTIMIZERS,
        help="sgd, momentum, nesterov or adam (default adam)",
    )
    p.add_argument(
        "--momentum",
        type=fraction,
        default=None,
        help="momentum of momentum / nesterov (default 0.9)",
    )
    p.add_argument(
        "--weight-decay",
        type=non_negative_float,
        default=None,
        help="L2 weight decay λ (default 0)",
    )
    p.add_argument(
        "--schedule",
        default=None,
        choices=SCHEDULES,
        help="learning-rate schedule by epoch (default: the data set's, see below)",
    )
    p.add_argument(
        "--init",
        default=None,
        choices=["auto", "xavier", "xavier_normal", "he", "he_uniform", "uniform"],
        help="weight initialisation (default auto: He for relu, Xavier otherwise)",
    )
    p.add_argument(
        "--scaling",
        default=None,
        choices=["none", "unit", "standardize"],
        help="input scaling: unit (pixels to [0, 1]) or standardize (each feature to mean 0, "
        "std 1; the default for images and files; none for the toy sets)",
    )
    p.add_argument(
        "--dtype",
        default=None,
        choices=["float32", "float64"],
        help="floating-point type (default float32)",
    )
    p.add_argument(
        "--validation",
        type=fraction,
        default=None,
        help="share of the training samples held out for validation (default 0)",
    )
    p.add_argument(
        "--patience",
        type=whole_number(1),
        default=None,
        help="early stopping: epochs without a better validation loss (needs "
        "--validation); the best weights are restored",
    )
    p.add_argument(
        "--save", metavar="PATH", default=None, help="save the model (.npz) after every epoch"
    )
    p.add_argument(
        "--resume",
        action="store_true",
        help="continue from --save PATH to --epochs in all (fresh if it does not exist)",
    )
    p.add_argument(
        "--override",
        action="store_true",
        help="with --resume: continue with this command's training settings (learning rate, "
        "batch size, optimizer, schedule, seed, validation, patience, data) where they differ "
        "from the saved run's",
    )
    p.add_argument(
        "--plot",
        metavar="DIR",
        default=None,
        help="write PNG plots: history, confusion matrix, decision boundary (2-D)",
    )


def wanted(args: argparse.Namespace) -> bool:
    """True when the command asks for the classifier mode: a DATASET other than the truth
    tables xor, and, or, or --data FILE. An option never switches the mode: a classifier
    option with a truth table or --spec is an error that says what to type instead."""
    given = [name for name in CLASSIFIER_OPTIONS if getattr(args, name, None) not in (None, False)]
    flag = "--" + given[0].replace("_", "-") if given else ""
    if args.spec is not None:
        if given:
            raise ChainruleError(f"{flag} is not allowed with --spec (a spec trains as written)")
        return False
    if args.data is not None:
        return True
    gate = args.dataset or "xor"
    if gate in ("xor", "and", "or"):
        if given:
            raise ChainruleError(
                f"{flag} is not an option of the truth-table mode: 'train {gate}' trains the "
                f"four rows of the {gate.upper()} truth table by plain gradient descent; for a "
                f"classifier on noisy {gate.upper()} points use 'train {gate}-points {flag} …'"
            )
        return False
    return True


def load_data(args: argparse.Namespace, name: str | None = None) -> Dataset:
    """The data set named by DATASET or --data."""
    if getattr(args, "data", None) is not None:
        if name is not None:
            raise ChainruleError("give a DATASET or --data FILE, not both")
        column: Any = args.label_column
        return load_file(args.data, column)
    return load_dataset(
        name or "xor-points",
        data_dir=args.data_dir,
        samples=400 if args.samples is None else args.samples,
        noise=0.1 if args.noise is None else args.noise,
        seed=args.seed,
        classes=3 if args.classes is None else args.classes,
    )


def layer_sizes(
    args: argparse.Namespace, data: Any, outputs: int, what: str = "classes"
) -> list[int]:
    """--layers checked against the data's features and ``outputs``, else the data's own."""
    if args.layers is None:
        return [data.features, *data.hidden, outputs]
    sizes = int_list(args.layers)
    if sizes[0] != data.features or sizes[-1] != outputs:
        raise ChainruleError(
            f"--layers {args.layers!r}: {data.name} has {data.features} features and "
            f"{outputs} {what}, expected sizes like {data.features},64,{outputs}"
        )
    return sizes


def model_options(args: argparse.Namespace, data: Any) -> dict[str, Any]:
    """The options every model of ``train`` takes from the command line (or the data)."""
    return {
        "optimizer": args.optimizer or "adam",
        "learning_rate": args.lr,
        "weight_decay": args.weight_decay or 0.0,
        "momentum": args.momentum,
        "schedule": args.schedule or data.schedule,
        "batch_size": args.batch_size or data.batch_size,
        "init": args.init or "auto",
        "scaling": args.scaling or data.scaling,
        "seed": args.seed,
        "dtype": args.dtype or "float32",
    }


def build_model(args: argparse.Namespace, data: Dataset) -> Classifier:
    return Classifier(
        layer_sizes(args, data, data.classes),
        activation=args.activation or "relu",
        loss=args.loss or "cross_entropy",
        class_names=data.class_names,
        image_shape=data.image_shape,
        **model_options(args, data),
    )


def check_outputs(args: argparse.Namespace, data: Dataset | None) -> None:
    """--save and --plot's files: none of them an input, none the same file twice (before
    the data is read, the plots of 2-D data are not known yet)."""
    inputs = [("--data", args.data)]
    if getattr(args, "data_dir", None) is not None:
        inputs += [("--data-dir", path) for path in folder_files(args.data_dir)]
    two_dimensional = data is not None and data.features == 2
    check_paths(inputs, [("--save", args.save), *plot_paths(args.plot, two_dimensional)])


def fit_to(
    args: argparse.Namespace,
    model: Classifier,
    epochs: int,
    x: np.ndarray,
    y: np.ndarray,
    x_val: np.ndarray | None,
    y_val: np.ndarray | None,
) -> float:
    """Train ``model`` up to ``epochs`` in all (progress, --patience, --save after every
    epoch); returns the seconds taken."""
    remaining = max(0, epochs - model.epoch)
    progress = make_progress(
        "quiet" if args.quiet else "auto", sys.stderr, lang=getattr(args, "lang", None)
    )
    start = timer()
    model.fit(
        x,
        y,
        epochs=remaining,
        validation_data=None if x_val is None else (x_val, y_val),
        patience=args.patience,
        progress=progress,
        save_path=args.save,
    )
    seconds = timer() - start
    if remaining == 0 and args.save is not None and not os.path.exists(args.save):
        model.save(args.save)
    return seconds


def run(args: argparse.Namespace) -> int:
    check_save(args.save)
    check_outputs(args, None)
    with checkpoint_lock(args.save):  # from reading the checkpoint to its last save
        model = resumed(args, Classifier)
        data = load_data(args, args.dataset)
        check_outputs(args, data)
        return train_and_report(args, data, model)


def train_and_report(args: argparse.Namespace, data: Dataset, model: Classifier | None) -> int:
    epochs = data.epochs if args.epochs is None else args.epochs
    if model is not None and model.sizes and model.sizes[0] != data.features:
        raise ChainruleError(
            f"{args.save!r} takes {model.sizes[0]} inputs, but {data.name} has {data.features}"
        )
    if model is not None:
        # a cosine schedule resumed past its last epoch spans the new total: its learning
        # rate would otherwise stay at 0 after the saved run's last epoch
        model.schedule.epochs = max(model.schedule.epochs, epochs)
    else:
        model = build_model(args, data)
        model.schedule.epochs = max(1, epochs)  # a cosine schedule ends at the last epoch
    record_run(args, model, noise=0.1)
    labels, y_test = data.y, data.y_test
    if args.resume and data.class_names != model.class_names:
        # the file's own numbering of its classes is not the model's: go by name
        labels = np.asarray(data.class_names)[data.y]
        y_test = None if y_test is None else np.asarray(data.class_names)[y_test]
    if args.validation and is_mapped(data.x):
        raise ChainruleError(
            f"--validation {args.validation} with a folder of .npy files: expected the held-out "
            "samples in X_test.npy and y_test.npy"
        )
    x, y, x_val, y_val = validation_split(data.x, labels, args.validation or 0.0, args.seed)
    seconds = fit_to(args, model, epochs, x, y, x_val, y_val)
    if model.history.epochs:  # the last epoch's running means: no second pass over x
        train_scores = {"loss": model.history.loss[-1], "accuracy": model.history.accuracy[-1]}
    else:
        train_scores = model.evaluate(x, y)
    report: dict[str, Any] = {"loss": train_scores["loss"], "accuracy": train_scores["accuracy"]}
    test_scores = None
    if data.x_test is not None:
        test_scores = model.evaluate(data.x_test, y_test)
        report["test_accuracy"] = test_scores["accuracy"]
        report["test_loss"] = test_scores["loss"]
    if x_val is not None and model.history.val_accuracy:
        report["val_accuracy"] = model.history.val_accuracy[-1]
    report["epochs"] = model.epoch
    report["seconds"] = seconds
    if args.plot is not None:
        from chainrule.teach.plots import plot_training

        shown = (
            (data.x_test, y_test)
            if data.x_test is not None
            else ((x_val, y_val) if x_val is not None else (x, y))
        )
        report_paths = plot_training(
            model,
            args.plot,
            shown[0],
            shown[1],
            boundary=(x, y) if data.features == 2 else None,
            lang=args.lang,
        )
    else:
        report_paths = []
    if model.stopped_epoch is not None:
        report["stopped_epoch"] = model.stopped_epoch
        report["restored_epoch"] = model.best["epoch"]
    if args.json:
        print_json(report)
        return 0
    if not args.quiet:
        write_summary(args, data, model, report, test_scores, report_paths, len(x))
    return 0


def recipe_text(lang: str, model: Classifier) -> str:
    """Layers, activation, optimizer, learning rate, batch size, epochs and schedule of a
    model."""
    recipe = say(
        lang,
        "recipe",
        layers="-".join(map(str, model.sizes or [])),
        activation=model.activation,
        optimizer=model.optimizer.name,
        lr=f"{model.base_learning_rate:g}",
        batch=str(model.batch_size),
        epochs=count(lang, model.epoch, "epoch"),
    )
    return say(lang, "scheduled", recipe=recipe, schedule=model.schedule.kind)


def summary_line(lang: str, data: Any, model: Classifier, samples: int, seconds: float) -> str:
    """The summary's first line: the data set, the recipe as trained, the samples, the time."""
    tests = "" if data.x_test is None else ", " + count(lang, len(data.x_test), "test sample")
    return say(
        lang,
        "summary",
        name=data.name,
        recipe=recipe_text(lang, model),
        samples=count(lang, samples, "training sample"),
        tests=tests,
        seconds=f"{seconds:.1f}",
    )


def write_summary(
    args: argparse.Namespace,
    data: Dataset,
    model: Classifier,
    report: dict[str, Any],
    test_scores: dict[str, Any] | None,
    paths: list[Any],
    samples: int,
) -> None:
    """The summary: the recipe as trained, the scores, early stopping, the files written."""
    lang = args.lang
    lines = [
        summary_line(lang, data, model, samples, report["seconds"]),
        say(
            lang, "train_scores", loss=f"{report['loss']:.4f}", accuracy=f"{report['accuracy']:.4f}"
        ),
    ]
    if "val_accuracy" in report:
        lines.append(say(lang, "validation_scores", accuracy=f"{report['val_accuracy']:.4f}"))
    if test_scores is not None:
        lines.append(
            say(
                lang,
                "test_scores",
                loss=f"{test_scores['loss']:.4f}",
                accuracy=f"{test_scores['accuracy']:.4f}",
            )
        )
    if "stopped_epoch" in report:
        lines.append(
            say(
                lang,
                "early_stop",
                stopped=report["stopped_epoch"],
                patience=count(lang, args.patience, "epoch"),
                best=report["restored_epoch"],
            )
        )
    if args.save is not None:
        lines.append(say(lang, "saved", path=args.save))
    lines += [say(lang, "plot", path=path) for path in paths]
    sys.stdout.write("\n".join(lines) + "\n")
