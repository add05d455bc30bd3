"""The Classifier: fit, history, validation, early stopping, predictions, float32."""

from __future__ import annotations

import numpy as np
import pytest

import chainrule
from chainrule.data import make_toy
from chainrule.errors import ChainruleError
from chainrule.nn.plan import _plans as planned
from chainrule.training.classifier import Classifier
from chainrule.training.loop import gradient_step


@pytest.fixture(scope="module")
def moons() -> tuple[np.ndarray, np.ndarray]:
    return make_toy("moons", samples=200, noise=0.1, seed=0)


def small(**kwargs) -> Classifier:
    options = {"activation": "tanh", "learning_rate": 0.02, "batch_size": 20, "seed": 1}
    options.update(kwargs)
    return Classifier([2, 16, 2], **options)


def test_fit_learns_moons_and_records_history(moons) -> None:
    x, y = moons
    model = small()
    history = model.fit(x, y, epochs=40)
    assert history.epochs == 40 == model.epoch
    assert history.loss[-1] < history.loss[0] / 3
    assert set(history.history) == {"loss", "accuracy", "learning_rate", "seconds"}
    assert model.score(x, y) >= 0.95
    scores = model.evaluate(x, y)
    assert scores["confusion_matrix"].sum() == 200
    assert np.trace(scores["confusion_matrix"]) == round(scores["accuracy"] * 200)


def test_running_loss_of_an_epoch_is_the_mean_of_its_batch_losses(moons) -> None:
    x, y = moons
    model = small(batch_size=50)
    batch_losses = []
    original = gradient_step

    def spy(network, xb, tb):
        loss, out = original(network, xb, tb)
        batch_losses.append(loss)
        return loss, out

    import chainrule.training.loop as loop_module

    loop_module.gradient_step = spy
    try:
        model.fit(x, y, epochs=1)
    finally:
        loop_module.gradient_step = original
    assert len(batch_losses) == 4
    assert model.history.loss[0] == pytest.approx(np.mean(batch_losses))


def test_two_fits_equal_one(moons) -> None:
    x, y = moons
    a, b = small(), small()
    a.fit(x, y, epochs=3)
    a.fit(x, y, epochs=2)
    b.fit(x, y, epochs=5)
    for p, q in zip(a.network.parameters(), b.network.parameters(), strict=True):
        np.testing.assert_array_equal(p.data, q.data)
    assert a.history.loss == b.history.loss


def test_float32_by_default_and_float64_on_request(moons) -> None:
    x, y = moons
    model = small()
    model.fit(x, y, epochs=1)
    assert all(p.data.dtype == np.float32 for p in model.network.parameters())
    assert model.outputs(x).dtype == np.float32
    model64 = small(dtype="float64")
    model64.fit(x, y, epochs=1)
    assert all(p.data.dtype == np.float64 for p in model64.network.parameters())
    with pytest.raises(ChainruleError, match="dtype 'float16'"):
        small(dtype="float16")


def test_validation_and_early_stopping_restore_the_best(moons) -> None:
    x, y = moons
    model = small(learning_rate=0.5, optimizer="sgd")
    history = model.fit(x, y, epochs=200, validation_split=0.25, patience=3)
    assert len(history.val_loss) == history.epochs < 200
    best = int(np.argmin(history.val_loss))
    assert history.epochs == best + 1 + 3  # stopped three epochs after the best
    x_train, y_train = x, y
    from chainrule.data.base import validation_split

    _, _, xv, yv = validation_split(x_train, y_train, 0.25, model.seed)
    assert model.evaluate(xv, yv)["loss"] == pytest.approx(history.val_loss[best], rel=1e-5)


def test_early_stopping_needs_validation(moons) -> None:
    with pytest.raises(ChainruleError, match="early stopping needs validation data"):
        small().fit(*moons, epochs=2, patience=2)


def test_string_labels_and_probabilities() -> None:
    x, y = make_toy("gaussians", samples=90, noise=0.0, seed=0, classes=3)
    words = np.array(["ant", "bee", "cat"])[y]
    model = Classifier(hidden=[8], learning_rate=0.05, batch_size=10, seed=0)
    model.fit(x, words, epochs=30)
    assert model.sizes == [2, 8, 3] and model.class_names == ["ant", "bee", "cat"]
    proba = model.predict_proba(x)
    np.testing.assert_allclose(proba.sum(axis=1), 1.0, rtol=1e-5)
    predicted = model.predict(x)
    assert predicted.dtype.kind == "U"
    assert np.mean(predicted == words) > 0.9
    np.testing.assert_array_equal(predicted, np.array(model.class_names)[proba.argmax(axis=1)])


