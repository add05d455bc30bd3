"""Training throughput, each contender in its own process: chainrule's planned loop,
``Classifier.fit``, PyTorch (CPU) and, at batch 128, scikit-learn.

Same work for every contender: MNIST-shaped float32 samples, a ReLU MLP with a softmax
cross-entropy output, plain SGD (learning rate 0.01), an epoch of shuffled mini-batches
(a new permutation each epoch, each batch gathered by index, as a user's loop does). Each
process builds its model, trains one epoch to warm up, then times one epoch; the rounds
alternate the contenders (see harness.py). Printed: samples per second (median and spread),
the ratios to PyTorch, ``fit``'s time over the planned loop's, and where the planned
step's time goes: its matrix products alone (the step's recorded GEMM calls, replayed),
the update, and the rest (elementwise work, the loss, copying the batch in). NumPy's and
PyTorch's own GEMM rates on the same shapes: benchmarks/limits.py.

    python benchmarks/throughput.py [--samples 8192] [--rounds 5] [--no-sklearn]
"""

from __future__ import annotations

import argparse
import importlib.util
import itertools
import statistics
import sys
import time
from functools import partial
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import mnist_shaped, table
from harness import alternate, blas, emit, load, machine_line, ratios, spread

CONFIGS = [
    ([784, 256, 10], 32),
    ([784, 256, 10], 128),
    ([784, 256, 10], 512),
    ([784, 1024, 1024, 10], 32),
    ([784, 1024, 1024, 10], 128),
    ([784, 1024, 1024, 10], 512),
]
LEARNING_RATE = 0.01


def step_flop(sizes: list[int], batch: int) -> int:
    """FLOP of a step's products: forward, weight gradient and (above the first layer)
    input gradient of every layer, 2·m·k·n each."""
    total = 0
    for k, (a, b) in enumerate(itertools.pairwise(sizes)):
        total += 2 * 2 * batch * a * b + (2 * batch * a * b if k > 0 else 0)
    return total


def chainrule_network(sizes: list[int]):
    import chainrule as cr

    return cr.Network.from_sizes(
        sizes,
        activation="relu",
        output_activation="softmax",
        loss="cross_entropy",
        seed=0,
        dtype=np.float32,
    )


def is_product(function) -> bool:
    f = function.func if isinstance(function, partial) else function
    return f in (np.dot, np.matmul)


