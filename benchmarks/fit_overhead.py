"""What ``Classifier.fit`` costs over the planned loop on the same batches: each side in its
own fresh process, the processes alternating (fit, planned, planned, fit, fit, planned,
...), the median of the rounds with the spread, in CPU seconds and in wall seconds.

Both sides build the same model (``Classifier(sizes, optimizer=..., batch_size=...,
scaling="standardize", seed=0)``) on the same raw inputs (Fashion-MNIST's 8-bit images, or
random 8-bit pixels with ``--data random``) and warm up with the same ``fit(x, y,
epochs=1)`` (which fits the scaler and builds and tunes the plan), so they hold the same
weights, optimizer state and plan. Then each times ``--epochs`` epochs, one at a time:

- **fit**: ``model.fit(x, y, epochs=1)``, the whole call a user makes: checking the inputs
  and labels, encoding the labels, one permutation, gathering and scaling each batch from
  the raw 8-bit rows, the step with its divergence check, the running loss and accuracy,
  the schedule, the history.
- **planned**: the planned loop over the same batches: ``Batches`` on the same raw inputs
  with the same permutation (``default_rng([seed, epoch])``), rows gathered and scaled into
  the plan's own buffers as ``fit`` gathers them, then the plan's ``gradients`` and
  ``update``; nothing else (no checks, no running means, no divergence check). With a
  checkout whose ``Batches`` cannot gather into the plan's buffers (``--against``'s
  older code), both sides gather into buffers of their own and the plan copies each batch
  in: the same work on both sides either way.

After its epochs each process prints a digest of the weights; equal digests ("same
weights" k/n) show that both sides did the same work to the last bit. A process's figure is
the median of its epochs; a ratio is fit / planned of the same round ("best CPU": the
fastest fit process over the fastest planned one, which load can only slow). CPU seconds
(``time.process_time``, every thread of the process) are disturbed less by a busy machine
than wall seconds; with ``OPENBLAS_NUM_THREADS=1`` the two coincide on an idle machine and
the CPU seconds are the steadiest figure. "scaling pass / epoch" is the one pass over the
raw inputs for the standardisation's statistics (``chainrule.data.preprocessing.scan``,
timed in the planned process) against the planned epoch.

``--against DIR`` times another checkout's code as well (DIR: that checkout's ``src``, e.g.
made by ``git archive``): four processes a round, before-fit, before-planned, after-fit,
after-planned (reversed every other round), and each version's fit / planned, and fit's
CPU time after / before.

    python benchmarks/fit_overhead.py [--rounds 7] [--epochs 2] [--data fashion-mnist]
    OPENBLAS_NUM_THREADS=1 python benchmarks/fit_overhead.py --rounds 7
    OPENBLAS_NUM_THREADS=1 python benchmarks/fit_overhead.py --against /tmp/before/src
"""

from __future__ import annotations

import argparse
import hashlib
import inspect
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import mnist_shaped, table
from harness import SRC, blas, emit, fresh, load, ratios, spread

CASES = [
    ([784, 256, 128, 10], 128, "adam"),  # the Fashion-MNIST recipe's network
    ([784, 256, 10], 32, "sgd"),
    ([784, 256, 10], 128, "sgd"),
    ([784, 256, 10], 512, "sgd"),
]
SIDES = ("fit", "planned")


def data(args: argparse.Namespace) -> tuple[np.ndarray, np.ndarray]:
    if args.data == "fashion-mnist":
        from chainrule.data import load_dataset

        found = load_dataset("fashion-mnist")
        return found.x, found.y
    x, y = mnist_shaped(args.samples)
    return (x * 255).astype(np.uint8), y


def digest(model) -> str:
    """The weights and biases, hashed: equal digests, equal bits."""
    h = hashlib.sha256()
    for p in model.network.parameters():
        h.update(np.ascontiguousarray(p.data).tobytes())
    return h.hexdigest()[:16]


