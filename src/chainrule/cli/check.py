"""``chainrule check``: check a learner's answers to an exercise and name the mistakes.

chainrule check --example mazur answers.json         # a report; exit 1 if a number is wrong
chainrule check --spec problem.json answers.json --json
chainrule check --example mazur answers.json --lang ko

Exit status: 0 when every answer is right, 1 when some are wrong, 2 on bad input.
"""

from __future__ import annotations

import argparse
import os
import sys

from chainrule.cli.common import print_json
from chainrule.teach.examples import SPECS
from chainrule.teach.exercises import check, exercise
from chainrule.teach.exercises.check import read_answers
from chainrule.util.language import LANGUAGES, default_language


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "check",
        help="check answers to an exercise: which number is the first wrong one, and why",
        description="Recompute the step with the engine and compare it with ANSWERS.json "
        "(a JSON object of answer names and numbers, as chainrule exercise --template writes "
        "it). A number is right to the digits written. For each wrong one: what it is "
        "computed from, and the known mistake that gives it. Exit status 0 when every "
        "answer is right, 1 when some are wrong, 2 on bad input.",
    )
    source = p.add_mutually_exclusive_group(required=True)
    source.add_argument("--example", metavar="NAME", help=f"a built-in example: {', '.join(SPECS)}")
    source.add_argument("--spec", metavar="FILE", help="a problem or network spec file (JSON)")
    p.add_argument("answers", metavar="ANSWERS.json", help='the answers: {"net_h1": 0.3775, …}')
    p.add_argument(
        "--lang", choices=LANGUAGES, default=None, help="en or ko (default: from the locale)"
    )
    p.add_argument("--json", action="store_true", help="print the result as JSON")
    p.set_defaults(run=run)


def run(args: argparse.Namespace) -> int:
    lang = args.lang or default_language()
    sheet = (
        exercise(args.example, lang=lang) if args.example else exercise(spec=args.spec, lang=lang)
    )
    report = check(sheet, read_answers(args.answers), lang=lang)
    if args.json:
        print_json(report.to_dict())
    else:
        color = sys.stdout.isatty() and "NO_COLOR" not in os.environ
        sys.stdout.write(report.text(color=color))
    return 0 if report.all_right else 1
