"""Fashion-MNIST from Debian's package (skipped where it is not installed).

The built-in recipe, ``chainrule train fashion-mnist`` -- 784-256-128-10 ReLU, softmax
cross-entropy, Adam (learning rate 0.001) with the cosine schedule ½(1 + cos(π · epoch /
epochs)), batch 128, 10 epochs, inputs standardised in float32 -- takes minutes on two shared
cores, so it runs only with CHAINRULE_FULL=1 (and is marked slow). Its test accuracy depends
on the BLAS kernel the CPU selects and on the thread count. Measured on one x86-64 machine
(OpenBLAS 0.3.31, Haswell kernels) with ``OPENBLAS_NUM_THREADS=1`` and ``=2``, ``chainrule
train fashion-mnist --seed S --json --quiet``: 0.8975 and 0.8977 (seed 0), 0.8970 and
0.8971 (seed 1), 0.8961 and 0.8959 (seed 2). At a constant learning rate the same recipe gave
0.8841 (seed 0), under the 0.885 that PyTorch and scikit-learn reach without a schedule
(about 0.885-0.887); PyTorch with the same cosine schedule
(benchmarks/peers/torch_fashion_mnist.py) gave 0.8981. The threshold is the target, 0.885:
0.011 below the lowest of those six runs.
"""

from __future__ import annotations

import os
from pathlib import Path

import numpy as np
import pytest

from chainrule.cli import build_parser
from chainrule.cli.train_classifier import build_model, summary_line
from chainrule.data import FASHION_CLASSES, load_dataset
from chainrule.training.classifier import Classifier
from conftest import run_cli_json

DEBIAN = Path("/usr/share/datasets/fashion-mnist")
pytestmark = pytest.mark.skipif(
    not DEBIAN.is_dir(), reason="Debian's dataset-fashion-mnist is not installed"
)


def test_loads_with_class_names_and_scaling() -> None:
    ds = load_dataset("fashion-mnist")
    assert ds.x.shape == (60000, 784) and ds.x_test.shape == (10000, 784)
    assert ds.class_names == FASHION_CLASSES and ds.class_names[9] == "Ankle boot"
    assert ds.image_shape == (28, 28) and ds.scaling == "standardize"
    assert ds.hidden == [256, 128] and ds.batch_size == 128 and ds.epochs == 10
    assert ds.schedule == "cosine"


def test_train_builds_the_recipe_and_its_summary_names_the_schedule() -> None:
    args = build_parser().parse_args(["train", "fashion-mnist", "--seed", "0"])
    ds = load_dataset("fashion-mnist")
    model = build_model(args, ds)
    assert model.schedule.kind == "cosine" and model.batch_size == 128
    assert model.sizes == [784, 256, 128, 10] and model.base_learning_rate == 0.001
    line = summary_line("en", ds, model, len(ds.x), 1.0)
    assert line.startswith(
        "fashion-mnist: layers 784-256-128-10, activation relu, optimizer adam, learning rate "
        "0.001, batch size 128, 0 epochs, learning-rate schedule cosine; 60,000 training"
    )
    assert "학습률 0.001, 배치 크기 128, 0 에포크, 학습률 스케줄 cosine;" in summary_line(
        "ko", ds, model, len(ds.x), 1.0
    )
    # --schedule still wins over the recipe's
    given = build_parser().parse_args(
        ["train", "fashion-mnist", "--seed", "0", "--schedule", "constant"]
    )
    assert build_model(given, ds).schedule.kind == "constant"


def test_a_short_run_on_a_subset_learns() -> None:
    ds = load_dataset("fashion-mnist")
    model = Classifier(
        [784, 64, 10],
        optimizer="adam",
        learning_rate=0.001,
        batch_size=128,
        scaling="standardize",
        class_names=ds.class_names,
        seed=0,
    )
    model.fit(ds.x[:6000], ds.y[:6000], epochs=2)
    scores = model.evaluate(ds.x_test, ds.y_test)
    assert scores["accuracy"] > 0.75
    assert scores["confusion_matrix"].sum(axis=1).tolist() == [1000] * 10
    # with class names, predict gives the names of the largest outputs
    names = model.predict(ds.x_test[:5])
    np.testing.assert_array_equal(
        names, np.array(FASHION_CLASSES)[model.predict_classes(ds.x_test[:5])]
    )


@pytest.mark.slow
@pytest.mark.skipif(os.environ.get("CHAINRULE_FULL") != "1", reason="set CHAINRULE_FULL=1")
def test_full_recipe_reaches_0885() -> None:
    report = run_cli_json("train", "fashion-mnist", "--seed", "0", "--json", "--quiet")
    assert report["epochs"] == 10
    assert report["test_accuracy"] >= 0.885
