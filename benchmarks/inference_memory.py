"""Inference throughput and peak memory, chainrule against PyTorch.

Inference: samples per second predicting 10,000 MNIST-shaped float32 samples in batches of
1,000 on 784-1024-1024-10 (chainrule's graph with ``no_grad``, chainrule's plan, PyTorch
with ``no_grad``), each contender in its own fresh process (a warm-up pass, then the best
of five passes), the processes alternating round by round (see harness.py). Memory: each
contender trains 784-1024-1024-10 for 100 steps of batch 128 on 60,000 samples in a fresh
process; the peak resident memory of that process is printed (the same data set is in
every process). Medians over the rounds, with their spread.

    python benchmarks/inference_memory.py [--rounds 5]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import mnist_shaped, table
from harness import alternate, blas, emit, load, machine_line, ratios, spread

SIZES = [784, 1024, 1024, 10]

TRAIN = {
    "chainrule": """
import numpy as np, chainrule as cr
from chainrule.training.loop import gradient_step
rng = np.random.default_rng(0)
x = rng.random((60000, 784), dtype=np.float32); y = rng.integers(0, 10, 60000)
t = np.eye(10, dtype=np.float32)[y]
net = cr.Network.from_sizes(SIZES, activation="relu", output_activation="softmax",
                            loss="cross_entropy", dtype=np.float32)
opt, params = cr.SGD(0.01), net.parameters()
for s in range(0, 128 * 100, 128):
    gradient_step(net, x[s:s + 128], t[s:s + 128]); opt.step(params)
""",
    "PyTorch": """
import numpy as np, torch
rng = np.random.default_rng(0)
x = torch.from_numpy(rng.random((60000, 784), dtype=np.float32))
y = torch.from_numpy(rng.integers(0, 10, 60000))
layers = []
sizes = SIZES
for k in range(1, len(sizes)):
    layers.append(torch.nn.Linear(sizes[k - 1], sizes[k]))
    if k < len(sizes) - 1:
        layers.append(torch.nn.ReLU())
model = torch.nn.Sequential(*layers)
opt = torch.optim.SGD(model.parameters(), lr=0.01); loss_fn = torch.nn.CrossEntropyLoss()
for s in range(0, 128 * 100, 128):
    opt.zero_grad(); loss_fn(model(x[s:s + 128]), y[s:s + 128]).backward(); opt.step()
""",
}

HEADER = f"SIZES = {SIZES!r}\n"
REPORT = "\nimport json; print(json.dumps({}))\n"  # the harness measures the process


def inference(name: str) -> float:
    """Samples per second of one contender, in this process: a warm-up, then the best of 5."""
    x, _ = mnist_shaped(10_000)
    if name == "PyTorch (no_grad)":
        import torch

        model = torch.nn.Sequential(
            torch.nn.Linear(784, 1024),
            torch.nn.ReLU(),
            torch.nn.Linear(1024, 1024),
            torch.nn.ReLU(),
            torch.nn.Linear(1024, 10),
            torch.nn.Softmax(dim=1),
        )
        xt = torch.from_numpy(x)

        def run() -> None:
            with torch.no_grad():
                for s in range(0, 10_000, 1000):
                    model(xt[s : s + 1000])

    else:
        import chainrule as cr
        from chainrule.nn.plan import Plan

        net = cr.Network.from_sizes(
            SIZES, activation="relu", output_activation="softmax", loss="cross_entropy",
            dtype=np.float32,
        )  # fmt: skip
        plan = Plan(net, 1000)
        if name == "chainrule plan":

            def run() -> None:
                for s in range(0, 10_000, 1000):
                    plan.forward(x[s : s + 1000])

        else:

            def run() -> None:
                for s in range(0, 10_000, 1000):
                    net.predict(x[s : s + 1000])

    run()
    best = float("inf")
    for _ in range(5):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return 10_000 / best


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        emit({"rate": inference(args.worker)})
        return
    names = ["chainrule graph (no_grad)", "chainrule plan"]
    try:
        import importlib.util

        have_torch = importlib.util.find_spec("torch") is not None
    except ImportError:
        have_torch = False
    names += ["PyTorch (no_grad)"] if have_torch else []
    print(f"machine: {machine_line()}")
    print(f"NumPy's BLAS: {blas()}")
    print(f"before: {load()}", flush=True)
    results = alternate({n: ["python", __file__, "--worker", n] for n in names}, args.rounds)
    rate = {n: [r["rate"] for r in runs] for n, runs in results.items()}
    rows = [
        [
            n,
            spread(r, 0),
            spread(ratios(r, rate["PyTorch (no_grad)"])) if have_torch else "–",
        ]
        for n, r in rate.items()
    ]
    print(table(["inference, 784-1024-1024-10, batch 1000", "samples/s", "vs PyTorch"], rows))
    print()
    train = {n: c for n, c in TRAIN.items() if n != "PyTorch" or have_torch}
    runs = alternate({n: ["python", "-c", HEADER + c + REPORT] for n, c in train.items()}, 3)
    print(f"after: {load()}")
    rows = [
        [
            n,
            spread([r["peak_rss_mb"] for r in v], 0),
            spread([r["process_seconds"] for r in v], 1),
        ]
        for n, v in runs.items()
    ]
    print(table(["training 100 steps, batch 128", "peak memory (MB)", "process seconds"], rows))


if __name__ == "__main__":
    main()
