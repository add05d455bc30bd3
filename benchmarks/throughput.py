"""Training throughput: chainrule against PyTorch (CPU), scikit-learn and a plain NumPy loop.

Same work for every contender: MNIST-shaped float32 samples, a ReLU MLP with a softmax
cross-entropy output, plain SGD (learning rate 0.01), mini-batches in a fixed order.
Prints samples per second, the ratios, and chainrule's GFLOP/s (6·Σ inputs·outputs FLOP
per sample: forward, input gradient and weight gradient of every layer) against NumPy's
measured float32 matrix-multiply peak.

    python benchmarks/throughput.py [--samples 8192] [--rounds 3]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
import itertools

from common import alternate, machine, matmul_peak, mnist_shaped, table

import chainrule as cr
from chainrule.plan import Plan

CONFIGS = [
    ([784, 256, 10], 32),
    ([784, 256, 10], 128),
    ([784, 256, 10], 512),
    ([784, 1024, 1024, 10], 32),
    ([784, 1024, 1024, 10], 128),
    ([784, 1024, 1024, 10], 512),
]
LEARNING_RATE = 0.01


def chainrule_network(sizes: list[int]) -> cr.Network:
    return cr.Network.from_sizes(
        sizes,
        activation="relu",
        output_activation="softmax",
        loss="cross_entropy",
        seed=0,
        dtype=np.float32,
    )


def chainrule_planned(sizes, batch, x, onehot):
    net = chainrule_network(sizes)
    plan, opt = Plan(net, batch), cr.SGD(LEARNING_RATE)

    def epoch() -> None:
        for s in range(0, len(x), batch):
            plan.gradients(x[s : s + batch], onehot[s : s + batch])
            plan.update(opt)

    return epoch


def chainrule_graph(sizes, batch, x, onehot):
    net = chainrule_network(sizes)
    opt, params = cr.SGD(LEARNING_RATE), net.parameters()

    def epoch() -> None:
        for s in range(0, len(x), batch):
            net.zero_grad()
            net.loss(x[s : s + batch], onehot[s : s + batch]).backward()
            opt.step(params)

    return epoch


def numpy_loop(sizes, batch, x, onehot):
    """The textbook layer-by-layer NumPy loop, allocating as it goes."""
    rng = np.random.default_rng(0)
    ws = [
        (rng.normal(0, np.sqrt(2 / a), (a, b)).astype(np.float32), np.zeros(b, np.float32))
        for a, b in itertools.pairwise(sizes)
    ]

    def epoch() -> None:
        for s in range(0, len(x), batch):
            xb, tb = x[s : s + batch], onehot[s : s + batch]
            outs = [xb]
            for k, (w, b) in enumerate(ws):
                z = outs[-1] @ w + b
                outs.append(np.maximum(z, 0) if k < len(ws) - 1 else z)
            z = outs[-1]
            p = np.exp(z - z.max(axis=1, keepdims=True))
            p /= p.sum(axis=1, keepdims=True)
            delta = (p - tb) / len(xb)
            for k in range(len(ws) - 1, -1, -1):
                w, b = ws[k]
                gw, gb = outs[k].T @ delta, delta.sum(axis=0)
                if k > 0:
                    delta = (delta @ w.T) * (outs[k] > 0)
                w -= LEARNING_RATE * gw
                b -= LEARNING_RATE * gb

    return epoch


def torch_loop(sizes, batch, x, labels):
    import torch

    torch.manual_seed(0)
    layers: list = []
    for k in range(1, len(sizes)):
        layers.append(torch.nn.Linear(sizes[k - 1], sizes[k]))
        if k < len(sizes) - 1:
            layers.append(torch.nn.ReLU())
    model = torch.nn.Sequential(*layers)
    opt = torch.optim.SGD(model.parameters(), lr=LEARNING_RATE)
    loss_fn = torch.nn.CrossEntropyLoss()
    xt, yt = torch.from_numpy(x), torch.from_numpy(labels)

    def epoch() -> None:
        for s in range(0, len(xt), batch):
            opt.zero_grad()
            loss_fn(model(xt[s : s + batch]), yt[s : s + batch]).backward()
            opt.step()

    return epoch


def sklearn_loop(sizes, batch, x, labels):
    import warnings

    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=tuple(sizes[1:-1]),
        solver="sgd",
        batch_size=batch,
        learning_rate_init=LEARNING_RATE,
        momentum=0.0,
        alpha=0.0,
        shuffle=False,
        random_state=0,
    )
    classes = np.arange(sizes[-1])

    def epoch() -> None:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            model.partial_fit(x, labels, classes=classes)

    return epoch


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=8192)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--no-sklearn", action="store_true")
    args = parser.parse_args()
    try:
        import torch

        torch.set_num_threads(torch.get_num_threads())
        have_torch = True
    except ImportError:
        have_torch = False
    try:
        import sklearn  # noqa: F401

        have_sklearn = not args.no_sklearn
    except ImportError:
        have_sklearn = False

    x, labels = mnist_shaped(args.samples)
    onehot = np.eye(10, dtype=np.float32)[labels]
    peak = matmul_peak()
    print(f"machine: {machine()}")
    print(f"NumPy float32 matmul peak (2048×2048): {peak:.0f} GFLOP/s")
    rows = []
    for sizes, batch in CONFIGS:
        contenders = {
            "planned": chainrule_planned(sizes, batch, x, onehot),
            "graph": chainrule_graph(sizes, batch, x, onehot),
            "numpy": numpy_loop(sizes, batch, x, onehot),
        }
        if have_torch:
            contenders["torch"] = torch_loop(sizes, batch, x, labels)
        if have_sklearn and batch == 128:
            contenders["sklearn"] = sklearn_loop(sizes, batch, x, labels)
        best = alternate(contenders, args.rounds)
        rate = {name: args.samples / t for name, t in best.items()}
        flop = 6 * sum(a * b for a, b in itertools.pairwise(sizes))
        gflops = rate["planned"] * flop / 1e9

        def ratio(name: str, rate: dict = rate) -> str:
            return f"{rate['planned'] / rate[name]:.2f}×" if name in rate else "–"

        rows.append(
            [
                "-".join(map(str, sizes)),
                str(batch),
                f"{rate['planned']:,.0f}",
                f"{rate['torch']:,.0f}" if "torch" in rate else "–",
                ratio("torch"),
                f"{rate['sklearn']:,.0f}" if "sklearn" in rate else "–",
                ratio("sklearn"),
                ratio("numpy"),
                ratio("graph"),
                f"{gflops:.0f}",
                f"{100 * gflops / peak:.0f} %",
            ]
        )
        print(
            f"  {rows[-1][0]} batch {batch}: {rows[-1][2]} samples/s, {ratio('torch')} PyTorch",
            flush=True,
        )
    print()
    print(
        table(
            [
                "network",
                "batch",
                "chainrule /s",
                "PyTorch /s",
                "vs PyTorch",
                "sklearn /s",
                "vs sklearn",
                "vs NumPy loop",
                "vs graph",
                "GFLOP/s",
                "of peak",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
