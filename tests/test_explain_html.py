"""The HTML page is self-contained: nothing to fetch, no script, and it opens in headless
Chromium without a single request from the page (skipped where ``chromium`` is absent)."""

from __future__ import annotations

import json
import re
import shutil
import struct
import subprocess
import zlib
from pathlib import Path

import pytest

from chainrule.teach.explain import explain

CHROMIUM = shutil.which("chromium")  # Debian's package (a snap shim cannot read /tmp)


@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_needs_nothing_from_the_network(lang):
    page = explain("mazur", lang=lang).html()
    assert page.startswith("<!DOCTYPE html>") and f'<html lang="{lang}">' in page
    lowered = page.lower()
    for forbidden in (
        "<script",
        "http://",
        "https://",
        "@import",
        "url(",
        "<link",
        "<img",
        "<iframe",
        "src=",
    ):
        assert forbidden not in lowered, forbidden
    assert "default-src 'none'" in page  # the browser may not load anything either
    assert page.count("<math") == page.count("</math>") > 100
    assert '<meta charset="utf-8">' in page


def png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return struct.unpack(">II", data[16:24])


def png_is_not_blank(path: Path) -> bool:
    """True when the first IDAT chunk decodes to more than one distinct byte."""
    data = path.read_bytes()
    pos, chunks = 8, []
    while pos < len(data):
        length = struct.unpack(">I", data[pos : pos + 4])[0]
        kind = data[pos + 4 : pos + 8]
        if kind == b"IDAT":
            chunks.append(data[pos + 8 : pos + 8 + length])
        pos += 12 + length
    raw = zlib.decompress(b"".join(chunks))
    return len(set(raw[:200000])) > 2


def open_in_chromium(page: Path, tmp: Path, name: str) -> tuple[Path, list[dict]]:
    """Screenshot ``page`` and return the URL requests the page itself made (from the net log).

    Chromium's own background requests (its initiator is "not an origin") are not the page's;
    a request by a file:// page has the opaque origin "null" as initiator."""
    shot, netlog = tmp / f"{name}.png", tmp / f"{name}.netlog.json"
    subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp / ('profile-' + name)}",
            "--window-size=1000,1800",
            "--hide-scrollbars",
            f"--screenshot={shot}",
            f"--log-net-log={netlog}",
            page.as_uri(),
        ],
        capture_output=True,
        timeout=120,
        check=False,
    )
    log = json.loads(netlog.read_text())
    start = log["constants"]["logEventTypes"]["URL_REQUEST_START_JOB"]
    requests = [
        ev["params"]
        for ev in log["events"]
        if ev["type"] == start
        and "url" in ev.get("params", {})
        and ev["params"].get("initiator") != "not an origin"
    ]
    return shot, requests


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
@pytest.mark.parametrize("lang", ["en", "ko"])
def test_page_opens_in_chromium_without_requests(tmp_path, lang):
    page = tmp_path / f"mazur.{lang}.html"
    page.write_text(explain("mazur", lang=lang).html(), encoding="utf-8")
    shot, requests = open_in_chromium(page, tmp_path, lang)
    assert requests == []
    assert png_size(shot) == (1000, 1800)
    assert png_is_not_blank(shot)


@pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")
def test_the_request_check_sees_a_page_request(tmp_path):
    """Control: a page that loads an image from the network is caught by the same check."""
    page = tmp_path / "control.html"
    page.write_text(
        '<!DOCTYPE html><html><body><img src="http://example.invalid/x.png"></body></html>',
        encoding="utf-8",
    )
    _, requests = open_in_chromium(page, tmp_path, "control")
    assert [r["url"] for r in requests] == ["http://example.invalid/x.png"]


def test_html_escapes_names_from_the_spec():
    spec = {
        "name": "<b>x</b>",
        "description": "a & b <i>",
        "input_size": 1,
        "layers": [{"units": 1, "weights": [[0.5]]}],
        "inputs": [[1.0]],
        "targets": [[0.0]],
    }
    page = explain(spec, lang="en").html()
    assert "<b>x</b>" not in page and "&lt;b&gt;x&lt;/b&gt;" in page
    assert "a &amp; b &lt;i&gt;" in page
    assert not re.search(r"<i>", page)
