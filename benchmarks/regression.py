"""Regression: chainrule's Regressor against scikit-learn's MLPRegressor on the same data.

Same work for both: Friedman's first regression problem (5 inputs, noise 1), the inputs
standardised, a 5-64-64-1 tanh MLP, Adam with learning rate 0.001, mini-batches of 32, the
same number of epochs, no early stopping. Each contender runs in its own Python process
(no shared caches, threads or imports), one after the other; each reports its training
seconds and its R² on held-out samples.

    python benchmarks/regression.py [--samples 20000] [--epochs 30] [--threads 1]
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import machine, table

from chainrule.data.regression import make_friedman

HIDDEN = (64, 64)
LEARNING_RATE = 0.001
BATCH = 32


def split(samples: int) -> tuple[np.ndarray, ...]:
    x, y = make_friedman(samples + samples // 4, noise=1.0, seed=0)
    mean, std = x[:samples].mean(axis=0), x[:samples].std(axis=0)
    x = (x - mean) / std
    return x[:samples], y[:samples], x[samples:], y[samples:]


def run_chainrule(x, y, xt, yt, epochs: int) -> tuple[float, float]:
    from chainrule.training.regressor import Regressor

    model = Regressor(
        hidden=HIDDEN, activation="tanh", learning_rate=LEARNING_RATE, batch_size=BATCH,
        scaling="none", dtype="float64",
    )  # fmt: skip
    start = time.perf_counter()
    model.fit(x, y, epochs=epochs)
    return time.perf_counter() - start, model.score(xt, yt)


def run_sklearn(x, y, xt, yt, epochs: int) -> tuple[float, float]:
    import warnings

    from sklearn.exceptions import ConvergenceWarning
    from sklearn.neural_network import MLPRegressor

    model = MLPRegressor(
        hidden_layer_sizes=HIDDEN, activation="tanh", solver="adam",
        learning_rate_init=LEARNING_RATE, batch_size=BATCH, max_iter=epochs, tol=0.0,
        n_iter_no_change=epochs + 1, alpha=0.0, random_state=0,
    )  # fmt: skip
    start = time.perf_counter()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        model.fit(x, y)
    return time.perf_counter() - start, model.score(xt, yt)


CONTENDERS = {"chainrule": run_chainrule, "scikit-learn": run_sklearn}


def one(name: str, samples: int, epochs: int) -> None:
    """The child process: one contender, its result as one JSON line."""
    seconds, r2 = CONTENDERS[name](*split(samples), epochs)
    print(json.dumps({"seconds": seconds, "r2": r2}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--samples", type=int, default=20000)
    parser.add_argument("--epochs", type=int, default=30)
    parser.add_argument("--threads", type=int, default=1, help="BLAS threads per process")
    parser.add_argument("--contender", choices=list(CONTENDERS), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.contender:
        one(args.contender, args.samples, args.epochs)
        return
    env = {**os.environ, "OPENBLAS_NUM_THREADS": str(args.threads)}
    env["OMP_NUM_THREADS"] = env["MKL_NUM_THREADS"] = str(args.threads)
    results = {}
    for name in CONTENDERS:
        if name == "scikit-learn":
            try:
                import sklearn  # noqa: F401
            except ImportError:
                continue
        out = subprocess.run(
            [sys.executable, __file__, "--contender", name, "--samples", str(args.samples),
             "--epochs", str(args.epochs)],
            capture_output=True, text=True, env=env, check=True,
        ).stdout  # fmt: skip
        results[name] = json.loads(out.strip().splitlines()[-1])
    base = results["chainrule"]["seconds"]
    print(f"{machine()}; {args.threads} BLAS thread(s) per process")
    print(
        f"Friedman #1, {args.samples} training samples, 5-{'-'.join(map(str, HIDDEN))}-1 tanh, "
        f"Adam {LEARNING_RATE}, batch {BATCH}, {args.epochs} epochs\n"
    )
    rows = [
        [name, f"{r['seconds']:.2f}", f"{r['seconds'] / base:.2f}×", f"{r['r2']:.4f}"]
        for name, r in results.items()
    ]
    print(table(["contender", "seconds", "time vs chainrule", "held-out R²"], rows))


if __name__ == "__main__":
    main()
