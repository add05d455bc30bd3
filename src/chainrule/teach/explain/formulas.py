"""The records' formulas as equations.

An activation's or a loss's record (chainrule.nn.activations, chainrule.nn.losses) writes its
formula once as a small tree of tuples; :func:`expression` turns it into this package's
equation tree with the leaves named by the caller: the neuron's symbols for the formula, its
numbers for the line below it.
"""

from __future__ import annotations

import math
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


ARITHMETIC: dict[str, Callable[..., float]] = {
    "+": lambda *v: sum(v),
    "-": operator.sub,
    "·": operator.mul,
    "juxt": operator.mul,
    "/": operator.truediv,
    "^": operator.pow,
    "neg": operator.neg,
    "()": lambda v: v,
    "max": max,
    "abs": abs,
    "log": math.log,
    "tanh": math.tanh,
    "sign": lambda v: float((v > 0) - (v < 0)),
}


def value(formula: Formula, leaves: Mapping[str, float]) -> float:
    """A formula's number for the numbers of its leaves (the condition of a piecewise
    formula: hinge's 1 − t·o ≥ 0)."""
    if isinstance(formula, str):
        return math.e if formula == "e" else leaves[formula]
    if isinstance(formula, int | float):
        return float(formula)
    op, *args = formula
    if op == "if":
        return value(piece(formula, leaves)[0], leaves)
    return ARITHMETIC[op](*(value(a, leaves) for a in args))


def piece(formula: Formula, at: float | Mapping[str, float]) -> tuple[Formula, str, bool]:
    """For a piecewise formula ("if", (cmp, left, right), a, b): the branch taken at the
    numbers ``at`` of the leaves (a number alone: net), the comparison as it holds there and
    whether the first branch was taken (ReLU: ("≥", "net", 0); hinge: ("≥", 1 − t·o, 0))."""
    _, (cmp, left, right), first, second = formula
    leaves = {"net": at} if isinstance(at, int | float) else at
    taken = COMPARE[cmp](value(left, leaves), value(right, leaves))
    return (first if taken else second), (cmp if taken else OPPOSITE[cmp]), taken


def is_piecewise(formula: Formula | None) -> bool:
    return isinstance(formula, tuple) and formula[0] == "if"


def uses(formula: Formula | None, leaf: str) -> bool:
    """Whether ``formula`` has the leaf ``leaf`` ("out", "net"): σ′ = out(1 − out) uses out."""
    if isinstance(formula, tuple):
        return any(uses(a, leaf) for a in formula[1:])
    return formula == leaf


def is_constant(formula: Formula | None) -> bool:
    """A formula without a leaf other than e: the identity's derivative 1."""
    if isinstance(formula, str):
        return formula == "e"
    if isinstance(formula, tuple):
        return all(is_constant(a) for a in formula[1:])
    return True
