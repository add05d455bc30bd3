"""Data for regression: real-valued targets, from the toy sets of a playground or from files.

Toy sets (TensorFlow Playground's regression data, seeded): inputs uniform in the square
[−6, 6]², one target (about −1 to 1); ``noise`` (0 to 1) moves the point at which the target is
read by up to ``noise``·6 in each coordinate, as the playground does.

- ``plane``: t = (x₁ + x₂) / 10, a tilted plane (one linear neuron suffices);
- ``multi-gaussian``: six bumps of alternating sign at (−4, ±2.5), (0, ±2.5), (4, ±2.5);
  each gives sign·max(0, 1 − d/2) at distance d from its centre, and the target is the
  one of largest magnitude (a hidden layer is needed).

Each toy set comes with a seeded test split (a quarter as many points again, as the
classifier toy sets have) and its recipe
(:data:`~chainrule.data.recipes.REGRESSION_TOY_RECIPE`).

Files: a ``.npz`` with ``X`` (samples × features) and ``y`` (one value per sample, or
samples × outputs), optionally ``X_test`` and ``y_test``; or a CSV file with a header row
whose target columns (``target_columns``: names or 0-based indices, several for several
outputs; default the last column) hold numbers like the features.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from chainrule.data.files import file_kind, load_csv, read_npz
from chainrule.data.recipes import (
    REGRESSION_FILE_RECIPE,
    REGRESSION_TOY_RECIPE,
    TOY_TEST_SHARE,
    Recipe,
)
from chainrule.errors import ChainruleError

REGRESSION_SETS = ("plane", "multi-gaussian")  # and make_friedman for the benchmarks
RADIUS = 6.0
BUMPS = ((-4, 2.5, 1), (0, 2.5, -1), (4, 2.5, 1), (-4, -2.5, -1), (0, -2.5, 1), (4, -2.5, -1))


@dataclass
class RegressionData:
    """Inputs (raw: unscaled) and targets (samples × outputs, float64), an optional test split."""

    name: str
    x: np.ndarray
    y: np.ndarray
    output_names: list[str]
    x_test: np.ndarray | None = None
    y_test: np.ndarray | None = None
    scaling: str = "standardize"
    recipe: Recipe = REGRESSION_FILE_RECIPE

    @property
    def hidden(self) -> list[int]:
        return list(self.recipe.hidden)

    @property
    def epochs(self) -> int:
        return self.recipe.epochs

    @property
    def batch_size(self) -> int:
        return self.recipe.batch_size

    @property
    def schedule(self) -> str:
        return self.recipe.schedule

    @property
    def features(self) -> int:
        return int(self.x.shape[1])

    @property
    def outputs(self) -> int:
        return int(self.y.shape[1])


def make_regression_toy(
    name: str, samples: int = 400, noise: float = 0.0, seed: int | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """``samples`` points of the regression toy set ``name``: (x, t), t one value per sample."""
    if name not in REGRESSION_SETS:
        raise ChainruleError(
            f"unknown regression data set {name!r}: expected one of {', '.join(REGRESSION_SETS)}"
        )
    if int(samples) != samples or samples < 1:
        raise ChainruleError(f"samples {samples!r}: expected a whole number >= 1")
    if not 0 <= noise <= 1:
        raise ChainruleError(f"noise {noise!r}: expected a number from 0 to 1")
    rng = np.random.default_rng(seed)
    x = rng.uniform(-RADIUS, RADIUS, (int(samples), 2))
    read_at = x + noise * rng.uniform(-RADIUS, RADIUS, x.shape)
    if name == "plane":
        t = (read_at[:, 0] + read_at[:, 1]) / 10.0
    else:
        t = np.zeros(len(x))
        for cx, cy, sign in BUMPS:
            d = np.hypot(read_at[:, 0] - cx, read_at[:, 1] - cy)
            bump = sign * np.clip(1.0 - d / 2.0, 0.0, 1.0)
            t = np.where(np.abs(bump) > np.abs(t), bump, t)
    return x, t


def make_friedman(
    samples: int, noise: float = 0.0, seed: int | None = 0
) -> tuple[np.ndarray, np.ndarray]:
    """Friedman's first regression problem: five inputs uniform in [0, 1] and
    t = 10 sin(π x1 x2) + 20 (x3 − ½)² + 10 x4 + 5 x5 + Gaussian noise of std ``noise``."""
    rng = np.random.default_rng(seed)
    x = rng.uniform(0, 1, (int(samples), 5))
    t = (
        10 * np.sin(np.pi * x[:, 0] * x[:, 1])
        + 20 * (x[:, 2] - 0.5) ** 2
        + 10 * x[:, 3]
        + 5 * x[:, 4]
    )
    return x, t + (rng.normal(0, noise, len(x)) if noise > 0 else 0.0)


def load_regression_set(
    name: str, samples: int = 400, noise: float = 0.0, seed: int | None = 0
) -> RegressionData:
    """The toy set ``name`` with its test split: a quarter as many points again, drawn from a
    stream no ``seed`` reuses (as the classifier toy sets' are), and its recipe."""
    x, t = make_regression_toy(name, samples, noise, seed)
    test_seed = None if seed is None else [int(seed), 1]
    tests = max(1, round(samples * TOY_TEST_SHARE))
    x_test, t_test = make_regression_toy(name, tests, noise, test_seed)
    return RegressionData(
        name,
        x,
        t.reshape(-1, 1),
        ["y"],
        x_test,
        t_test.reshape(-1, 1),
        scaling="none",
        recipe=REGRESSION_TOY_RECIPE,
    )


def load_regression_file(
    path: str | os.PathLike, target_columns: str | Sequence[str | int] | None = None
) -> RegressionData:
    """Regression data from a ``.npz`` or CSV file (numeric targets; inputs standardised)."""
    name = os.fspath(path)
    kind = file_kind(path)
    if kind == "npz":
        arrays = read_npz(path)
        if "X" not in arrays or "y" not in arrays:
            raise ChainruleError(f"{name!r} has arrays {sorted(arrays)}, expected X and y")
        if ("X_test" in arrays) != ("y_test" in arrays):
            raise ChainruleError(f"{name!r}: X_test and y_test come together, expected both")
        x, y = _pair(name, arrays["X"], arrays["y"], "X", "y")
        x_test = y_test = None
        if "X_test" in arrays:
            x_test, y_test = _pair(name, arrays["X_test"], arrays["y_test"], "X_test", "y_test")
            if x_test.shape[1] != x.shape[1] or y_test.shape[1] != y.shape[1]:
                raise ChainruleError(
                    f"{name!r}: X_test, y_test have {x_test.shape[1]} and {y_test.shape[1]} "
                    f"columns, expected {x.shape[1]} and {y.shape[1]} like X and y"
                )
        outputs = [f"y{k}" for k in range(y.shape[1])] if y.shape[1] > 1 else ["y"]
        return RegressionData(Path(name).stem, x, y, outputs, x_test, y_test)
    if kind != "csv":
        raise ChainruleError(f"{name!r}: regression data must be .npz or .csv")
    table, _, header = load_csv(path, None, require_labels=False)
    columns = _columns(name, header, target_columns)
    features = [k for k in range(len(header)) if k not in columns]
    if not features:
        raise ChainruleError(f"{name!r}: every column is a target, expected feature columns too")
    return RegressionData(
        Path(name).stem, table[:, features], table[:, columns], [header[k] for k in columns]
    )


def _pair(
    name: str, x: np.ndarray, y: np.ndarray, xk: str, yk: str
) -> tuple[np.ndarray, np.ndarray]:
    for key, a in ((xk, x), (yk, y)):
        if a.dtype.kind not in "fiub" or a.ndim < 1 or len(a) == 0:
            raise ChainruleError(
                f"{name!r}: {key} is a {a.dtype} array of shape {a.shape}, expected numbers"
            )
    if x.ndim < 2 or y.ndim > 2 or len(y) != len(x):
        raise ChainruleError(
            f"{name!r}: {xk} of shape {x.shape} and {yk} of shape {y.shape}, expected samples × "
            "features and one value (or one row of values) per sample"
        )
    x = x.reshape(len(x), -1).astype(np.float64)
    y = y.reshape(len(y), -1).astype(np.float64)
    for key, a in ((xk, x), (yk, y)):
        if not np.isfinite(a).all():
            sample, column = np.argwhere(~np.isfinite(a))[0]
            raise ChainruleError(
                f"{name!r}: {key}: value {a[sample, column]} at sample {sample}, column {column}: "
                "expected finite numbers (no NaN or infinity)"
            )
    return x, y


def _columns(name: str, header: list[str], wanted: str | Sequence[str | int] | None) -> list[int]:
    """Indices of the target columns: names or indices, a list or "a,b"; default the last."""
    if wanted is None:
        return [len(header) - 1]
    items = wanted.split(",") if isinstance(wanted, str) else list(wanted)
    found = []
    for item in items:
        text = str(item).strip()
        if text in header:
            found.append(header.index(text))
        elif text.lstrip("-").isdigit() and -len(header) <= int(text) < len(header):
            found.append(int(text) % len(header))
        else:
            raise ChainruleError(
                f"target column {text!r}: no such column in {name!r}; columns: {', '.join(header)}"
            )
    if len(set(found)) != len(found):
        raise ChainruleError(f"target columns {wanted!r}: expected each column once")
    return found
