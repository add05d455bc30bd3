"""``chainrule train --task regression``, ``evaluate`` and ``predict`` of a regressor."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from chainrule.cli import main


def run_json(capsys, *args: str) -> dict:
    capsys.readouterr()
    assert main([*args, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


def test_train_plane_evaluate_and_predict(tmp_path: Path, capsys) -> None:
    model = str(tmp_path / "plane.npz")
    report = run_json(capsys, "train", "plane", "--quiet", "--save", model)
    assert set(report) == {"loss", "r2", "test_r2", "test_loss", "epochs", "seconds"}
    assert report["r2"] > 0.995 and report["test_r2"] > 0.99 and report["test_loss"] < 0.01
    assert report["epochs"] == 200
    # evaluate scores the toy set's held-out test split (a quarter as many points)
    scores = run_json(capsys, "evaluate", model, "plane", "--seed", "5")
    assert scores["split"] == "test" and scores["samples"] == 100
    assert scores["r2"] > 0.99 and scores["mae"] < 0.05
    x = np.array([[1.0, 2.0], [-3.0, 0.5]])
    np.savez(tmp_path / "in.npz", X=x)
    predicted = run_json(capsys, "predict", model, str(tmp_path / "in.npz"))
    np.testing.assert_allclose(
        np.ravel(predicted["predictions"]), (x[:, 0] + x[:, 1]) / 10, atol=0.05
    )


def test_csv_with_two_targets_and_a_plot(tmp_path: Path, capsys) -> None:
    pytest.importorskip("matplotlib")
    rng = np.random.default_rng(0)
    x = rng.normal(size=(300, 3))
    y = np.stack([2 * x[:, 0] + x[:, 1], np.sin(x[:, 2])], axis=1)
    rows = ["f1,f2,t1,f3,t2"] + [
        f"{a},{b},{c},{d},{e}" for a, b, d, c, e in np.concatenate([x, y], axis=1)
    ]
    csv = tmp_path / "d.csv"
    csv.write_text("\n".join(rows) + "\n")
    model = str(tmp_path / "m.npz")
    args = ["--task", "regression", "--data", str(csv), "--label-column", "t1,t2"]
    report = run_json(
        capsys, "train", *args, "--epochs", "100", "--quiet", "--save", model, "--plot",
        str(tmp_path / "plots"), "--validation", "0.2",
    )  # fmt: skip
    assert report["r2"] > 0.9 and report["val_r2"] > 0.85
    assert (tmp_path / "plots" / "predicted_vs_true.png").stat().st_size > 1000
    scores = run_json(capsys, "evaluate", model, str(csv), "--label-column", "t1,t2")
    assert scores["outputs"] == ["t1", "t2"] and scores["r2"] > 0.9
    # predict leaves the target columns out by their names
    predicted = run_json(capsys, "predict", model, str(csv))
    assert np.asarray(predicted["predictions"]).shape == (300, 2)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["plane", "--task", "classification"], "plane is a regression data set"),
        (["moons", "--task", "regression"], "data set 'moons' for regression"),
        (["plane", "--loss", "cross_entropy"], "--loss cross_entropy for regression"),
        (["plane", "--classes", "3"], "--classes is for classification"),
    ],
)
def test_bad_regression_options_are_one_line(args, message, capsys) -> None:
    assert main(["train", *args]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1
