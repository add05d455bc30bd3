"""Mini-batches gathered into preallocated buffers, from memory and from memory-mapped
files larger than the memory they are allowed (no timing here: memory is bounded by bytes)."""

from __future__ import annotations

import json
import subprocess
import sys
import textwrap
from pathlib import Path

import numpy as np
import pytest

from chainrule.data.batches import Batches
from chainrule.data.mapped import is_mapped, prefetch, release
from chainrule.data.preprocessing import Scaler
from chainrule.nn.plan import plan_for
from chainrule.training.classifier import Classifier
from conftest import pinned_env, run_cli, run_cli_json


def one_hot(labels: np.ndarray, out: np.ndarray) -> np.ndarray:
    out.fill(0)
    out[np.arange(len(labels)), labels] = 1
    return out


def numbered(count: int, features: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Row i holds i in every feature, and its label is i % 4: a batch shows where it came from."""
    x = np.repeat(np.arange(count, dtype=np.float64)[:, None], features, axis=1)
    return x, np.arange(count) % 4


def saved(tmp_path: Path, name: str, array: np.ndarray) -> np.ndarray:
    path = tmp_path / name
    np.save(path, array)
    return np.load(path, mmap_mode="r")


def rows_of(batches: Batches, rng: np.random.Generator | None) -> list[np.ndarray]:
    seen = []
    for xb, tb, yb in batches.epoch(rng):
        rows = xb[:, 0].astype(np.int64)
        np.testing.assert_array_equal(yb, rows % 4)  # the labels travel with their rows
        np.testing.assert_array_equal(tb.argmax(axis=1), yb)
        assert xb.dtype == np.float32 and xb.base is not None  # a view of the buffer
        seen.append(rows.copy())
    return seen


def test_in_memory_batches_are_the_permutation_of_the_old_loop() -> None:
    x, y = numbered(103)
    batches = Batches(x, y, 10, np.float32, 4, one_hot)
    got = rows_of(batches, np.random.default_rng([0, 3]))
    expected = np.random.default_rng([0, 3]).permutation(103)  # resuming needs the same order
    np.testing.assert_array_equal(np.concatenate(got), expected)
    assert [len(b) for b in got] == [10] * 10 + [3] and batches.steps == 11
    in_order = np.concatenate(rows_of(batches, None))
    np.testing.assert_array_equal(in_order, np.arange(103))


def test_mapped_batches_shuffle_blocks_then_rows_within_a_block(tmp_path: Path) -> None:
    x, y = numbered(1000)
    mapped = saved(tmp_path, "X.npy", x)
    assert is_mapped(mapped) and not is_mapped(x)
    block_bytes = 100 * x[:1].nbytes  # blocks of 100 rows: 10 batches of 10
    batches = Batches(mapped, y, 10, np.float32, 4, one_hot, block_bytes=block_bytes)
    assert batches.block_rows == 100 and batches.steps == 100
    epochs = [rows_of(batches, np.random.default_rng([0, e])) for e in range(2)]
    for seen in epochs:
        everything = np.concatenate(seen)
        np.testing.assert_array_equal(np.sort(everything), np.arange(1000))  # each once
        blocks = [set(b // 100) for b in seen]
        assert all(len(b) == 1 for b in blocks)  # a batch never leaves its block
        order = [b.pop() for b in blocks][::10]
        assert sorted(order) == list(range(10)) and order != list(range(10))  # blocks shuffled
        assert not np.array_equal(everything[:100], np.sort(everything[:100]))  # rows too
    assert not np.array_equal(np.concatenate(epochs[0]), np.concatenate(epochs[1]))


def test_a_partial_last_block_and_batch(tmp_path: Path) -> None:
    x, y = numbered(257)
    batches = Batches(
        saved(tmp_path, "X.npy", x), y, 16, np.float32, 4, one_hot, block_bytes=64 * 24
    )
    assert batches.block_rows == 64
    seen = rows_of(batches, np.random.default_rng(1))
    assert len(seen) == batches.steps == 4 * 4 + 1
    np.testing.assert_array_equal(np.sort(np.concatenate(seen)), np.arange(257))


def test_scaling_a_batch_equals_scaling_the_whole_set(tmp_path: Path) -> None:
    rng = np.random.default_rng(2)
    x = rng.integers(0, 256, (300, 7)).astype(np.uint8)
    y = rng.integers(0, 4, 300)
    scaler = Scaler.fit("standardize", saved(tmp_path, "X.npy", x))
    whole = scaler.transform(x)
    batches = Batches(
        saved(tmp_path, "X.npy", x), y, 32, np.float32, 4, one_hot, scaler.transform_into
    )
    for xb, _, _ in batches.epoch(None):
        np.testing.assert_array_equal(xb, whole[: len(xb)])
        break


def test_fit_on_a_memory_map_equals_fit_in_memory_in_the_same_order(tmp_path: Path) -> None:
    """Unshuffled, the mapped path reads the same batches: the same weights, bit for bit."""
    rng = np.random.default_rng(0)
    x = rng.normal(size=(600, 5)).astype(np.float32) * 3 + 2
    y = (x[:, 0] + x[:, 1] > 4).astype(np.int64)
    models = []
    for data in (x, saved(tmp_path, "X.npy", x)):
        model = Classifier([5, 8, 2], scaling="standardize", batch_size=32, seed=1)
        model.fit(data, y, epochs=2, shuffle=False)
        models.append(model)
    for a, b in zip(*(m.network.parameters() for m in models), strict=True):
        np.testing.assert_array_equal(a.data, b.data)
    assert models[0].history.loss == models[1].history.loss
    np.testing.assert_allclose(models[1].scaler.offset, x.astype(np.float64).mean(0), rtol=1e-12)
    shuffled = Classifier([5, 8, 2], learning_rate=0.01, scaling="standardize", batch_size=32)
    shuffled.fit(saved(tmp_path, "X.npy", x), y, epochs=20)
    assert shuffled.evaluate(saved(tmp_path, "X.npy", x), y)["accuracy"] > 0.9


def test_batches_gathered_into_a_plans_buffers_train_the_bits_of_the_planned_loop() -> None:
    """fit gathers and scales each batch into the plan's own input and target buffers; an
    epoch of fit equals the planned loop over batches in buffers of their own, bit for bit."""
    rng = np.random.default_rng(3)
    x = rng.integers(0, 256, (203, 6)).astype(np.uint8)
    y = rng.integers(0, 3, 203)
    models = [
        Classifier([6, 8, 3], optimizer="sgd", learning_rate=0.1, scaling="standardize",
                   batch_size=16, seed=2)
        for _ in range(2)
    ]  # fmt: skip
    for model in models:
        model.fit(x, y, epochs=1)
    fitted, looped = models
    plan = plan_for(looped.network, 16)
    scale, encode = looped.scaler.transform_into, looped.encode_into
    into = Batches(x, y, 16, np.float32, 3, encode, scale, into=(plan.inputs, plan.targets))
    own = Batches(x, y, 16, np.float32, 3, encode, scale)
    wrong = Batches(x, y, 16, np.float64, 3, encode, scale, into=(plan.inputs, plan.targets))
    assert not np.shares_memory(wrong.inputs, plan.inputs)  # not the dtype asked for
    for (xa, ta, ya), (xb, tb, yb) in zip(
        into.epoch(np.random.default_rng(5)), own.epoch(np.random.default_rng(5)), strict=True
    ):
        assert np.shares_memory(xa, plan.inputs) and np.shares_memory(ta, plan.targets)
        assert not np.shares_memory(xb, plan.inputs)
        np.testing.assert_array_equal(xa, xb)
        np.testing.assert_array_equal(ta, tb)
        np.testing.assert_array_equal(ya, yb)
    fitted.fit(x, y, epochs=1)
    for xb, tb, _ in own.epoch(np.random.default_rng([looped.seed, 1])):
        plan.gradients(xb, tb)
        plan.update(looped.optimizer)
    for a, b in zip(fitted.network.parameters(), looped.network.parameters(), strict=True):
        np.testing.assert_array_equal(a.data, b.data)


def test_release_drops_the_pages_of_rows_read(tmp_path: Path) -> None:
    mapped = saved(tmp_path, "X.npy", np.ones((4096, 512), np.float32))  # 8 MiB
    assert float(mapped[:2048].sum()) == 2048 * 512
    release(mapped, slice(0, 4096))
    release(np.ones(3), slice(0, 3))  # in memory: nothing to do
    assert float(mapped.sum()) == 4096 * 512  # read again after the release


def test_prefetch_asks_for_rows_ahead_and_changes_nothing(tmp_path: Path) -> None:
    data = np.arange(4096 * 64, dtype=np.float32).reshape(4096, 64)
    mapped = saved(tmp_path, "X.npy", data)
    for rows in (slice(0, 4096), slice(100, 101), slice(4000, 9000), slice(10, 5), slice(0, 0)):
        prefetch(mapped, rows)  # whole pages around the rows, past the end clipped: no error
        prefetch(mapped[::2], rows)  # not C-ordered: nothing to do
    prefetch(data, slice(0, 10))  # in memory: nothing to do
    np.testing.assert_array_equal(mapped, data)


PEAK = textwrap.dedent(
    """
    import json, resource, sys
    import numpy as np
    from chainrule.training.classifier import Classifier

    x = np.load(sys.argv[1] + "/X.npy", mmap_mode="r")
    y = np.load(sys.argv[1] + "/y.npy")
    model = Classifier([x.shape[1], 16, 2], optimizer="sgd", learning_rate=0.01,
                       batch_size=1024, scaling="standardize", seed=0)
    model.fit(x[:1000], y[:1000], epochs=0)  # imports and the first buffers, then measure
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    model = Classifier([x.shape[1], 16, 2], optimizer="sgd", learning_rate=0.01,
                       batch_size=1024, scaling="standardize", seed=0)
    model.fit(x, y, epochs=1)
    after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    print(json.dumps({"growth_kib": after - before, "loss": model.history.loss[-1]}))
    """
)


def write_npy(path: Path, rows: int, features: int, chunk: int = 20000) -> None:
    """A float32 .npy file written a chunk at a time (this process never holds it whole)."""
    from numpy.lib import format as npy

    rng = np.random.default_rng(0)
    with open(path, "wb") as f:
        npy.write_array_header_1_0(
            f, {"descr": "<f4", "fortran_order": False, "shape": (rows, features)}
        )
        for start in range(0, rows, chunk):
            n = min(chunk, rows - start)
            f.write(rng.standard_normal((n, features), dtype=np.float32).tobytes())


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="ru_maxrss in KiB on Linux")
def test_peak_memory_stays_flat_over_a_mapped_file(tmp_path: Path) -> None:
    """An epoch over 256 MB of inputs raises the peak resident memory by less than 96 MB
    (one 32 MiB block, the buffers): the mapped pages are dropped as they are read."""
    rows, features = 320_000, 200
    write_npy(tmp_path / "X.npy", rows, features)
    np.save(tmp_path / "y.npy", np.arange(rows) % 2)
    result = subprocess.run(
        [sys.executable, "-c", PEAK, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
        env=pinned_env(),
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout)
    assert np.isfinite(report["loss"])
    assert (tmp_path / "X.npy").stat().st_size > 250e6
    assert 0 <= report["growth_kib"] < 96 * 1024, report


def test_cli_trains_on_a_folder_of_npy_files(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(500, 4)).astype(np.float32)
    y = (x[:, 0] + x[:, 1] > 0).astype(np.int64)
    for name, array in {"X": x[:400], "y": y[:400], "X_test": x[400:], "y_test": y[400:]}.items():
        np.save(tmp_path / f"{name}.npy", array)
    report = run_cli_json(
        "train",
        "--data",
        str(tmp_path),
        "--layers",
        "4,16,2",
        "--epochs",
        "30",
        "--batch-size",
        "16",
        "--json",
        "--quiet",
    )
    assert report["epochs"] == 30 and report["test_accuracy"] > 0.9
    assert 0 < report["loss"] < 0.7  # the last epoch's running mean, no second pass


@pytest.mark.parametrize(
    ("files", "extra", "message"),
    [
        ({"X": np.zeros((5, 2))}, [], "expected X.npy and y.npy"),
        ({"X": np.zeros((5, 2)), "y": np.zeros(4, int)}, [], "4 labels for 5 samples"),
        ({"X": np.zeros(5), "y": np.zeros(5, int)}, [], "expected numbers, samples × features"),
        (
            {"X": np.zeros((5, 2)), "y": np.zeros(5, int), "X_test": np.zeros((2, 2))},
            [],
            "come together",
        ),
        ({"X": np.zeros((5, 2)), "y": np.arange(5) % 2}, ["--validation", "0.2"], "X_test.npy"),
    ],
)
def test_a_bad_folder_gets_one_line(tmp_path: Path, files: dict, extra: list, message: str):
    for name, array in files.items():
        np.save(tmp_path / f"{name}.npy", array)
    result = run_cli("train", "--data", str(tmp_path), "--epochs", "1", *extra)
    assert result.returncode == 2 and "Traceback" not in result.stderr
    assert message in result.stderr and len(result.stderr.strip().splitlines()) == 1


def test_a_truncated_npy_file_is_refused(tmp_path: Path) -> None:
    np.save(tmp_path / "X.npy", np.zeros((100, 8), np.float32))
    np.save(tmp_path / "y.npy", np.zeros(100, int))
    data = (tmp_path / "X.npy").read_bytes()
    (tmp_path / "X.npy").write_bytes(data[: len(data) // 2])
    result = run_cli("train", "--data", str(tmp_path), "--epochs", "1")
    assert result.returncode == 2 and "expected a file that holds them" in result.stderr
