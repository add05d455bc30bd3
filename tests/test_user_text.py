"""No user-facing text names a source by an internal number ("seed 003", "시드 003").

The sources are cited by name (docs/sources.md). Checked: the README files and docs, the
``--help`` of every command in both languages, and every output of every built-in example
(explanations in every format, graphs as data and as DOT, the example list) in both languages.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from chainrule.cli import build_parser
from chainrule.teach.examples import GRAPHS, SPECS
from chainrule.teach.explain import explain
from cli_helpers import run_main

ROOT = Path(__file__).resolve().parent.parent
# "seed 00N" / "시드 00N"; the old example names seed003 and seed004 are aliases, named once
NUMBERED = re.compile(r"seed 00|시드 00", re.IGNORECASE)


def numbered(text: str) -> list[str]:
    return [line for line in text.splitlines() if NUMBERED.search(line)]


def cli_output(*argv: str) -> str:
    code, out, err = run_main(*argv)
    assert code == 0, err
    return out + err


def commands() -> list[str]:
    sub = build_parser()._subparsers._group_actions[0]  # type: ignore[union-attr]
    return sorted(sub.choices)


@pytest.mark.parametrize(
    "path", [ROOT / "README.md", ROOT / "README.ko.md", *sorted((ROOT / "docs").glob("*.md"))]
)
def test_documents_cite_sources_by_name(path):
    assert numbered(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_help_of_every_command(lang):
    texts = [cli_output("--lang", lang, "--help")]
    texts += [cli_output("--lang", lang, name, "--help") for name in commands()]
    assert len(texts) >= 7
    for text in texts:
        assert numbered(text) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", sorted(SPECS))
def test_every_explanation(name, lang):
    ex = explain(name, lang=lang)
    for text in (ex.text(), ex.markdown(), ex.html(), json.dumps(ex.to_dict(), ensure_ascii=False)):
        assert len(text) > 500
        assert numbered(text) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize("name", [*GRAPHS, *SPECS])
def test_every_graph(name, lang):
    for fmt in ("json", "dot"):
        text = cli_output("graph", "--example", name, "--format", fmt, "--lang", lang)
        assert len(text) > 100
        assert numbered(text) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_training_and_the_network_view(lang):
    texts = [
        cli_output("train", gate, "--epochs", "10", "--lang", lang) for gate in ("xor", "and", "or")
    ]
    texts.append(cli_output("graph", "--example", "mazur", "--level", "network", "--format", "svg",
                            "--lang", lang))  # fmt: skip
    for text in texts:
        assert len(text) > 200 and numbered(text) == []


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_example_list(lang):
    text = cli_output("explain", "--list", "--lang", lang)
    assert [line.split()[0] for line in text.splitlines()] == list(SPECS)
    assert numbered(text) == []
