"""``chainrule exercise``: a backpropagation problem sheet, its key, or a class set.

chainrule exercise --example mazur                        # the sheet, as text
chainrule exercise --seed 7 --layers 2,2,2 --activation tanh --lang ko --format html
chainrule exercise --example mazur --answers              # with the key and the solution
chainrule exercise --example mazur --template > answers.json
chainrule exercise --seed 1 --count 30 --output-dir class/   # 30 sheets, keys, problems
chainrule exercise --seed 7 --format json > problem.json  # for chainrule check --spec
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from chainrule.cli.common import int_list, whole_number
from chainrule.cli.paths import check_paths
from chainrule.cli.words import count, say
from chainrule.errors import ChainruleError
from chainrule.nn.activations import elementwise_names
from chainrule.teach.examples import SPECS
from chainrule.teach.exercises import QUESTION_LOSSES, Sheet, exercise
from chainrule.util.atomic import write_bytes, write_output
from chainrule.util.language import LANGUAGES, default_language

FORMATS = ("text", "markdown", "html", "json")
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


MAX_SHEETS = 10_000  # a class set, not a disk-filler: each sheet writes three files


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "exercise",
        help="a backpropagation problem to compute by hand, with its key",
        description="A problem sheet: a network with its weights, biases, inputs and targets, "
        "and the quantities of one training step to compute by hand. Random problems "
        "(--seed) have numbers with two decimals and no dead or saturated neuron.",
    )
    source = p.add_mutually_exclusive_group()
    source.add_argument("--example", metavar="NAME", help=f"a built-in example: {', '.join(SPECS)}")
    source.add_argument("--spec", metavar="FILE", help="a network spec or problem file (JSON)")
    source.add_argument(
        "--seed",
        type=whole_number(0),
        metavar="N",
        help="a random problem (the same N, the same sheet)",
    )
    p.add_argument(
        "--layers",
        default="2,2,2",
        metavar="SIZES",
        help="random: sizes, input first (default 2,2,2)",
    )
    p.add_argument(
        "--activation",
        default="sigmoid",
        choices=elementwise_names(),
        help="random: the activation function (default sigmoid)",
    )
    p.add_argument(
        "--loss",
        default="half_sse",
        choices=QUESTION_LOSSES,
        help="random: the loss (default half_sse)",
    )
    p.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="en or ko (default: from the locale)"
    )
    p.add_argument(
        "--format", choices=FORMATS, default="text", help="text (default), markdown, html or json"
    )
    p.add_argument("--answers", action="store_true", help="add the key and the worked solution")
    p.add_argument(
        "--template", action="store_true", help="print the answer file to fill in (JSON)"
    )
    p.add_argument(
        "--count",
        type=whole_number(1),
        metavar="K",
        help="write K random sheets (seeds N, N+1, …) with keys and problem files to --output-dir",
    )
    p.add_argument("--output-dir", metavar="DIR", help="the folder for --count")
    p.add_argument(
        "--output", "-o", metavar="FILE", help="write to FILE instead of standard output"
    )
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang or default_language()
    if args.count is not None or args.output_dir is not None:
        return write_class(args, lang)
    sheet = make_sheet(args, args.seed, lang)
    if args.template:
        return emit(args, json.dumps(sheet.template(), ensure_ascii=False, indent=2) + "\n")
    return emit(args, render(sheet, args.format, args.output is None))


def make_sheet(
    args: argparse.Namespace, seed: int | None, lang: str, answers: bool | None = None
) -> Sheet:
    """The sheet of --example, --spec or a random problem from ``seed``."""
    answers = args.answers if answers is None else answers
    settings = (args.layers, args.activation, args.loss) != ("2,2,2", "sigmoid", "half_sse")
    if seed is None and settings:
        raise ChainruleError(
            "--layers, --activation and --loss are for random problems: add --seed N"
        )
    if args.spec:
        return exercise(spec=args.spec, lang=lang, answers=answers)
    if seed is not None:
        layers = int_list(args.layers)
        return exercise(
            seed=seed,
            layers=layers,
            activation=args.activation,
            loss=args.loss,
            lang=lang,
            answers=answers,
        )
    return exercise(args.example or "mazur", lang=lang, answers=answers)


def render(sheet: Sheet, fmt: str, terminal: bool = False) -> str:
    if fmt == "json":
        return json.dumps(sheet.to_dict(), ensure_ascii=False, indent=2) + "\n"
    if fmt == "markdown":
        return sheet.markdown()
    if fmt == "html":
        return sheet.html()
    color = terminal and sys.stdout.isatty() and "NO_COLOR" not in os.environ
    return sheet.text(color=color)


def write_class(args: argparse.Namespace, lang: str) -> int:
    """K sheets for a class: exercise-N.<fmt>, its key exercise-N.key.<fmt> and the problem
    exercise-N.json (for ``chainrule check --spec``), each written atomically."""
    if args.count is None or args.output_dir is None:
        raise ChainruleError("--count K and --output-dir DIR go together")
    if args.count > MAX_SHEETS:
        raise ChainruleError(
            f"--count {args.count}: expected at most {MAX_SHEETS:,} sheets (three files each)"
        )
    if args.example or args.spec:
        raise ChainruleError(
            "--count writes random problems: use --seed N, not --example or --spec"
        )
    folder = Path(args.output_dir)
    if folder.exists() and not folder.is_dir():
        raise ChainruleError(f"--output-dir {args.output_dir!r} is a file, expected a folder")
    if not folder.parent.is_dir():
        raise ChainruleError(
            f"--output-dir {args.output_dir!r}: folder {str(folder.parent)!r} does not exist"
        )
    first = args.seed if args.seed is not None else 1
    ext = SUFFIX[args.format]
    for seed in range(first, first + args.count):
        sheet = make_sheet(args, seed, lang, answers=False)
        key = Sheet(sheet.problem, lang, answers=True)
        stem = folder / f"exercise-{seed}"
        write_bytes(
            f"{stem}.json",
            (json.dumps(sheet.to_dict(), ensure_ascii=False, indent=2) + "\n").encode(),
        )
        if args.format != "json":
            write_bytes(f"{stem}.{ext}", render(sheet, args.format).encode("utf-8"))
        write_bytes(f"{stem}.key.{ext}", render(key, args.format).encode("utf-8"))
    print(say(lang, "sheets_written", count=count(lang, args.count, "sheet"), folder=folder))
    return 0


def emit(args: argparse.Namespace, text: str) -> int:
    if args.output is None:
        sys.stdout.write(text)
        return 0
    if args.spec and Path(args.output).resolve() == Path(args.spec).resolve():
        raise ChainruleError(f"--output {args.output!r} is the --spec file: expected another file")
    check_paths([("--spec", args.spec)], [("--output", args.output)])  # links too
    write_output(args.output, text.encode("utf-8"), "--output")
    return 0
