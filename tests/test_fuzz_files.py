"""Fuzzing the file readers: IDX, .npz model files and CSV data. Any bytes give a result
or a one-line ChainruleError -- never another exception, never a traceback.

A quick run is part of the default suite; ``CHAINRULE_FUZZ_EXAMPLES=100000`` runs each
reader on that many inputs (``@pytest.mark.slow``).
"""

from __future__ import annotations

import io
import json
import os
import struct
import tempfile
import zipfile
from pathlib import Path

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chainrule
from chainrule.data import make_toy
from chainrule.data.files import load_csv, load_npz
from chainrule.data.idx import IDX_DTYPES, idx_bytes, parse_idx, read_idx
from chainrule.errors import ChainruleError
from chainrule.training.classifier import Classifier

LONG = int(os.environ.get("CHAINRULE_FUZZ_EXAMPLES", "0"))
QUICK = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FOLDER = Path(tempfile.mkdtemp(prefix="chainrule-fuzz-"))


def refuses_cleanly(call) -> object | None:
    """The call's result, or None after a one-line ChainruleError."""
    try:
        return call()
    except ChainruleError as exc:
        message = str(exc)
        assert message and "\n" not in message
        return None


# -- IDX ------------------------------------------------------------------------------------

VALID_IDX = [
    idx_bytes(np.arange(24, dtype=np.uint8).reshape(2, 3, 4)),
    idx_bytes(np.arange(5, dtype=np.uint8)),
    idx_bytes(np.linspace(-1, 1, 6).astype(np.float32).reshape(3, 2)),
]


@st.composite
def idx_inputs(draw) -> bytes:
    """Random bytes, a valid file with bytes changed, cut or added, or a header that lies."""
    kind = draw(st.sampled_from(["random", "mutated", "header"]))
    if kind == "random":
        return draw(st.binary(max_size=64))
    if kind == "header":
        code = draw(st.sampled_from([*IDX_DTYPES, 0x00, 0x07, 0xFF]))
        dims = draw(st.lists(st.integers(0, 2**32 - 1), min_size=0, max_size=4))
        body = draw(st.binary(max_size=48))
        return struct.pack(f">HBB{len(dims)}I", 0, code, len(dims), *dims) + body
    data = bytearray(draw(st.sampled_from(VALID_IDX)))
    for _ in range(draw(st.integers(1, 4))):
        op = draw(st.sampled_from(["flip", "cut", "add"]))
        if op == "flip" and data:
            k = draw(st.integers(0, len(data) - 1))
            data[k] = draw(st.integers(0, 255))
        elif op == "cut":
            data = data[: draw(st.integers(0, len(data)))]
        else:
            data += draw(st.binary(min_size=1, max_size=8))
    return bytes(data)


def check_idx(data: bytes) -> None:
    array = refuses_cleanly(lambda: parse_idx(data, "fuzz"))
    if array is not None:
        assert isinstance(array, np.ndarray)
        header = 4 + 4 * array.ndim
        assert len(data) == header + array.size * array.itemsize
    path = FOLDER / "fuzz-idx"
    path.write_bytes(data)
    from_file = refuses_cleanly(lambda: read_idx(path))
    assert (from_file is None) == (array is None)


@QUICK
@given(idx_inputs())
def test_idx(data: bytes) -> None:
    check_idx(data)


# -- .npz model files ---------------------------------------------------------------------------


def _good_model_bytes() -> bytes:
    x, y = make_toy("moons", samples=30, noise=0.1, seed=0)
    model = Classifier([2, 3, 2], learning_rate=0.01, batch_size=10, scaling="standardize")
    model.fit(x, y, epochs=1)
    path = FOLDER / "good.npz"
    model.save(path)
    return path.read_bytes()


GOOD_MODEL = _good_model_bytes()
with np.load(io.BytesIO(GOOD_MODEL), allow_pickle=False) as _npz:
    GOOD_ARRAYS = {k: _npz[k] for k in _npz.files}
GOOD_CONFIG = json.loads(GOOD_ARRAYS.pop("config").tobytes())

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-3, 10**12) | st.floats() | st.text(max_size=6),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=6), children, max_size=3)
    ),
    max_leaves=8,
)


def _paths(value, prefix=()):
    yield prefix
    if isinstance(value, dict):
        for k, v in value.items():
            yield from _paths(v, (*prefix, k))
    elif isinstance(value, list):
        for k, v in enumerate(value):
            yield from _paths(v, (*prefix, k))


CONFIG_PATHS = [p for p in _paths(GOOD_CONFIG) if p]


