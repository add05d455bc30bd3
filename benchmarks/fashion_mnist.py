"""Fashion-MNIST time to accuracy: the training issue's recipe, chainrule against PyTorch.

784-256-128-10 ReLU, softmax cross-entropy, Adam (learning rate 0.001), batch 128,
10 epochs, seed 0, float32, on Debian's Fashion-MNIST files (or ``--data-dir``). Each
contender trains once, in this process, one after the other; the time is the training
loop with the scaling of the inputs (data already in memory); the accuracy is on the
10,000 test images.

    python benchmarks/fashion_mnist.py [--epochs 10] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, table

import chainrule as cr
from chainrule.datasets import load_dataset


def train_chainrule(data, epochs: int) -> tuple[float, float]:
    model = cr.Classifier(
        [784, 256, 128, 10],
        activation="relu",
        optimizer="adam",
        learning_rate=0.001,
        batch_size=128,
        scaling="standardize",
        seed=0,
    )
    start = time.perf_counter()
    model.fit(data.x, data.y, epochs=epochs)
    seconds = time.perf_counter() - start
    return seconds, model.evaluate(data.x_test, data.y_test)["accuracy"]


def train_torch(data, epochs: int) -> tuple[float, float]:
    import torch

    torch.manual_seed(0)
    start = time.perf_counter()  # like chainrule's fit, the time includes scaling the inputs
    x = torch.from_numpy((data.x / 255.0).astype(np.float32))
    y = torch.from_numpy(data.y)
    x_test = torch.from_numpy((data.x_test / 255.0).astype(np.float32))
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256),
        torch.nn.ReLU(),
        torch.nn.Linear(256, 128),
        torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    loss_fn = torch.nn.CrossEntropyLoss()
    generator = torch.Generator().manual_seed(0)
    for _ in range(epochs):
        order = torch.randperm(len(x), generator=generator)
        for s in range(0, len(x), 128):
            idx = order[s : s + 128]
            opt.zero_grad()
            loss_fn(model(x[idx]), y[idx]).backward()
            opt.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        accuracy = float((model(x_test).argmax(1).numpy() == data.y_test).mean())
    return seconds, accuracy


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--data-dir", default=None)
    args = parser.parse_args()
    data = load_dataset("fashion-mnist", data_dir=args.data_dir)
    print(f"machine: {machine()}")
    results = {"chainrule": train_chainrule(data, args.epochs)}
    try:
        results["PyTorch"] = train_torch(data, args.epochs)
    except ImportError:
        pass
    base = results.get("PyTorch", results["chainrule"])[0]
    rows = [
        [name, f"{s:.1f}", f"{s / base:.2f}", f"{acc:.4f}"] for name, (s, acc) in results.items()
    ]
    print(
        table(
            ["contender", f"seconds ({args.epochs} epochs)", "time vs PyTorch", "test accuracy"],
            rows,
        )
    )


if __name__ == "__main__":
    main()
