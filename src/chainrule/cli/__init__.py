"""The ``chainrule`` command: a thin shell over the Python API.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args)``.
Bad input never shows a traceback: the command prints one line, ``chainrule: error: …``,
on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import re
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import ChainruleError, TrainingInterrupted, did_you_mean
from . import evaluate, explain, export, graph, predict, studio, train

COMMANDS = (explain, train, graph, evaluate, predict, export, studio)


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the bad value (exit status 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ChainruleError(f"{self.prog}: {message}{_choice_hint(message)}")


def _choice_hint(message: str) -> str:
    """ "; did you mean 'adam'?" for argparse's "invalid choice: 'adm' (choose from ...)"."""
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if found is None:
        return ""
    choices = [c.strip().strip("'") for c in found.group(2).split(",")]
    return did_you_mean(found.group(1), choices)


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="chainrule",
        description="Train neural networks by backpropagation and see every step of the "
        "chain rule.",
    )
    parser.add_argument("--version", action="version", version=f"chainrule {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    for module in COMMANDS:
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return int(args.run(args) or 0)
    except ChainruleError as exc:
        print(f"chainrule: error: {exc}", file=sys.stderr)
        return 2
    except TrainingInterrupted as stop:
        save = getattr(args, "save", None)
        where = (
            f"{save} holds {stop.completed} complete epochs; run the same command with "
            "--resume to continue"
            if save
            else f"{stop.completed} complete epochs, not saved (give --save PATH to keep them)"
        )
        print(f"chainrule: {stop}: {where}", file=sys.stderr)
        return 130
    except KeyboardInterrupt:
        print("chainrule: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
