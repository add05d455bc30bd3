"""The command line in the user's language: ``--lang`` read before parsing, help texts and
error messages translated.

- :func:`language_from_argv`: the ``--lang`` of the command line (anywhere in it; ``kr``,
  ``korean`` … are ``ko``), else the locale's language.
- :func:`translate_parser`: every description, help text and epilog of the parser and its
  subcommands in that language (:mod:`chainrule.cli.help_ko`).
- :func:`error_line`: the one line printed for a :class:`ChainruleError`, translated by the
  message catalogue (:mod:`chainrule.util.messages_ko`, shared with the studio) by
  :func:`chainrule.util.language.translate_message`; a message without a Korean form stays
  English. Raise sites stay English: a new message needs one catalogue entry.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Mapping, Sequence

from chainrule.errors import ChainruleError
from chainrule.util.language import check_language, default_language, translate_message


def language_from_argv(argv: Sequence[str], environ: Mapping[str, str] | None = None) -> str:
    """``en`` or ``ko``: the last valid ``--lang X`` / ``--lang=X`` of ``argv``, else the locale."""
    found: str | None = None
    for i, arg in enumerate(argv):
        if arg == "--":
            break
        value = None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        elif arg.startswith("--lang="):
            value = arg.split("=", 1)[1]
        if value is not None:
            try:
                found = check_language(value)
            except ChainruleError:
                pass  # the parser reports it, with "did you mean"
    return found or default_language(environ)


def subparsers(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """The parser and every subcommand's parser."""
    found = [parser]
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                found += subparsers(sub)
    return found


def help_texts(parser: argparse.ArgumentParser) -> list[str]:
    """Every description, epilog and help text of the parser and its subcommands."""
    texts: list[str] = []
    for p in subparsers(parser):
        texts += [t for t in (p.description, p.epilog) if t]
        for action in p._actions:
            if action.help and action.help != argparse.SUPPRESS:
                texts.append(action.help)
            if isinstance(action, argparse._SubParsersAction):
                texts += [c.help for c in action._choices_actions if c.help]
    return list(dict.fromkeys(texts))


def translate_parser(parser: argparse.ArgumentParser, lang: str) -> None:
    """Put every help text of ``parser`` (and its subcommands) into ``lang``, and make
    ``lang`` the default of every ``--lang`` option."""
    from chainrule.cli.help_ko import ARGPARSE_KO, HELP_KO

    for p in subparsers(parser):
        p.lang = lang  # type: ignore[attr-defined]
        for action in p._actions:
            if getattr(action, "chainrule_lang", False):
                action.default = lang
        if lang != "ko":
            continue
        p.description = HELP_KO.get(p.description or "", p.description)
        p.epilog = HELP_KO.get(p.epilog or "", p.epilog)
        for group in p._action_groups:
            group.title = ARGPARSE_KO.get(group.title or "", group.title)
        for action in p._actions:
            if action.help:
                action.help = HELP_KO.get(action.help, action.help)
            if isinstance(action, argparse._SubParsersAction):
                for choice in action._choices_actions:
                    choice.help = HELP_KO.get(choice.help or "", choice.help)


def error_line(exc: BaseException, lang: str) -> str:
    """The line printed for a ChainruleError: ``chainrule: error: …`` (``chainrule: 오류: …``)."""
    text = translate_message(str(exc), lang)
    return f"chainrule: {'오류' if lang == 'ko' else 'error'}: {text}"


def usage_prefix(lang: str) -> str:
    from chainrule.cli.help_ko import ARGPARSE_KO

    return ARGPARSE_KO["usage: "] if lang == "ko" else "usage: "


_PROG = re.compile(r"^chainrule(?: |$)")


def strip_prog(prog: str) -> str:
    """``chainrule train`` → ``train``; ``chainrule`` → ``""`` (the line already says chainrule)."""
    return _PROG.sub("", prog)
