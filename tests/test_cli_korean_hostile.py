"""The hostile command lines of tests/test_hostile.py under ``--lang ko``: every one-line error
is Korean (the catalogue chainrule/util/messages_ko.py), names the same values as the English
one, and leaves the files as they were."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

import test_hostile
from chainrule.cli import main
from test_cli_korean import HANGUL, english_left
from test_hostile import CLI_CASES, Case, check_untouched, snapshot

template = test_hostile.template  # the fixtures, shared
folder = test_hostile.folder

ERRORS = [c for c in CLI_CASES if c.status == 2]
# names that stay as they are: commands, data sets, and metavariables (OUTPUT, PATH, PNG)
NAMES = {"evaluate", "explain", "export", "graph", "predict", "exercise", "check", "studio"}
NAMES |= {"mnist", "digits", "moons", "plane", "multi", "gaussian", "opset", "True", "False"}


def english_words(text: str) -> list[str]:
    """English words left in a Korean message, leaving out values: file extensions, option
    values (``--loss mse (저장된 값 cross_entropy)``), bytes (``b'hello'``)."""
    text = re.sub(
        r"--[\w-]+ [^\s,:)]+|저장된 값 [^)]*|(?<![\w/])\.\w+|b'[^']*'|0x[0-9a-f]+", " ", text
    )
    return [w for w in english_left(text) if w not in NAMES and not w.isupper()]


@pytest.mark.parametrize("case", ERRORS, ids=[c.id for c in ERRORS])
def test_hostile_message_in_korean(case: Case, folder: Path, capsys: pytest.CaptureFixture) -> None:
    for name, content in case.files.items():
        (folder / name).write_bytes(content.encode() if isinstance(content, str) else content)
    before = snapshot(folder)
    argv = [a.replace("{dir}", str(folder)) for a in case.argv]
    assert main([*argv, "--lang", "ko"]) == 2
    out, err = capsys.readouterr()
    assert out == "" and err.count("\n") == 1, err
    line = err.rstrip("\n")
    assert line.startswith("chainrule: 오류: "), line
    text = line.removeprefix("chainrule: 오류: ")
    assert HANGUL.search(text) and english_words(text) == [], line
    after = snapshot(folder)
    if case.id == "lock-held":
        assert after.pop("m.npz.lock") == before.pop("m.npz.lock")
    check_untouched(before, after, case.outputs)
    assert main([*argv, "--lang", "en"]) == 2
    english = capsys.readouterr().err
    for quoted in re.findall(r"'[^']*'", english):  # every value it names, still named
        assert quoted in line, (quoted, line)
