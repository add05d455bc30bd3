"""What the three renderers (text, Markdown with LaTeX, HTML with MathML) share: the walk over
an equation tree and where it needs parentheses.

:class:`Notation` reads one node of the tree (:mod:`.expr`) and hands its parts, already
written, to the pieces a notation defines: ``paren``, ``negative``, ``power``, ``call``,
``joint`` and the leaves. The rules of the parentheses are written once here:
−(a + b) and −(−0.8); (a + b)² and (½)²; a + (−0.019049118) and 0.4 − 0.5 · (−0.02)
(:func:`~chainrule.teach.explain.expr.needs_parens_after_operator`); out(1 − out).
"""

from __future__ import annotations

from chainrule.teach.explain.expr import (
    Const,
    Expr,
    Frac,
    Func,
    Matrix,
    Name,
    Neg,
    Num,
    Op,
    Paren,
    Partial,
    Pow,
    Sum,
    Sym,
    Word,
    needs_parens_after_operator,
    signed_terms,
)


def negative_or_compound(x: Expr, *compound: type) -> bool:
    """Whether ``x`` is a negative number or one of the ``compound`` kinds (in parentheses
    after a minus sign or below an exponent)."""
    return isinstance(x, compound) or (isinstance(x, Num) and x.value < 0)


class Notation:
    """One notation's way of writing an equation tree; subclasses write the pieces."""

    comma = ", "  # between a function's arguments

    def __init__(self, lang: str, digits: int) -> None:
        self.lang = lang
        self.digits = digits

    def expr(self, x: Expr) -> str:
        if isinstance(x, Num):
            return self.num(x)
        if isinstance(x, Const):
            return self.const(x)
        if isinstance(x, Name):
            return self.name(x, False)
        if isinstance(x, Sym):
            return self.sym(x)
        if isinstance(x, Word):
            return self.word(x)
        if isinstance(x, Partial):
            return self.partial(x)
        if isinstance(x, Op):
            return self.op(x)
        if isinstance(x, Neg):
            inner = self.expr(x.arg)
            return self.negative(
                self.paren(inner) if negative_or_compound(x.arg, Op, Neg) else inner
            )
        if isinstance(x, Paren):
            return self.paren(self.expr(x.arg))
        if isinstance(x, Frac):
            return self.fraction(x)
        if isinstance(x, Pow):
            base = self.expr(x.base)
            if negative_or_compound(x.base, Op, Neg, Frac):
                base = self.paren(base)
            return self.power(base, x.exp)
        if isinstance(x, Func):
            args = self.comma.join(self.expr(a) for a in x.args)
            return self.bars(args) if x.name == "abs" else self.call(x.name, args)
        if isinstance(x, Sum):
            return self.total(self.expr(x.body))
        if isinstance(x, Matrix):
            return self.matrix(x)
        raise TypeError(f"cannot render {x!r}")

    def op(self, x: Op) -> str:
        """a + b, a · b, out(1 − out): each term, in parentheses where it needs them, and
        the operator before it (a negative term of a sum turned around: a − 0.8)."""
        parts: list[str] = []
        for pos, (sign, arg) in enumerate(signed_terms(x)):
            text = self.expr(arg)
            if self.grouped_in(x.op, pos, arg):
                text = self.paren(text)
            if pos > 0:
                parts.append(self.joint(x.op, sign, text))
            parts.append(text)
        return self.row("".join(parts))

    def grouped_in(self, op: str, pos: int, arg: Expr) -> bool:
        """Whether term ``pos`` of an ``op`` goes in parentheses."""
        if pos > 0 and op in ("+", "-", "·", "⊙") and needs_parens_after_operator(arg):
            return True
        return op in ("·", "⊙", "juxt") and isinstance(arg, Op) and arg.op in ("+", "-")

    def row(self, text: str) -> str:
        """Terms joined into one group (MathML's ``<mrow>``)."""
        return text

    # -- the pieces each notation writes --------------------------------------------------
    def num(self, x: Num) -> str: ...
    def const(self, x: Const) -> str: ...
    def name(self, x: Name, in_sub: bool) -> str: ...
    def sym(self, x: Sym) -> str: ...
    def word(self, x: Word) -> str: ...
    def partial(self, x: Partial) -> str: ...
    def paren(self, inner: str) -> str: ...
    def negative(self, inner: str) -> str: ...  # −inner
    def fraction(self, x: Frac) -> str: ...
    def power(self, base: str, exponent: Expr) -> str: ...
    def bars(self, args: str) -> str: ...  # |args|
    def call(self, name: str, args: str) -> str: ...  # name(args)
    def total(self, body: str) -> str: ...  # Σ body
    def joint(self, op: str, sign: str, text: str) -> str: ...  # before a term: + − · or none
    def matrix(self, x: Matrix) -> str: ...
