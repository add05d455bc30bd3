"""Data sets by name or from files: toy 2-D sets, MNIST, Fashion-MNIST, digits, .npz, CSV.

>>> ds = load_dataset("moons", samples=100, noise=0.1, seed=0)
>>> ds.x.shape, ds.class_names
((100, 2), ['0', '1'])
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from chainrule.data import recipes
from chainrule.data.base import Dataset, encode_labels, validation_split
from chainrule.data.digits import load_digits
from chainrule.data.files import file_kind, load_csv, load_npz
from chainrule.data.idx import parse_idx, read_idx
from chainrule.data.mnist import DIGIT_CLASSES, FASHION_CLASSES, load_idx_set
from chainrule.data.preprocessing import SCALINGS, Scaler
from chainrule.data.recipes import Recipe
from chainrule.data.toy import TOY_SETS, make_toy, toy_class_names
from chainrule.errors import ChainruleError, did_you_mean

DATASETS = (*TOY_SETS, "mnist", "fashion-mnist", "digits")

# The 2-D point sets of the logic gates under the names the command line uses for them
# (``chainrule train xor`` is the four-row truth table; ``xor-points`` the noisy points).
POINT_SETS = {f"{gate}-points": gate for gate in ("xor", "and", "or")}


def load_dataset(
    name: str,
    data_dir: str | os.PathLike | None = None,
    samples: int = 400,
    noise: float = 0.1,
    seed: int | None = 0,
    classes: int = 3,
) -> Dataset:
    """The data set called ``name`` (one of :data:`DATASETS`, or a :data:`POINT_SETS` name).

    Every named set has a test split: the toy sets draw a quarter as many points again
    (seeded apart from the training points), digits holds out a fixed fifth, MNIST and
    Fashion-MNIST have their own.
    """
    name = POINT_SETS.get(name, name)
    if name in TOY_SETS:
        # the test split: a quarter as many points, drawn from a stream no --seed reuses
        x, y = make_toy(name, samples, noise, seed, classes)
        test_seed = None if seed is None else [int(seed), 1]
        tests = max(1, round(samples * recipes.TOY_TEST_SHARE))
        x_test, y_test = make_toy(name, tests, noise, test_seed, classes)
        return recipe_dataset(
            name,
            x,
            y,
            toy_class_names(name, classes),
            recipes.TOY_RECIPE,
            x_test=x_test,
            y_test=y_test,
        )
    if name in ("mnist", "fashion-mnist"):
        arrays = load_idx_set(name, data_dir)
        names = FASHION_CLASSES if name == "fashion-mnist" else DIGIT_CLASSES
        flat = {k: v.reshape(len(v), -1) for k, v in arrays.items() if k.endswith("images")}
        return Dataset(
            name,
            flat["train_images"],
            arrays["train_labels"].astype(np.int64),
            list(names),
            flat["test_images"],
            arrays["test_labels"].astype(np.int64),
            scaling="standardize",
            image_shape=tuple(arrays["train_images"].shape[1:]),
            hidden=list(recipes.IMAGE_RECIPE.hidden),
            epochs=recipes.IMAGE_RECIPE.epochs,
            batch_size=recipes.IMAGE_RECIPE.batch_size,
            schedule=recipes.IMAGE_RECIPE.schedule,
        )
    if name == "digits":
        x, y = load_digits()
        # a fixed, seeded test split: the same images every run, whatever --seed says
        x, y, x_test, y_test = validation_split(x, y, recipes.DIGITS_TEST_SHARE, seed=0)
        return recipe_dataset(
            name, x, y, DIGIT_CLASSES.copy(), recipes.DIGITS_RECIPE, "standardize", x_test, y_test
        )
    raise ChainruleError(
        f"unknown data set {name!r}: expected one of {', '.join(DATASETS)}"
        f"{did_you_mean(name, [*DATASETS, *POINT_SETS])}"
    )


def recipe_dataset(
    name: str,
    x: np.ndarray,
    y: np.ndarray,
    class_names: list[str],
    recipe: Recipe,
    scaling: str = "none",
    x_test: np.ndarray | None = None,
    y_test: np.ndarray | None = None,
) -> Dataset:
    """A Dataset whose default hidden layers, epochs, batch size and schedule are ``recipe``'s."""
    return Dataset(
        name,
        x,
        y,
        class_names,
        x_test,
        y_test,
        scaling=scaling,
        hidden=list(recipe.hidden),
        epochs=recipe.epochs,
        batch_size=recipe.batch_size,
        schedule=recipe.schedule,
    )


def load_file(path: str | os.PathLike, label_column: str | int | None = None) -> Dataset:
    """A data set from a ``.npz`` or CSV file, or a folder of ``.npy`` files whose inputs
    are memory-mapped (:mod:`chainrule.data.npydir`); standardised inputs."""
    if Path(path).is_dir():
        from chainrule.data.npydir import load_npy_dir

        arrays = load_npy_dir(path)
        y, y_test, names = encode_labels(arrays["y"], arrays.get("y_test"))
        x_test = arrays.get("X_test")
        name = Path(path).resolve().name
        return Dataset(name, arrays["X"], y, names, x_test, y_test, scaling="standardize")
    kind = file_kind(path)
    name = Path(path).stem
    if kind == "npz":
        arrays = load_npz(path)
        y, y_test, names = encode_labels(arrays["y"], arrays.get("y_test"))
        return recipe_dataset(
            name,
            arrays["X"],
            y,
            names,
            recipes.FILE_RECIPE,
            "standardize",
            arrays.get("X_test"),
            y_test,
        )
    if kind == "csv":
        x, labels, _ = load_csv(path, label_column)
        assert labels is not None
        y, _, names = encode_labels(labels)
        return recipe_dataset(name, x, y, names, recipes.FILE_RECIPE, "standardize")
    raise ChainruleError(f"{os.fspath(path)!r}: training data must be .npz or .csv")


__all__ = [
    "DATASETS",
    "FASHION_CLASSES",
    "POINT_SETS",
    "SCALINGS",
    "TOY_SETS",
    "Dataset",
    "Scaler",
    "encode_labels",
    "load_csv",
    "load_dataset",
    "load_file",
    "load_npz",
    "make_toy",
    "parse_idx",
    "read_idx",
    "validation_split",
]
