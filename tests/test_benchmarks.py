"""The benchmark scripts still run and print their tables (tiny settings: no timing is
asserted here; speed is measured by running the scripts, see docs/benchmarks.md)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
FASHION = Path("/usr/share/datasets/fashion-mnist")


def run(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def rows(output: str) -> dict[str, list[str]]:
    """Table rows by their first cell."""
    found = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) > 1 and not set(cells[0]) <= {"-"}:
            found[cells[0]] = cells[1:]
    return found


def test_online_benchmark_prints_every_contender():
    table = rows(run("online.py", "--steps", "50", "--rounds", "1"))
    for name in ("planned", "train_step", "graph"):
        assert float(table[name][0]) > 0
    if "torch" in table:
        assert table["torch"][1] == "1.0×"


def test_throughput_benchmark_prints_six_configurations():
    output = run("throughput.py", "--samples", "256", "--rounds", "1", "--no-sklearn")
    configurations = []
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and cells[0].startswith("784-"):
            configurations.append((cells[0], int(cells[1])))
            assert float(cells[2].replace(",", "")) > 0  # chainrule samples/s
    networks = ("784-256-10", "784-1024-1024-10")
    assert configurations == [(n, b) for n in networks for b in (32, 128, 512)]


@pytest.mark.skipif(not FASHION.is_dir(), reason="Debian's dataset-fashion-mnist is not installed")
def test_fashion_mnist_benchmark_runs_one_epoch():
    table = rows(run("fashion_mnist.py", "--epochs", "1"))
    seconds, _, accuracy = table["chainrule"]
    assert float(seconds) > 0 and 0.75 < float(accuracy) <= 1.0
