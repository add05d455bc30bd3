"""Data sets by name or from files: toy 2-D sets, MNIST, Fashion-MNIST, digits, .npz, CSV.

>>> ds = load_dataset("moons", samples=100, noise=0.1, seed=0)
>>> ds.x.shape, ds.class_names
((100, 2), ['0', '1'])
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np

from ..errors import ChainruleError, did_you_mean
from .base import Dataset, encode_labels, validation_split
from .digits import load_digits
from .files import file_kind, load_csv, load_npz
from .idx import parse_idx, read_idx
from .mnist import DIGIT_CLASSES, FASHION_CLASSES, load_idx_set
from .preprocessing import SCALINGS, Scaler
from .toy import TOY_SETS, make_toy, toy_class_names

DATASETS = (*TOY_SETS, "mnist", "fashion-mnist", "digits")


def load_dataset(
    name: str,
    data_dir: str | os.PathLike | None = None,
    samples: int = 400,
    noise: float = 0.1,
    seed: int | None = 0,
    classes: int = 3,
) -> Dataset:
    """The data set called ``name`` (one of :data:`DATASETS`)."""
    if name in TOY_SETS:
        x, y = make_toy(name, samples, noise, seed, classes)
        return Dataset(name, x, y, toy_class_names(name, classes), hidden=[16, 16], epochs=100)
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
            hidden=[256, 128],
            epochs=10,
            batch_size=128,
        )
    if name == "digits":
        x, y = load_digits()
        return Dataset(
            name, x, y, DIGIT_CLASSES.copy(), scaling="standardize", hidden=[64], epochs=30
        )
    raise ChainruleError(
        f"unknown data set {name!r}: expected one of {', '.join(DATASETS)}"
        f"{did_you_mean(name, DATASETS)}"
    )


def load_file(path: str | os.PathLike, label_column: str | int | None = None) -> Dataset:
    """A data set from a ``.npz`` or CSV file, or a folder of ``.npy`` files whose inputs
    are memory-mapped (:mod:`chainrule.datasets.npydir`); standardised inputs."""
    if Path(path).is_dir():
        from .npydir import load_npy_dir

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
        return Dataset(
            name, arrays["X"], y, names, arrays.get("X_test"), y_test, scaling="standardize"
        )
    if kind == "csv":
        x, labels, _ = load_csv(path, label_column)
        assert labels is not None
        y, _, names = encode_labels(labels)
        return Dataset(name, x, y, names, scaling="standardize")
    raise ChainruleError(f"{os.fspath(path)!r}: training data must be .npz or .csv")


__all__ = [
    "DATASETS",
    "FASHION_CLASSES",
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
