"""A small, language-neutral tree for the equations of an explanation.

The model (:mod:`.model`) writes every equation once with these nodes; each renderer
(:mod:`.text`, :mod:`.markdown`, :mod:`.html`) turns the same tree into plain text, LaTeX
or MathML. A :class:`Num` holds a value taken from the :class:`~chainrule.teach.trace.StepTrace`
(the renderers only round it); a :class:`Const` is a fixed part of a formula (the 1 of
b1·1, the 2 of ½, a sample count) and never a computed value.

Names follow Mazur's example: ``net_h1``, ``out_o1``, ``w5``, ``i1``, ``b1``, ``E_total``. A
hidden neuron of a network with several hidden layers carries its layer: :class:`Name`
("h", 1, layer=2) is written ``h2_1`` in text and :math:`h^{(2)}_{1}` in LaTeX and MathML.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from chainrule.nn.activations import ACTIVATIONS

# Bases written together with a numeric index in text: w5, i1, b1 (Mazur's example), not net_h1.
JOINED_BASES = frozenset({"w", "i", "b", "h", "o"})


@dataclass(frozen=True)
class Name:
    """A neuron's name: ``i1`` (input), ``h1`` (hidden), ``o1`` (output); ``layer`` when needed."""

    letter: str
    index: int
    layer: int | None = None


@dataclass(frozen=True)
class Sym:
    """A symbol with an optional subscript and superscript: net_h1, w5⁺, E_total, W_HOᵀ."""

    base: str
    sub: Name | str | None = None
    sup: str | None = None


@dataclass(frozen=True)
class Num:
    """A value from the trace, shown rounded."""

    value: float


@dataclass(frozen=True)
class Const:
    """A fixed number or mark of a formula: 1, 2, 0, N."""

    text: str


@dataclass(frozen=True)
class Word:
    """A translated word inside an equation (looked up in the language's table)."""

    key: str


@dataclass(frozen=True)
class Partial:
    """∂num/∂den."""

    num: Expr
    den: Expr


@dataclass(frozen=True)
class Op:
    """An infix chain: ``+``, ``-``, ``·`` (product), ``⊙`` (element-wise), ``≥``, ``<``, ``juxt``
    (written side by side, as in out(1 − out) or xᵀ δ)."""

    op: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Neg:
    """−x."""

    arg: Expr


@dataclass(frozen=True)
class Paren:
    """(x)."""

    arg: Expr


@dataclass(frozen=True)
class Frac:
    """num / den (½ when both are the constants 1 and 2)."""

    num: Expr
    den: Expr


@dataclass(frozen=True)
class Pow:
    """base^exp (e^(−net), out², (t − o)²)."""

    base: Expr
    exp: Expr


@dataclass(frozen=True)
class Func:
    """A named function: tanh(x), max(0, x), sign(x), log(x); ``abs`` is written |x|."""

    name: str
    args: tuple[Expr, ...]


@dataclass(frozen=True)
class Sum:
    """Σ_sub body (for formulas like E_total = Σ ½(target − out)²)."""

    body: Expr
    sub: str | None = None


@dataclass(frozen=True)
class Matrix:
    """A matrix (or a row or column vector) of expressions, shown in parentheses.

    Large matrices are shown with their first and last rows and columns and ⋯ between
    (see :func:`shown`)."""

    rows: tuple[tuple[Expr, ...], ...]


Expr = (
    Name | Sym | Num | Const | Word | Partial | Op | Neg | Paren | Frac | Pow | Func | Sum | Matrix
)


@dataclass(frozen=True)
class Eq:
    """A display equation: parts joined by =, with an optional condition after it."""

    parts: tuple[Expr, ...]
    cond: Expr | None = None