def planned_batches(model, x: np.ndarray, labels: np.ndarray, plan):
    """The batches ``fit`` trains on: the raw rows gathered and scaled a batch at a time,
    into the plan's buffers where this checkout's ``Batches`` can (``into``)."""
    from chainrule.data.batches import Batches

    options = {}
    if "into" in inspect.signature(Batches).parameters:
        options["into"] = (plan.inputs, plan.targets)
    dtype = np.dtype(model.dtype)
    return Batches(
        x, labels, model.batch_size, dtype, model.classes, model.encode_into,
        model.scaler.transform_into, **options,
    )  # fmt: skip


def worker(x: np.ndarray, y: np.ndarray, case: int, side: str, epochs: int) -> dict:
    """One side of one case: CPU and wall seconds of each timed epoch, the weights' digest."""
    import chainrule as cr
    from chainrule.data.preprocessing import scan
    from chainrule.nn.plan import plan_for

    sizes, batch, optimizer = CASES[case]
    model = cr.Classifier(
        sizes, optimizer=optimizer, learning_rate=0.001, batch_size=batch,
        scaling="standardize", seed=0,
    )  # fmt: skip
    model.fit(x, y, epochs=1)  # fits the scaler, builds and tunes the plan
    found: dict = {"cpu": [], "wall": []}
    if side == "fit":

        def epoch(_: int) -> None:
            model.fit(x, y, epochs=1)

    else:
        labels = model._checked(x, y)[1]
        plan = plan_for(model.network, min(batch, len(x)))
        batches = planned_batches(model, x, labels, plan)
        opt, first = model.optimizer, model.epoch

        def epoch(k: int) -> None:
            for xb, tb, _ in batches.epoch(np.random.default_rng([model.seed, first + k])):
                plan.gradients(xb, tb)
                plan.update(opt)

    for k in range(epochs):
        wall, cpu = time.perf_counter(), time.process_time()
        epoch(k)
        found["cpu"].append(time.process_time() - cpu)
        found["wall"].append(time.perf_counter() - wall)
    found["digest"] = digest(model)
    if side == "planned":
        cpu = time.process_time()
        scan(x)
        found["scan"] = time.process_time() - cpu
    return found


def name(case: int) -> list[str]:
    sizes, batch, optimizer = CASES[case]
    return ["-".join(map(str, sizes)), str(batch), optimizer]


def rounds_of(args: argparse.Namespace, case: int, versions: dict[str, Path]) -> dict:
    """Every (version, side) once a round, in turn, the order reversed every other round
    (A B, B A, A B ...: a drift of the machine's speed falls on both alike); each
    process's median epoch."""
    got: dict[tuple[str, str], list[dict]] = {(v, s): [] for v in versions for s in SIDES}
    for k in range(args.rounds):
        turns = list(got.items())
        for (version, side), results in turns if k % 2 == 0 else turns[::-1]:
            argv = ["python", __file__, "--worker", f"{case},{side}", "--data", args.data]
            argv += ["--samples", str(args.samples), "--epochs", str(args.epochs)]
            r = fresh(argv, versions[version])
            r["cpu_s"], r["wall_s"] = statistics.median(r["cpu"]), statistics.median(r["wall"])
            results.append(r)
    return got


def summary(got: dict, version: str) -> dict[str, list[float]]:
    fit, planned = got[(version, "fit")], got[(version, "planned")]
    return {
        "fit_cpu": [r["cpu_s"] for r in fit],
        "planned_cpu": [r["cpu_s"] for r in planned],
        "fit_wall": [r["wall_s"] for r in fit],
        "planned_wall": [r["wall_s"] for r in planned],
        "cpu": ratios([r["cpu_s"] for r in fit], [r["cpu_s"] for r in planned]),
        "wall": ratios([r["wall_s"] for r in fit], [r["wall_s"] for r in planned]),
        "scan": [100 * r["scan"] / r["cpu_s"] for r in planned],
        "same": [f["digest"] == p["digest"] for f, p in zip(fit, planned, strict=True)],
    }


