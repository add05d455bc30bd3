"""Answer names: the explanation's names in ASCII, their symbols, and other spellings."""

from __future__ import annotations

import pytest

from chainrule.teach.exercises import generate
from chainrule.teach.exercises.names import canonical, symbol
from chainrule.teach.explain.expr import Name, Partial, Sym
from chainrule.teach.explain.text import TextRenderer


@pytest.mark.parametrize(
    "name, shown",
    [
        ("net_h1", "net_h1"),
        ("out_o2", "out_o2"),
        ("E_total", "E_total"),
        ("E_o1", "E_o1"),
        ("dE/dout_o1", "∂E/∂out_o1"),
        ("dout_o1/dnet_o1", "∂out_o1/∂net_o1"),
        ("delta_h1", "δ_h1"),
        ("dE/dw5", "∂E/∂w5"),
        ("w5+", "w5⁺"),
        ("b1+", "b1⁺"),
        ("dE_o2/dout_h1", "∂E_o2/∂out_h1"),
        ("out_h2_1", "out_h2_1"),
        ("delta_h1_3", "δ_h1_3"),
    ],
)
def test_symbols_render_as_the_explanation_writes_them(name, shown):
    assert TextRenderer("en", 9).expr(symbol(name)) == shown


def test_symbol_trees():
    assert symbol("out_h2_1") == Sym("out", Name("h", 1, 2))
    assert symbol("dE/dw5") == Partial(Sym("E", "total"), Sym("w", "5"))


@pytest.mark.parametrize(
    "alias, name",
    [
        ("dE_o1/dnet_o1", "delta_o1"),
        ("dE/dnet_h2", "delta_h2"),
        ("dE_total/dw5", "dE/dw5"),
        ("dE_o1/dout_h1", "dE_o1/dout_h1"),
        ("w5+", "w5+"),
    ],
)
def test_other_spellings(alias, name):
    assert canonical(alias) == name


def test_deeper_hidden_layers_carry_their_layer():
    p = generate(3, (2, 3, 2, 2))
    assert {"net_h1_3", "out_h2_2", "delta_h1_1", "dE/dout_h2_1", "net_o2"} <= set(p.ask)
    assert "dE/dw16" in p.ask and "dE/dw17" not in p.ask  # 6 + 6 + 4 weights
