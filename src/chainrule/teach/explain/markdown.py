"""Markdown with LaTeX math, pasteable into a blog post like the tutorials.

Display equations sit alone between ``$$`` (Mazur's example writes
``net_{h1} = w_1 * i_1 + w_2 * i_2 + b_1 * 1``; here ``\\cdot`` is the product), inline
names and formulas between ``$``. Matrices are ``pmatrix`` (JongSeobJ's matrix form).
"""

from __future__ import annotations

from collections.abc import Sequence

from chainrule.nn.activations import ACTIVATIONS
from chainrule.teach.explain.expr import (
    Const,
    Eq,
    Expr,
    Frac,
    Heading,
    Item,
    Matrix,
    Name,
    Num,
    Para,
    Partial,
    Sym,
    Table,
    Word,
    format_number,
    shown,
)
from chainrule.teach.explain.i18n import fill, word
from chainrule.teach.explain.notation import Notation

GREEK = {"δ": r"\delta", "η": r"\eta", "σ": r"\sigma"}
OPERATORS = {
    "+": " + ",
    "-": " - ",
    "·": r" \cdot ",
    "⊙": r" \odot ",
    "=": " = ",
    "≥": r" \geq ",
    "<": " < ",
    ",": r",\ ",
}
FUNCTIONS = {
    "tanh": r"\tanh",
    "max": r"\max",
    "log": r"\log",
    "sign": r"\operatorname{sign}",
    **{f"act:{name}": record.symbol[1] for name, record in ACTIVATIONS.items()},
    **{f"d:{name}": record.prime[1] for name, record in ACTIVATIONS.items()},
}


class LatexRenderer(Notation):
    def name(self, x: Name, in_sub: bool) -> str:
        if x.layer is not None:
            return f"{x.letter}^{{({x.layer})}}_{{{x.index}}}"
        return f"{x.letter}{x.index}" if in_sub else f"{x.letter}_{{{x.index}}}"

    def sym(self, x: Sym) -> str:
        text = GREEK.get(x.base, x.base)
        if isinstance(x.sub, Name):
            text += "_{" + self.name(x.sub, True) + "}"
        elif x.sub:
            text += "_{" + x.sub + "}"
        if x.sup:
            text += "^{" + x.sup + "}"
        return text

    def num(self, x: Num) -> str:
        # LaTeX writes the minus sign as - (and draws it as −)
        return format_number(x.value, self.digits).replace("−", "-")

    def const(self, x: Const) -> str:
        return x.text

    def word(self, x: Word) -> str:
        return r"\text{" + word(self.lang, x.key) + "}"

    def partial(self, x: Partial) -> str:
        return rf"\frac{{\partial {self.expr(x.num)}}}{{\partial {self.expr(x.den)}}}"

    def paren(self, inner: str) -> str:
        return rf"\left({inner}\right)"

    def negative(self, inner: str) -> str:
        return f"-{inner}"

    def fraction(self, x: Frac) -> str:
        return rf"\frac{{{self.expr(x.num)}}}{{{self.expr(x.den)}}}"

    def power(self, base: str, exponent: Expr) -> str:
        return f"{base}^{{{self.expr(exponent)}}}"

    def bars(self, args: str) -> str:
        return rf"\left|{args}\right|"

    def call(self, name: str, args: str) -> str:
        return rf"{FUNCTIONS.get(name, name)}\left({args}\right)"

    def total(self, body: str) -> str:
        return rf"\sum {body}"

    def joint(self, op: str, sign: str, text: str) -> str:
        return r"\," if op == "juxt" else OPERATORS[sign]

    def matrix(self, x: Matrix) -> str:
        rows = x.rows
        cols = len(rows[0]) if rows else 0
        col_idx = shown(cols)
        lines = []
        for r in shown(len(rows)):
            if r is None:
                lines.append(" & ".join(r"\ddots" if c is None else r"\vdots" for c in col_idx))
            else:
                lines.append(
                    " & ".join(r"\cdots" if c is None else self.expr(rows[r][c]) for c in col_idx)
                )
        return r"\begin{pmatrix} " + r" \\ ".join(lines) + r" \end{pmatrix}"


def escape_markdown(text: str) -> str:
    """Keep prose from turning into emphasis or math by accident."""
    for ch in ("\\", "*", "_", "$", "`"):
        text = text.replace(ch, "\\" + ch)
    return text


def render_markdown(items: Sequence[Item], lang: str, digits: int) -> str:
    tex = LatexRenderer(lang, digits)

    def inline(value: object) -> str:
        if isinstance(value, str):
            return escape_markdown(value)
        if isinstance(value, Word):  # a word in a sentence is prose, not math
            return escape_markdown(word(lang, value.key))
        return "$" + tex.expr(value) + "$"  # type: ignore[arg-type]

    blocks: list[str] = []
    for it in items:
        if isinstance(it, Heading):
            title = fill(word(lang, it.key), it.args, inline, escape_markdown)
            blocks.append("#" * it.level + " " + title)
        elif isinstance(it, Para):
            template = word(lang, it.key)
            if template:
                blocks.append(fill(template, it.args, inline, escape_markdown))
        elif isinstance(it, Eq):
            text = " = ".join(tex.expr(p) for p in it.parts)
            if it.cond is not None:
                text += r" \qquad \left(" + tex.expr(it.cond) + r"\right)"
            blocks.append("$$" + text + "$$")
        elif isinstance(it, Table):
            header = "| " + " | ".join(inline(c) for c in it.header) + " |"
            rule = "|" + "|".join("---:" for _ in it.header) + "|"
            body = ["| " + " | ".join(inline(c) for c in r) + " |" for r in it.rows]
            blocks.append("\n".join([header, rule, *body]))
        else:
            raise TypeError(f"cannot render {it!r}")
    return "\n\n".join(blocks) + "\n"
