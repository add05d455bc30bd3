"""Golden outputs of ``chainrule explain --example mazur`` in every format and language.

The files under tests/golden/ are the reviewed outputs. After an intended change to the
explanation, regenerate them and review the diff:

    CHAINRULE_UPDATE_GOLDEN=1 pytest tests/test_explain_golden.py

The JSON golden is compared number by number (to 1e-12), so that a last-bit difference of
a platform's exp() does not break it; the rendered formats round to 9 decimals and are
compared exactly.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chainrule.teach.explain import explain
from conftest import run_cli

GOLDEN = Path(__file__).parent / "golden"
UPDATE = os.environ.get("CHAINRULE_UPDATE_GOLDEN") == "1"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html"}


def check(path: Path, actual: str) -> None:
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(actual, encoding="utf-8")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{path.name} differs; see the module docstring to regenerate"


@pytest.mark.parametrize("fmt", sorted(SUFFIX))
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_mazur_golden(lang, fmt):
    ex = explain("mazur", lang=lang)
    actual = {"text": ex.text, "markdown": ex.markdown, "html": ex.html}[fmt]()
    check(GOLDEN / f"mazur.{lang}.{SUFFIX[fmt]}", actual)


def close(a, b) -> bool:
    if isinstance(a, list):
        return isinstance(b, list) and len(a) == len(b) and all(map(close, a, b))
    if isinstance(a, dict):
        return isinstance(b, dict) and a.keys() == b.keys() and all(close(a[k], b[k]) for k in a)
    return abs(a - b) <= 1e-12 * max(1.0, abs(b))


def test_mazur_golden_json():
    result = run_cli("explain", "--example", "mazur", "--format", "json")
    assert result.returncode == 0, result.stderr
    path = GOLDEN / "mazur.json"
    if UPDATE:
        path.write_text(result.stdout, encoding="utf-8")
    assert close(json.loads(result.stdout), json.loads(path.read_text(encoding="utf-8")))


@pytest.mark.parametrize(("lang", "fmt"), [("en", "text"), ("ko", "markdown"), ("ko", "html")])
def test_cli_writes_the_golden_output(lang, fmt):
    """The command gives the same bytes as the Python API (plain text when piped)."""
    result = run_cli("explain", "--example", "mazur", "--lang", lang, "--format", fmt)
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / f"mazur.{lang}.{SUFFIX[fmt]}").read_text(encoding="utf-8")
