"""The sources are named with title, author, year and link (or "no public link known"), in
docs/sources.md, docs/sources.ko.md and the README "Sources" sections, in both languages."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent

# (title, author) of each source as every document names it
SOURCES = [
    ("A Step by Step Backpropagation Example", "Matt Mazur"),
    ("Back-propagation 이해하기", None),
    ("오차 역전파의 동작원리", "김대환"),
    ("딥러닝 기초 - 오차역전파(back propagation) 알고리즘", None),
    ("Machine Learning 스터디 (18) Neural Network", "SanghyukChun"),
    ("오차역전파 계산하기", "JongSeobJ"),
]
LINKS = {
    "A Step by Step Backpropagation Example": "https://mattmazur.com/2015/03/17/"
    "a-step-by-step-backpropagation-example/",
    "Machine Learning 스터디 (18) Neural Network": "https://sanghyukchun.github.io/74/",
}
NO_LINK = {"en": "no public link known", "ko": "알려진 공개 링크 없음"}
DOCS = {"en": ROOT / "docs" / "sources.md", "ko": ROOT / "docs" / "sources.ko.md"}
READMES = {"en": (ROOT / "README.md", "## Sources"), "ko": (ROOT / "README.ko.md", "## 출처")}


def readme_section(lang: str) -> str:
    path, heading = READMES[lang]
    text = path.read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end > 0 else None]


def source_rows(lang: str) -> list[str]:
    """The rows of the first table of docs/sources(.ko).md, header and rule left out."""
    table = DOCS[lang].read_text(encoding="utf-8").split("\n\n")[2]
    return table.splitlines()[2:]


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_every_source_has_title_author_year_and_link_or_says_none_is_known(lang: str) -> None:
    rows = source_rows(lang)
    assert len(rows) == 7  # five tutorials, the translation and the book
    for row in rows:
        cells = [c.strip() for c in row.strip("|").split("|")]
        assert len(cells) == 6, row
        _, title, author, year, link, _ = cells
        assert title and author and year and link, row
        assert re.search(r"20\d\d", year) or "not dated" in year or "날짜 없음" in year, row
        assert link.startswith("<https://") or link.startswith(NO_LINK[lang]), row
    links = [r for r in rows if "<https://" in r.split("|")[5]]
    assert len(links) == 3  # Mazur, the book's code, SanghyukChun
    assert sum(NO_LINK[lang] in r for r in rows) == 4


def entries(lang: str) -> list[str]:
    """The table rows of docs/sources(.ko).md and the bullets of the README section."""
    bullets = readme_section(lang).split("\n- ")[1:]
    return source_rows(lang) + [" ".join(b.split()) for b in bullets]


@pytest.mark.parametrize("lang", ["en", "ko"])
@pytest.mark.parametrize(("title", "author"), SOURCES)
def test_each_source_is_named_in_the_docs_and_the_readme(lang: str, title: str, author) -> None:
    found = [e for e in entries(lang) if title in e]
    assert len(found) == 2, found  # one row of the table, one bullet of the README
    for entry in found:
        if author:
            assert author in entry
        if title in LINKS:
            assert LINKS[title] in entry
        elif title != "Back-propagation 이해하기":  # its bullet is Mazur's, which links
            assert NO_LINK[lang] in entry, entry
        assert re.search(r"\b20\d\d\b|not dated|undated|날짜 없음", entry), entry
