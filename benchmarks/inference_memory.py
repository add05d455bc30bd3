"""Inference throughput and peak memory, chainrule against PyTorch.

Inference: samples per second predicting 10,000 MNIST-shaped float32 samples in batches of
1,000 on 784-1024-1024-10 (chainrule's graph with ``no_grad``, chainrule's plan, PyTorch
with ``no_grad``). Memory: each contender trains 784-1024-1024-10 for 100 steps of batch 128
on 60,000 samples in a fresh process; the peak resident memory of that process is printed
(the same data set is in every process).

    python benchmarks/inference_memory.py
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import alternate, machine, mnist_shaped, table

import chainrule as cr
from chainrule.plan import Plan

SIZES = [784, 1024, 1024, 10]

TRAIN = {
    "chainrule": """
import numpy as np, chainrule as cr
from chainrule.fit import gradient_step
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
REPORT = "\nimport resource; print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)\n"


def peak_memory_mb(code: str) -> float:
    out = subprocess.run(
        [sys.executable, "-c", HEADER + code + REPORT], capture_output=True, text=True, check=True
    ).stdout
    return int(out.split()[-1]) / 1024.0


def main() -> None:
    print(f"machine: {machine()}")
    x, _ = mnist_shaped(10_000)
    net = cr.Network.from_sizes(
        SIZES,
        activation="relu",
        output_activation="softmax",
        loss="cross_entropy",
        dtype=np.float32,
    )
    plan = Plan(net, 1000)
    contenders = {
        "chainrule graph (no_grad)": lambda: [
            net.predict(x[s : s + 1000]) for s in range(0, 10_000, 1000)
        ],
        "chainrule plan": lambda: [plan.forward(x[s : s + 1000]) for s in range(0, 10_000, 1000)],
    }
    try:
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

        def torch_predict() -> None:
            with torch.no_grad():
                for s in range(0, 10_000, 1000):
                    model(xt[s : s + 1000])

        contenders["PyTorch (no_grad)"] = torch_predict
    except ImportError:
        torch = None
    best = alternate(contenders, rounds=5)
    torch_rate = 10_000 / best["PyTorch (no_grad)"] if "PyTorch (no_grad)" in best else np.nan
    rows = [[n, f"{10_000 / t:,.0f}", f"{10_000 / t / torch_rate:.2f}×"] for n, t in best.items()]
    print(table(["inference, 784-1024-1024-10, batch 1000", "samples/s", "vs PyTorch"], rows))
    print()
    rows = []
    for name, code in TRAIN.items():
        if name == "PyTorch" and torch is None:
            continue
        start = time.perf_counter()
        rows.append([name, f"{peak_memory_mb(code):.0f}", f"{time.perf_counter() - start:.1f}"])
    print(table(["training 100 steps, batch 128", "peak memory (MB)", "process seconds"], rows))


if __name__ == "__main__":
    main()
