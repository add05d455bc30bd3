"""Helpers shared by the subcommands: reading specs, parsing lists, printing JSON."""

from __future__ import annotations

import argparse
import json
import math
import sys
from typing import Any

from chainrule.errors import ChainruleError
from chainrule.teach.examples import canonical_name, find_example
from chainrule.teach.spec import Spec, load_spec, parse_spec
from chainrule.util.language import check_language
from chainrule.util.limits import finite_json


def spec_from_args(example: str | None, spec_path: str | None) -> Spec:
    """The spec named by ``--example`` or read from ``--spec``."""
    if spec_path is not None:
        return load_spec(spec_path)
    if example is None:
        raise ChainruleError("no network given: expected --example NAME or --spec FILE")
    return parse_spec(find_example(example), source=canonical_name(example))


def language(text: str) -> str:
    """An argparse type: ``en`` or ``ko`` (``kr``, ``korean`` … accepted), else an error."""
    try:
        return check_language(text)
    except ChainruleError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


def add_lang_argument(p: argparse.ArgumentParser, what: str = "messages and output") -> None:
    """``--lang en|ko``; None (the default) means the locale's language."""
    action = p.add_argument(
        "--lang",
        type=language,
        default=None,
        metavar="en|ko",
        help=f"language of the {what} (default from the locale: ko_* gives Korean)",
    )
    action.chainrule_lang = True  # type: ignore[attr-defined]  # its default: the resolved one


def int_list(text: str, what: str = "--layers") -> list[int]:
    """``"2,4,1"`` → [2, 4, 1], or an error naming the bad value."""
    try:
        values = [int(part) for part in text.split(",")]
    except ValueError:
        raise ChainruleError(
            f"{what} {text!r}: expected sizes separated by commas, like 2,4,1"
        ) from None
    if len(values) < 2 or any(v < 1 for v in values):
        raise ChainruleError(f"{what} {text!r}: expected at least two positive sizes, like 2,4,1")
    return values


def whole_number(minimum: int):
    """An argparse type: a whole number >= ``minimum``."""

    def convert(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(
                f"{text!r} is not a whole number: expected a whole number >= {minimum}"
            ) from None
        if value < minimum:
            raise argparse.ArgumentTypeError(f"{value}: expected a whole number >= {minimum}")
        return value

    return convert


def positive_float(text: str) -> float:
    """An argparse type: a finite number > 0."""
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(
            f"{text!r} is not a number: expected a number > 0"
        ) from None
    if not math.isfinite(value) or value <= 0:
        raise argparse.ArgumentTypeError(f"{text!r}: expected a finite number > 0")
    return value


def print_json(data: Any) -> None:
    """One JSON object on standard output; NaN and infinity (which JSON lacks) as null."""
    json.dump(finite_json(data), sys.stdout, ensure_ascii=False, allow_nan=False)
    sys.stdout.write("\n")
