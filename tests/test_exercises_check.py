"""Checking answers from Python: the report object, its JSON, and bad answers."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

import chainrule as cr
from chainrule.errors import ChainruleError
from chainrule.teach.exercises import Report, exercise


@pytest.fixture(scope="module")
def sheet():
    return exercise("mazur")


def test_report_fields(sheet):
    report = cr.check(sheet, {"net_h1": 0.3775, "out_h1": 0.7, "net_o1": None})
    assert isinstance(report, Report)
    data = report.to_dict()
    assert set(data) == {"correct", "wrong", "missing", "first_wrong"}
    assert data["correct"] == ["net_h1"]
    assert data["first_wrong"] == "out_h1"
    (wrong,) = data["wrong"]
    assert set(wrong) == {"name", "got", "expected", "diagnosis", "explanation"}
    assert wrong["got"] == 0.7 and wrong["expected"] == pytest.approx(0.593269992, abs=1e-9)
    assert wrong["diagnosis"] is None
    assert "net_h1 is right" in wrong["explanation"]
    assert "net_o1" in data["missing"] and len(data["missing"]) == len(sheet.problem.ask) - 2
    assert not report.all_right


def test_a_wrong_input_is_pointed_at(sheet):
    report = cr.check(sheet, {"net_h1": 0.3, "out_h1": 0.574442516})  # out_h1 = σ(0.3)
    out_h1 = report["out_h1"]
    assert out_h1.status == "wrong" and out_h1.depends_on == [("net_h1", "wrong")]
    assert "which is wrong too" in report.explanation(out_h1)


def test_jupyter_views(sheet):
    report = cr.check(sheet, {"net_h1": 0.3775})
    assert report._repr_html_().startswith('<div class="chainrule-explain"')
    assert "net\\_h1" in report._repr_markdown_()
    assert sheet._repr_html_().startswith('<div class="chainrule-explain"')
    assert "Exercise: mazur" in str(sheet)


def test_every_answer_right_from_the_key(sheet):
    report = cr.check("mazur", sheet.problem.answers())
    assert report.all_right and report.missing == [] and report.first_wrong is None
    assert "Every answer is right." in report.text()


def test_template_and_ask(sheet):
    template = sheet.template()
    assert list(template)[:3] == ["net_h1", "out_h1", "net_h2"] and set(template.values()) == {None}
    small = exercise("mazur", ask=["net_h1", "dE_o1/dnet_o1"])
    assert small.problem.ask == ["net_h1", "delta_o1"]
    assert cr.check(small, {}).missing == ["net_h1", "delta_o1"]


@pytest.mark.parametrize(
    "answers, words",
    [
        ({"net_h9": 1}, "unknown answer name 'net_h9'"),
        ({"net_h1": "abc"}, "answer 'net_h1' is 'abc'"),
        ({"net_h1": [1]}, "answer 'net_h1'"),
        ([1, 2], "expected an object"),
    ],
)
def test_bad_answers(answers, words):
    with pytest.raises(ChainruleError, match=words):
        cr.check("mazur", answers)


@pytest.mark.parametrize(
    "source, words",
    [
        ("nope", "unknown example 'nope'"),
        ("xor", "one training sample, got 4"),
        (3.5, "cannot make an exercise of float"),
    ],
)
def test_bad_problems(source, words):
    with pytest.raises(ChainruleError, match=words):
        cr.check(source, {})


def test_bad_ask():
    with pytest.raises(ChainruleError, match="ask: unknown name 'net_h7'"):
        exercise("mazur", ask=["net_h7"])


def test_korean_report_and_decimal_answers():
    report = cr.check("mazur", {"out_o1": Decimal("0.751365070")}, lang="ko")
    assert report.all_right
    assert "맞음 1개" in report.text()


def test_problems_from_every_source(tmp_path):
    from chainrule.teach.examples import MAZUR, mazur_spec

    path = tmp_path / "p.json"
    path.write_text(json.dumps({**MAZUR, "ask": ["w5+"]}))
    for source in (dict(MAZUR), mazur_spec(), str(path)):
        sheet = exercise(spec=source)
        assert sheet.problem.answers()["w5+"] == pytest.approx(0.35891648, abs=1e-9)
    assert exercise(spec=str(path)).problem.ask == ["w5+"]
    with pytest.raises(ChainruleError, match="give one of example, spec and seed"):
        exercise("mazur", seed=3)
