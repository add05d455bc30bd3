"""The Fashion-MNIST recipe as a scikit-learn user writes it: load the IDX files,
standardise each pixel (StandardScaler), train MLPClassifier 784-256-128-10 ReLU with Adam
(learning rate 0.001, batch 128, no L2 penalty, shuffled each epoch), evaluate on the test
images. Prints one JSON line.

The learning rate stays constant: MLPClassifier's ``learning_rate`` schedules
("invscaling", "adaptive") apply to its "sgd" solver only, and Adam has no schedule there, so
this script cannot follow the recipe's cosine schedule (chainrule's and the PyTorch script's).

    python benchmarks/peers/sklearn_fashion_mnist.py [--epochs 10] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
import warnings
from pathlib import Path

import numpy as np
from sklearn.exceptions import ConvergenceWarning
from sklearn.neural_network import MLPClassifier
from sklearn.preprocessing import StandardScaler


def idx(path: Path) -> np.ndarray:
    data = gzip.decompress(path.read_bytes()) if path.suffix == ".gz" else path.read_bytes()
    dims = data[3]
    shape = np.frombuffer(data, ">u4", dims, 4)
    return np.frombuffer(data, np.uint8, offset=4 + 4 * dims).reshape(shape)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--epochs", type=int, default=10)
    parser.add_argument("--data-dir", default="/usr/share/datasets/fashion-mnist")
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    root = Path(args.data_dir)
    x = idx(root / "train-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    y = idx(root / "train-labels-idx1-ubyte.gz")
    x_test = idx(root / "t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    y_test = idx(root / "t10k-labels-idx1-ubyte.gz")
    scaler = StandardScaler().fit(x)
    x, x_test = scaler.transform(x), scaler.transform(x_test)
    model = MLPClassifier(
        hidden_layer_sizes=(256, 128),
        solver="adam",
        learning_rate_init=0.001,
        batch_size=128,
        alpha=0.0,
        max_iter=args.epochs,
        shuffle=True,
        random_state=args.seed,
        n_iter_no_change=args.epochs + 1,
        tol=0.0,
    )
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x, y)
    seconds = time.perf_counter() - start
    accuracy = float(model.score(x_test, y_test))
    print(json.dumps({"seconds": seconds, "test_accuracy": accuracy, "epochs": model.n_iter_}))


if __name__ == "__main__":
    main()
