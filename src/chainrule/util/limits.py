"""Memory bounds, checked before anything is allocated: a parameter budget for networks, a
memory check for arrays a header or an argument asks for, and JSON parsed with limits on
nesting depth, number length and magnitude.

The budget is :data:`MAX_PARAMETERS` weights and biases (a 784-256-128-10 network has
235,146), and never more than a quarter of the machine's memory for the parameters: training
keeps the parameters, their gradients and up to two optimizer slots beside them.
"""

from __future__ import annotations

import itertools
import json
import math
import os
import re
from collections.abc import Sequence
from typing import Any

from chainrule.errors import ChainruleError

MAX_PARAMETERS = 200_000_000
MAX_JSON_DEPTH = 64
MAX_NUMBER_LENGTH = 100  # characters of one JSON number


def machine_memory() -> int:
    """Bytes of physical memory (8 GiB where the system does not say)."""
    try:
        return int(os.sysconf("SC_PAGE_SIZE")) * int(os.sysconf("SC_PHYS_PAGES"))
    except (ValueError, OSError, AttributeError):
        return 8 << 30


def check_memory(nbytes: int, what: str) -> None:
    """Refuse ``what`` when it needs more than half of the machine's memory."""
    limit = machine_memory() // 2
    if nbytes > limit:
        raise ChainruleError(
            f"{what} needs {nbytes:,} bytes: expected at most {limit:,} (half of this "
            "machine's memory)"
        )


def count_parameters(sizes: Sequence[int]) -> int:
    """Weights and biases of a dense network of ``sizes``: Σ (n_in + 1) · n_out."""
    return sum((int(a) + 1) * int(b) for a, b in itertools.pairwise(sizes))


def check_parameters(sizes: Sequence[int], itemsize: int = 8, budget: int | None = None) -> None:
    """A :class:`ChainruleError` naming the parameters and bytes asked for, when a network of
    ``sizes`` is over the parameter budget or a quarter of the machine's memory."""
    budget = MAX_PARAMETERS if budget is None else budget
    count = count_parameters(sizes)
    nbytes = count * itemsize
    memory = machine_memory() // 4
    if count > budget or nbytes > memory:
        shown = ",".join(str(int(s)) for s in sizes)
        raise ChainruleError(
            f"layer sizes {shown} ask for {count:,} parameters ({nbytes:,} bytes): expected "
            f"at most {min(budget, memory // itemsize):,} parameters"
        )


_TOKENS = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def json_depth(text: str) -> int:
    """The deepest nesting of lists and objects in JSON ``text`` (strings skipped)."""
    depth = deepest = 0
    for match in _TOKENS.finditer(text):
        token = match.group()
        if token in "[{":
            depth += 1
            deepest = max(deepest, depth)
        elif token in "]}":
            depth -= 1
    return deepest


def _number(text: str, kind: type, finite: bool = True) -> Any:
    if len(text) > MAX_NUMBER_LENGTH:
        raise ChainruleError(
            f"number {text[:20]}… of {len(text)} characters: expected at most {MAX_NUMBER_LENGTH}"
        )
    value = kind(text)
    if finite and kind is float and not math.isfinite(value):
        raise ChainruleError(f"number {text} is out of range: expected a finite number")
    return value


def _constant(name: str) -> Any:
    raise ChainruleError(f"{name} is not allowed: expected finite numbers")


def loads(text: str, finite: bool = True) -> Any:
    """``json.loads`` with limits: at most :data:`MAX_JSON_DEPTH` levels of nesting,
    numbers of at most :data:`MAX_NUMBER_LENGTH` characters, no NaN or Infinity, and floats
    that overflow (1e400) refused too unless ``finite`` is False (the caller then names the
    field). Raises :class:`ChainruleError` or :class:`json.JSONDecodeError`."""
    depth = json_depth(text)
    if depth > MAX_JSON_DEPTH:
        raise ChainruleError(f"nested {depth} levels deep: expected at most {MAX_JSON_DEPTH}")
    return json.loads(
        text,
        parse_int=lambda s: _number(s, int),
        parse_float=lambda s: _number(s, float, finite),
        parse_constant=_constant,
    )


def finite_json(value: Any) -> Any:
    """``value`` with every NaN or infinite float replaced by None: JSON has no NaN."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {k: finite_json(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [finite_json(v) for v in value]
    return value
