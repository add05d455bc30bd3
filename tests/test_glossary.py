"""One glossary (docs/glossary.md) that every Korean text follows."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from chainrule.cli.help_ko import HELP_KO
from chainrule.cli.words import KO as CLI_KO
from chainrule.studio.i18n import KO as STUDIO_KO
from chainrule.studio.messages_ko import MESSAGES_KO as STUDIO_MESSAGES_KO
from chainrule.teach.draw.i18n import WORDS as DRAW_WORDS
from chainrule.teach.explain.i18n import KO as EXPLAIN_KO
from chainrule.teach.plots import WORDS as PLOT_WORDS  # matplotlib is imported only to draw
from chainrule.training.progress import WORDS as PROGRESS_WORDS
from chainrule.util.messages_ko import MESSAGES_KO

ROOT = Path(__file__).resolve().parent.parent


def glossary() -> list[tuple[str, str, list[str]]]:
    rows = []
    for line in (ROOT / "docs" / "glossary.md").read_text(encoding="utf-8").splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if len(cells) == 3 and cells[0] not in ("English", "---"):
            avoid = [re.sub(r"\s*\(.*\)", "", a).strip() for a in cells[2].split(",") if a.strip()]
            rows.append((cells[0], cells[1], [a for a in avoid if a]))
    return rows


def korean_texts() -> dict[str, str]:
    return {
        "cli/words.py": " ".join(CLI_KO.values()),
        "cli/help_ko.py": " ".join(HELP_KO.values()),
        "util/messages_ko.py": " ".join(k for _, k in MESSAGES_KO),
        "studio/i18n.py": " ".join(STUDIO_KO.values()),
        "studio/messages_ko.py": " ".join(k for _, k in STUDIO_MESSAGES_KO),
        "explain/i18n.py": " ".join(EXPLAIN_KO.values()),
        "draw/i18n.py": " ".join(DRAW_WORDS["ko"].values()),
        "progress.py": " ".join(PROGRESS_WORDS["ko"].values()),
        "plots.py": " ".join(PLOT_WORDS["ko"].values()),
        "README.ko.md": (ROOT / "README.ko.md").read_text(encoding="utf-8"),
        **{p.name: p.read_text(encoding="utf-8") for p in (ROOT / "docs").glob("*.ko.md")},
    }


def test_the_glossary_has_the_brief_terms() -> None:
    terms = {en: ko for en, ko, _ in glossary()}
    assert terms["sample"] == "샘플" and terms["weight"] == "가중치" and terms["bias"] == "편향"
    assert terms["activation function"] == "활성화 함수" and terms["error"] == "오차"
    assert terms["learning rate"] == "학습률" and terms["epoch"] == "에포크"


@pytest.mark.parametrize("where", sorted(korean_texts()))
def test_korean_texts_avoid_the_other_words(where: str) -> None:
    text = korean_texts()[where]
    for en, _, avoid in glossary():
        for word in avoid:
            if word == "노드":  # a node of a computational graph is 노드; a neuron is not
                continue
            assert word not in text, (where, en, word)


def test_korean_texts_use_the_glossary_terms() -> None:
    texts = korean_texts()
    used = " ".join(texts.values())
    for en, ko, _ in glossary():
        assert ko in used, (en, ko)
    assert "샘플" in texts["explain/i18n.py"] and "가중치" in texts["explain/i18n.py"]
