"""The regression benchmark still runs and prints both contenders (tiny settings; no timing
is asserted: speed is measured by running the script, see docs/benchmarks.md)."""

from __future__ import annotations

import pytest

from test_benchmarks import rows, run


def test_regression_benchmark_prints_both_contenders() -> None:
    pytest.importorskip("sklearn")
    table = rows(run("regression.py", "--samples", "2000", "--epochs", "15"))
    for name in ("chainrule", "scikit-learn"):
        seconds, _, r2 = table[name]
        assert float(seconds) > 0
        assert 0.8 < float(r2) <= 1.0  # both learn the same problem
    assert table["chainrule"][1] == "1.00×"
