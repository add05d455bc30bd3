"""One self-contained HTML page: MathML for the equations, CSS inline, no script.

Nothing is fetched from the network: no script, no web font, no stylesheet link, and a
Content-Security-Policy that forbids loading anything (``default-src 'none'``). Browsers
draw MathML themselves (Chromium 109+, Firefox, Safari); the page uses the system fonts.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from chainrule.teach.explain.expr import (
    FUNCTION_NAMES,
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

OPERATORS = {"+": "+", "-": "−", "·": "·", "⊙": "⊙", "=": "=", "≥": "≥", "<": "&lt;", ",": ","}

CSS = """
.chainrule-explain { font-family: system-ui, -apple-system, "Segoe UI", "Noto Sans",
  "Noto Sans CJK KR", "Apple SD Gothic Neo", "Malgun Gothic", sans-serif; line-height: 1.55;
  color: #1d2430; max-width: 60rem; margin: 0 auto; padding: 1rem 1.5rem 3rem; }
.chainrule-explain:lang(ko) { font-family: "Noto Sans CJK KR", "Noto Sans KR",
  "Apple SD Gothic Neo", "Malgun Gothic", "Nanum Gothic", system-ui, sans-serif;
  word-break: keep-all; overflow-wrap: break-word; }
.chainrule-explain h1 { font-size: 1.7rem; border-bottom: 2px solid #3b6ea5;
  padding-bottom: .3rem; }
.chainrule-explain h2 { font-size: 1.3rem; margin-top: 2rem; color: #23486f;
  border-bottom: 1px solid #c9d6e3; padding-bottom: .15rem; }
.chainrule-explain h3 { font-size: 1.08rem; margin-top: 1.4rem; color: #23486f; }
.chainrule-explain p { margin: .55rem 0; }
.chainrule-explain math { font-family: "STIX Two Math", "Cambria Math", "Latin Modern Math",
  "Noto Sans Math", math; font-size: 1.08em; }
.chainrule-explain math[display="block"] { display: block; margin: .35rem 0 .35rem 1.2rem;
  overflow-x: auto; overflow-y: hidden; padding: .15rem 0; text-align: left; }
.chainrule-explain mn.result { color: #0b6b3a; font-weight: bold; }
.chainrule-explain mtable.matrix { border-left: 1.5px solid currentColor;
  border-right: 1.5px solid currentColor; border-radius: .45em; padding: .1em .3em;
  margin: 0 .2em; }
.chainrule-explain table { border-collapse: collapse; margin: .6rem 0 .6rem 1.2rem; }
.chainrule-explain th, .chainrule-explain td { border: 1px solid #c9d6e3; padding: .2rem .8rem;
  text-align: right; font-variant-numeric: tabular-nums; }
.chainrule-explain th { background: #eef3f8; }
.chainrule-explain footer { margin-top: 2.5rem; font-size: .85rem; color: #66707c; }
"""


class MathMLRenderer(Notation):
    comma = "<mo>,</mo>"

    def name(self, x: Name, in_sub: bool) -> str:
        letter, index = f"<mi>{x.letter}</mi>", f"<mn>{x.index}</mn>"
        if x.layer is not None:
            return (
                f"<msubsup>{letter}{index}<mrow><mo>(</mo><mn>{x.layer}</mn><mo>)</mo>"
                "</mrow></msubsup>"
            )
        if in_sub:
            return f"<mrow>{letter}{index}</mrow>"
        return f"<msub>{letter}{index}</msub>"

    def sym(self, x: Sym) -> str:
        base = f"<mi>{escape(x.base)}</mi>"
        sub = None
        if isinstance(x.sub, Name):
            sub = self.name(x.sub, True)
        elif x.sub:
            sub = f"<mn>{x.sub}</mn>" if x.sub.isdigit() else f"<mi>{escape(x.sub)}</mi>"
        sup = None
        if x.sup == "+":
            sup = "<mo>+</mo>"
        elif x.sup:
            sup = f'<mi mathvariant="normal">{escape(x.sup)}</mi>'
        if sub and sup:
            return f"<msubsup>{base}{sub}{sup}</msubsup>"
        if sub:
            return f"<msub>{base}{sub}</msub>"
        if sup:
            return f"<msup>{base}{sup}</msup>"
        return base

    def paren(self, inner: str) -> str:
        return f"<mrow><mo>(</mo>{inner}<mo>)</mo></mrow>"

    def num(self, x: Num) -> str:
        return f"<mn>{format_number(x.value, self.digits)}</mn>"

    def const(self, x: Const) -> str:
        tag = "mn" if x.text.replace(".", "").isdigit() else "mi"
        return f"<{tag}>{escape(x.text)}</{tag}>"

    def word(self, x: Word) -> str:
        return f"<mtext>{escape(word(self.lang, x.key))}</mtext>"

    def partial(self, x: Partial) -> str:
        return (
            f"<mfrac><mrow><mo>∂</mo>{self.expr(x.num)}</mrow>"
            f"<mrow><mo>∂</mo>{self.expr(x.den)}</mrow></mfrac>"
        )

    def negative(self, inner: str) -> str:
        return f"<mrow><mo>−</mo>{inner}</mrow>"

    def fraction(self, x: Frac) -> str:
        return f"<mfrac>{self.expr(x.num)}{self.expr(x.den)}</mfrac>"

    def power(self, base: str, exponent: Expr) -> str:
        return f"<msup>{base}<mrow>{self.expr(exponent)}</mrow></msup>"

    def bars(self, args: str) -> str:
        return f"<mrow><mo>|</mo>{args}<mo>|</mo></mrow>"

    def call(self, name: str, args: str) -> str:
        return f"<mrow><mi>{escape(FUNCTION_NAMES.get(name, name))}</mi>{self.paren(args)}</mrow>"

    def total(self, body: str) -> str:
        return f"<mrow><mo>∑</mo>{body}</mrow>"

    def joint(self, op: str, sign: str, text: str) -> str:
        return "<mo>&#x2062;</mo>" if op == "juxt" else f"<mo>{OPERATORS[sign]}</mo>"

    def row(self, text: str) -> str:
        return f"<mrow>{text}</mrow>"

    def matrix(self, x: Matrix) -> str:
        rows = x.rows
        cols = len(rows[0]) if rows else 0
        col_idx = shown(cols)
        lines = []
        for r in shown(len(rows)):
            if r is None:
                cells = [
                    "<mtd><mo>⋱</mo></mtd>" if c is None else "<mtd><mo>⋮</mo></mtd>"
                    for c in col_idx
                ]
            else:
                cells = [
                    "<mtd><mo>⋯</mo></mtd>" if c is None else f"<mtd>{self.expr(rows[r][c])}</mtd>"
                    for c in col_idx
                ]
            lines.append("<mtr>" + "".join(cells) + "</mtr>")
        # the brackets are CSS borders, so they grow with the matrix in every font
        return f'<mtable class="matrix">{"".join(lines)}</mtable>'

    def equation(self, it: Eq) -> str:
        parts = [self.expr(p) for p in it.parts]
        if len(parts) > 1 and isinstance(it.parts[-1], Num):
            parts[-1] = parts[-1].replace("<mn>", '<mn class="result">', 1)
        body = "<mo>=</mo>".join(parts)
        if it.cond is not None:
            body += f'<mspace width="2em"></mspace>{self.paren(self.expr(it.cond))}'
        return f'<math display="block"><mrow>{body}</mrow></math>'


def render_body(items: Sequence[Item], lang: str, digits: int) -> str:
    mml = MathMLRenderer(lang, digits)

    def inline(value: object) -> str:
        if isinstance(value, str):
            return escape(value)
        if isinstance(value, Word):  # a word in a sentence is prose, not math
            return escape(word(lang, value.key))
        return f"<math>{mml.expr(value)}</math>"  # type: ignore[arg-type]

    out: list[str] = []
    for it in items:
        if isinstance(it, Heading):
            level = min(it.level, 6)
            out.append(f"<h{level}>{fill(word(lang, it.key), it.args, inline, escape)}</h{level}>")
        elif isinstance(it, Para):
            template = word(lang, it.key)
            if template:
                out.append(f"<p>{fill(template, it.args, inline, escape)}</p>")
        elif isinstance(it, Eq):
            out.append(mml.equation(it))
        elif isinstance(it, Table):
            head = "".join(f"<th>{inline(c)}</th>" for c in it.header)
            rows = "".join(
                "<tr>" + "".join(f"<td>{inline(c)}</td>" for c in r) + "</tr>" for r in it.rows
            )
            out.append(f"<table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>")
        else:
            raise TypeError(f"cannot render {it!r}")
    return "\n".join(out)


def render_html_fragment(items: Sequence[Item], lang: str, digits: int) -> str:
    """The explanation as a ``<div>`` with its own ``<style>`` (for Jupyter)."""
    return (
        f'<div class="chainrule-explain" lang="{lang}"><style>{CSS}</style>\n'
        f"{render_body(items, lang, digits)}\n</div>"
    )


def render_html(items: Sequence[Item], lang: str, digits: int, title: str) -> str:
    """A whole page."""
    heading = next((it for it in items if isinstance(it, Heading)), None)
    if heading is not None:
        page_title = fill(
            word(lang, heading.key), heading.args, lambda v: v if isinstance(v, str) else "", str
        )
    else:
        page_title = title
    return f"""<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{escape(page_title)}</title>
<style>{CSS}</style>
</head>
<body>
<main class="chainrule-explain">
{render_body(items, lang, digits)}
<footer>{escape(word(lang, "page_note"))}</footer>
</main>
</body>
</html>
"""
