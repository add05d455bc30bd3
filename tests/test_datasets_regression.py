"""The regression toy sets (plane, multi-gaussian) and regression files (.npz, CSV)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from chainrule.data.regression import load_regression_file, make_regression_toy
from chainrule.errors import ChainruleError


def test_plane_is_the_playgrounds_tilted_plane() -> None:
    x, t = make_regression_toy("plane", samples=500, noise=0.0, seed=3)
    assert x.shape == (500, 2) and (np.abs(x) <= 6).all()
    np.testing.assert_allclose(t, (x[:, 0] + x[:, 1]) / 10)


def test_multi_gaussian_bumps_have_their_signs() -> None:
    x, t = make_regression_toy("multi-gaussian", samples=4000, noise=0.0, seed=0)
    assert t.min() >= -1 and t.max() <= 1
    near = lambda cx, cy: np.hypot(x[:, 0] - cx, x[:, 1] - cy) < 0.5  # noqa: E731
    assert (t[near(-4, 2.5)] > 0.7).all() and (t[near(0, 2.5)] < -0.7).all()
    assert (t[near(0, -2.5)] > 0.7).all() and (t[near(4, -2.5)] < -0.7).all()
    far = np.abs(x[:, 1]) > 5.5  # more than 2 from every centre
    assert (t[far] == 0).all()


def test_noise_moves_where_the_target_is_read_and_the_seed_repeats() -> None:
    a = make_regression_toy("plane", samples=100, noise=0.5, seed=1)
    b = make_regression_toy("plane", samples=100, noise=0.5, seed=1)
    np.testing.assert_array_equal(a[1], b[1])
    assert not np.allclose(a[1], (a[0][:, 0] + a[0][:, 1]) / 10)


def test_csv_with_two_target_columns(tmp_path: Path) -> None:
    path = tmp_path / "d.csv"
    path.write_text("a,price,b,rooms\n1,10.5,2,3\n4,20,5,6\n")
    data = load_regression_file(path, "price,rooms")
    np.testing.assert_array_equal(data.x, [[1, 2], [4, 5]])
    np.testing.assert_array_equal(data.y, [[10.5, 3], [20, 6]])
    assert data.output_names == ["price", "rooms"]
    with pytest.raises(ChainruleError, match="target column 'size': no such column"):
        load_regression_file(path, "size")


def test_npz_with_test_split_and_bad_targets(tmp_path: Path) -> None:
    x = np.arange(20.0).reshape(10, 2)
    np.savez(tmp_path / "d.npz", X=x[:8], y=x[:8, 0], X_test=x[8:], y_test=x[8:, 0])
    data = load_regression_file(tmp_path / "d.npz")
    assert data.y.shape == (8, 1) and data.y_test is not None and data.y_test.shape == (2, 1)
    np.savez(tmp_path / "bad.npz", X=x, y=np.array(["a"] * 10))
    with pytest.raises(ChainruleError, match="y is a <U1 array"):
        load_regression_file(tmp_path / "bad.npz")
