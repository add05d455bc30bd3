"""Plain-text rendering for the terminal: net_h1 = w1·i1 + w2·i2 + b1·1 = 0.15 · 0.05 + …

Names as Mazur's example writes them in prose (net_h1, out_o1, w5, E_total; ∂E/∂w5 stands for
∂E_total/∂w5); matrices as nested lists [[0.15, 0.25], [0.2, 0.3]], pasteable into Python.
With ``color=True`` headings are bold and each equation's result is highlighted (ANSI).
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from chainrule.teach.explain.expr import (
    FUNCTION_NAMES,
    HALF,
    JOINED_BASES,
    Const,
    Eq,
    Expr,
    Frac,
    Heading,
    Item,
    Matrix,
    Name,
    Neg,
    Num,
    Op,
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

SUPERSCRIPTS = {"+": "⁺", "T": "ᵀ", "2": "²", "-": "⁻"}
OPERATORS = {
    "+": " + ",
    "-": " − ",
    "·": " · ",
    "⊙": " ⊙ ",
    "=": " = ",
    "≥": " ≥ ",
    "<": " < ",
    ",": ", ",
}

BOLD, CYAN, GREEN, RESET = "\033[1m", "\033[36m", "\033[32m", "\033[0m"


class TextRenderer(Notation):
    def __init__(self, lang: str, digits: int, color: bool = False) -> None:
        super().__init__(lang, digits)
        self.color = color

    # -- expressions ----------------------------------------------------------------------
    def num(self, x: Num) -> str:
        return format_number(x.value, self.digits)

    def const(self, x: Const) -> str:
        return x.text

    def name(self, x: Name, in_sub: bool = False) -> str:
        if x.layer is not None:
            return f"{x.letter}{x.layer}_{x.index}"
        return f"{x.letter}{x.index}"

    def sym(self, x: Sym) -> str:
        text = x.base
        if isinstance(x.sub, Name):
            text += "_" + self.expr(x.sub)
        elif x.sub:
            joined = x.base in JOINED_BASES and x.sub.isdigit()
            text += x.sub if joined else "_" + x.sub
        if x.sup:
            text += SUPERSCRIPTS.get(x.sup, "^" + x.sup)
        return text

    def word(self, x: Word) -> str:
        return word(self.lang, x.key)

    def partial(self, x: Partial) -> str:
        num = "E" if x.num == Sym("E", "total") else self.expr(x.num)
        return f"∂{num}/∂{self.expr(x.den)}"

    def paren(self, inner: str) -> str:
        return f"({inner})"

    def negative(self, inner: str) -> str:
        return f"−{inner}"

    def fraction(self, x: Frac) -> str:
        if x == HALF:
            return "½"
        return f"{self.grouped(x.num)}/{self.grouped(x.den)}"

    def grouped(self, x: Expr) -> str:
        text = self.expr(x)
        return f"({text})" if isinstance(x, Op | Neg | Frac) else text

    def power(self, base: str, exponent: Expr) -> str:
        if isinstance(exponent, Const) and exponent.text in SUPERSCRIPTS:
            return base + SUPERSCRIPTS[exponent.text]
        return f"{base}^({self.expr(exponent)})"

    def bars(self, args: str) -> str:
        return f"|{args}|"

    def call(self, name: str, args: str) -> str:
        return f"{FUNCTION_NAMES.get(name, name)}({args})"

    def total(self, body: str) -> str:
        return f"Σ {body}"

    def grouped_in(self, op: str, pos: int, arg: Expr) -> bool:
        """As every notation, and a fraction beside a factor: (1/K)(t − o)², but ½(t − o)²."""
        juxt_fraction = op == "juxt" and isinstance(arg, Frac) and arg != HALF
        return super().grouped_in(op, pos, arg) or juxt_fraction

    def joint(self, op: str, sign: str, text: str) -> str:
        if op == "juxt":
            return "" if text.startswith("(") else " "
        return OPERATORS[sign]

    def matrix(self, x: Matrix) -> str:
        rows = x.rows
        cols = len(rows[0]) if rows else 0

        def line(r: Sequence[Expr]) -> str:
            cells = ["…" if c is None else self.expr(r[c]) for c in shown(cols)]
            return "[" + ", ".join(cells) + "]"

        if len(rows) == 1:
            return line(rows[0])
        lines = ["[…]" if r is None else line(rows[r]) for r in shown(len(rows))]
        return "[" + ", ".join(lines) + "]"

    # -- items ----------------------------------------------------------------------------
    def inline(self, value: object) -> str:
        return value if isinstance(value, str) else self.expr(value)  # type: ignore[arg-type]

    def item(self, it: Item) -> str:
        if isinstance(it, Heading):
            title = fill(word(self.lang, it.key), it.args, self.inline, str)
            rule = {1: "=", 2: "-", 3: "~"}.get(it.level)
            if self.color:
                title = f"{BOLD}{CYAN}{title}{RESET}" if it.level < 3 else f"{BOLD}{title}{RESET}"
            if rule is None:
                return f"\n{title}"
            return f"\n{title}\n{rule * display_width(strip_ansi(title))}"
        if isinstance(it, Para):
            template = word(self.lang, it.key)
            if not template:
                return ""
            return fill(template, it.args, self.inline, str)
        if isinstance(it, Eq):
            parts = [self.expr(p) for p in it.parts]
            if self.color and len(parts) > 1:
                parts[-1] = f"{BOLD}{GREEN}{parts[-1]}{RESET}"
            text = "  " + " = ".join(parts)
            if it.cond is not None:
                text += f"   ({self.expr(it.cond)})"
            return text
        if isinstance(it, Table):
            return self.table(it)
        raise TypeError(f"cannot render {it!r}")

    def table(self, it: Table) -> str:
        grid = [[self.inline(c) for c in it.header]] + [
            [self.inline(c) for c in r] for r in it.rows
        ]
        widths = [max(display_width(r[c]) for r in grid) for c in range(len(grid[0]))]
        lines = []
        for n, r in enumerate(grid):
            lines.append(
                "  " + "  ".join(pad(c, w) for c, w in zip(r, widths, strict=True)).rstrip()
            )
            if n == 0:
                lines.append("  " + "  ".join("-" * w for w in widths))
        return "\n".join(lines)

    def document(self, items: Sequence[Item]) -> str:
        blocks: list[str] = []
        for it in items:
            text = self.item(it)
            if text:
                blocks.append(text)
        out = "\n".join(blocks).lstrip("\n")
        return out + "\n"


def display_width(text: str) -> int:
    """Terminal columns: East Asian wide characters (Hangul) take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def pad(text: str, width: int) -> str:
    return text + " " * (width - display_width(text))


def strip_ansi(text: str) -> str:
    for code in (BOLD, CYAN, GREEN, RESET):
        text = text.replace(code, "")
    return text


def render_text(items: Sequence[Item], lang: str, digits: int, color: bool = False) -> str:
    return TextRenderer(lang, digits, color).document(items)
