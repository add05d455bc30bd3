"""``chainrule graph``: a computational graph with its forward values and gradients."""

from __future__ import annotations

import argparse

from ..errors import ChainruleError
from ..examples import apple_graph, chain_graph, sigmoid_graphs
from ..graph import graph_dict
from ..tensor import Tensor
from .common import print_json

EXAMPLES = ("apple", "chain", "sigmoid")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "graph",
        help="a computational graph with values and gradients",
        description="Build a seed-001 graph, run forward and backward, and print it.",
    )
    p.add_argument("--example", default="apple", metavar="NAME",
                   help=f"one of {', '.join(EXAMPLES)} (default apple)")
    p.add_argument("--format", choices=["json"], default="json", help="output format")
    p.set_defaults(run=run)


def example_roots(name: str) -> list[Tensor]:
    """The root tensors of a built-in example graph, after backward."""
    if name == "apple":
        roots = [apple_graph()[0]]
    elif name == "chain":
        roots = [chain_graph()[0]]
    elif name == "sigmoid":
        y, y_fused, _ = sigmoid_graphs()
        roots = [y, y_fused]
    else:
        raise ChainruleError(f"unknown example {name!r}: expected one of {', '.join(EXAMPLES)}")
    for root in roots:
        root.backward()
    return roots


def run(args: argparse.Namespace) -> int:
    print_json(graph_dict(*example_roots(args.example)))
    return 0
