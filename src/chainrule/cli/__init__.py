"""The ``chainrule`` command: a thin shell over the Python API.

Each subcommand lives in its own module with ``add_parser(subparsers)`` and ``run(args)``.
Bad input never shows a traceback: the command prints one line, ``chainrule: error: …``,
on stderr and exits with status 2; anything unexpected is one line too, exit status 70
(``--debug`` shows the traceback).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import re
import signal
import sys
import threading
from collections.abc import Iterator, Sequence

from chainrule.cli import check as check_cmd
from chainrule.cli import evaluate, explain, export, graph, predict, studio, train
from chainrule.cli import exercise as exercise_cmd
from chainrule.cli.common import add_lang_argument
from chainrule.cli.i18n import (
    error_line,
    language_from_argv,
    strip_prog,
    subparsers,
    translate_parser,
    usage_prefix,
)
from chainrule.cli.words import count, say
from chainrule.errors import ChainruleError, Terminated, TrainingInterrupted, did_you_mean
from chainrule.util.language import LANGUAGE_ALIASES
from chainrule.version import __version__

COMMANDS = (explain, train, graph, evaluate, predict, export, studio)
COMMANDS += (exercise_cmd, check_cmd)  # exercises and answer checking


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
    alias = LANGUAGE_ALIASES.get(found.group(1).lower())  # kr → ko
    if alias in choices:
        return f"; did you mean {alias!r}?"
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
    """Run one command; returns the exit status: 0 done, 2 bad input (one line), 70 an
    unexpected error (one line; ``--debug`` anywhere on the line shows the traceback),
    130 Ctrl-C, 143 SIGTERM."""
    args_list = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args_list or os.environ.get("CHAINRULE_DEBUG") == "1"
    args_list = [a for a in args_list if a != "--debug"]
    _printable_streams()
    lang = language_from_argv(args_list)
    with _terminate_as_interrupt():
        try:
            return _run(args_list, lang)
        except Exception as exc:
            if debug:
                raise
            memory = isinstance(exc, MemoryError)
            kind = say(lang, "out_of_memory") if memory else type(exc).__name__
            _line(say(lang, "internal_error", kind=kind, message=exc))
            return 70


def _run(argv: list[str], lang: str) -> int:
    parser = build_parser(lang)
    args = None
    try:
        args = parser.parse_args(argv)
        if args.command is None:
            parser.print_help()
            return 2
        return int(args.run(args) or 0)
    except ChainruleError as exc:
        _line(error_line(exc, lang))
        return 2
    except TrainingInterrupted as stop:
        _line(interrupted_line(stop, getattr(args, "save", None), lang))
        return 143 if stop.signum == signal.SIGTERM else 130
    except Terminated:
        _line(say(lang, "terminated"))
        return 143
    except KeyboardInterrupt:
        _line(say(lang, "interrupted"))
        return 130
    except BrokenPipeError:
        return 0


def interrupted_line(stop: TrainingInterrupted, save: str | None, lang: str) -> str:
    """The line for training stopped by Ctrl-C or SIGTERM: how far it got and what was kept."""
    epochs = count(lang, stop.completed, "complete epoch")
    kept = (
        say(lang, "stopped_saved", path=save, epochs=epochs)
        if save
        else say(lang, "stopped_unsaved", epochs=epochs)
    )
    if stop.signum == signal.SIGTERM:
        return f"{say(lang, 'terminated')}: {kept}"
    where = say(lang, "stopped_in_epoch", epoch=stop.epoch, step=stop.step, steps=stop.steps)
    return f"chainrule: {where}: {kept}"


def _line(text: str) -> None:
    """One line on stderr, whatever the message holds."""
    print(" ".join(text.split("\n")), file=sys.stderr)


def _printable_streams() -> None:
    """Text that the output's encoding cannot print comes out as escapes (\\uXXXX), not as
    a UnicodeEncodeError (``PYTHONIOENCODING=ascii``, an old terminal)."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None and getattr(stream, "errors", None) == "strict":
            with contextlib.suppress(ValueError, OSError, AttributeError):
                reconfigure(errors="backslashreplace")


@contextlib.contextmanager
def _terminate_as_interrupt() -> Iterator[None]:
    """SIGTERM stops the command as Ctrl-C does (temporary files removed, exit 143);
    training sets its own handler to finish the step and save first."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def handler(signum: int, frame: object) -> None:
        raise Terminated

    previous = signal.signal(signal.SIGTERM, handler)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
