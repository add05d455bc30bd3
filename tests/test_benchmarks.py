"""The benchmark scripts still run and print their tables (tiny settings: no timing is
asserted here; speed is measured by running the scripts, see docs/benchmarks.md)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"
SRC = Path(__file__).resolve().parent.parent / "src"


def run(script: str, *args: str) -> str:
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    result = subprocess.run(
        [sys.executable, str(BENCHMARKS / script), *args],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
        env=env,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout


def rows(output: str) -> dict[str, list[str]]:
    """Table rows by their first cell."""
    found = {}
    for line in output.splitlines():
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        if line.startswith("|") and len(cells) > 1 and not set(cells[0]) <= {"-"}:
            found.setdefault(cells[0], cells[1:])
    return found


def median(cell: str) -> float:
    """The median of a 'median (lowest–highest)' cell."""
    return float(cell.split()[0].rstrip("×").replace(",", ""))


def test_online_benchmark_prints_every_contender():
    output = run("online.py", "--steps", "50", "--rounds", "1")
    assert "load average" in output and "NumPy's BLAS" in output
    table = rows(output)
    for name in ("planned", "train_step", "graph"):
        assert median(table[name][0]) > 0
    if "torch" in table:
        assert median(table["torch"][1]) == 1.0


def test_throughput_benchmark_runs_each_contender_in_its_process():
    output = run("throughput.py", "--samples", "256", "--rounds", "1", "--configs", "0")
    table = rows(output)
    planned, fit_over = table["784-256-10"][1], table["784-256-10"][6]
    assert median(planned) > 0 and median(fit_over) > 0
    breakdown = [line for line in output.splitlines() if line.startswith("|") and "784-" in line]
    assert len(breakdown) == 2  # the throughput row and the row of where the step goes
    cells = [c.strip() for c in breakdown[1].strip("|").split("|")]
    share = float(cells[3].rstrip(" %"))
    assert share > 0 and float(cells[6]) > 0  # the products' share and GFLOP/s (untimed: >0)


def fake_fashion(folder: Path, train: int = 1200, test: int = 200) -> Path:
    """Fashion-MNIST's four IDX files (gzip), small: class k is bright in row band k."""
    import gzip

    import numpy as np

    from chainrule.data.idx import idx_bytes

    rng = np.random.default_rng(0)
    for stem, count in (("train", train), ("t10k", test)):
        labels = (np.arange(count) % 10).astype(np.uint8)
        images = rng.integers(0, 60, (count, 28, 28)).astype(np.uint8)
        for n, k in enumerate(labels):
            images[n, 2 * k + 3 : 2 * k + 6, 4:24] = 250
        for kind, array in (("images-idx3", images), ("labels-idx1", labels)):
            path = folder / f"{stem}-{kind}-ubyte.gz"
            path.write_bytes(gzip.compress(idx_bytes(array)))
    return folder


def test_fashion_mnist_benchmark_runs_the_cli_and_the_peers(tmp_path: Path):
    """On a small stand-in for the files (the same layout), one round of two epochs."""
    pytest.importorskip("torch")
    pytest.importorskip("sklearn")
    folder = str(fake_fashion(tmp_path))
    table = rows(run("fashion_mnist.py", "--epochs", "2", "--rounds", "1", "--data-dir", folder))
    for name in ("chainrule train", "PyTorch script", "scikit-learn script"):
        seconds, _, training, accuracy, peak = table[name]
        # two epochs of the stand-in may train in under a millisecond on a quiet machine
        assert median(seconds) > median(training) >= 0
        assert 0.75 < float(accuracy) <= 1.0 and float(peak) > 0


def test_fit_overhead_benchmark_times_fit_and_the_planned_loop_on_the_same_batches():
    output = run(
        "fit_overhead.py", "--data", "random", "--samples", "600", "--rounds", "1",
        "--epochs", "1",
    )  # fmt: skip
    assert "load average" in output and "NumPy's BLAS" in output
    cases = [line for line in output.splitlines() if line.startswith("|") and "784-" in line]
    assert len(cases) == 4  # the recipe's network with Adam, 784-256-10 at batch 32/128/512
    for line in cases:
        cells = [c.strip() for c in line.strip("|").split("|")]
        assert all(median(cells[k]) > 0 for k in (3, 4, 5, 6, 7, 8))  # CPU and wall, each side
        # fit and the planned loop, in processes of their own, trained the same bits
        assert cells[10] == "1/1"


def test_limits_benchmark_compares_blas_settings():
    table = rows(run("limits.py", "--samples", "256", "--rounds", "1", "--configs", "0"))
    cells = table["784-256-10"]
    assert median(cells[1]) > 0 and median(cells[2]) > 0 and median(cells[3]) > 0
    assert all(float(c) > 0 for c in cells[4:7])


def test_streaming_benchmark_reports_peak_memory_and_throughput(tmp_path: Path):
    output = run(
        "streaming.py", "--rows", "20000", "--features", "20", "--memory-rows", "10000",
        "--rounds", "1", "--dir", str(tmp_path),
    )  # fmt: skip
    table = rows(output)
    assert median(table["fit, memory-mapped"][1]) > 0 and median(table["fit, in memory"][1]) > 0
    assert median(table["chainrule train --data DIR"][0]) > 0
    assert "memory-mapped throughput / in-memory" in output