@dataclass(frozen=True)
class Heading:
    key: str
    level: int
    args: dict[str, Expr | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Para:
    """A translated sentence; ``{name}`` placeholders take inline math or plain strings."""

    key: str
    args: dict[str, Expr | str] = field(default_factory=dict)


@dataclass(frozen=True)
class Table:
    """A table with translated header keys and cells of expressions (or plain strings,
    written as prose: an exercise's answer names)."""

    header: tuple[Expr | str, ...]
    rows: tuple[tuple[Expr | str, ...], ...]


Item = Heading | Para | Eq | Table


# -- helpers used by the model ------------------------------------------------------------


def prod(*args: Expr) -> Op:
    return Op("·", tuple(args))


def plus(*args: Expr) -> Op:
    return Op("+", tuple(args))


def minus(a: Expr, b: Expr) -> Op:
    return Op("-", (a, b))


def juxt(*args: Expr) -> Op:
    return Op("juxt", tuple(args))


def eq(*parts: Expr, cond: Expr | None = None) -> Eq:
    return Eq(tuple(parts), cond)


def matrix(values: Sequence[Sequence[float]]) -> Matrix:
    return Matrix(tuple(tuple(Num(float(v)) for v in row) for row in values))


def row(values: Sequence[float]) -> Matrix:
    return Matrix((tuple(Num(float(v)) for v in values),))


def column(values: Sequence[float]) -> Matrix:
    return Matrix(tuple((Num(float(v)),) for v in values))


HALF = Frac(Const("1"), Const("2"))
ONE = Const("1")
ZERO = Const("0")

# Matrices larger than this are shown with an ellipsis.
MAX_SHOWN = 10


def shown(count: int, limit: int = MAX_SHOWN) -> list[int | None]:
    """Indices to show of ``count`` rows or columns: all, or the first ones, None (⋯), the last."""
    if count <= limit:
        return list(range(count))
    head = limit - 2
    return [*range(head), None, count - 1]


def format_number(value: float, digits: int) -> str:
    """``value`` rounded to ``digits`` decimal places, trailing zeros dropped, as the tutorials
    print them (0.3775, 0.082167041); a non-zero value that would round to 0 is written with
    ``digits`` significant digits instead (1.23456789e-12), so that no gradient vanishes on
    the page. Negative numbers are written with the minus sign −, as in the formulas (the
    JSON output keeps the numbers themselves)."""
    if value != value:  # NaN
        return "nan"
    if value in (float("inf"), float("-inf")):
        return "inf" if value > 0 else "−inf"
    text = f"{value:.{digits}f}"
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    if text in ("-0", "0") and value != 0:
        mantissa, exponent = f"{value:.{max(digits - 1, 0)}e}".split("e")
        if "." in mantissa:
            mantissa = mantissa.rstrip("0").rstrip(".")
        return _minus(f"{mantissa}e{int(exponent)}")
    return "0" if text == "-0" else _minus(text)


def _minus(text: str) -> str:
    """A negative number's sign as the minus sign − (an exponent's e-12 stays as it is)."""
    return "−" + text[1:] if text.startswith("-") else text


# How the plain renderers name the functions of the matrix form: act:X is the activation X,
# d:X its derivative, as X's record writes them.
FUNCTION_NAMES = {
    **{f"act:{name}": record.symbol[0] for name, record in ACTIVATIONS.items()},
    **{f"d:{name}": record.prime[0] for name, record in ACTIVATIONS.items()},
}


def signed_terms(x: Op) -> list[tuple[str, Expr]]:
    """The operator before each argument of ``x`` (none before the first) and the argument,
    a negative term of a sum or difference turned around: ``a + (−0.8) · 1`` is written
    ``a − 0.8 · 1`` and ``a − (−0.02)`` is ``a + 0.02``, so that brackets stay for products."""
    out: list[tuple[str, Expr]] = []
    for pos, arg in enumerate(x.args):
        op = "" if pos == 0 else x.op
        if pos > 0 and x.op in ("+", "-"):
            flipped = _without_sign(arg)
            if flipped is not None:
                op, arg = ("-" if x.op == "+" else "+"), flipped
        out.append((op, arg))
    return out


def _without_sign(x: Expr) -> Expr | None:
    """−x's positive form when ``x`` is a negative number or a product starting with one."""
    if isinstance(x, Num) and x.value < 0:
        return Num(-x.value)
    if isinstance(x, Op) and x.op in ("·", "⊙") and x.args:
        head = _without_sign(x.args[0]) if isinstance(x.args[0], Num) else None
        if head is not None:
            return Op(x.op, (head, *x.args[1:]))
    return None


def needs_parens_after_operator(x: Expr) -> bool:
    """A negative number, a negation or a sum after +, −, · or ⊙ goes in parentheses:
    0.055399425 + (-0.019049118), 0.4 − 0.5 · (−0.02)."""
    if isinstance(x, Num):
        return x.value < 0
    if isinstance(x, Neg):
        return True
    return isinstance(x, Op) and x.op in ("+", "-")