def best_of(run, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        best = min(best, time.perf_counter() - start)
    return best


def worker_planned(sizes, batch, x, labels) -> dict:
    import chainrule as cr
    from chainrule.engine.calls import Recording
    from chainrule.nn.plan import Plan

    onehot = np.eye(sizes[-1], dtype=np.float32)[labels]
    net = chainrule_network(sizes)
    plan, opt = Plan(net, batch), cr.SGD(LEARNING_RATE)

    def epoch(seed: int) -> None:
        order = np.random.default_rng(seed).permutation(len(x))
        for s in range(0, len(x), batch):
            idx = order[s : s + batch]
            plan.gradients(x[idx], onehot[idx])
            plan.update(opt)

    epoch(0)
    start = time.perf_counter()
    epoch(1)
    seconds = time.perf_counter() - start
    # where a full batch's step goes: its products alone, the update alone, the whole step
    program = plan.program(batch)
    products = Recording()
    products.calls = [c for c in program.step.calls if is_product(c[0])]
    steps = 10
    xb, tb = x[:batch], onehot[:batch]

    def whole() -> None:
        for _ in range(steps):
            plan.gradients(xb, tb)
            plan.update(opt)

    def gemm() -> None:
        for _ in range(steps):
            products.replay()

    def update() -> None:
        for _ in range(steps):
            plan.update(opt)

    step, gemms, upd = (best_of(f) / steps for f in (whole, gemm, update))
    return {
        "seconds": seconds,
        "step_s": step,
        "gemm_s": gemms,
        "update_s": upd,
        "gemm_calls": len(products.calls),
        "transposed": [list(t) for t in plan.transposed],
    }


def worker_fit(sizes, batch, x, labels) -> dict:
    import chainrule as cr

    model = cr.Classifier(
        sizes,
        activation="relu",
        optimizer="sgd",
        learning_rate=LEARNING_RATE,
        batch_size=batch,
        scaling="none",
        seed=0,
    )
    model.fit(x, labels, epochs=1)
    start = time.perf_counter()
    model.fit(x, labels, epochs=1)
    return {"seconds": time.perf_counter() - start, "epoch_s": model.history.seconds[-1]}


def worker_torch(sizes, batch, x, labels) -> dict:
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

    def epoch(seed: int) -> None:
        order = torch.randperm(len(xt), generator=torch.Generator().manual_seed(seed))
        for s in range(0, len(xt), batch):
            idx = order[s : s + batch]
            opt.zero_grad()
            loss_fn(model(xt[idx]), yt[idx]).backward()
            opt.step()

    epoch(0)
    start = time.perf_counter()
    epoch(1)
    return {"seconds": time.perf_counter() - start, "threads": torch.get_num_threads()}


def worker_sklearn(sizes, batch, x, labels) -> dict:
    import warnings

    from sklearn.neural_network import MLPClassifier

    model = MLPClassifier(
        hidden_layer_sizes=tuple(sizes[1:-1]),
        solver="sgd",
        batch_size=batch,
        learning_rate_init=LEARNING_RATE,
        momentum=0.0,
        alpha=0.0,
        shuffle=True,
        random_state=0,
    )
    classes = np.arange(sizes[-1])
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        model.partial_fit(x, labels, classes=classes)
        start = time.perf_counter()
        model.partial_fit(x, labels, classes=classes)
    return {"seconds": time.perf_counter() - start}


def gemm_shapes(sizes: list[int], batch: int) -> list[tuple[str, int, int, int]]:
    """(form, m, k, n) of a step's products in the textbook forms, W stored units × inputs."""
    shapes = []
    for k, (a, b) in enumerate(itertools.pairwise(sizes)):
        shapes.append(("x·Wᵀ", batch, a, b))
        shapes.append(("δᵀ·x", b, batch, a))
        if k > 0:
            shapes.append(("δ·W", batch, b, a))
    return shapes


def worker_gemm(sizes, batch, library: str) -> dict:
    """Seconds for one step's products, each in its textbook form, best of a few runs."""
    rng = np.random.default_rng(0)
    total = 0.0
    for _form, m, k, n in gemm_shapes(sizes, batch):
        a = rng.random((m, k), dtype=np.float32)
        b = rng.random((k, n), dtype=np.float32)
        if library == "torch":
            import torch

            ta, tb, out = torch.from_numpy(a), torch.from_numpy(b), torch.empty(m, n)
            run = partial(torch.mm, ta, tb, out=out)
        else:
            out = np.empty((m, n), np.float32)
            run = partial(np.matmul, a, b, out=out)
        run()
        total += best_of(lambda run=run: [run() for _ in range(10)], 7) / 10
    return {"gemm_s": total}


WORKERS = {
    "planned": worker_planned,
    "fit": worker_fit,
    "torch": worker_torch,
    "sklearn": worker_sklearn,
}


def worker(args: argparse.Namespace) -> None:
    sizes = [int(n) for n in args.sizes.split(",")]
    if args.worker in ("gemm-numpy", "gemm-torch"):
        emit(worker_gemm(sizes, args.batch, args.worker.split("-")[1]))
        return
    x, labels = mnist_shaped(args.samples, sizes[-1])
    emit(WORKERS[args.worker](sizes, args.batch, x, labels))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=8192)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--no-sklearn", action="store_true")
    parser.add_argument("--configs", default=None, help="indices into CONFIGS, like 0,4")
    parser.add_argument("--worker", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--sizes", default=None, help=argparse.SUPPRESS)
    parser.add_argument("--batch", type=int, default=None, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args)
        return
    have_torch = importlib.util.find_spec("torch") is not None  # not imported here
    have_sklearn = importlib.util.find_spec("sklearn") is not None and not args.no_sklearn
    print(f"machine: {machine_line()}")
    print(f"NumPy's BLAS: {blas()}")
    print(f"before: {load()}", flush=True)
    chosen = CONFIGS if args.configs is None else [CONFIGS[int(i)] for i in args.configs.split(",")]
    rows, breakdown = [], []
    for sizes, batch in chosen:
        name = "-".join(map(str, sizes))
        base = ["python", __file__, "--sizes", ",".join(map(str, sizes)), "--batch", str(batch)]
        base += ["--samples", str(args.samples), "--worker"]
        names = ["planned", "fit"]
        names += ["torch"] if have_torch else []
        names += ["sklearn"] if have_sklearn and batch == 128 else []
        results = alternate({n: [*base, n] for n in names}, args.rounds)
        secs = {n: [r["seconds"] for r in results[n]] for n in names}
        rate = {n: [args.samples / s for s in v] for n, v in secs.items()}

        def versus(other: str, secs=secs) -> str:
            if other not in secs:
                return "–"
            return spread(ratios(secs[other], secs["planned"]), unit="×")

        fit_over = spread(ratios(secs["fit"], secs["planned"]), 3, "×")
        fit_vs_torch = (
            spread(ratios(secs["torch"], secs["fit"]), unit="×") if "torch" in secs else "–"
        )
        rows.append(
            [
                name,
                str(batch),
                spread(rate["planned"], 0),
                spread(rate["torch"], 0) if "torch" in rate else "–",
                versus("torch"),
                fit_vs_torch,
                versus("sklearn"),
                fit_over,
            ]
        )
        planned = results["planned"]
        step = statistics.median(r["step_s"] for r in planned)
        gemm = statistics.median(r["gemm_s"] for r in planned)
        update = statistics.median(r["update_s"] for r in planned)
        flop = step_flop(sizes, batch)
        breakdown.append(
            [
                name,
                str(batch),
                f"{1e3 * step:.3f}",
                f"{100 * gemm / step:.0f} %",
                f"{100 * update / step:.0f} %",
                f"{100 * (step - gemm - update) / step:.0f} %",
                f"{flop / gemm / 1e9:.0f}",
                f"{flop / step / 1e9:.0f}",
            ]
        )
        print(f"  {name} batch {batch}: {rows[-1][4]} PyTorch, fit/planned {fit_over}", flush=True)
    print(f"after: {load()}")
    print()
    print(
        table(
            [
                "network",
                "batch",
                "planned /s",
                "PyTorch /s",
                "planned vs PyTorch",
                "fit vs PyTorch",
                "planned vs sklearn",
                "fit time / planned",
            ],
            rows,
        )
    )
    print()
    print(
        table(
            [
                "network",
                "batch",
                "planned step ms",
                "in products",
                "in update",
                "rest",
                "products GFLOP/s",
                "step GFLOP/s",
            ],
            breakdown,
        )
    )


if __name__ == "__main__":
    main()
