"""A model file from ``chainrule train`` opened in the studio: the same outputs on the page,
for a classifier (its decision boundary) and a regressor (its regression surface)."""

from __future__ import annotations

import numpy as np
import pytest

from chainrule.cli.studio import studio_settings
from chainrule.data.regression import make_regression_toy
from chainrule.data.toy import make_toy
from chainrule.errors import ChainruleError
from chainrule.studio.opened import model_example
from chainrule.studio.session import Session, textbook_examples
from chainrule.training.classifier import Classifier
from chainrule.training.regressor import Regressor


def trained(toy: str, layers: list[int], scaling: str, classes: int = 2) -> Classifier:
    x, y = make_toy(toy, samples=200, noise=0.1, seed=1, classes=classes)
    model = Classifier(layers, activation="tanh", scaling=scaling, batch_size=20, seed=0)
    model.fit(x, y, epochs=3)
    return model


@pytest.mark.parametrize(
    ("toy", "layers", "scaling", "classes"),
    [("circles", [2, 5, 2], "none", 2), ("spirals", [2, 6, 4, 3], "standardize", 3)],
)
def test_the_page_gives_the_models_outputs(toy, layers, scaling, classes):
    model = trained(toy, layers, scaling, classes)
    example = model_example(model)
    s = Session(examples={**textbook_examples(), "model": example})
    s.configure({"dataset": "model"})
    assert s.config.hidden == tuple(layers[1:-1]) and s.config.loss == "cross_entropy"
    assert np.all(np.abs(s.points) <= 1.0)
    x, y = make_toy(toy, samples=400, noise=0.1, seed=0, classes=classes)
    np.testing.assert_allclose(s.network.predict(s.inputs), model.outputs(x), atol=1e-5)
    assert s.metrics()["accuracy"] == pytest.approx(model.score(x, y))
    assert len(s.metrics()["confusion"]) == classes
    assert "<math" in s.derivation("w1")["html"]  # softmax + cross-entropy: δ = out − target


def test_models_the_studio_cannot_show():
    with pytest.raises(ChainruleError, match="at most 6 hidden layers of 8 neurons"):
        model_example(trained("circles", [2, 12, 2], "none"))
    with pytest.raises(ChainruleError, match="expected 2"):
        x = np.random.default_rng(0).normal(size=(30, 3))
        model = Classifier([3, 4, 2], batch_size=10)
        model.fit(x, (x[:, 0] > 0).astype(int), epochs=1)
        model_example(model)
    with pytest.raises(ChainruleError, match="has 2 classes, the model 3"):
        model_example(trained("spirals", [2, 4, 3], "none", 3), "moons")
    with pytest.raises(ChainruleError, match="not trained"):
        model_example(Classifier([2, 4, 2]))
    x = np.random.default_rng(0).normal(size=(30, 2))
    two = Regressor([2, 4, 2], batch_size=10)
    two.fit(x, np.stack([x[:, 0], x[:, 1]], axis=1), epochs=1)
    with pytest.raises(ChainruleError, match="one regression surface"):
        model_example(two)
    with pytest.raises(ChainruleError, match="'circles' for a regressor"):
        model_example(regressed("plane", [2, 3, 1]), "circles")
    with pytest.raises(ChainruleError, match="'plane' for a classifier"):
        model_example(trained("circles", [2, 3, 2], "none"), "plane")


def regressed(toy: str, layers: list[int]) -> Regressor:
    """A regressor as ``chainrule train plane`` trains one (inputs and targets standardised)."""
    x, t = make_regression_toy(toy, samples=200, noise=0.0, seed=1)
    model = Regressor(layers, activation="tanh", batch_size=20, seed=0, learning_rate=0.01)
    model.fit(x, t, epochs=3)
    return model


@pytest.mark.parametrize(("toy", "name"), [("plane", None), ("multi-gaussian", "multigauss")])
def test_a_regressor_gives_its_surface(toy, name):
    model = regressed(toy, [2, 6, 1])
    assert model.target_scaler is not None and model.target_scaler.scale[0] != 1.0
    s = Session(examples={**textbook_examples(), "model": model_example(model, name)})
    s.configure({"dataset": "model"})
    assert not s.classification and s.output_activation == "identity"
    assert s.config.loss == "mse" and s.config.hidden == (6,)
    x, t = make_regression_toy(toy, samples=400, noise=0.0, seed=0)
    # the target scaling folded into the last layer: the page's out is the model's prediction
    np.testing.assert_allclose(s.network.predict(s.inputs)[:, 0], model.predict(x), atol=1e-5)
    np.testing.assert_allclose(s.targets[:, 0], t)
    assert s.metrics() == {}  # no accuracy for a surface
    assert "<math" in s.derivation("w7")["html"]
    before = s.losses()[0]
    s.train_epoch()
    assert s.losses()[0] != before  # it trains on the page as any regression set


def test_the_command_opens_a_model_file(tmp_path):
    path = tmp_path / "m.npz"
    trained("circles", [2, 4, 2], "none").save(path)
    initial, examples = studio_settings(None, None, str(path))
    assert initial == {"dataset": "model"}
    assert examples is not None and "mazur" in examples
    assert examples["model"]["description"].startswith(str(path))
    with pytest.raises(ChainruleError, match="--model and --spec"):
        studio_settings(None, str(path), str(path))
    regression = tmp_path / "plane.npz"
    regressed("plane", [2, 4, 1]).save(regression)
    initial, examples = studio_settings("multigauss", None, str(regression))
    assert examples is not None and "regression model file" in examples["model"]["description"]
    assert "multi-gaussian" in examples["model"]["description"]
