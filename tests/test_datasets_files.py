"""Data from .npz and CSV files, labels, validation split and scaling."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainrule.data import Scaler, encode_labels, load_file, validation_split
from chainrule.data.files import load_csv, load_npz
from chainrule.errors import ChainruleError


def test_npz_with_test_split(tmp_path: Path) -> None:
    path = tmp_path / "d.npz"
    x = np.arange(24.0).reshape(6, 2, 2)  # images are flattened
    np.savez(path, X=x, y=np.array([0, 1, 2, 0, 1, 2]), X_test=x[:2], y_test=np.array([2, 1]))
    ds = load_file(path)
    assert ds.x.shape == (6, 4) and ds.x_test.shape == (2, 4)
    assert ds.y.tolist() == [0, 1, 2, 0, 1, 2] and ds.y_test.tolist() == [2, 1]
    assert ds.class_names == ["0", "1", "2"] and ds.scaling == "standardize"
    assert ds.name == "d"


def test_npz_refuses_object_arrays_and_missing_arrays(tmp_path: Path) -> None:
    path = tmp_path / "o.npz"
    np.savez(path, X=np.array([[1, 2]], dtype=object), y=np.array([0]))
    with pytest.raises(ChainruleError, match="object arrays, which are not accepted"):
        load_npz(path)
    np.savez(path, X=np.ones((2, 2)))
    with pytest.raises(ChainruleError, match=r"has arrays \['X'\], expected X and y"):
        load_npz(path)
    assert load_npz(path, require_labels=False)["X"].shape == (2, 2)
    np.savez(path, X=np.ones((2, 2)), y=np.zeros(3))
    with pytest.raises(ChainruleError, match="y has shape"):
        load_npz(path)
    np.savez(path, X=np.ones((2, 2)), y=np.zeros(2), X_test=np.ones((1, 2)))
    with pytest.raises(ChainruleError, match="come together"):
        load_npz(path)
    (tmp_path / "junk.npz").write_bytes(b"not a zip")
    with pytest.raises(ChainruleError, match=r"not a readable \.npz"):
        load_npz(tmp_path / "junk.npz")


def test_csv_label_column_default_last_by_name_and_index(tmp_path: Path) -> None:
    path = tmp_path / "iris.csv"
    path.write_text("a,species,b\n1.0,setosa,2\n3,virginica,4\n5,setosa,6\n")
    with pytest.raises(ChainruleError, match="expected numbers in every feature column"):
        load_csv(path)  # the last column is numbers, the words are in a feature column
    x, y, names = load_csv(path, "species")
    np.testing.assert_array_equal(x, [[1, 2], [3, 4], [5, 6]])
    assert y.tolist() == ["setosa", "virginica", "setosa"] and names == ["a", "b"]
    x, y, _ = load_csv(path, 1)
    assert y.tolist() == ["setosa", "virginica", "setosa"]
    ds = load_file(path, "species")
    assert ds.class_names == ["setosa", "virginica"] and ds.y.tolist() == [0, 1, 0]
    with pytest.raises(ChainruleError, match="no such column"):
        load_csv(path, "colour")
    with pytest.raises(ChainruleError, match="--label-column 7"):
        load_csv(path, 7)


def test_csv_errors(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("a,b\n1,2\n3\n")
    with pytest.raises(ChainruleError, match="line 3: 1 values, expected 2"):
        load_csv(path)
    path.write_text("a,b\n")
    with pytest.raises(ChainruleError, match="1 rows"):
        load_csv(path)
    with pytest.raises(ChainruleError, match="no such file"):
        load_csv(tmp_path / "none.csv")
    with pytest.raises(ChainruleError, match="unknown file type"):
        load_file(tmp_path / "data.txt")


def test_encode_labels() -> None:
    y, yt, names = encode_labels(np.array([2.0, 0.0, 1.0]), np.array([3, 0]))
    assert y.tolist() == [2, 0, 1] and yt.tolist() == [3, 0] and names == ["0", "1", "2", "3"]
    y, _, names = encode_labels(np.array(["cat", "dog", "cat"]))
    assert y.tolist() == [0, 1, 0] and names == ["cat", "dog"]
    y, _, names = encode_labels(np.array([-1, 1, 1]))
    assert names == ["-1", "1"] and y.tolist() == [0, 1, 1]
    y, _, _ = encode_labels(np.array([9, 0]), class_names=["a"] * 10)
    assert y.tolist() == [9, 0]  # whole numbers are indices beside class names
    with pytest.raises(ChainruleError, match="label 'emu'"):
        encode_labels(np.array(["emu"]), class_names=["cat", "dog"])


def test_validation_split_is_seeded_and_disjoint() -> None:
    x = np.arange(100.0).reshape(50, 2)
    y = np.arange(50)
    xt, yt, xv, yv = validation_split(x, y, 0.2, seed=3)
    assert len(xv) == 10 and len(xt) == 40
    assert sorted(yt.tolist() + yv.tolist()) == list(range(50))
    np.testing.assert_array_equal(xv[:, 0], yv * 2.0)
    assert validation_split(x, y, 0.2, seed=3)[3].tolist() == yv.tolist()
    assert validation_split(x, y, 0.0)[2] is None
    with pytest.raises(ChainruleError, match="expected a number in"):
        validation_split(x, y, 1.0)
    with pytest.raises(ChainruleError, match="leaves 0 for validation"):
        validation_split(x[:3], y[:3], 0.1)


def test_scalers() -> None:
    x = np.array([[0.0, 10.0, 5.0], [255.0, 30.0, 5.0]])
    unit = Scaler.fit("unit", x).transform(x)
    assert unit.dtype == np.float32
    np.testing.assert_allclose(unit[:, 0], [0.0, 1.0])
    std = Scaler.fit("standardize", x).transform(x, np.float64)
    np.testing.assert_allclose(std, [[-1, -1, 0], [1, 1, 0]])
    np.testing.assert_array_equal(Scaler.fit("none", x).transform(x, np.float64), x)
    with pytest.raises(ChainruleError, match="unknown scaling 'max'"):
        Scaler.fit("max", x)


def test_digits_when_scikit_learn_is_installed() -> None:
    pytest.importorskip("sklearn")
    from chainrule.data import load_dataset

    ds = load_dataset("digits")
    assert ds.x.shape == (1438, 64) and ds.x_test.shape == (359, 64)  # a fifth held out
    assert max(ds.x.max(), ds.x_test.max()) == 16
    assert ds.class_names == [str(k) for k in range(10)]


def test_standardize_matches_numpy_in_one_pass_and_scales_in_the_dtype() -> None:
    """One pass of blocks (merged means and squared deviations) gives NumPy's mean and
    standard deviation to rounding; the scaling is (dtype(x) − dtype(offset)) / dtype(scale),
    the same bits for the whole set and for any batch of it; the caller's x is untouched."""
    from chainrule.data.preprocessing import Scaler, column_mean_std

    rng = np.random.default_rng(3)
    for x in (
        rng.normal(size=(9001, 5)) * 3 + 1,
        rng.integers(0, 256, (70000, 9)).astype(np.uint8),
    ):
        before = x.copy()
        mean, std = column_mean_std(x)
        full = x.astype(np.float64)
        np.testing.assert_allclose(mean, full.mean(axis=0), rtol=1e-13, atol=1e-13)
        np.testing.assert_allclose(std, full.std(axis=0), rtol=1e-12)
        scaler = Scaler.fit("standardize", x)
        expected = (x.astype(np.float32) - scaler.offset.astype(np.float32)) / scaler.scale.astype(
            np.float32
        )
        whole = scaler.transform(x)
        np.testing.assert_array_equal(whole, expected)
        batch = np.empty((7, x.shape[1]), np.float32)
        np.testing.assert_array_equal(scaler.transform_into(x[100:107], batch), whole[100:107])
        np.testing.assert_allclose(whole, (full - mean) / scaler.scale, rtol=1e-5, atol=1e-5)
        np.testing.assert_array_equal(x, before)