def separate(args: argparse.Namespace) -> None:
    print(f"each side in its own process, {args.rounds} rounds, {args.epochs} timed epochs each")
    print(f"before: {load()}", flush=True)
    rows = []
    for case in args.cases:
        s = summary(rounds_of(args, case, {"this": SRC}), "this")
        rows.append(
            [
                *name(case),
                spread(s["planned_cpu"], 3),
                spread(s["fit_cpu"], 3),
                spread(s["cpu"], 3, "×"),
                spread(s["planned_wall"], 3),
                spread(s["fit_wall"], 3),
                spread(s["wall"], 3, "×"),
                spread(s["scan"], 1, " %"),
                f"{sum(s['same'])}/{len(s['same'])}",
                f"{min(s['fit_cpu']) / min(s['planned_cpu']):.3f}×",
            ]
        )
        print(f"  {' '.join(rows[-1][:3])}: fit / planned CPU {rows[-1][5]}, wall {rows[-1][8]}")
    print(f"after: {load()}")
    headers = ["network", "batch", "optimizer", "planned, CPU s", "fit, CPU s"]
    headers += ["fit / planned, CPU", "planned, wall s", "fit, wall s", "fit / planned, wall"]
    headers += ["scaling pass / epoch", "same weights", "fit / planned, best CPU"]
    print(table(headers, rows))


def against(args: argparse.Namespace) -> None:
    versions = {"before": Path(args.against), "after": SRC}
    print(f"before: {args.against}; after: {SRC}")
    print(f"{args.rounds} rounds of 4 processes, {args.epochs} timed epochs each")
    print(f"load at the start: {load()}", flush=True)
    rows = []
    for case in args.cases:
        got = rounds_of(args, case, versions)
        b, a = summary(got, "before"), summary(got, "after")
        rows.append(
            [
                *name(case),
                spread(b["cpu"], 3, "×"),
                spread(a["cpu"], 3, "×"),
                spread(b["wall"], 3, "×"),
                spread(a["wall"], 3, "×"),
                spread(ratios(a["fit_cpu"], b["fit_cpu"]), 3, "×"),
                spread(ratios(a["planned_cpu"], b["planned_cpu"]), 3, "×"),
                f"{sum(b['same'])}/{len(b['same'])}, {sum(a['same'])}/{len(a['same'])}",
            ]
        )
        print(f"  {' '.join(rows[-1][:3])}: fit / planned CPU {rows[-1][3]} → {rows[-1][4]}")
    print(f"load at the end: {load()}")
    headers = ["network", "batch", "optimizer", "fit / planned CPU, before", "after"]
    headers += ["wall, before", "wall, after", "fit CPU s, after / before"]
    headers += ["planned CPU s, after / before", "same weights"]
    print(table(headers, rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7, help="processes of each side")
    parser.add_argument("--epochs", type=int, default=2, help="timed epochs in each process")
    parser.add_argument("--data", default="fashion-mnist", help="fashion-mnist or random")
    parser.add_argument("--samples", type=int, default=60_000, help="random data: how many")
    parser.add_argument("--against", metavar="DIR", help="another checkout's src to time")
    parser.add_argument("--cases", default=None, help="indices into CASES, like 1,3")
    parser.add_argument("--worker", help=argparse.SUPPRESS)
    args = parser.parse_args()
    picked = range(len(CASES)) if args.cases is None else args.cases.split(",")
    args.cases = [int(c) for c in picked]
    if args.worker is not None:
        case, side = args.worker.split(",")
        x, y = data(args)
        emit(worker(x, y, int(case), side, args.epochs))
        return
    x_kind = "Fashion-MNIST's 60,000 8-bit images" if args.data == "fashion-mnist" else "random"
    print(f"NumPy's BLAS: {blas()}; data: {x_kind}")
    if args.against:
        against(args)
    else:
        separate(args)


if __name__ == "__main__":
    main()
