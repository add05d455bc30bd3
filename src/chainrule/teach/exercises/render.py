"""Sheets and reports as the explanation's items, written by its renderers.

The network, its numbers and the worked solution are the explanation's own items
(:func:`chainrule.teach.explain.model.build`); the exercises add headings, sentences (keys
``exercise.*`` of :mod:`.i18n`) and tables of answer names.
"""

from __future__ import annotations

from chainrule.teach.exercises import i18n  # noqa: F401  (adds the exercises' words to the tables)
from chainrule.teach.exercises.check import Result
from chainrule.teach.exercises.names import symbol
from chainrule.teach.exercises.problem import Problem
from chainrule.teach.explain.expr import Const, Eq, Expr, Heading, Item, Num, Op, Para, Table, Word
from chainrule.teach.explain.html import render_html, render_html_fragment
from chainrule.teach.explain.markdown import render_markdown
from chainrule.teach.explain.model import build
from chainrule.teach.explain.text import TextRenderer, render_text

DIGITS = 9


def split_explanation(problem: Problem) -> tuple[list[Item], list[Item]]:
    """The explanation of the problem's step: (the network and its numbers, the derivation)."""
    items = build(problem.trace(), problem.name, "")
    start = next(i for i, it in enumerate(items) if isinstance(it, Heading) and it.key == "network")
    end = next(
        i
        for i, it in enumerate(items)
        if (isinstance(it, Heading) and it.key == "forward")
        or (isinstance(it, Para) and it.key == "matrix_only")
    )
    return items[start:end], items[end:]


def sheet_items(problem: Problem, answers: bool) -> list[Item]:
    overview, derivation = split_explanation(problem)
    items: list[Item] = [Heading("exercise.title", 1, {"name": problem.name})]
    items += overview
    items += [Heading("exercise.asked", 2), Para("exercise.task"), Para("exercise.asked_intro")]
    rows = tuple((n, symbol(n)) for n in problem.ask)  # the name as prose, then as math
    items.append(Table((Word("exercise.col_name"), Word("exercise.col_quantity")), rows))
    if answers:
        truth = problem.solution()
        items.append(Heading("exercise.key", 2))
        key = tuple((n, symbol(n), Num(truth[n].value)) for n in problem.ask)
        header = (
            Word("exercise.col_name"),
            Word("exercise.col_quantity"),
            Word("exercise.col_value"),
        )
        items.append(Table(header, key))
        items.append(Heading("exercise.solution", 2))
        items += derivation
    return items


def names_list(names: list[str]) -> Op:
    return Op(",", tuple(symbol(n) for n in names))


def formulas(problem: Problem) -> dict[Expr, Expr]:
    """Each quantity's formula as the explanation writes it (δ_o1 → ∂E/∂out_o1 · ∂out_o1/∂net_o1),
    by the quantity's symbol: the first equation that starts with it and goes on with a
    formula rather than a number."""
    found: dict[Expr, Expr] = {}
    for it in build(problem.trace(), problem.name, ""):
        if isinstance(it, Eq) and len(it.parts) > 1 and not isinstance(it.parts[1], Num):
            found.setdefault(it.parts[0], it.parts[1])
    return found


def explanation_items(r: Result, formula: Expr | None = None) -> list[Item]:
    """Why ``r`` is wrong: its inputs (right, wrong, not answered), the formula it is
    computed with, and the diagnosis."""
    items: list[Item] = []
    quantity = symbol(r.name)
    if formula is not None:
        items.append(Para("exercise.formula", {"formula": Op("=", (quantity, formula))}))
    wrong = [d for d, s in r.depends_on if s == "wrong"]
    right = [d for d, s in r.depends_on if s == "right"]
    open_ = [d for d, s in r.depends_on if s == "missing"]
    if not r.depends_on:
        items.append(Para("exercise.from_given"))
    elif wrong:
        key = "exercise.deps_wrong" if len(wrong) == 1 else "exercise.deps_wrong_many"
        items.append(Para(key, {"deps": names_list(wrong)}))
    elif right:
        key = "exercise.deps_right" if len(right) == 1 else "exercise.deps_right_many"
        items.append(Para(key, {"deps": names_list(right), "quantity": quantity}))
    if open_ and not wrong:
        items.append(Para("exercise.deps_open", {"deps": names_list(open_)}))
    if r.diagnosis is None:
        items.append(Para("exercise.no_diagnosis"))
    else:
        items.append(Para("exercise.diagnosis", {"mistake": Word(f"mistake.{r.diagnosis}")}))
    return items


def explanation_text(r: Result, lang: str, formula: Expr | None = None) -> str:
    renderer = TextRenderer(lang, DIGITS)
    return " ".join(renderer.item(it) for it in explanation_items(r, formula))


def report_items(problem: Problem, results: list[Result], first_wrong: str | None) -> list[Item]:
    counts = {s: sum(r.status == s for r in results) for s in ("right", "wrong", "missing")}
    items: list[Item] = [Heading("exercise.report_title", 1, {"name": problem.name})]
    items.append(
        Para(
            "exercise.summary",
            {
                "right": Const(str(counts["right"])),
                "wrong": Const(str(counts["wrong"])),
                "missing": Const(str(counts["missing"])),
            },
        )
    )
    if first_wrong is None and counts["missing"] == 0:
        items.append(Para("exercise.all_right"))
    if first_wrong is not None:
        written_as = formulas(problem)
        items.append(Para("exercise.first_wrong", {"name": symbol(first_wrong)}))
        items.append(Heading("exercise.wrong_heading", 2))
        for r in results:
            if r.status != "wrong":
                continue
            assert r.text is not None
            items.append(Heading("exercise.wrong_item", 3, {"quantity": symbol(r.name)}))
            values = {"got": Const(r.text), "expected": Num(r.expected)}
            items.append(Para("exercise.wrong_line", values))
            items += explanation_items(r, written_as.get(symbol(r.name)))
    header = (
        Word("exercise.col_name"),
        Word("exercise.col_got"),
        Word("exercise.col_expected"),
        Word("exercise.col_result"),
    )
    rows = tuple(
        (
            r.name,
            "" if r.text is None else r.text,
            "" if r.status == "missing" else Num(r.expected),  # the key stays unread
            Word(f"exercise.status.{r.status}"),
        )
        for r in results
    )
    items.append(Table(header, rows))
    return items


class Rendered:
    """text(), markdown(), html() and Jupyter's views of a list of items."""

    lang: str
    title: str

    def items(self) -> list[Item]:  # pragma: no cover - abstract
        raise NotImplementedError

    def text(self, color: bool = False) -> str:
        return render_text(self.items(), self.lang, DIGITS, color)

    def markdown(self) -> str:
        return render_markdown(self.items(), self.lang, DIGITS)

    def html(self) -> str:
        return render_html(self.items(), self.lang, DIGITS, self.title)

    def __str__(self) -> str:
        return self.text()

    def _repr_markdown_(self) -> str:
        return self.markdown()

    def _repr_html_(self) -> str:
        return render_html_fragment(self.items(), self.lang, DIGITS)