def test_statistics_of_8_bit_inputs_are_exact() -> None:
    """Pixels: the mean and standard deviation from exact sums, to the last bit of the exact
    values (fractions), over blocks of several sizes; a NaN or infinity in float inputs is
    named by sample and feature as before."""
    import math
    from fractions import Fraction

    from chainrule.data import preprocessing
    from chainrule.data.preprocessing import scan

    rng = np.random.default_rng(8)
    x = rng.integers(0, 256, (3000, 4)).astype(np.uint8)
    x[:, 3] = 255
    x[7, 3] = 254  # nearly constant: Σx² − (Σx)²/n cancels almost everything
    found = scan(x)
    for j in range(4):
        col = [int(v) for v in x[:, j]]
        n, s1, s2 = len(col), sum(col), sum(v * v for v in col)
        assert found.mean[j] == float(Fraction(s1, n))
        assert found.std[j] == pytest.approx(
            math.sqrt(Fraction(n * s2 - s1 * s1, n * n)), rel=1e-15
        )
    assert found.low.tolist() == x.min(axis=0).tolist()
    assert found.high.tolist() == x.max(axis=0).tolist()
    small = preprocessing.EXACT_ROWS
    try:
        preprocessing.EXACT_ROWS = 700  # blocks of 700 rows merged (Chan, Golub and LeVeque)
        merged = scan(x)
    finally:
        preprocessing.EXACT_ROWS = small
    np.testing.assert_allclose(merged.std, found.std, rtol=1e-13)  # NumPy float64: 4e-14
    bad = rng.normal(size=(50, 3))
    bad[31, 2] = np.inf
    with pytest.raises(ChainruleError, match="value inf at sample 31, feature 2"):
        scan(bad)


def test_whole_numbers_need_no_check_unless_a_scaling_could_overflow() -> None:
    from chainrule.data.preprocessing import Scaler

    pixels = np.zeros((2, 3), np.uint8)
    assert Scaler("unit", np.zeros(1), np.full(1, 255.0)).holds(pixels, np.float32)
    assert Scaler("standardize", np.zeros(3), np.full(3, 0.01)).holds(pixels, np.float32)
    assert Scaler("none").holds(np.zeros(2, np.int64), np.float32)  # 9.2e18 < 3.4e38
    assert not Scaler("standardize", np.zeros(3), np.full(3, 1e-40)).holds(pixels, np.float32)
    assert not Scaler("unit", np.zeros(1), np.full(1, 255.0)).holds(pixels * 0.5, np.float32)
