"""What ``Classifier.fit`` costs over the planned loop on the same batches, and what its
one-off scaling pass costs against an epoch: in one process (one library, so no threads of
another to fight), in CPU seconds of this process (``time.process_time``), which a busy
machine disturbs far less than wall time; alternating, median of the rounds.

Per round: one ``fit(x, y, epochs=1)`` call (everything a user's call does: checks, label
encoding, shuffling, gathering and scaling each batch, the running loss and accuracy), then
the planned loop -- a plan's ``gradients`` and ``update`` -- over the same kind of batches
(a permutation, rows gathered by index and scaled into preallocated buffers). The scaling
statistics are one pass over the raw inputs (``chainrule.data.preprocessing.scan``).
Run it with ``OPENBLAS_NUM_THREADS=1`` for the steadiest figures on a shared machine.

    OPENBLAS_NUM_THREADS=1 python benchmarks/fit_overhead.py [--rounds 5] [--data fashion-mnist]
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
from harness import blas, load, spread

import chainrule as cr
from chainrule.data.batches import Batches
from chainrule.data.preprocessing import scan
from chainrule.nn.plan import plan_for

CASES = [
    ([784, 256, 128, 10], 128, "adam"),
    ([784, 256, 10], 32, "sgd"),
    ([784, 256, 10], 512, "sgd"),
]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--data", default="fashion-mnist", help="fashion-mnist or random")
    parser.add_argument("--samples", type=int, default=60_000, help="random data: how many")
    args = parser.parse_args()
    if args.data == "fashion-mnist":
        from chainrule.data import load_dataset

        data = load_dataset("fashion-mnist")
        x, y = data.x, data.y
    else:
        x, y = mnist_shaped(args.samples)
        x = (x * 255).astype(np.uint8)
    clock = time.process_time
    print(f"NumPy's BLAS: {blas()}; {len(x):,} samples of {x.dtype}")
    print(f"before: {load()}", flush=True)
    rows = []
    for sizes, batch, optimizer in CASES:
        model = cr.Classifier(
            sizes, optimizer=optimizer, learning_rate=0.001, batch_size=batch,
            scaling="standardize", seed=0,
        )  # fmt: skip
        model.fit(x, y, epochs=1)  # builds and tunes the plan
        labels = model._checked(x, y)[1]
        assert model.scaler is not None and model.network is not None
        batches = Batches(
            x, labels, batch, np.float32, sizes[-1], model.encode_into,
            model.scaler.transform_into,
        )  # fmt: skip
        plan, opt = plan_for(model.network, batch), model.optimizer
        fit, loop, stats = [], [], []
        for r in range(args.rounds):
            start = clock()
            model.fit(x, y, epochs=1)
            fit.append(clock() - start)
            start = clock()
            for xb, tb, _ in batches.epoch(np.random.default_rng([1, r])):
                plan.gradients(xb, tb)
                plan.update(opt)
            loop.append(clock() - start)
            start = clock()
            scan(x)
            stats.append(clock() - start)
        over = [f / p for f, p in zip(fit, loop, strict=True)]
        share = [s / p for s, p in zip(stats, loop, strict=True)]
        rows.append(
            [
                "-".join(map(str, sizes)),
                str(batch),
                optimizer,
                spread(loop, 3),
                spread(fit, 3),
                spread(over, 3, "×"),
                f"{100 * statistics.median(share):.1f} %",
            ]
        )
        print(f"  {rows[-1][0]} batch {batch}: fit / planned {rows[-1][5]}", flush=True)
    print(f"after: {load()}")
    print(
        table(
            [
                "network",
                "batch",
                "optimizer",
                "planned loop, CPU s",
                "fit call, CPU s",
                "fit / planned",
                "scaling pass / epoch",
            ],
            rows,
        )
    )


if __name__ == "__main__":
    main()
