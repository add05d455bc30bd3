"""``chainrule train`` on data sets and files, ``evaluate`` and ``predict``, end to end."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from chainrule.data.idx import idx_bytes
from chainrule.data.png import encode_png
from conftest import run_cli, run_cli_json


@pytest.fixture(scope="module")
def fake_mnist(tmp_path_factory) -> Path:
    """A tiny MNIST-like folder: class k images are bright in row band k (learnable)."""
    folder = tmp_path_factory.mktemp("idx")
    rng = np.random.default_rng(0)

    def images(labels: np.ndarray) -> np.ndarray:
        out = rng.integers(0, 40, (len(labels), 28, 28)).astype(np.uint8)
        for n, k in enumerate(labels):
            out[n, 2 * k + 3 : 2 * k + 6, 4:24] = 250
        return out

    train, test = np.arange(300) % 10, np.arange(60) % 10
    files = {
        "train-images-idx3-ubyte.gz": images(train),
        "train-labels-idx1-ubyte": train,
        "t10k-images-idx3-ubyte": images(test),
        "t10k-labels-idx1-ubyte.gz": test,
    }
    for name, array in files.items():
        data = idx_bytes(np.asarray(array, dtype=np.uint8))
        (folder / name).write_bytes(gzip.compress(data) if name.endswith(".gz") else data)
    return folder


def test_toy_json_report_keys() -> None:
    report = run_cli_json("train", "moons", "--epochs", "30", "--json", "--seed", "1")
    assert set(report) == {"loss", "accuracy", "test_loss", "test_accuracy", "epochs", "seconds"}
    assert report["epochs"] == 30 and report["accuracy"] > 0.85
    assert report["test_accuracy"] > 0.8 and 0 < report["test_loss"] < 1


def test_seed_mode_is_unchanged() -> None:
    report = run_cli_json("train", "xor", "--json")
    assert set(report) == {"loss", "accuracy", "epochs", "seconds"}
    assert report["epochs"] == 3000 and report["accuracy"] == 1.0


def test_npz_with_test_split_reports_test_accuracy(tmp_path: Path) -> None:
    rng = np.random.default_rng(0)
    x = rng.normal(size=(200, 5))
    y = (x[:, 0] + x[:, 1] > 0).astype(int)
    np.savez(tmp_path / "d.npz", X=x[:150], y=y[:150], X_test=x[150:], y_test=y[150:])
    report = run_cli_json(
        "train", "--data", str(tmp_path / "d.npz"), "--epochs", "20", "--lr", "0.01", "--json"
    )
    assert report["test_accuracy"] > 0.85 and report["epochs"] == 20


def test_csv_with_words_and_label_column(tmp_path: Path) -> None:
    rng = np.random.default_rng(1)
    x = rng.normal(size=(120, 3))
    kind = np.where(x[:, 2] > 0, "up", "down")
    lines = ["kind,a,b,c"] + [f"{k},{a},{b},{c}" for k, (a, b, c) in zip(kind, x, strict=True)]
    path = tmp_path / "d.csv"
    path.write_text("\n".join(lines) + "\n")
    model = tmp_path / "m.npz"
    result = run_cli(
        "train",
        "--data",
        str(path),
        "--label-column",
        "kind",
        "--epochs",
        "40",
        "--lr",
        "0.01",
        "--save",
        str(model),
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr == "" and result.stdout == ""  # --quiet: nothing but errors
    assert model.exists()
    report = run_cli_json("evaluate", str(model), str(path), "--label-column", "kind", "--json")
    assert report["classes"] == ["down", "up"] and report["samples"] == 120
    assert report["accuracy"] > 0.9
    assert sum(map(sum, report["confusion_matrix"])) == 120
    predicted = run_cli_json("predict", str(model), str(path), "--json")
    labels = [p["label"] for p in predicted["predictions"]]
    assert np.mean(np.array(labels) == kind) == pytest.approx(report["accuracy"])


def test_predict_drops_a_numeric_label_column_as_train_read_it(tmp_path: Path) -> None:
    """A CSV of features and numeric labels, trained on with the default (last) label
    column: predict on the same file reads the features and leaves the labels out."""
    rng = np.random.default_rng(2)
    x = rng.normal(size=(100, 2))
    y = (x[:, 0] > x[:, 1]).astype(int)
    path = tmp_path / "d.csv"
    rows = [f"{a},{b},{t}" for (a, b), t in zip(x, y, strict=True)]
    path.write_text("a,b,label\n" + "\n".join(rows) + "\n")
    model = tmp_path / "m.npz"
    args = ("train", "--data", str(path), "--epochs", "30", "--save", str(model), "--quiet")
    assert run_cli(*args).returncode == 0
    predicted = run_cli_json("predict", str(model), str(path), "--json")
    labels = np.array([int(p["label"]) for p in predicted["predictions"]])
    assert len(labels) == 100 and np.mean(labels == y) > 0.9
    report = run_cli_json("evaluate", str(model), str(path), "--json")
    assert np.mean(labels == y) == pytest.approx(report["accuracy"])
    # without the label column the file has the model's width and is read as it is
    features = tmp_path / "x.csv"
    features.write_text("a,b\n" + "\n".join(f"{a},{b}" for a, b in x) + "\n")
    again = run_cli_json("predict", str(model), str(features), "--json")
    assert [p["label"] for p in again["predictions"]] == [
        p["label"] for p in predicted["predictions"]
    ]


def test_idx_folder_train_save_resume_evaluate_predict(tmp_path: Path, fake_mnist: Path) -> None:
    model = tmp_path / "mnist.npz"
    common = [
        "train",
        "mnist",
        "--data-dir",
        str(fake_mnist),
        "--layers",
        "784,32,10",
        "--batch-size",
        "32",
        "--seed",
        "3",
        "--schedule",
        "constant",  # a constant rate: resumed, the same steps as one straight run
        "--json",
    ]
    straight = run_cli_json(*common, "--epochs", "4", "--save", str(tmp_path / "straight.npz"))
    first = run_cli_json(*common, "--epochs", "2", "--save", str(model), "--resume")
    assert first["epochs"] == 2
    other = run_cli(*common[:5], "784,16,10", "--epochs", "3", "--save", str(model), "--resume")
    assert other.returncode == 2 and "--layers 784,16,10 (saved 784,32,10)" in other.stderr
    resumed = run_cli_json(*common, "--epochs", "4", "--save", str(model), "--resume")
    assert resumed["epochs"] == 4
    assert (
        resumed["loss"] == straight["loss"]
        and resumed["test_accuracy"] == straight["test_accuracy"]
    )
    assert straight["test_accuracy"] > 0.9
    with np.load(model) as a, np.load(tmp_path / "straight.npz") as b:
        np.testing.assert_array_equal(a["param.layer1.weights"], b["param.layer1.weights"])
        history = json.loads(a["config"].tobytes())["history"]
        other = json.loads(b["config"].tobytes())["history"]
    assert len(history["seconds"]) == 4  # times differ; every number learned is the same
    del history["seconds"], other["seconds"]
    assert history == other
    scores = run_cli_json("evaluate", str(model), "mnist", "--data-dir", str(fake_mnist), "--json")
    assert scores["split"] == "test" and scores["samples"] == 60
    assert scores["accuracy"] == resumed["test_accuracy"]
    text = run_cli("evaluate", str(model), "mnist", "--data-dir", str(fake_mnist))
    assert "confusion matrix (rows: true class" in text.stdout
    # a PNG of a class-7 image: the bright band in rows 17-19
    image = np.zeros((28, 28), dtype=np.uint8)
    image[17:20, 4:24] = 250
    (tmp_path / "seven.png").write_bytes(encode_png(image))
    guess = run_cli_json("predict", str(model), str(tmp_path / "seven.png"), "--json")
    assert guess["predictions"][0]["label"] == "7"
    inverted = 255 - image
    (tmp_path / "inv.png").write_bytes(encode_png(inverted))
    again = run_cli_json("predict", str(model), str(tmp_path / "inv.png"), "--invert", "--json")
    assert again["predictions"][0]["probabilities"] == guess["predictions"][0]["probabilities"]
    small = run_cli("predict", str(model), str(tmp_path / "tiny.png"))
    assert small.returncode == 2
    (tmp_path / "tiny.png").write_bytes(encode_png(np.zeros((8, 8), dtype=np.uint8)))
    small = run_cli("predict", str(model), str(tmp_path / "tiny.png"))
    assert small.returncode == 2 and "8×8 pixels, expected 28×28" in small.stderr


def test_progress_one_line_per_epoch_when_piped_and_none_when_quiet() -> None:
    result = run_cli("train", "circles", "--epochs", "3", "--validation", "0.2")
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert [line.split(" - ")[0] for line in lines] == ["Epoch 1/3", "Epoch 2/3", "Epoch 3/3"]
    assert all("ms/step" in line and "val_accuracy" in line for line in lines)
    assert "validation accuracy" in result.stdout
    quiet = run_cli("train", "circles", "--epochs", "3", "--quiet")
    assert quiet.returncode == 0 and quiet.stderr == ""


def test_early_stopping_from_the_command_line() -> None:
    report = run_cli_json(
        "train",
        "moons",
        "--epochs",
        "500",
        "--validation",
        "0.3",
        "--patience",
        "2",
        "--optimizer",
        "sgd",
        "--lr",
        "1.0",
        "--json",
        "--quiet",
    )
    assert report["epochs"] < 500


def test_plots(tmp_path: Path) -> None:
    pytest.importorskip("matplotlib")
    result = run_cli(
        "train", "gaussians", "--epochs", "5", "--plot", str(tmp_path / "p"), "--quiet"
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "p").iterdir())
    assert names == ["confusion.png", "decision_boundary.png", "history.png"]
    for name in names:
        assert (tmp_path / "p" / name).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["moons", "--resume"], "--resume needs --save PATH"),
        (["moons", "--patience", "2"], "early stopping needs validation data"),
        (["moons", "--layers", "2,8,3"], "moons has 2 features and 2 classes"),
        (["--spec", "x.json", "--optimizer", "adam"], "--optimizer is not allowed with --spec"),
        (["moons", "--data", "d.npz"], "give a DATASET or --data FILE, not both"),
        (["moons", "--validation", "1.5"], "expected a number 0 <= value < 1"),
        (["mnist", "--data-dir", "/nonexistent/dir"], "not a folder"),
        (["--data", "missing.csv"], "no such file"),
    ],
)
def test_errors_are_one_line(args: list[str], message: str) -> None:
    result = run_cli("train", *args)
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1 and message in result.stderr
    assert "Traceback" not in result.stderr


def test_evaluate_and_predict_errors(tmp_path: Path) -> None:
    result = run_cli("evaluate", str(tmp_path / "none.npz"), "moons")
    assert result.returncode == 2 and "no such model file" in result.stderr
    model = tmp_path / "m.npz"
    assert (
        run_cli("train", "moons", "--epochs", "1", "--save", str(model), "--quiet").returncode == 0
    )
    result = run_cli("predict", str(model), str(tmp_path / "x.txt"))
    assert result.returncode == 2 and "unknown file type" in result.stderr
    np.savez(tmp_path / "x3.npz", X=np.ones((2, 3)))
    result = run_cli("predict", str(model), str(tmp_path / "x3.npz"))
    assert result.returncode == 2 and "inputs have 3 features, expected 2" in result.stderr


def test_cosine_schedule_spans_the_requested_epochs_and_scaling_is_saved(tmp_path: Path) -> None:
    import math

    model = tmp_path / "m.npz"
    result = run_cli(
        "train",
        "moons",
        "--epochs",
        "4",
        "--schedule",
        "cosine",
        "--lr",
        "0.01",
        "--scaling",
        "standardize",
        "--save",
        str(model),
        "--quiet",
    )
    assert result.returncode == 0, result.stderr
    with np.load(model) as npz:
        config = json.loads(npz["config"].tobytes())
    expected = [0.01 * 0.5 * (1 + math.cos(math.pi * e / 4)) for e in range(4)]
    assert config["history"]["learning_rate"] == pytest.approx(expected)
    assert config["preprocessing"]["scaling"] == "standardize"
    assert config["schedule"]["epochs"] == 4


def test_a_cosine_run_resumed_to_more_epochs_spans_the_new_total(
    tmp_path: Path, fake_mnist: Path
) -> None:
    import math

    model = tmp_path / "m.npz"
    common = ["train", "mnist", "--data-dir", str(fake_mnist), "--layers", "784,16,10"]
    for epochs in ("2", "4"):
        result = run_cli(*common, "--epochs", epochs, "--save", str(model), "--resume", "--quiet")
        assert result.returncode == 0, result.stderr
    with np.load(model) as npz:
        config = json.loads(npz["config"].tobytes())
    # the recipe's cosine: epochs 0, 1 over 2 epochs, then 2, 3 over the new total of 4
    first = [0.001 * 0.5 * (1 + math.cos(math.pi * e / 2)) for e in range(2)]
    then = [0.001 * 0.5 * (1 + math.cos(math.pi * e / 4)) for e in (2, 3)]
    assert config["history"]["learning_rate"] == pytest.approx(first + then)
    assert config["schedule"] == {**config["schedule"], "kind": "cosine", "epochs": 4}
