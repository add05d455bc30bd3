"""The ``chainrule`` command: a thin shell over the Python API.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args)``.
Bad input never shows a traceback: the command prints one line, ``chainrule: error: …``,
on stderr and exits with status 2.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from .. import __version__
from ..errors import ChainruleError
from . import evaluate, explain, graph, predict, train

COMMANDS = (explain, train, graph, evaluate, predict)


class ArgumentParser(argparse.ArgumentParser):
    """argparse, but a usage error is one line naming the bad value (exit status 2)."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise ChainruleError(f"{self.prog}: {message}")


def build_parser() -> ArgumentParser:
    parser = ArgumentParser(
        prog="chainrule",
        description="Train neural networks by backpropagation and see every step of the chain rule.",
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
    except KeyboardInterrupt:
        print("chainrule: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
