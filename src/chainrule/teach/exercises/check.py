"""Check a learner's answers: recompute the step with the engine, compare, name the mistake.

For each answered name: right or wrong by the rounding rule of :mod:`.rounding`. For each
wrong number, what it is computed from and which of those the learner got right, and a
diagnosis: the step is recomputed with every known mistake (:mod:`.mistakes`, switches on
the engine's step), and the mistake whose number is the learner's (to the digits written)
is named. When several do, the one that also reproduces most of the learner's other
numbers wins (a learner who flips δ's sign has wrong deltas too, one who adds the gradient
in the update has right ones); ``None`` when none does.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from chainrule.errors import ChainruleError, did_you_mean
from chainrule.teach.exercises.mistakes import CODES, Variant, variants
from chainrule.teach.exercises.names import canonical
from chainrule.teach.exercises.problem import Problem
from chainrule.teach.exercises.rounding import Allowance, written
from chainrule.util import limits


@dataclass
class Result:
    """One answer name: the learner's number, the true one, and what went wrong."""

    name: str
    expected: float
    got: float | None = None
    text: str | None = None  # the number as written
    status: str = "missing"  # right, wrong or missing
    diagnosis: str | None = None
    depends_on: list[tuple[str, str]] = field(default_factory=list)  # (name, status)


def parse_answers(
    problem: Problem, answers: Mapping[str, Any]
) -> dict[str, tuple[float, float, str]]:
    """name → (number, h, text as written); unknown names and non-numbers are errors."""
    if not isinstance(answers, Mapping):
        raise ChainruleError(
            f"answers: expected an object of names and numbers, got {type(answers).__name__}"
        )
    truth = problem.solution()
    parsed: dict[str, tuple[float, float, str]] = {}
    for raw, value in answers.items():
        name = canonical(str(raw))
        if name not in truth:
            raise ChainruleError(
                f"unknown answer name {raw!r}: expected names like {', '.join(list(truth)[:4])}"
                f"{did_you_mean(str(raw), truth)}"
            )
        if value is None:  # a blank of the template
            continue
        number, h = written(value, str(raw))
        parsed[name] = (number, h, repr(value) if isinstance(value, float) else str(value))
    return parsed


def check(problem: Problem, answers: Mapping[str, Any]) -> list[Result]:
    """Every asked or answered name, in the order of the step, with its result."""
    truth = problem.solution()
    given = parse_answers(problem, answers)
    allow = Allowance(truth, {n: (v, h) for n, (v, h, _) in given.items()})
    candidates = [v for code in CODES for v in variants(problem, code)]
    scores: dict[Variant, int] = {}
    asked = set(problem.ask) | set(given)
    results: list[Result] = []
    for name, q in truth.items():
        if name not in asked:
            continue
        r = Result(name, q.value)
        results.append(r)
        if name not in given:
            continue
        r.got, _, r.text = given[name]
        r.status = "right" if allow.is_right(name) else "wrong"
        if r.status == "right":
            continue
        for dep, _ in q.deps:
            if dep in given:
                r.depends_on.append((dep, "right" if allow.is_right(dep) else "wrong"))
            else:
                r.depends_on.append((dep, "missing"))
        best: tuple[int, int] | None = None
        for rank, v in enumerate(candidates):
            value = v.solution(problem)[name].value
            if not allow.matches(name, value):
                continue
            if v not in scores:
                mistaken = v.solution(problem)
                scores[v] = sum(allow.matches(n, mistaken[n].value) for n in given)
            key = (scores[v], -rank)
            if best is None or key > best:
                best, r.diagnosis = key, v.code
    return results


MAX_ANSWER_BYTES = 1 << 20  # an answer file is typed by hand: 1 MiB is plenty


def read_answers(path: str) -> dict[str, Any]:
    """An answer file: a JSON object of names and numbers, each number kept as written
    (its digits decide the rounding allowance); a file over 1 MiB is refused unread."""
    import json
    from decimal import Decimal

    from chainrule.teach.spec import read_json_text

    text = read_json_text(path, "answer file", MAX_ANSWER_BYTES)

    def reject(name: str) -> None:
        raise ChainruleError(f"answer file {path!r}: {name} is not allowed, expected numbers")

    def number(text: str) -> Decimal:  # kept as written: its digits set the allowance
        if len(text) > limits.MAX_NUMBER_LENGTH:
            raise ChainruleError(
                f"answer file {path!r}: number {text[:20]}… of {len(text)} characters: "
                f"expected at most {limits.MAX_NUMBER_LENGTH}"
            )
        return Decimal(text)

    if limits.json_depth(text) > limits.MAX_JSON_DEPTH:
        raise ChainruleError(
            f"answer file {path!r} is nested more than {limits.MAX_JSON_DEPTH} levels deep: "
            "expected an object of names and numbers"
        )
    try:
        data = json.loads(text, parse_float=number, parse_int=number, parse_constant=reject)
    except json.JSONDecodeError as exc:
        raise ChainruleError(
            f"answer file {path!r} is not valid JSON: {exc.msg} at line {exc.lineno} "
            f"column {exc.colno}"
        ) from None
    if not isinstance(data, dict):
        raise ChainruleError(f"answer file {path!r}: expected a JSON object of names and numbers")
    return data
