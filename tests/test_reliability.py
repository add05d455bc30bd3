"""Training survives crashes, interruptions and divergence, and repeats itself bit for bit.

- SIGKILL at random moments: the checkpoint always loads; ``--resume`` reaches the requested
  total with one history entry per epoch, and the same weights as a run never killed.
- Ctrl-C (SIGINT): the step finishes, exit status 130, one line saying how to resume.
- Divergence: a huge learning rate stops with advice; the last checkpoint is unchanged.
- Determinism: two fresh processes with the same seed and the same BLAS thread count save
  the same arrays, byte for byte.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import numpy as np
import pytest

import chainrule
from chainrule.data import make_toy
from chainrule.errors import DivergenceError, TrainingInterrupted
from chainrule.training.classifier import Classifier
from conftest import pinned_env, run_cli

TOTAL = 300
TRAIN = ["train", "moons", "--samples", "400", "--batch-size", "8", "--quiet"]


def start(save: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [
            sys.executable,
            "-m",
            "chainrule",
            *TRAIN,
            "--epochs",
            str(TOTAL),
            "--save",
            str(save),
            *extra,
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=pinned_env(),  # one BLAS thread, as the reference run (see conftest)
    )


def saved(path: Path) -> tuple[int, int] | None:
    """Which checkpoint is at ``path`` (each save renames a new file into place)."""
    try:
        st = path.stat()
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns)


def arrays(path: Path) -> dict[str, np.ndarray]:
    with np.load(path, allow_pickle=False) as npz:
        return {k: npz[k] for k in npz.files if k != "config"}


def config(path: Path) -> dict:
    with np.load(path, allow_pickle=False) as npz:
        return json.loads(npz["config"].tobytes())


def same_arrays(a: Path, b: Path) -> None:
    x, y = arrays(a), arrays(b)
    assert sorted(x) == sorted(y)
    for key in x:
        assert x[key].dtype == y[key].dtype and x[key].tobytes() == y[key].tobytes(), key


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A run of TOTAL epochs that nothing interrupts."""
    path = tmp_path_factory.mktemp("reference") / "whole.npz"
    result = run_cli(*TRAIN, "--epochs", str(TOTAL), "--save", str(path))
    assert result.returncode == 0, result.stderr
    return path


def test_sigkill_at_random_moments_then_resume(tmp_path: Path, reference: Path) -> None:
    save = tmp_path / "ckpt.npz"
    rng = random.Random(7)
    epochs_seen = []
    kills = 0
    for round_ in range(6):
        before = saved(save)
        process = start(save, "--resume")
        if round_ % 2 == 0:
            # after this run's first checkpoint, in the next epoch or in the middle of a save:
            # waiting for the file, not for the clock, holds on a machine under any load
            deadline = time.monotonic() + 120
            while saved(save) == before and process.poll() is None:
                assert time.monotonic() < deadline, "no checkpoint within 120 s"
                time.sleep(0.005)
            time.sleep(rng.uniform(0.0, 0.25))
        else:
            time.sleep(rng.uniform(0.3, 1.1))  # from importing numpy to well into training
        process.send_signal(signal.SIGKILL)
        process.communicate()
        if process.returncode == 0:  # finished before the kill came
            break
        assert process.returncode == -signal.SIGKILL
        kills += 1
        if save.exists():
            model = chainrule.load(save)  # never half a file
            assert 1 <= model.epoch <= TOTAL
            assert model.history.epochs == model.epoch
            epochs_seen.append(model.epoch)
    print("killed", kills, "times; checkpoints at epochs", epochs_seen)
    assert kills >= 4 and len(epochs_seen) >= 2, (kills, epochs_seen)
    assert epochs_seen == sorted(epochs_seen)  # each run went on from the last checkpoint
    result = run_cli(*TRAIN, "--epochs", str(TOTAL), "--save", str(save), "--resume", "--json")
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout)["epochs"] == TOTAL
    model = chainrule.load(save)
    assert model.epoch == TOTAL and model.history.epochs == TOTAL
    same_arrays(save, reference)  # as if it had never been killed
    ours, theirs = config(save)["history"], config(reference)["history"]
    for key in ("loss", "accuracy", "learning_rate"):
        assert ours[key] == theirs[key]


def interrupt_after_first_save(save: Path, *extra: str) -> tuple[int, str]:
    """Ctrl-C to a training run once its first checkpoint is written: (exit status, stderr)."""
    process = start(save, *extra)
    deadline = time.monotonic() + 60
    while not save.exists() and time.monotonic() < deadline and process.poll() is None:
        time.sleep(0.02)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=60)
    return process.returncode, err


def test_ctrl_c_finishes_the_step_and_says_how_to_resume(tmp_path: Path, reference: Path) -> None:
    save = tmp_path / "ckpt.npz"
    status, err = interrupt_after_first_save(save)
    assert status == 130, err
    lines = err.strip().splitlines()
    assert len(lines) == 1 and "Traceback" not in err, err
    assert lines[0].startswith("chainrule: interrupted in epoch ")
    assert f"{save} holds" in lines[0] and "--resume" in lines[0]
    held = chainrule.load(save).epoch
    assert f"holds {held} complete epoch{'s' if held != 1 else ''};" in lines[0]
    assert 1 <= held < TOTAL
    result = run_cli(*TRAIN, "--epochs", str(TOTAL), "--save", str(save), "--resume")
    assert result.returncode == 0, result.stderr
    same_arrays(save, reference)


