"""The page's network as a model file: ``chainrule.load``, ``predict`` and ``evaluate`` give
the page's outputs, and a network the format cannot hold is refused by name."""

from __future__ import annotations

import json

import numpy as np
import pytest

import chainrule
from chainrule.data.regression import make_regression_toy
from chainrule.studio import ProtocolError, Session
from chainrule.studio.opened import model_example, open_model_bytes
from chainrule.studio.saving import model_refusal, session_model, session_model_bytes
from chainrule.studio.session import textbook_examples
from chainrule.training.classifier import Classifier
from chainrule.training.load import load_model_bytes
from chainrule.training.regressor import Regressor
from cli_helpers import run_main


def trained(config: dict, epochs: int = 3) -> Session:
    s = Session()
    s.configure(config)
    for _ in range(epochs):
        s.train_epoch()
    return s


@pytest.mark.parametrize(
    "config",
    [
        {"dataset": "circle", "hidden": [3, 2], "loss": "half_sse"},
        {"dataset": "xor", "hidden": [4], "loss": "binary_cross_entropy", "optimizer": "adam"},
        {"dataset": "spiral", "features": ["x1", "x2", "x1x2", "sinx1"], "hidden": []},
    ],
)
def test_a_classifier_predicts_the_pages_classes(tmp_path, config):
    s = trained(config)
    path = tmp_path / "page.npz"
    path.write_bytes(session_model_bytes(s))
    model = chainrule.load(path)
    assert type(model) is Classifier and model.class_names == ["0", "1"]
    assert model.loss == s.config.loss and model.epoch == s.epoch == 3
    out = s.network.predict(s.inputs)[:, 0]
    # class 1's probability is the page's out; class 0's output is σ(−net)
    np.testing.assert_allclose(model.predict_proba(s.inputs)[:, 1], out, rtol=1e-12, atol=1e-15)
    assert np.array_equal(model.predict(s.inputs), (out >= 0.5).astype(int))
    assert model.score(s.inputs, s.targets[:, 0].astype(int)) == pytest.approx(
        np.mean((out >= 0.5) == (s.targets[:, 0] == 1))
    )


def test_a_regressor_predicts_the_pages_surface():
    s = trained({"dataset": "multigauss", "hidden": [5, 3], "loss": "mse", "noise": 10})
    model = load_model_bytes(session_model_bytes(s))
    assert type(model) is Regressor and model.loss == "mse"
    np.testing.assert_array_equal(model.predict(s.inputs), s.network.predict(s.inputs)[:, 0])


def test_mazurs_shared_biases_are_written_per_neuron():
    s = trained({"dataset": "mazur"}, epochs=1)
    model = session_model(s)
    assert model.sizes == [2, 2, 2] and model.loss == "half_sse"
    first = model.network.layers[0]  # type: ignore[union-attr]
    np.testing.assert_array_equal(first.biases.data, [s.network.layers[0].biases.data[0]] * 2)
    np.testing.assert_array_equal(model.outputs(s.inputs), s.network.predict(s.inputs))


def test_the_commands_read_it(tmp_path):
    s = trained({"dataset": "gaussians", "hidden": [2], "samples": 40})
    path = tmp_path / "page.npz"
    path.write_bytes(session_model_bytes(s))
    rows = ["x1,x2,label"]
    rows += [
        f"{float(a)!r},{float(b)!r},{int(t)}"
        for (a, b), t in zip(s.inputs, s.targets[:, 0], strict=True)
    ]
    csv = tmp_path / "points.csv"
    csv.write_text("\n".join(rows) + "\n")
    code, out, err = run_main("predict", str(path), str(csv), "--label-column", "label", "--json")
    assert code == 0, err
    expected = (s.network.predict(s.inputs)[:, 0] >= 0.5).astype(int)
    assert [p["class"] for p in json.loads(out)["predictions"]] == expected.tolist()
    code, out, err = run_main("evaluate", str(path), str(csv), "--json")
    assert code == 0, err
    accuracy = np.mean(expected == s.targets[:, 0])
    assert json.loads(out)["accuracy"] == pytest.approx(accuracy)


def test_opened_again_it_is_the_same_network():
    s = trained({"dataset": "plane", "hidden": [3]})
    example = open_model_bytes(session_model_bytes(s), "page.npz")
    again = Session(examples={**textbook_examples(), "model": example})
    again.configure({"dataset": "model"})
    w = [lay.weights.data for lay in s.network.layers]
    # the toy set's move into [−1, 1]² is folded into the first layer; the rest is as it was
    assert again.config.hidden == (3,) and not again.classification
    np.testing.assert_array_equal(again.network.layers[1].weights.data, w[1])
    x, _ = make_regression_toy("plane", samples=400, noise=0.0, seed=0)
    loaded = load_model_bytes(session_model_bytes(s))
    np.testing.assert_allclose(again.network.predict(again.inputs)[:, 0], loaded.predict(x))
    assert example == model_example(load_model_bytes(session_model_bytes(s))) | {
        "description": example["description"]
    }


def test_networks_a_model_file_cannot_hold():
    s = trained({"dataset": "circle", "hidden": [3, 2], "activations": ["tanh", "relu"]}, 0)
    assert model_refusal(s) == {"reason": "activations", "activations": ["relu", "tanh"]}
    with pytest.raises(ProtocolError, match="activations relu, tanh") as info:
        session_model(s)
    assert (info.value.status, info.value.field) == (409, "activations")
    spec = {
        "input_size": 2,
        "layers": [{"units": 1, "activation": "tanh", "weights": [[0.5, -0.5]]}],
        "inputs": [[0.1, 0.2], [0.3, 0.1]],
        "targets": [[0.5], [-0.5]],
    }
    t = Session(examples={"tanh-out": spec})
    t.configure({"dataset": "tanh-out"})
    assert model_refusal(t) == {"reason": "output", "activation": "tanh", "loss": "half_sse"}
    with pytest.raises(ProtocolError, match="output layer tanh") as info:
        session_model(t)
    assert (info.value.status, info.value.field) == (409, "loss")
    assert model_refusal(trained({"dataset": "circle", "hidden": []}, 0)) is None