@pytest.mark.parametrize("loss", ["half_sse", "mse", "binary_cross_entropy", "hinge"])
def test_other_losses_train(moons, loss: str) -> None:
    x, y = moons
    model = small(loss=loss, learning_rate=0.05)
    model.fit(x, y, epochs=30)
    assert model.score(x, y) > 0.8
    np.testing.assert_allclose(model.predict_proba(x[:5]).sum(axis=1), 1.0, rtol=1e-5)


def test_optimizers_and_schedules_train(moons) -> None:
    x, y = moons
    for options in (
        {"optimizer": "nesterov", "learning_rate": 0.05},
        {"optimizer": "adam", "schedule": "cosine", "weight_decay": 1e-4},
    ):
        model = small(**options)
        model.fit(x, y, epochs=20)
        assert model.score(x, y) > 0.85
    assert model.history.learning_rate[0] == pytest.approx(0.02)
    assert model.history.learning_rate[-1] < 0.001  # cosine ends near 0


def test_errors(moons) -> None:
    x, _ = moons
    with pytest.raises(ChainruleError, match="not trained yet"):
        Classifier().predict(x)
    with pytest.raises(ChainruleError, match="inputs have 3 features, expected 2"):
        small().fit(np.ones((4, 3)), [0, 1, 0, 1])
    with pytest.raises(ChainruleError, match="end in 2 outputs, expected 3"):
        Classifier([2, 4, 2], class_names=["a", "b", "c"])
    with pytest.raises(ChainruleError, match="unknown loss 'l1'"):
        Classifier(loss="l1")
    with pytest.raises(ChainruleError, match="batch size 0"):
        Classifier(batch_size=0)
    with pytest.raises(ChainruleError, match="labels have 3 classes, but the model has 2 outputs"):
        small().fit(x[:3], [0, 1, 2])


def test_exported_at_the_top() -> None:
    assert chainrule.Classifier is Classifier
    assert callable(chainrule.load)


def test_float32_training_keeps_every_array_float32(moons) -> None:
    x, y = moons
    model = small()
    model.fit(x, y, epochs=1)
    xs, labels = model._prepare(x[:8], y[:8])
    loss, out = gradient_step(model.network, xs, model.encode(labels))
    assert xs.dtype == np.float32 and out.dtype == np.float32
    assert all(p.grad.dtype == np.float32 for p in model.network.parameters())
    plan = planned[model.network]  # the fast path's buffers: net, out, delta of every layer
    assert all(b.dtype == np.float32 for b in plan.net + plan.out + plan.delta + plan.grad_out)
    model.network.loss(xs, model.encode(labels)).backward()  # and the graph of nodes
    assert all(layer.net.dtype == np.float32 for layer in model.network.layers)
    assert all(p.grad.dtype == np.float32 for p in model.network.parameters())
    assert isinstance(loss, float)


def test_pixels_are_read_once_for_their_statistics_floats_at_every_call(monkeypatch) -> None:
    """8-bit inputs: the scaler's one pass at the first fit, none after (no value of uint8
    is NaN or overflows once scaled); float inputs are checked at every call."""
    import chainrule.training.classifier as classifier

    rng = np.random.default_rng(0)
    pixels = rng.integers(0, 256, (64, 4)).astype(np.uint8)
    y = rng.integers(0, 2, 64)
    passes = []
    original = classifier.scan

    def counted(x, **kwargs):
        passes.append(x.dtype)
        return original(x, **kwargs)

    monkeypatch.setattr(classifier, "scan", counted)
    model = Classifier([4, 3, 2], scaling="standardize", batch_size=16)
    model.fit(pixels, y, epochs=1)
    model.fit(pixels, y, epochs=1)
    model.evaluate(pixels, y)
    assert passes == [np.uint8]
    floats = pixels.astype(np.float64)
    model.evaluate(floats, y)
    floats[5, 1] = np.nan
    with pytest.raises(ChainruleError, match="value nan at sample 5, feature 1"):
        model.fit(floats, y, epochs=1)
    assert passes == [np.uint8, np.float64, np.float64]
