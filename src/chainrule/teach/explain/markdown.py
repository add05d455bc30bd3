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
    Func,
    Heading,
    Item,
    Matrix,
    Name,
    Neg,
    Num,
    Op,
    Para,
    Paren,
    Partial,
    Pow,
    Sum,
    Sym,
    Table,
    Word,
    format_number,
    needs_parens_after_operator,
    shown,
    signed_terms,
)
from chainrule.teach.explain.i18n import fill, word

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


class LatexRenderer:
    def __init__(self, lang: str, digits: int) -> None:
        self.lang = lang
        self.digits = digits

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

    def expr(self, x: Expr) -> str:
        if isinstance(x, Num):
            # LaTeX writes the minus sign as - (and draws it as −)
            return format_number(x.value, self.digits).replace("−", "-")
        if isinstance(x, Const):
            return x.text
        if isinstance(x, Name):
            return self.name(x, False)
        if isinstance(x, Sym):
            return self.sym(x)
        if isinstance(x, Word):
            return r"\text{" + word(self.lang, x.key) + "}"
        if isinstance(x, Partial):
            return rf"\frac{{\partial {self.expr(x.num)}}}{{\partial {self.expr(x.den)}}}"
        if isinstance(x, Op):
            return self.op(x)
        if isinstance(x, Neg):
            inner = self.expr(x.arg)
            if isinstance(x.arg, Op | Neg) or (isinstance(x.arg, Num) and x.arg.value < 0):
                inner = rf"\left({inner}\right)"
            return f"-{inner}"
        if isinstance(x, Paren):
            return rf"\left({self.expr(x.arg)}\right)"
        if isinstance(x, Frac):
            return rf"\frac{{{self.expr(x.num)}}}{{{self.expr(x.den)}}}"
        if isinstance(x, Pow):
            base = self.expr(x.base)
            if isinstance(x.base, Op | Neg | Frac) or (
                isinstance(x.base, Num) and x.base.value < 0
            ):
                base = rf"\left({base}\right)"
            return f"{base}^{{{self.expr(x.exp)}}}"
        if isinstance(x, Func):
            args = ", ".join(self.expr(a) for a in x.args)
            if x.name == "abs":
                return rf"\left|{args}\right|"
            return rf"{FUNCTIONS.get(x.name, x.name)}\left({args}\right)"
        if isinstance(x, Sum):
            return rf"\sum {self.expr(x.body)}"
        if isinstance(x, Matrix):
            return self.matrix(x)
        raise TypeError(f"cannot render {x!r}")

    def op(self, x: Op) -> str:
        parts: list[str] = []
        for pos, (sign, arg) in enumerate(signed_terms(x)):
            text = self.expr(arg)
            if pos > 0 and x.op in ("+", "-", "·", "⊙") and needs_parens_after_operator(arg):
                text = rf"\left({text}\right)"
            elif x.op in ("·", "⊙", "juxt") and isinstance(arg, Op) and arg.op in ("+", "-"):
                text = rf"\left({text}\right)"
            if pos > 0:
                parts.append(r"\," if x.op == "juxt" else OPERATORS[sign])
            parts.append(text)
        return "".join(parts)

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
