"""examples/ddp.py: a chainrule model trained further by PyTorch DistributedDataParallel in
two processes (gloo on 127.0.0.1), brought back, evaluated and explained."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

pytest.importorskip("torch")
pytest.importorskip("safetensors")

import chainrule as cr
from chainrule.cli import main

EXAMPLE = Path(__file__).resolve().parent.parent / "examples" / "ddp.py"


def test_two_processes_train_the_model_and_chainrule_explains_a_step(tmp_path, capsys) -> None:
    x, y = cr.data.make_toy("moons", samples=200, noise=0.1, seed=0)
    start = cr.Classifier(hidden=[16, 16], learning_rate=0.001)
    start.fit(x, y, epochs=1)
    start.save(tmp_path / "start.npz")
    before = start.score(x, y)
    result = subprocess.run(
        [sys.executable, str(EXAMPLE), str(tmp_path / "start.npz"), "moons", "--samples", "200",
         "--epochs", "10", "--out", str(tmp_path / "end.npz")],
        capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    assert "2 processes (gloo, 127.0.0.1), 10 epochs" in result.stdout
    trained = cr.load(tmp_path / "end.npz")
    assert isinstance(trained, cr.Classifier) and trained.epoch == 11
    after = trained.score(x, y)
    assert after > before and after > 0.85
    # chainrule evaluate reads the file the example wrote, and scores moons' held-out test split
    assert main(["evaluate", str(tmp_path / "end.npz"), "moons", "--samples", "200"]) == 0
    test = cr.data.load_dataset("moons", samples=200, noise=0.1, seed=0)
    assert f"accuracy {trained.score(test.x_test, test.y_test):.4f}" in capsys.readouterr().out
    # and chainrule explains one training step of the trained network on its scaled inputs
    inputs = trained.scaler.transform(x[:2], np.float64)
    targets = trained.encode(y[:2]).astype(np.float64)
    explanation = cr.explain(trained.network, inputs=inputs, targets=targets, learning_rate=0.01)
    assert explanation.trace.loss == pytest.approx(
        cr.evaluate_loss(trained.network, inputs, targets), rel=1e-6
    )
    assert explanation.trace.loss_after < explanation.trace.loss
    assert "E_total" in str(explanation)
    # the input file was not touched
    assert cr.load(tmp_path / "start.npz").score(x, y) == before
