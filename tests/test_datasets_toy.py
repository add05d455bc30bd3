"""Toy two-dimensional data sets."""

from __future__ import annotations

import numpy as np
import pytest

from chainrule.data import load_dataset, make_toy
from chainrule.errors import ChainruleError


@pytest.mark.parametrize(
    ("name", "labels"), [("xor", [0, 1, 1, 0]), ("and", [0, 0, 0, 1]), ("or", [0, 1, 1, 1])]
)
def test_gates_without_noise_are_the_truth_tables(name: str, labels: list[int]) -> None:
    x, y = make_toy(name, samples=4, noise=0.0)
    np.testing.assert_array_equal(x, [[0, 0], [0, 1], [1, 0], [1, 1]])
    np.testing.assert_array_equal(y, labels)


def test_noise_is_seeded_and_has_the_asked_spread() -> None:
    x1, _ = make_toy("xor", samples=4000, noise=0.2, seed=5)
    x2, _ = make_toy("xor", samples=4000, noise=0.2, seed=5)
    x3, _ = make_toy("xor", samples=4000, noise=0.2, seed=6)
    np.testing.assert_array_equal(x1, x2)
    assert not np.array_equal(x1, x3)
    clean, _ = make_toy("xor", samples=4000, noise=0.0)
    assert np.std(x1 - clean) == pytest.approx(0.2, rel=0.05)


def test_circles_have_radius_one_and_one_half() -> None:
    x, y = make_toy("circles", samples=200, noise=0.0, seed=1)
    radius = np.hypot(x[:, 0], x[:, 1])
    np.testing.assert_allclose(radius[y == 0], 1.0)
    np.testing.assert_allclose(radius[y == 1], 0.5)


def test_moons_and_spirals_and_gaussians_shapes_and_balance() -> None:
    for name, k in [("moons", 2), ("spirals", 3), ("gaussians", 4)]:
        x, y = make_toy(name, samples=120, noise=0.05, seed=0, classes=k)
        assert x.shape == (120, 2) and y.shape == (120,)
        np.testing.assert_array_equal(np.bincount(y), [120 // k] * k)
    x, y = make_toy("gaussians", samples=3000, noise=0.0, seed=0, classes=4)
    centre = x[y == 1].mean(axis=0)  # class 1 sits at angle 90°, radius 2
    np.testing.assert_allclose(centre, [0.0, 2.0], atol=0.06)


def test_moons_upper_moon_lies_on_the_unit_circle() -> None:
    x, y = make_toy("moons", samples=50, noise=0.0)
    np.testing.assert_allclose(np.hypot(*x[y == 0].T), 1.0)
    assert np.all(x[y == 0][:, 1] >= 0)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "rings"}, "unknown toy data set 'rings'"),
        ({"name": "xor", "samples": 0}, "samples 0"),
        ({"name": "xor", "noise": -1.0}, "noise -1.0"),
        ({"name": "spirals", "classes": 1}, "classes 1"),
    ],
)
def test_bad_arguments(kwargs: dict, message: str) -> None:
    with pytest.raises(ChainruleError, match=message):
        make_toy(**kwargs)


def test_load_dataset_names_classes() -> None:
    ds = load_dataset("spirals", samples=30, classes=5)
    assert ds.class_names == ["0", "1", "2", "3", "4"]
    assert ds.features == 2 and ds.scaling == "none"
    # a held-out test split: a quarter as many points again, not the training points
    assert ds.x_test is not None and ds.x_test.shape == (8, 2) and ds.y_test.shape == (8,)
    assert not any((ds.x == row).all(axis=1).any() for row in ds.x_test)
    assert set(ds.y_test) <= set(range(5))


def test_point_sets_and_digits_test_split() -> None:
    points = load_dataset("xor-points", samples=40)
    assert points.name == "xor" and points.x.shape == (40, 2) and points.x_test.shape == (10, 2)
    again = load_dataset("xor-points", samples=40)
    assert np.array_equal(points.x_test, again.x_test)  # seeded: the same split every run
    pytest.importorskip("sklearn")
    digits = load_dataset("digits")
    assert len(digits.x) + len(digits.x_test) == 1797 and len(digits.x_test) == 359
    with pytest.raises(ChainruleError, match="unknown data set 'cifar'"):
        load_dataset("cifar")
