"""Shared pieces of the benchmarks: contenders run the same work side by side in one process.

Every benchmark alternates its contenders round by round (A, B, C, A, B, C, …) and keeps
each one's best round, so that a burst of load on a shared machine hurts them alike; the
ratios printed are measured in the same run.
"""

from __future__ import annotations

import os
import platform
import time
from collections.abc import Callable

import numpy as np


def machine() -> str:
    """One line: CPU count, Python, NumPy and (if present) PyTorch versions."""
    parts = [
        f"{os.cpu_count()} cores",
        f"Python {platform.python_version()}",
        f"NumPy {np.__version__}",
    ]
    try:
        import torch

        parts.append(f"PyTorch {torch.__version__} ({torch.get_num_threads()} threads)")
    except ImportError:
        pass
    try:
        import sklearn

        parts.append(f"scikit-learn {sklearn.__version__}")
    except ImportError:
        pass
    return ", ".join(parts)


def alternate(contenders: dict[str, Callable[[], None]], rounds: int = 3) -> dict[str, float]:
    """Run each contender once per round, in turn; return each one's best time in seconds."""
    best = {name: float("inf") for name in contenders}
    for _ in range(rounds):
        for name, work in contenders.items():
            start = time.perf_counter()
            work()
            best[name] = min(best[name], time.perf_counter() - start)
    return best


def matmul_peak(size: int = 2048, repeats: int = 5, dtype=np.float32) -> float:
    """NumPy's matrix-multiply rate in GFLOP/s for size × size matrices (best of ``repeats``)."""
    rng = np.random.default_rng(0)
    a = rng.random((size, size), dtype=dtype)
    b = rng.random((size, size), dtype=dtype)
    out = np.empty((size, size), dtype=dtype)
    np.matmul(a, b, out=out)
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        np.matmul(a, b, out=out)
        best = min(best, time.perf_counter() - start)
    return 2.0 * size**3 / best / 1e9


def mnist_shaped(samples: int, classes: int = 10, seed: int = 0) -> tuple[np.ndarray, np.ndarray]:
    """Random float32 pixels in [0, 1) of MNIST's shape, and integer labels."""
    rng = np.random.default_rng(seed)
    return rng.random((samples, 784), dtype=np.float32), rng.integers(0, classes, samples)


def table(headers: list[str], rows: list[list[str]]) -> str:
    """A Markdown table."""
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(headers)]
    line = "| " + " | ".join(h.ljust(w) for h, w in zip(headers, widths, strict=True)) + " |"
    rule = "|" + "|".join("-" * (w + 2) for w in widths) + "|"
    body = [
        "| " + " | ".join(c.rjust(w) for c, w in zip(r, widths, strict=True)) + " |" for r in rows
    ]
    return "\n".join([line, rule, *body])
