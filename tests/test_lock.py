"""One process at a time on a checkpoint (chainrule/lock.py), from the Python API too:
``Classifier.fit(save_path=...)`` holds ``save_path + ".lock"`` while it trains, so a second
process fitting to the same path gets a :class:`ChainruleError` naming the holder's process
id; the lock file goes when the fit ends, and ``train`` (which holds the lock itself) fits
inside it."""

from __future__ import annotations

import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from chainrule.data import make_toy
from chainrule.errors import ChainruleError
from chainrule.training.classifier import Classifier
from chainrule.util.lock import checkpoint_lock, lock_path
from cli_helpers import run_main

X, Y = make_toy("moons", samples=40, noise=0.1, seed=0)

# a process that fits to m.npz and waits after its first epoch until the file "go" appears
HOLDER = textwrap.dedent(
    """
    import os, sys, time
    from pathlib import Path
    from chainrule.data import make_toy
    from chainrule.training.classifier import Classifier

    x, y = make_toy("moons", samples=40, noise=0.1, seed=0)

    def wait(model):
        Path("ready").touch()
        deadline = time.monotonic() + 60
        while not Path("go").exists() and time.monotonic() < deadline:
            time.sleep(0.02)

    Classifier([2, 4, 2]).fit(x, y, epochs=2, save_path="m.npz", on_epoch_end=wait)
    """
)


def test_a_second_process_fitting_to_the_same_path_is_refused(tmp_path: Path) -> None:
    holder = subprocess.Popen([sys.executable, "-c", HOLDER], cwd=tmp_path)
    try:
        deadline = time.monotonic() + 60
        while not (tmp_path / "ready").exists() and time.monotonic() < deadline:
            assert holder.poll() is None, "the holding process ended early"
            time.sleep(0.02)
        before = (tmp_path / "m.npz").read_bytes()
        assert (tmp_path / "m.npz.lock").read_text() == f"{holder.pid}\n"
        with pytest.raises(ChainruleError, match=rf"in use by process {holder.pid}\b") as caught:
            Classifier([2, 4, 2]).fit(X, Y, epochs=1, save_path=tmp_path / "m.npz")
        assert "\n" not in str(caught.value)
        assert (tmp_path / "m.npz").read_bytes() == before  # the loser wrote nothing
        # the command line gets the same refusal, as one line
        code, _, err = run_main(
            "train", "moons", "--epochs", "1", "--quiet", "--save", str(tmp_path / "m.npz")
        )
        assert code == 2 and f"in use by process {holder.pid}" in err and err.count("\n") == 1
    finally:
        (tmp_path / "go").touch()
        assert holder.wait(timeout=60) == 0
    assert not (tmp_path / "m.npz.lock").exists()
    # free again: a fit to the path now works and leaves no lock behind
    model = Classifier([2, 4, 2])
    model.fit(X, Y, epochs=1, save_path=tmp_path / "m.npz")
    assert not lock_path(tmp_path / "m.npz").exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["go", "m.npz", "ready"]


def test_the_lock_is_reentrant_within_a_process(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    with checkpoint_lock(path):
        assert lock_path(path).exists()
        Classifier([2, 4, 2]).fit(X, Y, epochs=1, save_path=path)  # as train runs it
        assert lock_path(path).exists()  # the outer block still holds it
    assert not lock_path(path).exists()


def test_a_failed_fit_releases_the_lock(tmp_path: Path) -> None:
    path = tmp_path / "m.npz"
    with pytest.raises(ChainruleError):
        Classifier([2, 4, 2]).fit(X, Y[:-1], epochs=1, save_path=path)
    assert not lock_path(path).exists() and not path.exists()
