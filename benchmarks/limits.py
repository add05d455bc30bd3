"""What is left between chainrule's step and its matrix products, and what the BLAS
settings give: each variant in its own process, alternating (see harness.py).

For each configuration of throughput.py: the planned loop's samples per second as the
environment sets OpenBLAS up, with one BLAS thread (``OPENBLAS_NUM_THREADS=1``), and with
OpenBLAS's own choice of kernel for this CPU (``OPENBLAS_CORETYPE`` and
``OPENBLAS_L2_SIZE`` removed, where the environment sets them); the same three for NumPy's
GEMM rate on the step's shapes; PyTorch's GEMM rate on the same shapes.

    python benchmarks/limits.py [--samples 4096] [--rounds 3] [--configs 0,4]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import table
from harness import alternate, blas, load, machine_line, ratios, spread
from throughput import CONFIGS, step_flop

STOCK = ["env", "-u", "OPENBLAS_CORETYPE", "-u", "OPENBLAS_L2_SIZE"]
ONE = ["env", "OPENBLAS_NUM_THREADS=1", "OMP_NUM_THREADS=1"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=4096)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--configs", default=None, help="indices into throughput's CONFIGS")
    args = parser.parse_args()
    print(f"machine: {machine_line()}")
    print(f"NumPy's BLAS: {blas()}")
    print(f"before: {load()}", flush=True)
    script = str(Path(__file__).resolve().parent / "throughput.py")
    chosen = CONFIGS if args.configs is None else [CONFIGS[int(i)] for i in args.configs.split(",")]
    rows = []
    for sizes, batch in chosen:
        base = ["python", script, "--sizes", ",".join(map(str, sizes)), "--batch", str(batch)]
        base += ["--samples", str(args.samples), "--worker"]
        commands = {
            "as set": [*base, "planned"],
            "1 thread": [*ONE, *base, "planned"],
            "own kernel": [*STOCK, *base, "planned"],
            "gemm as set": [*base, "gemm-numpy"],
            "gemm 1 thread": [*ONE, *base, "gemm-numpy"],
            "gemm own kernel": [*STOCK, *base, "gemm-numpy"],
            "gemm torch": [*base, "gemm-torch"],
        }
        results = alternate(commands, args.rounds)
        secs = {n: [r.get("seconds", r["gemm_s"]) for r in v] for n, v in results.items()}
        flop = step_flop(sizes, batch)

        def rate(name: str, secs=secs, flop=flop) -> str:
            # three significant figures: a loaded machine can fall below 1 GFLOP/s
            return f"{flop / statistics.median(secs[name]) / 1e9:.3g}"

        rows.append(
            [
                "-".join(map(str, sizes)),
                str(batch),
                spread([args.samples / s for s in secs["as set"]], 0),
                spread(ratios(secs["as set"], secs["1 thread"]), unit="×"),
                spread(ratios(secs["as set"], secs["own kernel"]), unit="×"),
                rate("gemm as set"),
                rate("gemm 1 thread"),
                rate("gemm own kernel"),
                rate("gemm torch"),
            ]
        )
        print(f"  {rows[-1][0]} batch {batch}: done", flush=True)
    print(f"after: {load()}")
    print(
        table(
            [
                "network",
                "batch",
                "planned /s (as set)",
                "1 BLAS thread",
                "OpenBLAS's own kernel",
                "NumPy GEMM GFLOP/s",
                "1 thread",
                "own kernel",
                "PyTorch GEMM",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
