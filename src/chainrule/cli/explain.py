"""``chainrule explain``: one training step of a network, every number of it.

chainrule explain --example mazur                  # text (colour on a terminal)
chainrule explain --example mazur --lang ko --format markdown
chainrule explain --spec net.json --format html --output step.html
chainrule explain --example xor --steps 10 --digits 6
chainrule explain --example mazur --format json    # the numbers (StepTrace.to_dict)
chainrule explain --list
"""

from __future__ import annotations

import argparse
import os
import sys

from chainrule.cli.common import add_lang_argument, print_json, spec_from_args, whole_number
from chainrule.cli.paths import check_paths
from chainrule.errors import ChainruleError
from chainrule.teach.examples import SPECS, canonical_name
from chainrule.teach.explain import explain
from chainrule.teach.trace import trace_step
from chainrule.util.atomic import write_output
from chainrule.util.language import default_language

FORMATS = ("text", "markdown", "html", "json")
MAX_STEPS = 100_000


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "explain",
        help="show one training step: forward, error, chain rule, deltas, updates",
        description="One gradient-descent step on a network spec or a built-in example, "
        "written out the way Mazur's example does it: every net, out, error, chain-rule product, "
        "delta and updated weight, with its numbers.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument(
        "--example", metavar="NAME", help=f"a built-in example: {', '.join(SPECS)} (default mazur)"
    )
    source.add_argument("--spec", metavar="FILE", help="a network spec (JSON)")
    source.add_argument("--list", action="store_true", help="list the built-in examples")
    p.add_argument(
        "--format",
        choices=FORMATS,
        default="text",
        help="text (default; colour on a terminal), markdown (LaTeX math), "
        "html (one self-contained page) or json (the numbers)",
    )
    add_lang_argument(p, "explanation and messages")
    p.add_argument(
        "--digits",
        type=whole_number(1),
        default=9,
        metavar="N",
        help="decimal places shown (default 9, as the tutorials print them)",
    )
    p.add_argument(
        "--steps",
        type=whole_number(1),
        default=None,
        metavar="N",
        help="add a table of E_total after each of N steps",
    )
    p.add_argument(
        "--output",
        "-o",
        metavar="FILE",
        help="write to FILE (atomically) instead of standard output (- is standard output)",
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    check_paths([("--spec", args.spec)], [("--output", args.output)])
    if args.list:
        return list_examples(args)
    if args.digits > 17:
        raise ChainruleError(f"--digits {args.digits}: expected a whole number from 1 to 17")
    if args.steps is not None and args.steps > MAX_STEPS:
        raise ChainruleError(
            f"--steps {args.steps}: expected a whole number from 1 to {MAX_STEPS:,} (one table "
            "row per step)"
        )
    name = args.example or (None if args.spec else "mazur")
    spec = spec_from_args(name, args.spec)
    if args.format == "json" and args.steps is None:
        trace = trace_step(
            spec.network, spec.inputs, spec.targets, spec.learning_rate, spec.train_biases
        )
        return emit(args, None, trace.to_dict())
    lang = args.lang or default_language()
    # an example by name gets its Korean description
    source = spec if args.spec else canonical_name(name or "mazur")
    result = explain(source, lang=lang, digits=args.digits, steps=args.steps or 0)
    if args.format == "json":
        return emit(args, None, result.to_dict())
    if args.format == "markdown":
        text = result.markdown()
    elif args.format == "html":
        text = result.html()
    else:
        color = args.output in (None, "-") and sys.stdout.isatty() and "NO_COLOR" not in os.environ
        text = result.text(color=color)
    return emit(args, text, None)


def list_examples(args: argparse.Namespace) -> int:
    lang = args.lang or default_language()
    from chainrule.teach.explain.i18n import EXAMPLE_DESCRIPTIONS_KO

    width = max(len(name) for name in SPECS)
    lines = []
    for name, data in SPECS.items():
        text = EXAMPLE_DESCRIPTIONS_KO.get(name) if lang == "ko" else None
        lines.append(f"{name:<{width}}  {text or data.get('description', '')}")
    return emit(args, "\n".join(lines) + "\n", None)


def emit(args: argparse.Namespace, text: str | None, data: object) -> int:
    """Print, or write ``--output`` through a temporary file renamed into place."""
    if args.output in (None, "-"):
        if text is None:
            print_json(data)
        else:
            sys.stdout.write(text)
        return 0
    if text is None:
        import json

        from chainrule.util.limits import finite_json

        text = json.dumps(finite_json(data), ensure_ascii=False, allow_nan=False) + "\n"
    write_output(args.output, text.encode("utf-8"), "--output")
    return 0
