"""Fashion-MNIST, whole processes: ``chainrule train`` of the README's recipe against the
scripts a PyTorch or scikit-learn user writes for the same job (benchmarks/peers/).

784-256-128-10 ReLU, softmax cross-entropy, Adam (learning rate 0.001) with the cosine
schedule by epoch (scikit-learn's script keeps it constant: MLPClassifier has no schedule for
Adam), batch 128, 10 epochs, inputs standardised per pixel, shuffled each epoch, on Debian's
Fashion-MNIST files. Each contender is one fresh process doing all of it -- start the
interpreter, import, load the files, scale, train, evaluate on the 10,000 test images -- and
the processes alternate round by round (see harness.py). Printed: each process's wall time
(median and spread), the ratio of chainrule's to the others' in the same round, the training
loop's own seconds as each reports it, test accuracy and peak memory.

    python benchmarks/fashion_mnist.py [--epochs 10] [--rounds 5] [--no-sklearn]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import table
from harness import HERE, alternate, blas, load, machine_line, ratios, spread

RECIPE = [
    "--layers", "784,256,128,10", "--activation", "relu", "--loss", "cross_entropy",
    "--optimizer", "adam", "--lr", "0.001", "--schedule", "cosine", "--batch-size", "128",
    "--seed", "0",
]  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--no-sklearn", action="store_true")
    parser.add_argument("--no-torch", action="store_true")
    args = parser.parse_args()
    epochs = ["--epochs", str(args.epochs)]
    commands = {
        "chainrule train": ["python", "-m", "chainrule", "train", "fashion-mnist", *RECIPE,
                            *epochs, "--data-dir", args.data_dir, "--json", "--quiet"],
    }  # fmt: skip
    peers = HERE / "peers"
    if not args.no_torch:
        commands["PyTorch script"] = ["python", str(peers / "torch_fashion_mnist.py"), *epochs]
    if not args.no_sklearn:
        commands["scikit-learn script"] = [
            "python",
            str(peers / "sklearn_fashion_mnist.py"),
            *epochs,
        ]
    for name in list(commands)[1:]:
        commands[name] += ["--data-dir", args.data_dir]
    print(f"machine: {machine_line()}")
    print(f"NumPy's BLAS: {blas()}")
    print(f"before: {load()}", flush=True)
    results = alternate(commands, args.rounds)
    print(f"after: {load()}")
    ours = [r["process_seconds"] for r in results["chainrule train"]]
    rows = []
    for name, runs in results.items():
        whole = [r["process_seconds"] for r in runs]
        rows.append(
            [
                name,
                spread(whole, 1),
                spread(ratios(ours, whole), unit="×"),
                spread([r["seconds"] for r in runs], 3),
                " ".join(f"{r['test_accuracy']:.4f}" for r in runs),
                f"{statistics.median(r['peak_rss_mb'] for r in runs):.0f}",
            ]
        )
    print(
        table(
            [
                "contender",
                "process seconds",
                "chainrule's time / this",
                "training seconds",
                "test accuracy (each round)",
                "peak MB",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
