"""The studio's data sets, features and uploads."""

from __future__ import annotations

import io

import numpy as np
import pytest

from chainrule.errors import ChainruleError
from chainrule.studio.data import (
    CLASSIFICATION,
    DATASETS,
    MAX_UPLOAD_BYTES,
    features,
    generate,
    parse_upload,
    split,
)


@pytest.mark.parametrize("name", DATASETS)
def test_data_sets_lie_in_the_square_and_repeat(name):
    x, t = generate(name, 200, 10, seed=3)
    assert x.shape == (200, 2) and t.shape == (200, 1)
    assert np.all(np.abs(x) <= 1.0)
    again, _ = generate(name, 200, 10, seed=3)
    np.testing.assert_array_equal(x, again)
    other, _ = generate(name, 200, 10, seed=4)
    assert not np.array_equal(x, other)
    if name in CLASSIFICATION:
        assert set(np.unique(t)) == {0.0, 1.0}
    else:
        assert len(np.unique(t)) > 100


def test_plane_is_half_the_sum_without_noise():
    x, t = generate("plane", 50, 0, seed=0)
    np.testing.assert_allclose(t[:, 0], (x[:, 0] + x[:, 1]) / 2)


def test_features_in_order():
    p = np.array([[0.5, -2.0]])
    got = features(p, ["x1", "x2", "x1sq", "x2sq", "x1x2", "sinx1", "sinx2"])
    np.testing.assert_allclose(got, [[0.5, -2.0, 0.25, 4.0, -1.0, np.sin(0.5), np.sin(-2.0)]])


def test_split_keeps_both_parts():
    train, test = split(10, 50, seed=0)
    assert len(train) == 5 and len(test) == 5
    assert sorted(np.concatenate([train, test]).tolist()) == list(range(10))
    train, test = split(2, 90, seed=0)
    assert len(train) == 1 and len(test) == 1
    train, test = split(1, 50, seed=0)
    assert train.tolist() == test.tolist() == [0]


def test_csv_upload_with_and_without_a_header():
    x, t, classes = parse_upload("p.csv", b"x1,x2,label\n0,0,0\n2,2,1\n\n4,0,1\n")
    assert classes and t[:, 0].tolist() == [0.0, 1.0, 1.0]
    np.testing.assert_allclose(x, [[-1, -0.5], [0, 0.5], [1, -0.5]])  # into [−1, 1]²
    _, t, classes = parse_upload("p.CSV", b"0,0,0.5\n1,1,2.5\n")
    assert not classes and t[:, 0].tolist() == [0.5, 2.5]


def test_npz_upload():
    buf = io.BytesIO()
    np.savez(buf, X=np.array([[0.0, 1.0], [1.0, 0.0]]), y=np.array([1, 0]))
    x, t, classes = parse_upload("p.npz", buf.getvalue())
    assert classes and x.shape == (2, 2) and t[:, 0].tolist() == [1.0, 0.0]


@pytest.mark.parametrize(
    ("name", "blob", "words"),
    [
        ("p.csv", b"0,0\n", "3 (x1, x2, label)"),
        ("p.csv", b"0,0,1\n", "expected 2 to"),
        ("p.csv", b"0,0,1\nx,y,z\n", "line 2"),
        ("p.csv", b"0,0,inf\n1,1,1\n", "finite"),
        ("p.json", b"{}", ".csv or .npz"),
        ("p.npz", b"PK\x03\x04garbage", "not a readable .npz"),
        ("p.csv", b"0" * (MAX_UPLOAD_BYTES + 1), "at most"),
    ],
)
def test_bad_uploads_are_named(name, blob, words):
    with pytest.raises(ChainruleError) as info:
        parse_upload(name, blob)
    assert words in str(info.value)


def test_npz_upload_with_the_wrong_arrays():
    buf = io.BytesIO()
    np.savez(buf, X=np.zeros((3, 3)), y=np.zeros(3))
    with pytest.raises(ChainruleError, match="samples×2"):
        parse_upload("p.npz", buf.getvalue())
    buf = io.BytesIO()
    np.savez(buf, data=np.zeros((3, 2)))
    with pytest.raises(ChainruleError, match="expected arrays X and y"):
        parse_upload("p.npz", buf.getvalue())
