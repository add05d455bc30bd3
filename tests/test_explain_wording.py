"""The explanation's wording: singular and plural right, one minus sign, brackets only
where a product needs them."""

from __future__ import annotations

import re

import pytest

from chainrule.teach.examples import SPECS
from chainrule.teach.explain import explain


@pytest.mark.parametrize("name", sorted(SPECS))
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_plurals_minus_signs_and_brackets(name: str, fmt: str) -> None:
    ex = explain(name, lang="en")
    text = {"text": ex.text, "markdown": ex.markdown, "html": ex.html}[fmt]()
    assert not re.search(r"\b1 (neurons|samples|weights)\b", text)
    assert not re.search(r"\b([02-9]|\d\d+) (neuron|sample)\b(?!s)", text)
    assert "(s)" not in text
    if fmt != "markdown":  # LaTeX writes its minus as -, and draws it as −
        assert not re.search(r"(?<![\w.e])-\d", re.sub(r"<[^>]+>", "", text))
    # a negative term of a sum is subtracted, not bracketed
    assert not re.search(r"[+−] \(−\d", text) and not re.search(r"[+−] \\left\(−\d", text)


def test_singular_and_negative_terms_in_the_xor_example() -> None:
    text = explain("xor", lang="en").text()
    assert "Layer 2, output: 1 neuron (o1)" in text
    assert "Layer 1, hidden: 2 neurons (h1, h2)" in text
    assert "= 0.5 · 0 + 0.4 · 0 − 0.8 · 1 = −0.8" in text  # b1 = −0.8
    assert "b1 = −0.8" in text and "e^(−(−0.8))" in text
    mazur = explain("mazur", lang="en").text()
    assert "0.055399425 − 0.019049118 = 0.036350306" in mazur
    assert "w7⁺ = w7 − η · ∂E/∂w7 = 0.5 − 0.5 · (−0.02260254) = 0.51130127" in mazur


def test_korean_html_keeps_words_whole_in_a_korean_font() -> None:
    page = explain("mazur", lang="ko").html()
    assert '<html lang="ko">' in page
    rule = re.search(r"\.chainrule-explain:lang\(ko\) \{([^}]*)\}", page)
    assert rule is not None
    assert "word-break: keep-all" in rule.group(1)
    assert rule.group(1).strip().startswith('font-family: "Noto Sans CJK KR"')
    assert "Malgun Gothic" in rule.group(1) and "Apple SD Gothic Neo" in rule.group(1)
