"""The Markdown is well formed: display math alone between $$, balanced braces and
\\left/\\right pairs, inline math closed on its line, prose escaped."""

from __future__ import annotations

import copy
import re

import pytest

from chainrule.teach.examples import SPECS
from chainrule.teach.explain import explain


def balanced(tex: str) -> bool:
    depth = 0
    for ch in re.sub(r"\\[{}]", "", tex):
        depth += {"{": 1, "}": -1}.get(ch, 0)
        if depth < 0:
            return False
    return depth == 0


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_markdown_math_is_well_formed(name, lang):
    md = explain(name, lang=lang).markdown()
    blocks = md.split("\n\n")
    display = [b for b in blocks if b.startswith("$$")]
    assert len(display) > 20
    for block in display:
        assert block.endswith("$$") and block.count("$$") == 2, block
        tex = block[2:-2]
        assert balanced(tex), tex
        assert tex.count(r"\left") == tex.count(r"\right"), tex
        assert r"\begin{pmatrix}" not in tex or tex.count(r"\begin{pmatrix}") == tex.count(
            r"\end{pmatrix}"
        )
    for block in blocks:
        if block.startswith(("$$", "|")):
            continue
        unescaped = re.sub(r"\\\$", "", block)
        assert unescaped.count("$") % 2 == 0, block  # every inline formula is closed
        for inline in re.findall(r"\$([^$]+)\$", unescaped):
            assert balanced(inline), inline


def test_headings_and_escaped_prose():
    md = explain("mazur", lang="en").markdown()
    assert md.startswith("# Backpropagation, step by step: mazur\n")
    assert "\n## The forward pass\n" in md and "\n### Output layer\n" in md
    spec = copy.deepcopy(SPECS["mazur"]) | {"description": "a *bold* $claim$ with_underscores"}
    md = explain(spec, lang="en").markdown()
    assert r"a \*bold\* \$claim\$ with\_underscores" in md


def test_seed000_equations_in_latex():
    md = explain("mazur", lang="en").markdown()
    assert (
        r"$$net_{h1} = w_{1} \cdot i_{1} + w_{2} \cdot i_{2} + b_{1} \cdot 1 = "
        r"0.15 \cdot 0.05 + 0.2 \cdot 0.1 + 0.35 \cdot 1 = 0.3775$$"
    ) in md
    assert (
        r"$$w_{5}^{+} = w_{5} - \eta \cdot \frac{\partial E_{total}}{\partial w_{5}} = "
        r"0.4 - 0.5 \cdot 0.082167041 = 0.35891648$$"
    ) in md
