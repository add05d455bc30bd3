"""Golden sheets and reports, in English and Korean, in text, Markdown and HTML.

The sheet is Mazur's example as a problem; the report checks his printed numbers with the
hidden layer computed from w5⁺…w8⁺ (every wrong number named ``updated_weights``). After an
intended change, regenerate and review the diff:

    CHAINRULE_UPDATE_GOLDEN=1 pytest tests/test_exercises_golden.py
"""

from __future__ import annotations

import json

import pytest

import chainrule as cr
from test_exercises_mazur import hidden_from_updated_weights, printed
from test_explain_golden import GOLDEN, SUFFIX, check


def render(obj, fmt: str) -> str:
    return {"text": obj.text, "markdown": obj.markdown, "html": obj.html}[fmt]()


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_sheet_golden(lang, fmt):
    sheet = cr.exercise("mazur", lang=lang)
    check(GOLDEN / f"exercise-mazur.{lang}.{SUFFIX[fmt]}", render(sheet, fmt))


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_report_golden(lang, fmt):
    answers = printed()
    answers.update(hidden_from_updated_weights())
    report = cr.check("mazur", answers, lang=lang)
    check(GOLDEN / f"check-mazur.{lang}.{SUFFIX[fmt]}", render(report, fmt))


def test_sheet_json_is_a_spec_with_ask():
    data = cr.exercise("mazur").to_dict()
    data.pop("description")  # the built-in example's own words, not the exercise's
    check(GOLDEN / "exercise-mazur.json", json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    assert data["ask"][:4] == ["net_h1", "out_h1", "net_h2", "out_h2"]
    assert data["layers"][1]["weights"] == [[0.40, 0.45], [0.50, 0.55]]
