"""What ``Classifier.fit`` costs over the planned loop on the same batches, and what its
one-off scaling pass costs against an epoch: in one process (one library, so no threads of
another to fight), in CPU seconds of this process (``time.process_time``), which a busy
machine disturbs far less than wall time, and in wall seconds; alternating, median of the
rounds.

Per round: one ``fit(x, y, epochs=1)`` call (everything a user's call does: checks, label
encoding, shuffling, gathering and scaling each batch, the running loss and accuracy), then
the planned loop -- a plan's ``gradients`` and ``update`` -- over the same kind of batches
(a permutation, rows gathered by index and scaled into preallocated buffers). The scaling
statistics are one pass over the raw inputs (``chainrule.data.preprocessing.scan``).
Run it with ``OPENBLAS_NUM_THREADS=1`` for the steadiest figures on a shared machine.

``--against DIR`` times this checkout's code against another's (DIR: that checkout's
``src``, e.g. made by ``git archive``): every case in a fresh process per version, the two
versions alternating process by process (see harness.py), ``--rounds`` processes each.

    OPENBLAS_NUM_THREADS=1 python benchmarks/fit_overhead.py [--rounds 5] [--data fashion-mnist]
    OPENBLAS_NUM_THREADS=1 python benchmarks/fit_overhead.py --against /tmp/before/src
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import mnist_shaped, table
from harness import SRC, blas, emit, fresh, load, ratios, spread

CASES = [
    ([784, 256, 128, 10], 128, "adam"),
    ([784, 256, 10], 32, "sgd"),
    ([784, 256, 10], 512, "sgd"),
]


def data(args: argparse.Namespace) -> tuple[np.ndarray, np.ndarray]:
    if args.data == "fashion-mnist":
        from chainrule.data import load_dataset

        found = load_dataset("fashion-mnist")
        return found.x, found.y
    x, y = mnist_shaped(args.samples)
    return (x * 255).astype(np.uint8), y


def measure(x: np.ndarray, y: np.ndarray, case: int, rounds: int) -> dict[str, list[float]]:
    """CPU and wall seconds, round by round: a fit call, the planned loop, the scan."""
    import chainrule as cr
    from chainrule.data.batches import Batches
    from chainrule.data.preprocessing import scan
    from chainrule.nn.plan import plan_for

    sizes, batch, optimizer = CASES[case]
    model = cr.Classifier(
        sizes, optimizer=optimizer, learning_rate=0.001, batch_size=batch,
        scaling="standardize", seed=0,
    )  # fmt: skip
    model.fit(x, y, epochs=1)  # builds and tunes the plan
    labels = model._checked(x, y)[1]
    assert model.scaler is not None and model.network is not None
    batches = Batches(
        x, labels, batch, np.float32, sizes[-1], model.encode_into, model.scaler.transform_into,
    )  # fmt: skip
    plan, opt = plan_for(model.network, batch), model.optimizer
    found: dict[str, list[float]] = {
        k: [] for k in ("fit", "loop", "stats", "fit_wall", "loop_wall")
    }
    for r in range(rounds):
        wall, cpu = time.perf_counter(), time.process_time()
        model.fit(x, y, epochs=1)
        found["fit"].append(time.process_time() - cpu)
        found["fit_wall"].append(time.perf_counter() - wall)
        wall, cpu = time.perf_counter(), time.process_time()
        for xb, tb, _ in batches.epoch(np.random.default_rng([1, r])):
            plan.gradients(xb, tb)
            plan.update(opt)
        found["loop"].append(time.process_time() - cpu)
        found["loop_wall"].append(time.perf_counter() - wall)
        cpu = time.process_time()
        scan(x)
        found["stats"].append(time.process_time() - cpu)
    return found


def name(case: int) -> list[str]:
    sizes, batch, optimizer = CASES[case]
    return ["-".join(map(str, sizes)), str(batch), optimizer]


def in_one_process(args: argparse.Namespace) -> None:
    x, y = data(args)
    print(f"NumPy's BLAS: {blas()}; {len(x):,} samples of {x.dtype}")
    print(f"before: {load()}", flush=True)
    rows = []
    for case in range(len(CASES)):
        found = measure(x, y, case, args.rounds)
        fit, loop, stats = found["fit"], found["loop"], found["stats"]
        over = ratios(fit, loop)
        share = ratios(stats, loop)
        rows.append(
            [
                *name(case),
                spread(loop, 3),
                spread(fit, 3),
                spread(over, 3, "×"),
                spread(ratios(found["fit_wall"], found["loop_wall"]), 3, "×"),
                f"{100 * statistics.median(share):.1f} %",
            ]
        )
        print(f"  {rows[-1][0]} batch {rows[-1][1]}: fit / planned {rows[-1][5]}", flush=True)
    print(f"after: {load()}")
    headers = ["network", "batch", "optimizer", "planned loop, CPU s", "fit call, CPU s"]
    headers += ["fit / planned", "fit / planned, wall", "scaling pass / epoch"]
    print(table(headers, rows))


def against(args: argparse.Namespace) -> None:
    """Each case in fresh processes, this checkout's code ("after") and DIR's ("before")
    alternating, ``--rounds`` processes of each."""
    versions = {"before": Path(args.against), "after": SRC}
    print(f"before: {args.against}; after: {SRC}")
    print(f"load at the start: {load()}", flush=True)
    rows = []
    for case in range(len(CASES)):
        got: dict[str, list[dict]] = {v: [] for v in versions}
        for _ in range(args.rounds):
            for version, src in versions.items():
                argv = ["python", __file__, "--worker", str(case), "--data", args.data]
                argv += ["--samples", str(args.samples), "--rounds", str(args.inner)]
                got[version].append(fresh(argv, src))
        per: dict[str, dict[str, list[float]]] = {}
        for version, results in got.items():
            med = statistics.median
            per[version] = {
                "over": [med(ratios(r["fit"], r["loop"])) for r in results],
                "wall": [med(ratios(r["fit_wall"], r["loop_wall"])) for r in results],
                "share": [100 * med(ratios(r["stats"], r["loop"])) for r in results],
                "fit": [med(r["fit"]) for r in results],
            }
        b, a = per["before"], per["after"]
        rows.append(
            [
                *name(case),
                spread(b["over"], 3, "×"),
                spread(a["over"], 3, "×"),
                spread(b["wall"], 3, "×"),
                spread(a["wall"], 3, "×"),
                spread(b["share"], 1, " %"),
                spread(a["share"], 1, " %"),
                spread(ratios(a["fit"], b["fit"]), 3, "×"),
            ]
        )
        print(
            f"  {' '.join(rows[-1][:3])}: fit / planned {rows[-1][3]} → {rows[-1][4]}", flush=True
        )
    print(f"load at the end: {load()}")
    headers = ["network", "batch", "optimizer", "fit / planned, before", "after"]
    headers += ["wall, before", "wall, after", "scaling / epoch, before", "after"]
    headers += ["fit CPU s, after / before"]
    print(table(headers, rows))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", default="fashion-mnist", help="fashion-mnist or random")
    parser.add_argument("--samples", type=int, default=60_000, help="random data: how many")
    parser.add_argument("--against", metavar="DIR", help="another checkout's src to time")
    parser.add_argument("--inner", type=int, default=2, help="--against: rounds per process")
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker is not None:
        x, y = data(args)
        emit(measure(x, y, args.worker, args.rounds))
    elif args.against:
        against(args)
    else:
        in_one_process(args)


if __name__ == "__main__":
    main()
