"""``chainrule graph``: a computational graph with its forward values and gradients.

The chain-rule slides' examples (``apple``, ``chain``, ``sigmoid``) or a network (``mazur``,
``--spec
FILE``) per scalar or per layer, as JSON (the graph as data), DOT, SVG or PNG (pictures:
values above the lines, gradients below; SVG and PNG need Graphviz's ``dot``).
"""

from __future__ import annotations

import argparse
import sys

from chainrule.cli.common import add_lang_argument, print_json, spec_from_args, whole_number
from chainrule.cli.paths import check_paths
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError, did_you_mean
from chainrule.teach.draw import FORMATS, LEVELS, GraphPicture, draw_graph, draw_network
from chainrule.teach.draw.i18n import example_names, word
from chainrule.teach.examples import (
    ALIASES,
    GRAPHS,
    SPECS,
    apple_graph,
    chain_graph,
    sigmoid_graphs,
)
from chainrule.util.atomic import write_output
from chainrule.util.language import default_language

EXAMPLES = GRAPHS


def unknown_example(name: str) -> ChainruleError:
    """The error for an example name that is neither a graph nor a network example."""
    known = [*EXAMPLES, *SPECS]
    return ChainruleError(
        f"unknown example {name!r}: expected one of {', '.join(known)}"
        f"{did_you_mean(name, [*known, *ALIASES])}"
    )


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "graph",
        help="a computational graph with values and gradients (json, dot, svg, png)",
        description=(
            "Build a graph, run forward and backward, and print it as data (json) or draw it "
            "(dot; svg and png through Graphviz's dot program): forward values above the "
            "lines, gradients below."
        ),
    )
    p.add_argument(
        "--example",
        default=None,
        metavar="NAME",
        help=f"one of {', '.join(EXAMPLES + tuple(SPECS))} (default apple)",
    )
    p.add_argument("--spec", default=None, metavar="FILE", help="a network spec (JSON) to draw")
    p.add_argument(
        "--level",
        choices=LEVELS[1:],
        default=None,
        help="a network per scalar (each weight a node; small networks), per layer "
        "(matrices; any size) or as neurons (circles in layers, as in Mazur's figures); "
        "default scalar up to 200 weights",
    )
    p.add_argument(
        "--sample",
        type=whole_number(1),
        default=None,
        metavar="N",
        help="draw the network on sample N (from 1; default: the first sample "
        "per scalar, all samples per layer)",
    )
    p.add_argument("--format", choices=FORMATS, default="json", help="output format (default json)")
    p.add_argument(
        "--output",
        "-o",
        default=None,
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output (- is standard output)",
    )
    add_lang_argument(p, "words the picture adds, and of messages")
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
        raise unknown_example(name)
    for root in roots:
        root.backward()
    return roots


def picture(args: argparse.Namespace, lang: str) -> GraphPicture:
    """The picture the arguments ask for."""
    if args.spec is not None and args.example is not None:
        raise ChainruleError("--example and --spec given: expected one of them")
    name = args.example or ("apple" if args.spec is None else None)
    if name in EXAMPLES:
        if args.level is not None or args.sample is not None:
            raise ChainruleError(f"--level and --sample are for networks, not example {name!r}")
        roots = example_roots(name)
        captions = None
        if name == "sigmoid":
            captions = [word(lang, "decomposed"), word(lang, "fused")]
        return draw_graph(*roots, lang=lang, names=example_names(lang), captions=captions)
    if name is not None and name not in SPECS and name not in ALIASES:
        raise unknown_example(name)
    spec = spec_from_args(name, args.spec)
    return draw_network(
        spec.network,
        spec.inputs,
        spec.targets,
        level=args.level or "auto",
        sample=args.sample,
        lang=lang,
        title=spec.name,
    )


def run(args: argparse.Namespace) -> int:
    check_paths([("--spec", args.spec)], [("--output", args.output)])
    if args.output == "-":
        args.output = None
    lang = args.lang or default_language()
    pic = picture(args, lang)
    if args.format == "json" and args.output is None:
        print_json(pic.data)
        return 0
    data = pic.to_bytes(args.format)
    if args.output is not None:
        write_output(args.output, data)
        return 0
    if args.format == "png" and sys.stdout.isatty():
        raise ChainruleError("png is binary and standard output is a terminal: use --output FILE")
    sys.stdout.flush()
    sys.stdout.buffer.write(data)
    sys.stdout.buffer.flush()
    return 0
