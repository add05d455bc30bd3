"""The walk and the parentheses the three notations share (chainrule.teach.explain.notation),
each written in its own pieces: plain text, LaTeX and MathML."""

from __future__ import annotations

import pytest

from chainrule.teach.explain.expr import (
    HALF,
    ONE,
    Const,
    Frac,
    Func,
    Neg,
    Num,
    Paren,
    Pow,
    Sym,
    juxt,
    minus,
    plus,
    prod,
)
from chainrule.teach.explain.html import MathMLRenderer
from chainrule.teach.explain.markdown import LatexRenderer
from chainrule.teach.explain.notation import Notation
from chainrule.teach.explain.text import TextRenderer

OUT = Sym("out", "o1")
TREES = {
    "negated sum": Neg(plus(Num(0.5), Num(-0.8))),
    "half squared": Pow(HALF, Const("2")),
    "sigmoid derivative": juxt(OUT, Paren(minus(ONE, OUT))),
    "bars": Func("abs", (Sym("net"),)),
    "negative factor": prod(Num(0.4), Neg(Num(0.02))),
    "fraction beside": juxt(
        Frac(ONE, Const("K")), Pow(Paren(minus(Sym("t"), Sym("o"))), Const("2"))
    ),
    "sum turned": plus(Sym("a"), Num(-0.8)),
}
WRITTEN = {
    "text": {
        "negated sum": "−(0.5 − 0.8)",
        "half squared": "(½)²",
        "sigmoid derivative": "out_o1(1 − out_o1)",
        "bars": "|net|",
        "negative factor": "0.4 · (−0.02)",
        "fraction beside": "(1/K)(t − o)²",
        "sum turned": "a − 0.8",
    },
    "latex": {
        "negated sum": r"-\left(0.5 - 0.8\right)",
        "half squared": r"\left(\frac{1}{2}\right)^{2}",
        "sigmoid derivative": r"out_{o1}\,\left(1 - out_{o1}\right)",
        "bars": r"\left|net\right|",
        "negative factor": r"0.4 \cdot \left(-0.02\right)",
        "fraction beside": r"\frac{1}{K}\,\left(t - o\right)^{2}",
        "sum turned": "a - 0.8",
    },
    "mathml": {
        "negated sum": "<mrow><mo>−</mo><mrow><mo>(</mo><mrow><mn>0.5</mn><mo>−</mo><mn>0.8</mn>"
        "</mrow><mo>)</mo></mrow></mrow>",
        "bars": "<mrow><mo>|</mo><mi>net</mi><mo>|</mo></mrow>",
        "negative factor": "<mrow><mn>0.4</mn><mo>·</mo><mrow><mo>(</mo><mrow><mo>−</mo>"
        "<mn>0.02</mn></mrow><mo>)</mo></mrow></mrow>",
        "sum turned": "<mrow><mi>a</mi><mo>−</mo><mn>0.8</mn></mrow>",
    },
}
NOTATIONS = {
    "text": TextRenderer("en", 4),
    "latex": LatexRenderer("en", 4),
    "mathml": MathMLRenderer("en", 4),
}


@pytest.mark.parametrize("notation", sorted(WRITTEN))
def test_each_notation_writes_the_shared_parentheses(notation):
    renderer = NOTATIONS[notation]
    assert isinstance(renderer, Notation)
    for key, expected in WRITTEN[notation].items():
        assert renderer.expr(TREES[key]) == expected, key


@pytest.mark.parametrize("notation", sorted(NOTATIONS))
def test_an_unknown_node_is_a_type_error(notation):
    with pytest.raises(TypeError, match="cannot render"):
        NOTATIONS[notation].expr(object())  # type: ignore[arg-type]
