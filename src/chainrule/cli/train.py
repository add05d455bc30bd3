"""``chainrule train``: train a network by gradient descent and report loss and accuracy.

Two modes. The seeds' mode -- ``xor``, ``and``, ``or`` as their four truth-table rows, or
``--spec FILE`` -- trains a sigmoid network on the half sum-of-squares error with plain
gradient descent. Every other data set (or any option of the classifier mode, such as
``--optimizer``, ``--save`` or ``--noise``) trains a :class:`chainrule.model.Classifier`:
softmax outputs, mini-batches, Adam by default, a progress bar, model files (see
:mod:`chainrule.cli.train_classifier`).
"""

from __future__ import annotations

import argparse
import sys

import numpy as np

from ..datasets import DATASETS
from ..datasets.regression import REGRESSION_SETS
from ..errors import ChainruleError
from ..examples import LOGIC_GATES
from ..layers import Network
from ..spec import load_spec
from ..training import accuracy, evaluate_loss, train
from . import regression as regression_mode
from . import train_classifier as classifier_mode
from .common import int_list, positive_float, print_json, whole_number

DEFAULTS = {"layers": "2,4,1", "activation": "sigmoid", "learning_rate": 2.0, "epochs": 3000}


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "train",
        help="train a network (a data set, a data file or a spec file)",
        description="Train a multi-layer perceptron by gradient descent. With DATASET xor "
        "(the default), and or or alone: a network of --layers sizes, sigmoid neurons and the "
        "half sum-of-squares error of seed 002 on the four truth-table rows. With --spec: the "
        "spec's network and samples. Any other data set, --data FILE, or a classifier option "
        "(--optimizer, --loss, --noise, --save, ...): a classifier trained in mini-batches.",
    )
    p.add_argument(
        "dataset",
        nargs="?",
        choices=(*DATASETS, *REGRESSION_SETS),
        metavar="DATASET",
        help=f"one of {', '.join((*DATASETS, *REGRESSION_SETS))} (default xor)",
    )
    p.add_argument("--spec", metavar="FILE", help="train the network and samples of a spec file")
    p.add_argument(
        "--layers",
        default=None,
        help=f"sizes from input to output (default {DEFAULTS['layers']}; 2,1 is the "
        "single-layer perceptron)",
    )
    p.add_argument(
        "--activation",
        default=None,
        help="hidden-layer activation: sigmoid, tanh, relu, abs (default sigmoid)",
    )
    p.add_argument(
        "--lr",
        "--learning-rate",
        dest="lr",
        type=positive_float,
        default=None,
        help=f"learning rate η (default {DEFAULTS['learning_rate']}; a spec's own)",
    )
    p.add_argument(
        "--epochs",
        type=whole_number(0),
        default=None,
        help=f"full-batch gradient-descent steps (default {DEFAULTS['epochs']})",
    )
    p.add_argument(
        "--batch-size",
        type=whole_number(1),
        default=None,
        help="samples per step: 1 is online training, default all (full batch)",
    )
    p.add_argument("--seed", type=whole_number(0), default=0, help="random seed (default 0)")
    p.add_argument("--json", action="store_true", help="print the result as one JSON object")
    classifier_mode.add_arguments(p)
    regression_mode.add_arguments(p)
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    if regression_mode.wanted(args):
        return regression_mode.run(args)
    if classifier_mode.wanted(args):
        return classifier_mode.run(args)
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
    else:
        name = args.dataset or "xor"
        x, t = LOGIC_GATES[name]
        sizes = int_list(args.layers or DEFAULTS["layers"])
        if sizes[0] != x.shape[1] or sizes[-1] != t.shape[1]:
            raise ChainruleError(
                f"--layers {args.layers!r}: {name} has {x.shape[1]} inputs and {t.shape[1]} "
                f"output, expected sizes like {x.shape[1]},4,{t.shape[1]}"
            )
        network = Network.from_sizes(
            sizes,
            activation=args.activation or DEFAULTS["activation"],
            output_activation="sigmoid",
            loss="half_sse",
            seed=args.seed,
        )
        learning_rate = args.lr or DEFAULTS["learning_rate"]
        train_biases = True
    epochs = DEFAULTS["epochs"] if args.epochs is None else args.epochs
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
    out = sys.stdout
    out.write(
        f"{name}: {network!r}, learning rate {learning_rate:g}, {epochs} epochs "
        f"in {result.seconds:.2f} s\n"
    )
    if result.losses:
        marks = sorted(
            {
                0,
                len(result.losses) // 4,
                len(result.losses) // 2,
                3 * len(result.losses) // 4,
                len(result.losses) - 1,
            }
        )
        for i in marks:
            out.write(f"  epoch {i + 1:>6}  E_total {result.losses[i]:.9f}\n")
    prediction = network.predict(x)
    out.write("  input -> out (target)\n")
    for row, o, target in zip(x, prediction, t, strict=True):
        ins = ", ".join(f"{v:g}" for v in row)
        outs = ", ".join(f"{v:.6f}" for v in o)
        tgts = ", ".join(f"{v:g}" for v in target)
        out.write(f"  ({ins}) -> {outs} ({tgts})\n")
    if args.spec is None:
        out.write(f"  accuracy {accuracy(network, x, t):.2f}\n")
    return 0
