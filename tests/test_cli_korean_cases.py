"""The one-line errors of the other command-line tests, each also under ``--lang ko``: the
bad-input cases of train, regression, export, graph, exercise, check and studio, read from
those tests' own parameter lists."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

import test_cli_regression
import test_cli_studio
import test_cli_train_data
import test_draw_cli
import test_exercises_cli
import test_export
from cli_helpers import run_main
from test_cli_korean import HANGUL
from test_cli_korean_hostile import english_words


def params(test: Any) -> list[Any]:
    """The argument lists of a parametrized test, as its decorator gives them."""
    [mark] = [m for m in test.pytestmark if m.name == "parametrize"]
    return [values[0] for values in mark.args[1]]


CASES = (
    [("train", args) for args in params(test_cli_train_data.test_errors_are_one_line)]
    + [("train", a) for a in params(test_cli_regression.test_bad_regression_options_are_one_line)]
    + [("export", args) for args in params(test_export.test_cli_refuses_bad_input_in_one_line)]
    + [("graph", args) for args in params(test_draw_cli.test_bad_arguments_give_one_line)]
    + [(args[0], args[1:]) for args in params(test_exercises_cli.test_bad_input_exit_2_one_line)]
    + [("studio", ["--no-browser", *args])
       for args in params(test_cli_studio.test_bad_arguments_are_one_line)]
)  # fmt: skip


@pytest.mark.parametrize(("command", "args"), CASES, ids=[" ".join(c[1])[:40] for c in CASES])
def test_error_in_korean(
    command: str, args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "a.json").write_text("{}")
    (tmp_path / "a-file").write_text("not a folder")
    args = [a.format(dir=tmp_path) for a in args]
    code, out, err = run_main(command, "--lang", "ko", *args)  # a later --lang of args wins
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    line = err.rstrip("\n")
    assert line.startswith("chainrule: 오류: "), line
    text = line.removeprefix("chainrule: 오류: ")
    assert HANGUL.search(text) and english_words(text) == [], line
    english = run_main(command, "--lang", "en", *args)[2]
    for quoted in re.findall(r"'[^']*'", english):
        assert quoted in line, (quoted, line)


@pytest.mark.parametrize("text", params(test_exercises_cli.test_bad_answer_files))
def test_bad_answer_file_in_korean(text: str, tmp_path: Path) -> None:
    answers = tmp_path / "a.json"
    answers.write_text(text)
    code, out, err = run_main("check", "--example", "mazur", str(answers), "--lang", "ko")
    assert (code, out) == (2, "") and err.count("\n") == 1, err
    text = err.removeprefix("chainrule: 오류: ").rstrip("\n")
    assert err.startswith("chainrule: 오류: ") and HANGUL.search(text), err
    assert english_words(text) == [], err