@st.composite
def model_files(draw) -> bytes:
    """A saved model with bytes changed, cut or added; or with one config field or one
    array replaced; or random bytes behind a zip signature."""
    kind = draw(st.sampled_from(["bytes", "config", "array", "random"]))
    if kind == "random":
        return b"PK\x03\x04" + draw(st.binary(max_size=200))
    if kind == "bytes":
        data = bytearray(GOOD_MODEL)
        for _ in range(draw(st.integers(1, 6))):
            k = draw(st.integers(0, len(data) - 1))
            op = draw(st.sampled_from(["flip", "cut", "insert"]))
            if op == "flip":
                data[k] = draw(st.integers(0, 255))
            elif op == "cut":
                data = data[:k]
                if not data:
                    break
            else:
                data[k:k] = draw(st.binary(min_size=1, max_size=4))
        return bytes(data)
    config = json.loads(json.dumps(GOOD_CONFIG))
    arrays = dict(GOOD_ARRAYS)
    if kind == "config":
        path = draw(st.sampled_from(CONFIG_PATHS))
        target = config
        for key in path[:-1]:
            target = target[key]
        if draw(st.booleans()) and isinstance(target, dict):
            target.pop(path[-1])
        else:
            target[path[-1]] = draw(json_values)
    else:
        key = draw(st.sampled_from(sorted(arrays)))
        shape = draw(st.lists(st.integers(0, 4), max_size=3))
        dtype = draw(st.sampled_from(["float32", "float64", "int64", "uint8", "bool"]))
        arrays[key] = np.zeros(shape, dtype=dtype) + draw(st.sampled_from([0, 1, np.nan]))
        if draw(st.booleans()):
            config["arrays"][key] = {"shape": shape, "dtype": dtype}
    buffer = io.BytesIO()
    blob = np.frombuffer(json.dumps(config).encode(), dtype=np.uint8)
    np.savez(buffer, config=blob, **arrays)
    return buffer.getvalue()


def check_model(data: bytes) -> None:
    path = FOLDER / "fuzz-model.npz"
    path.write_bytes(data)
    model = refuses_cleanly(lambda: chainrule.load(path))
    if model is not None:
        x = np.zeros((3, model.sizes[0]))
        probabilities = refuses_cleanly(lambda: model.predict_proba(x))
        if probabilities is not None:
            assert probabilities.shape == (3, model.classes)


@QUICK
@given(model_files())
def test_model_file(data: bytes) -> None:
    check_model(data)


def test_the_unchanged_model_loads() -> None:
    path = FOLDER / "unchanged.npz"
    path.write_bytes(GOOD_MODEL)
    assert chainrule.load(path).sizes == [2, 3, 2]


def test_npz_claiming_more_than_it_holds_is_refused_before_reading() -> None:
    """A .npy header that announces 10¹² elements in a 200-byte member."""
    header = "{'descr': '<f8', 'fortran_order': False, 'shape': (1000000, 1000000), }"
    header += " " * (118 - len(header)) + "\n"
    member = b"\x93NUMPY\x01\x00" + struct.pack("<H", len(header)) + header.encode() + bytes(72)
    path = FOLDER / "liar.npz"
    with zipfile.ZipFile(path, "w") as archive:
        archive.writestr("X.npy", member)
        archive.writestr("y.npy", member)
    with pytest.raises(ChainruleError, match=r"X\.npy declares a float64 array of shape"):
        load_npz(path)


# -- CSV ------------------------------------------------------------------------------------

cells = st.sampled_from(["1", "-2.5", "0", "nan", "inf", "x", "", " 3 ", "1e400", '"a,b"', "é"])


@st.composite
def csv_texts(draw) -> bytes:
    if draw(st.booleans()):
        return draw(st.binary(max_size=80))
    width = draw(st.integers(1, 4))
    rows = draw(st.lists(st.lists(cells, min_size=width - 1, max_size=width + 1), max_size=5))
    header = ",".join(draw(st.lists(st.text(max_size=4), min_size=width, max_size=width)))
    return (header + "\n" + "\n".join(",".join(r) for r in rows)).encode("utf-8", "replace")


def check_csv(data: bytes) -> None:
    path = FOLDER / "fuzz.csv"
    path.write_bytes(data)
    result = refuses_cleanly(lambda: load_csv(path))
    if result is not None:
        x, y, names = result
        assert x.ndim == 2 and len(x) == len(y) and x.shape[1] == len(names)
        assert np.isfinite(x).all()


@QUICK
@given(csv_texts())
def test_csv(data: bytes) -> None:
    check_csv(data)


# -- the long run ----------------------------------------------------------------------------


@pytest.mark.slow
@pytest.mark.skipif(LONG < 1, reason="set CHAINRULE_FUZZ_EXAMPLES=100000 for the long run")
@pytest.mark.parametrize(
    ("strategy", "check"),
    [(idx_inputs(), check_idx), (model_files(), check_model), (csv_texts(), check_csv)],
    ids=["idx", "model", "csv"],
)
def test_long_run(strategy, check) -> None:
    @settings(
        max_examples=LONG, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(strategy)
    def run(data: bytes) -> None:
        check(data)

    run()
