"""Exercises: a backpropagation problem for every learner, and a checker that names the mistake.

>>> import chainrule as cr
>>> sheet = cr.exercise(example="mazur")              # Mazur's network, every quantity asked
>>> sheet = cr.exercise(seed=7, layers=[2, 2, 2], activation="tanh")   # a random problem
>>> print(sheet)                                      # text; sheet.markdown(), sheet.html()
>>> sheet.template()                                  # {"net_h1": None, ...} to fill in
>>> report = cr.check(sheet, {"net_h1": 0.3775, "out_h1": 0.593269992})
>>> report.first_wrong, report.to_dict()              # the JSON of ``chainrule check --json``

Both objects show themselves in Jupyter (HTML with MathML, or Markdown). Package layout:
:mod:`.names` (answer names), :mod:`.quantities` (a step's named numbers),
:mod:`.problem` (spec + names asked), :mod:`.generate` (random problems),
:mod:`.rounding` (when a number is right), :mod:`.mistakes` (the known mistakes, switches on
the engine's step), :mod:`.check` (compare and diagnose), :mod:`.render` and :mod:`.i18n`
(sheets and reports in English and Korean).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chainrule.errors import ChainruleError
from chainrule.teach.exercises.check import Result
from chainrule.teach.exercises.check import check as check_results
from chainrule.teach.exercises.generate import generate
from chainrule.teach.exercises.mistakes import CODES, answers_with
from chainrule.teach.exercises.names import symbol
from chainrule.teach.exercises.problem import Problem, from_data, from_example, from_spec, load
from chainrule.teach.exercises.quantities import LOSSES as QUESTION_LOSSES
from chainrule.teach.exercises.render import (
    Rendered,
    explanation_text,
    formulas,
    report_items,
    sheet_items,
)
from chainrule.teach.spec import Spec
from chainrule.util.language import check_language, default_language

__all__ = [
    "CODES",
    "QUESTION_LOSSES",
    "Problem",
    "Report",
    "Result",
    "Sheet",
    "answers_with",
    "check",
    "exercise",
]


class Sheet(Rendered):
    """A problem sheet (with the key and the worked solution when ``answers``)."""

    def __init__(self, problem: Problem, lang: str = "en", answers: bool = False) -> None:
        self.problem = problem
        self.lang = check_language(lang)
        self.answers = answers
        self.title = problem.name

    def items(self):
        return sheet_items(self.problem, self.answers)

    def to_dict(self) -> dict[str, Any]:
        """The problem as a network spec plus ``"ask"`` (and ``"answers"`` with the key)."""
        data = self.problem.to_dict()
        if self.answers:
            data["answers"] = self.problem.answers()
        return data

    def template(self) -> dict[str, None]:
        """The answer file to fill in: every asked name, no number yet."""
        return {n: None for n in self.problem.ask}

    def __repr__(self) -> str:
        return f"<Sheet {self.problem.name!r}: {len(self.problem.ask)} quantities>"


class Report(Rendered):
    """The check of one set of answers: a :class:`Result` per name, in the step's order."""

    def __init__(self, problem: Problem, results: list[Result], lang: str = "en") -> None:
        self.problem = problem
        self.results = results
        self.lang = check_language(lang)
        self.title = problem.name
        self._formulas: dict[Any, Any] | None = None

    @property
    def correct(self) -> list[str]:
        return [r.name for r in self.results if r.status == "right"]

    @property
    def wrong(self) -> list[Result]:
        return [r for r in self.results if r.status == "wrong"]

    @property
    def missing(self) -> list[str]:
        return [r.name for r in self.results if r.status == "missing"]

    @property
    def first_wrong(self) -> str | None:
        return next((r.name for r in self.results if r.status == "wrong"), None)

    @property
    def all_right(self) -> bool:
        return not self.wrong

    def __getitem__(self, name: str) -> Result:
        return next(r for r in self.results if r.name == name)

    def explanation(self, result: Result) -> str:
        """Why ``result`` is wrong, in the report's language (the JSON's "explanation")."""
        if self._formulas is None:
            self._formulas = formulas(self.problem)
        return explanation_text(result, self.lang, self._formulas.get(symbol(result.name)))

    def to_dict(self) -> dict[str, Any]:
        """``chainrule check --json``: correct, wrong (with diagnosis), missing, first_wrong."""
        return {
            "correct": self.correct,
            "wrong": [
                {
                    "name": r.name,
                    "got": r.got,
                    "expected": r.expected,
                    "diagnosis": r.diagnosis,
                    "explanation": self.explanation(r),
                }
                for r in self.wrong
            ],
            "missing": self.missing,
            "first_wrong": self.first_wrong,
        }

    def items(self):
        return report_items(self.problem, self.results, self.first_wrong)

    def __repr__(self) -> str:
        return (
            f"<Report {self.problem.name!r}: {len(self.correct)} right, {len(self.wrong)} wrong, "
            f"{len(self.missing)} missing>"
        )


def as_problem(source: Any) -> Problem:
    """A :class:`Problem` from a sheet, a problem, an example name, a spec dict or a Spec."""
    if isinstance(source, Sheet):
        return source.problem
    if isinstance(source, Problem):
        return source
    if isinstance(source, str):
        return from_example(source)
    if isinstance(source, Mapping):
        return from_data(dict(source))
    if isinstance(source, Spec):
        return from_spec(source)
    raise ChainruleError(
        f"cannot make an exercise of {type(source).__name__}: expected a sheet, a problem, "
        "an example name, a spec dict or a Spec"
    )


def exercise(
    example: str | None = None,
    *,
    spec: Any = None,
    seed: int | None = None,
    layers: Sequence[int] = (2, 2, 2),
    activation: str = "sigmoid",
    loss: str = "half_sse",
    train_biases: bool | None = None,
    ask: Sequence[str] | None = None,
    lang: str | None = None,
    answers: bool = False,
) -> Sheet:
    """A problem sheet: a built-in ``example``, a ``spec`` (dict, Spec or file path), or a
    random problem from ``seed`` with the given ``layers`` (input first), ``activation``
    and ``loss``; ``answers`` adds the key and the worked solution."""
    lang = check_language(default_language() if lang is None else lang)
    chosen = sum(x is not None for x in (example, spec, seed))
    if chosen > 1:
        raise ChainruleError("exercise: give one of example, spec and seed")
    if spec is not None:
        problem = load(spec) if isinstance(spec, str) else as_problem(spec)
    elif seed is not None:
        problem = generate(seed, layers, activation, loss, train_biases)
    else:
        problem = from_example(example or "mazur")
    if ask is not None:
        problem = Problem(problem.spec, list(ask))
    return Sheet(problem, lang, answers)


def check(problem: Any, answers: Mapping[str, Any], *, lang: str | None = None) -> Report:
    """Check ``answers`` (name → number) against ``problem`` (a sheet, problem, example name
    or spec): each number right or wrong, and for a wrong one the mistake that gives it."""
    lang = check_language(default_language() if lang is None else lang)
    p = as_problem(problem)
    return Report(p, check_results(p, answers), lang)
