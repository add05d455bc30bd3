"""The studio's load benchmark runs on tiny settings and checks what is not timing:
every session trained on its own settings, and the server freed them all once their
sockets closed (the figures themselves come from running the script, not from a test)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

pytest.importorskip("websockets")
pytest.importorskip("uvicorn")

SCRIPT = Path(__file__).resolve().parent.parent / "benchmarks" / "studio_load.py"


def test_load_benchmark_on_tiny_settings():
    result = subprocess.run(
        [sys.executable, str(SCRIPT), "--sessions", "3", "--seconds", "2"],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    rows = {}
    for line in result.stdout.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) == 2:
            rows[cells[0]] = cells[1]
    assert rows["sessions isolated"] == "yes"
    assert rows["sessions left after close"] == "0"
    assert int(rows["updates received"]) >= 3
    assert int(rows["epochs per session, min"]) >= 1
    assert float(rows["server memory peak (MB)"]) > 0
    for key in ("update interval p95 (ms)", "server CPU per update (ms)"):
        assert float(rows[key]) >= 0  # printed as a number; its size is not a test's business
