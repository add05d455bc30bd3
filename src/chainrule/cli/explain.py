"""``chainrule explain``: one training step of a network, every number of it."""

from __future__ import annotations

import argparse

from ..trace import trace_step
from .common import print_json, spec_from_args


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help="show one training step: forward, error, chain rule, deltas, updates",
        description="One gradient-descent step on a network spec or a built-in example, "
        "with every net, out, delta, gradient and updated weight.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument("--example", metavar="NAME", help="a built-in example: mazur")
    source.add_argument("--spec", metavar="FILE", help="a network spec (JSON)")
    p.add_argument("--format", choices=["json"], default="json", help="output format")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    spec = spec_from_args(args.example or (None if args.spec else "mazur"), args.spec)
    trace = trace_step(spec.network, spec.inputs, spec.targets, spec.learning_rate, spec.train_biases)
    print_json(trace.to_dict())
    return 0
