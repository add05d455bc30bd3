"""The records' formulas as equations.

An activation's or a loss's record (chainrule.nn.activations, chainrule.nn.losses) writes its
formula once as a small tree of tuples; :func:`expression` turns it into this package's
equation tree with the leaves named by the caller: the neuron's symbols for the formula, its
numbers for the line below it.
"""

from __future__ import annotations

import operator
from collections.abc import Callable, Mapping

from chainrule.nn.activations import Formula
from chainrule.teach.explain.expr import Const, Expr, Frac, Func, Neg, Op, Paren, Pow, Sum, Sym

E_SYM = Sym("e")  # Euler's number
COMPARE: dict[str, Callable[[float, float], bool]] = {
    "≥": operator.ge,
    ">": operator.gt,
    "<": operator.lt,
}
OPPOSITE = {"≥": "<", ">": "≤", "<": "≥"}


def constant(value: float) -> Const:
    """A number of a formula as written: 1, 2, 0.01."""
    return Const(str(int(value)) if float(value).is_integer() else repr(float(value)))


def expression(formula: Formula, leaves: Mapping[str, Expr]) -> Expr:
    """A record's formula as an equation tree, its leaves ("net", "out", "t", "o", "K")
    replaced from ``leaves`` ("e" is Euler's number)."""
    if isinstance(formula, str):
        return E_SYM if formula == "e" else leaves[formula]
    if isinstance(formula, int | float):
        return constant(formula)
    op, *args = formula
    parts = [expression(a, leaves) for a in args]
    if op in ("+", "-", "·", "juxt", "≥", "<"):
        return Op(op, tuple(parts))
    if op == "/":
        return Frac(*parts)
    if op == "^":
        return Pow(*parts)
    if op == "neg":
        return Neg(parts[0])
    if op == "()":
        return Paren(parts[0])
    if op == "Σ":
        return Sum(parts[0])
    if op == "if":
        raise ValueError("a piecewise formula is written by its branch: see piece()")
    return Func(op, tuple(parts))


def piece(formula: Formula, net: float) -> tuple[Formula, str, bool]:
    """For a piecewise formula ("if", (cmp, "net", c), a, b): the branch taken at ``net``,
    the comparison as it holds there and whether the first branch was taken."""
    _, (cmp, _, c), first, second = formula
    taken = COMPARE[cmp](net, c)
    return (first if taken else second), (cmp if taken else OPPOSITE[cmp]), taken


def is_piecewise(formula: Formula | None) -> bool:
    return isinstance(formula, tuple) and formula[0] == "if"


def is_constant(formula: Formula | None) -> bool:
    """A formula without a leaf other than e: the identity's derivative 1."""
    if isinstance(formula, str):
        return formula == "e"
    if isinstance(formula, tuple):
        return all(is_constant(a) for a in formula[1:])
    return True
