"""``chainrule train``: train a network by gradient descent and report loss and accuracy.

The command names the mode; no option switches it:

- ``chainrule train xor|and|or`` (or no DATASET): the truth-table mode. The four rows of the
  gate, the XOR blog post's 2-4-1 sigmoid network on the half sum-of-squares error, plain
  full-batch gradient descent (:data:`chainrule.data.recipes.TRUTH_TABLE`). A classifier
  option (``--optimizer``, ``--save``, ...) is an error that points at ``xor-points``.
- ``chainrule train --spec FILE``: the spec's network, samples and learning rate.
- any other DATASET or ``--data FILE``: a :class:`chainrule.training.classifier.Classifier` with
  the data set's recipe (:mod:`chainrule.data.recipes`; see :mod:`chainrule.cli.train_classifier`).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from chainrule.cli import regression as regression_mode
from chainrule.cli import train_classifier as classifier_mode
from chainrule.cli.common import (
    add_lang_argument,
    int_list,
    positive_float,
    print_json,
    whole_number,
)
from chainrule.cli.train_help import RECIPES_EPILOG, TableFormatter
from chainrule.cli.words import count, say
from chainrule.data import DATASETS, POINT_SETS
from chainrule.data.recipes import TRUTH_TABLE
from chainrule.data.regression import REGRESSION_SETS
from chainrule.errors import ChainruleError, did_you_mean
from chainrule.nn import Network
from chainrule.nn.activations import elementwise_names
from chainrule.teach.examples import LOGIC_GATES
from chainrule.teach.spec import load_spec
from chainrule.training.loop import accuracy, evaluate_loss, train

TRUTH_TABLES = tuple(LOGIC_GATES)  # xor, and, or
NAMES = (
    *TRUTH_TABLES,
    *POINT_SETS,
    *(d for d in DATASETS if d not in TRUTH_TABLES),
    *REGRESSION_SETS,
)


def dataset_name(text: str) -> str:
    """An argparse type: a data set name, else an error with "did you mean"."""
    if text not in NAMES:
        raise argparse.ArgumentTypeError(
            f"unknown data set {text!r}: expected one of {', '.join(NAMES)}"
            f"{did_you_mean(text, NAMES)}"
        )
    return text


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="train a network (a data set, a data file or a spec file)",
        description="Train a multi-layer perceptron by gradient descent. DATASET xor, and or "
        "or (xor when none is given) trains the four rows of the truth table (the XOR blog "
        "post's network and error, plain gradient descent); --spec FILE trains a spec's "
        "network and samples; every other DATASET and --data FILE train a classifier in "
        "mini-batches with the data set's own defaults (below).",
        epilog=RECIPES_EPILOG,
        formatter_class=TableFormatter,
    )
    p.add_argument(
        "dataset",
        nargs="?",
        type=dataset_name,
        metavar="DATASET",
        help=f"one of {', '.join(NAMES)} (default xor)",
    )
    p.add_argument("--spec", metavar="FILE", help="train the network and samples of a spec file")
    p.add_argument(
        "--layers",
        default=None,
        help="sizes from input to output (default per data set, below; 2,1 is the "
        "single-layer perceptron)",
    )
    activation = p.add_argument(
        "--activation",
        default=None,
        help="hidden-layer activation: %(records)s (default per data set, below)",
    )
    activation.records = ", ".join(elementwise_names())  # type: ignore[attr-defined]
    p.add_argument(
        "--lr",
        "--learning-rate",
        dest="lr",
        type=positive_float,
        default=None,
        help="learning rate η (default per data set, below; a spec's own)",
    )
    p.add_argument(
        "--epochs",
        type=whole_number(0),
        default=None,
        help="passes over the training samples (default per data set, below)",
    )
    p.add_argument(
        "--batch-size",
        type=whole_number(1),
        default=None,
        help="samples per step: 1 is online training (default per data set, below)",
    )
    p.add_argument(
        "--seed",
        type=whole_number(0),
        default=None,
        help="random seed (default 0; with --resume the saved run's)",
    )
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    p.add_argument(
        "--quiet", action="store_true", help="print nothing but errors (and --json's result)"
    )
    classifier_mode.add_arguments(p)
    regression_mode.add_arguments(p)
    add_lang_argument(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if regression_mode.wanted(args):
        return regression_mode.run(args)
    if classifier_mode.wanted(args):
        return classifier_mode.run(args)
    lang = args.lang
    args.seed = 0 if args.seed is None else args.seed
    if args.spec is not None:
        if args.dataset is not None:
            raise ChainruleError("give a DATASET or --spec FILE, not both")
        if args.layers is not None or args.activation is not None:
            raise ChainruleError(
                "--layers and --activation come from the spec: not allowed with --spec"
            )
        spec = load_spec(args.spec)
        network, x, t = spec.network, spec.inputs, spec.targets
        learning_rate = args.lr or spec.learning_rate
        train_biases = spec.train_biases
        name = spec.name
        sizes = [network.layers[0].input_size, *(layer.units for layer in network.layers)]
        activation = ", ".join(dict.fromkeys(layer.activation for layer in network.layers))
    else:
        name = args.dataset or "xor"
        x, t = LOGIC_GATES[name]
        sizes = int_list(args.layers) if args.layers else list(TRUTH_TABLE.layers)
        if sizes[0] != x.shape[1] or sizes[-1] != t.shape[1]:
            raise ChainruleError(
                f"--layers {args.layers!r}: {name} has {x.shape[1]} inputs and {t.shape[1]} "
                f"output, expected sizes like {x.shape[1]},4,{t.shape[1]}"
            )
        activation = args.activation or TRUTH_TABLE.activation
        network = Network.from_sizes(
            sizes,
            activation=activation,
            output_activation="sigmoid",
            loss="half_sse",
            seed=args.seed,
        )
        learning_rate = args.lr or TRUTH_TABLE.learning_rate
        train_biases = True
    epochs = TRUTH_TABLE.epochs if args.epochs is None else args.epochs
    with np.errstate(over="ignore", invalid="ignore", divide="ignore"):  # divergence is reported
        result = train(
            network,
            x,
            t,
            epochs,
            learning_rate,
            batch_size=args.batch_size,
            seed=args.seed,
            train_biases=train_biases,
        )
    loss = result.loss if result.losses else evaluate_loss(network, x, t)
    if args.json:
        report = {"loss": loss, "epochs": epochs, "seconds": result.seconds}
        if args.spec is None:
            report = {
                "loss": loss,
                "accuracy": accuracy(network, x, t),
                "epochs": epochs,
                "seconds": result.seconds,
            }
        print_json(report)
        return 0
    if args.quiet:
        return 0
    batch = args.batch_size or len(x)
    recipe = say(
        lang,
        "recipe",
        layers="-".join(map(str, sizes)),
        activation=activation,
        optimizer=say(lang, "gradient_descent"),
        lr=f"{learning_rate:g}",
        batch=str(batch) if batch < len(x) else say(lang, "full_batch", n=len(x)),
        epochs=count(lang, epochs, "epoch"),
    )
    out = sys.stdout
    if args.spec is None:
        head = say(
            lang,
            "truth_table",
            name=name,
            rows=count(lang, len(x), "row"),
            recipe=recipe,
            seconds=f"{result.seconds:.2f}",
        )
    else:
        head = say(lang, "spec_summary", name=name, recipe=recipe, seconds=f"{result.seconds:.2f}")
    out.write(head + "\n")
    if result.losses:
        n = len(result.losses)
        for i in sorted({0, n // 4, n // 2, 3 * n // 4, n - 1}):
            out.write(say(lang, "epoch_line", epoch=i + 1, loss=f"{result.losses[i]:.9f}") + "\n")
    prediction = network.predict(x)
    out.write(say(lang, "io_header") + "\n")
    for row, o, target in zip(x, prediction, t, strict=True):
        ins = ", ".join(f"{v:g}" for v in row)
        outs = ", ".join(f"{v:.6f}" for v in o)
        tgts = ", ".join(f"{v:g}" for v in target)
        out.write(f"  ({ins}) -> {outs} ({tgts})\n")
    if args.spec is None:
        out.write(say(lang, "accuracy_line", accuracy=f"{accuracy(network, x, t):.2f}") + "\n")
    return 0
