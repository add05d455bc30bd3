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
from . import evaluate, explain, export, graph, predict, train
from .common import add_lang_argument
from .i18n import (
    error_line,
    language_from_argv,
    strip_prog,
    subparsers,
    translate_parser,
    usage_prefix,
)

COMMANDS = (explain, train, graph, evaluate, predict, export)


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the bad value (exit status 2), with
    "did you mean" for a misspelt choice or option; help in the user's language."""

    lang = "en"

    def error(self, message: str) -> None:  # type: ignore[override]
        where = strip_prog(self.prog)
        hint = _choice_hint(message) or _option_hint(self, message)
        raise ChainruleError(f"{where}: {message}{hint}" if where else f"{message}{hint}")

    def format_usage(self) -> str:
        return _localise_usage(super().format_usage(), self.lang)

    def format_help(self) -> str:
        return _localise_usage(super().format_help(), self.lang)


def _localise_usage(text: str, lang: str) -> str:
    return usage_prefix(lang) + text[len("usage: ") :] if text.startswith("usage: ") else text


def _option_hint(parser: argparse.ArgumentParser, message: str) -> str:
    """ "; did you mean '--optimizer'?" for "unrecognized arguments: --optimiser adam"."""
    found = re.match(r"unrecognized arguments: (.*)$", message)
    if found is None:
        return ""
    options = [o for p in subparsers(parser) for o in p._option_string_actions]
    for token in found.group(1).split():
        if token.startswith("--"):
            hint = did_you_mean(token.split("=", 1)[0], dict.fromkeys(options))
            if hint:
                return hint
    return ""


def _choice_hint(message: str) -> str:
    """ "; did you mean 'adam'?" for argparse's "invalid choice: 'adm' (choose from ...)"."""
    found = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)$", message)
    if found is None:
        return ""
    choices = [c.strip().strip("'") for c in found.group(2).split(",")]
    return did_you_mean(found.group(1), choices)


def build_parser(lang: str = "en") -> ArgumentParser:
    parser = ArgumentParser(
        prog="chainrule",
        description="Train neural networks by backpropagation and see every step of the "
        "chain rule.",
    )
    parser.add_argument("--version", action="version", version=f"chainrule {__version__}")
    add_lang_argument(parser)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=ArgumentParser)
    for module in COMMANDS:
        module.add_parser(sub)
    translate_parser(parser, lang)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else list(argv)
    lang = language_from_argv(argv)
    parser = build_parser(lang)
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return int(args.run(args) or 0)
    except ChainruleError as exc:
        print(error_line(exc, lang), file=sys.stderr)
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
