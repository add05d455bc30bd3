"""The Fashion-MNIST recipe as a PyTorch user writes it: load the IDX files, standardise
each pixel, shuffle each epoch, train 784-256-128-10 ReLU with Adam (learning rate 0.001,
batch 128, softmax cross-entropy) and a cosine learning-rate schedule stepped once per epoch,
evaluate on the test images. Prints one JSON line.

``CosineAnnealingLR(opt, T_max=epochs)`` gives epoch e (0, 1, …, epochs−1) the learning rate
0.001 · ½(1 + cos(π · e / epochs)), the factors of chainrule's ``cosine`` schedule.

    python benchmarks/peers/torch_fashion_mnist.py [--epochs 10] [--data-dir DIR]
"""

from __future__ import annotations

import argparse
import gzip
import json
import time
from pathlib import Path

import numpy as np
import torch


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
    y = idx(root / "train-labels-idx1-ubyte.gz").astype(np.int64)
    x_test = idx(root / "t10k-images-idx3-ubyte.gz").reshape(-1, 784).astype(np.float32)
    y_test = idx(root / "t10k-labels-idx1-ubyte.gz").astype(np.int64)
    mean, std = x.mean(axis=0), x.std(axis=0)
    std[std == 0] = 1
    x, x_test = (x - mean) / std, (x_test - mean) / std

    torch.manual_seed(args.seed)
    model = torch.nn.Sequential(
        torch.nn.Linear(784, 256),
        torch.nn.ReLU(),
        torch.nn.Linear(256, 128),
        torch.nn.ReLU(),
        torch.nn.Linear(128, 10),
    )
    opt = torch.optim.Adam(model.parameters(), lr=0.001)
    schedule = torch.optim.lr_scheduler.CosineAnnealingLR(opt, T_max=args.epochs)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(y)
    start = time.perf_counter()
    for _ in range(args.epochs):
        order = torch.randperm(len(xt))
        for s in range(0, len(xt), 128):
            idx_ = order[s : s + 128]
            opt.zero_grad()
            loss = loss_fn(model(xt[idx_]), yt[idx_])
            loss.backward()
            opt.step()
        schedule.step()
    seconds = time.perf_counter() - start
    with torch.no_grad():
        predicted = model(torch.from_numpy(x_test)).argmax(dim=1).numpy()
    accuracy = float((predicted == y_test).mean())
    print(json.dumps({"seconds": seconds, "test_accuracy": accuracy, "epochs": args.epochs}))


if __name__ == "__main__":
    main()