def test_interrupt_in_the_api_leaves_whole_steps(tmp_path: Path) -> None:
    x, y = make_toy("moons", samples=200, noise=0.1, seed=0)
    model = Classifier([2, 8, 2], batch_size=10, learning_rate=0.01)
    save = tmp_path / "m.npz"
    calls = []

    def interrupt_after_the_first_epoch(m: Classifier) -> None:
        calls.append(m.epoch)
        if m.epoch == 1:
            os.kill(os.getpid(), signal.SIGINT)  # as Ctrl-C would

    with pytest.raises(TrainingInterrupted) as info:
        model.fit(x, y, epochs=5, save_path=save, on_epoch_end=interrupt_after_the_first_epoch)
    stop = info.value
    assert (stop.epoch, stop.step, stop.steps, stop.completed) == (2, 0, 20, 1)
    assert calls == [1] and chainrule.load(save).epoch == 1
    assert signal.getsignal(signal.SIGINT) is signal.default_int_handler  # handler put back


def test_divergence_stops_with_advice_and_keeps_the_checkpoint(tmp_path: Path) -> None:
    save = tmp_path / "ckpt.npz"
    good = run_cli(*TRAIN[:4], "--epochs", "2", "--optimizer", "sgd", "--save", str(save))
    assert good.returncode == 0, good.stderr
    before = save.read_bytes()
    bad = run_cli(*TRAIN, "--epochs", "5", "--optimizer", "sgd", "--lr", "1e6", "--save", str(save))
    assert bad.returncode == 2 and bad.stdout == ""
    lines = bad.stderr.splitlines()
    assert len(lines) == 1, bad.stderr
    assert lines[0].startswith("chainrule: error: loss nan at epoch 1, step ")
    assert "with learning rate 1e+06" in lines[0]
    assert "smaller learning rate such as 100000" in lines[0]
    assert "scale the inputs (--scaling standardize)" in lines[0]
    assert save.read_bytes() == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["ckpt.npz"]  # no temporary file


def test_divergence_in_the_api(tmp_path: Path) -> None:
    x, y = make_toy("moons", samples=200, noise=0.1, seed=0)
    model = Classifier([2, 16, 2], optimizer="sgd", learning_rate=0.1, batch_size=4)
    save = tmp_path / "m.npz"
    model.fit(x, y, epochs=1, save_path=save)
    before = save.read_bytes()
    weights = [p.data.copy() for p in model.network.parameters()]
    model.base_learning_rate = 1e30
    with pytest.raises(DivergenceError, match=r"at epoch 2, step \d+ with learning rate 1e\+30"):
        model.fit(x, y, epochs=3, save_path=save)
    assert save.read_bytes() == before and model.epoch == 1
    assert len(model.history.loss) == 1
    assert not np.array_equal(weights[0], model.network.parameters()[0].data)  # it did move
    assert isinstance(DivergenceError("x"), chainrule.ChainruleError)


PINNED = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")


def train_pinned(path: Path, seed: int, threads: int) -> None:
    """Train in a fresh process whose BLAS uses ``threads`` threads: the guarantee holds for
    one machine and one thread count (BLAS kernels split sums by thread)."""
    env = {**os.environ, **{name: str(threads) for name in PINNED}}
    args = ["train", "spirals", "--samples", "300", "--layers", "2,16,16,3", "--epochs", "8"]
    args += ["--batch-size", "16", "--seed", str(seed), "--validation", "0.2"]
    result = subprocess.run(
        [sys.executable, "-m", "chainrule", *args, "--save", str(path), "--quiet"],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("threads", [1, 2])
def test_same_seed_same_weights_in_fresh_processes(tmp_path: Path, threads: int) -> None:
    paths = [tmp_path / "a.npz", tmp_path / "b.npz"]
    for path in paths:
        train_pinned(path, 3, threads)
    same_arrays(*paths)
    a, b = config(paths[0]), config(paths[1])
    for c in (a, b):
        c["history"].pop("seconds")
    assert a == b
    # a different seed gives different weights: the comparison can fail
    other = tmp_path / "c.npz"
    train_pinned(other, 4, threads)
    assert (
        arrays(other)["param.layer1.weights"].tobytes()
        != arrays(paths[0])["param.layer1.weights"].tobytes()
    )


def test_divergence_in_the_seeds_mode(tmp_path: Path) -> None:
    """A linear neuron with learning rate 10 on inputs 3 and 5: the Hessian of E_total in
    (w, b) is [[34, 8], [8, 2]] (largest eigenvalue about 36), so each full-batch step
    multiplies the error by about 1 − 10·36 and E_total overflows after some 60 epochs."""
    spec = {
        "input_size": 1,
        "layers": [{"units": 1, "activation": "identity", "weights": [[1.0]], "biases": [0.0]}],
        "loss": "half_sse",
        "learning_rate": 10,
        "inputs": [[3.0], [5.0]],
        "targets": [[1.0], [2.0]],
    }
    path = tmp_path / "linear.json"
    path.write_text(json.dumps(spec))
    result = run_cli("train", "--spec", str(path), "--epochs", "300")
    assert result.returncode == 2 and result.stdout == ""
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert re.match(
        r"chainrule: error: loss (inf|nan) at epoch \d+, step 1 with learning rate 10: "
        r"training diverged; .*smaller learning rate such as 1 ",
        result.stderr,
    )
    network = chainrule.load_spec(path).network
    with pytest.raises(DivergenceError):
        chainrule.train(network, spec["inputs"], spec["targets"], 300, learning_rate=10)
