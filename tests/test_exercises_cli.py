"""``chainrule exercise`` and ``chainrule check`` from the command line (exit 0, 1, 2)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from chainrule.cli import main
from conftest import run_cli


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_exercise_json_reads_back_as_spec_and_checks(tmp_path, capsys):
    code, out, _ = run(
        capsys, "exercise", "--seed", "5", "--activation", "tanh", "--format", "json"
    )
    assert code == 0
    problem = json.loads(out)
    assert problem["ask"][0] == "net_h1" and problem["layers"][0]["activation"] == "tanh"
    spec = tmp_path / "problem.json"
    spec.write_text(out)
    code, out, _ = run(capsys, "exercise", "--spec", str(spec), "--answers", "--format", "json")
    key = json.loads(out)["answers"]
    answers = tmp_path / "answers.json"
    answers.write_text(json.dumps(key))
    code, out, _ = run(capsys, "check", "--spec", str(spec), str(answers), "--json")
    assert code == 0 and json.loads(out)["wrong"] == []
    key["w5+"] = key["w5+"] + 0.5 * 2 * key["dE/dw5"]  # w + η·g instead of w − η·g
    answers.write_text(json.dumps(key))
    code, out, _ = run(capsys, "check", "--spec", str(spec), str(answers), "--json")
    result = json.loads(out)
    assert code == 1 and result["first_wrong"] == "w5+"
    assert result["wrong"][0]["diagnosis"] == "update_sign"


def test_template_then_check(tmp_path, capsys):
    code, out, _ = run(capsys, "exercise", "--example", "mazur", "--template")
    template = json.loads(out)
    assert code == 0 and template["net_h1"] is None
    template["net_h1"] = 0.3775
    template["out_h1"] = 0.6
    path = tmp_path / "a.json"
    path.write_text(json.dumps(template))
    code, out, _ = run(capsys, "check", "--example", "mazur", str(path), "--lang", "ko")
    assert code == 0 and "맞음 2개" in out  # 0.593269992 to one decimal is 0.6


def test_class_set(tmp_path, capsys):
    folder = tmp_path / "class"
    code, _, _ = run(
        capsys, "exercise", "--seed", "3", "--count", "2", "--output-dir", str(folder),
        "--format", "html", "--lang", "ko",
    )  # fmt: skip
    assert code == 0
    names = sorted(p.name for p in folder.iterdir())
    assert names == [
        "exercise-3.html", "exercise-3.json", "exercise-3.key.html",
        "exercise-4.html", "exercise-4.json", "exercise-4.key.html",
    ]  # fmt: skip
    assert "정답" in (folder / "exercise-3.key.html").read_text()
    assert json.loads((folder / "exercise-4.json").read_text())["name"] == "exercise-4"


@pytest.mark.parametrize("fmt, mark", [("markdown", "# Exercise: mazur"), ("html", "<!DOCTYPE")])
def test_formats(capsys, fmt, mark):
    code, out, _ = run(capsys, "exercise", "--example", "mazur", "--format", fmt, "--answers")
    assert code == 0 and mark in out and "w5" in out


@pytest.mark.parametrize(
    "args, words",
    [
        (
            ["check", "--example", "mazur", "missing.json"],
            "answer file 'missing.json' does not exist",
        ),
        (["check", "--example", "nope", "a.json"], "unknown example 'nope'"),
        (["check", "--example", "xor", "a.json"], "one training sample"),
        (["exercise", "--layers", "2,3"], "add --seed N"),
        (["exercise", "--seed", "1", "--layers", "2,x"], "--layers '2,x'"),
        (["exercise", "--seed", "1", "--activation", "softmax"], "invalid choice: 'softmax'"),
        (["exercise", "--seed", "1", "--count", "2"], "--count K and --output-dir DIR"),
        (
            ["exercise", "--seed", "1", "--count", "10001", "--output-dir", "x"],
            "--count 10001: expected at most 10,000 sheets",
        ),
        (["exercise", "--example", "mazur", "--count", "2", "--output-dir", "x"], "random"),
        (["exercise", "--spec", "nope.json"], "spec file 'nope.json' does not exist"),
    ],
)
def test_bad_input_exit_2_one_line(tmp_path, monkeypatch, capsys, args, words):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text("{}")
    code, out, err = run(capsys, *args)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("chainrule: error: ") and words in err


@pytest.mark.parametrize(
    "text, words",
    [
        ("[1, 2]", "expected a JSON object"),
        ('{"net_h1": NaN}', "NaN is not allowed"),
        ('{"net_h1": ', "is not valid JSON"),
        ('{"delta_x9": 1}', "unknown answer name 'delta_x9'"),
        ('{"net_h1": true}', "answer 'net_h1' is True"),
    ],
)
def test_bad_answer_files(tmp_path, capsys, text, words):
    path = tmp_path / "a.json"
    path.write_text(text)
    code, _, err = run(capsys, "check", "--example", "mazur", str(path))
    assert code == 2 and words in err and err.count("\n") == 1


def test_output_never_overwrites_the_spec(tmp_path, capsys):
    spec = tmp_path / "p.json"
    spec.write_text(json.dumps({**json.loads(Path(__file__).parent.joinpath(
        "golden", "exercise-mazur.json").read_text())}))  # fmt: skip
    before = spec.read_text()
    code, _, err = run(capsys, "exercise", "--spec", str(spec), "--output", str(spec))
    assert code == 2 and "is the --spec file" in err and spec.read_text() == before


def test_in_a_fresh_interpreter(tmp_path):
    answers = tmp_path / "a.json"
    answers.write_text('{"net_h1": 0.3775, "out_h1": 0.5}')
    result = run_cli("check", "--example", "mazur", str(answers), "--json")
    assert result.returncode == 1 and json.loads(result.stdout)["first_wrong"] == "out_h1"
