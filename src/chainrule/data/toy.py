"""Two-dimensional toy data sets, seeded: xor, and, or, circles, moons, spirals, gaussians.

Each returns inputs ``x`` (samples × 2, float64) and integer class labels ``y``. ``noise``
is the standard deviation of Gaussian noise added to every point; the same ``seed`` always
gives the same points.

- ``xor``, ``and``, ``or``: the corners of the unit square, labelled by the logic gate
  (the XOR blog post: one layer separates AND and OR, only a multi-layer perceptron separates XOR);
  with ``samples=4`` and ``noise=0`` they are exactly the four rows of the truth table.
- ``circles``: two concentric circles (radius 1 and 0.5).
- ``moons``: two interleaved half circles.
- ``spirals``: ``classes`` interleaved spiral arms.
- ``gaussians``: ``classes`` round clouds with centres on a circle of radius 2.
"""

from __future__ import annotations

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.util.arrays import finite, whole
from chainrule.util.limits import check_memory

GATES = {"xor": (0, 1, 1, 0), "and": (0, 0, 0, 1), "or": (0, 1, 1, 1)}
CORNERS = np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]])
TOY_SETS = ("xor", "and", "or", "circles", "moons", "spirals", "gaussians")


def make_toy(
    name: str,
    samples: int = 400,
    noise: float = 0.1,
    seed: int | list[int] | None = 0,
    classes: int = 3,
) -> tuple[np.ndarray, np.ndarray]:
    """``samples`` points of the toy set ``name``: (x, y) with y in 0…K−1."""
    if name not in TOY_SETS:
        raise ChainruleError(
            f"unknown toy data set {name!r}: expected one of {', '.join(TOY_SETS)}"
        )
    samples = whole("samples", samples, 1)
    if not finite("noise", noise) >= 0:
        raise ChainruleError(f"noise {noise!r}: expected a number >= 0")
    classes = whole("classes", classes, 2)
    samples, classes = int(samples), int(classes)
    if name in ("spirals", "gaussians") and classes > samples:
        raise ChainruleError(
            f"classes {classes}: expected no more classes than samples ({samples})"
        )
    check_memory(samples * 64, f"a toy set of {samples:,} samples")  # x, y and temporaries
    rng = np.random.default_rng(seed)
    if name in GATES:
        corner = np.arange(samples) % 4
        x = CORNERS[corner].copy()
        y = np.array(GATES[name])[corner]
    elif name == "circles":
        y = np.arange(samples) % 2
        angle = rng.uniform(0.0, 2 * np.pi, samples)
        radius = np.where(y == 0, 1.0, 0.5)
        x = np.stack([radius * np.cos(angle), radius * np.sin(angle)], axis=1)
    elif name == "moons":
        y = np.arange(samples) % 2
        angle = rng.uniform(0.0, np.pi, samples)
        upper = np.stack([np.cos(angle), np.sin(angle)], axis=1)
        lower = np.stack([1.0 - np.cos(angle), 0.5 - np.sin(angle)], axis=1)
        x = np.where((y == 0)[:, None], upper, lower)
    elif name == "spirals":
        y = np.arange(samples) % classes
        r = rng.uniform(0.05, 1.0, samples)
        angle = 4.0 * r + 2 * np.pi * y / classes
        x = np.stack([r * np.cos(angle), r * np.sin(angle)], axis=1)
    else:  # gaussians
        y = np.arange(samples) % classes
        centre = 2.0 * np.stack(
            [np.cos(2 * np.pi * y / classes), np.sin(2 * np.pi * y / classes)], axis=1
        )
        x = centre + rng.normal(0.0, 0.5, (samples, 2))
    if noise > 0:
        x = x + rng.normal(0.0, noise, x.shape)
    return x.astype(np.float64), y.astype(np.int64)


def toy_class_names(name: str, classes: int = 3) -> list[str]:
    """Class names of a toy set: "0" and "1" for gates, circles and moons, else 0…K−1."""
    count = classes if name in ("spirals", "gaussians") else 2
    return [str(k) for k in range(count)]
