"""A model file trained by ``chainrule train`` (2 inputs), opened in the studio: named on
the command line (``--model``) or uploaded from the page (held in memory, read by the same
bounded, pickle-free reader as :func:`chainrule.load`).

The model's network becomes a textbook-like example named ``model``: its layers, loss and
learning rate, on the points of a toy data set. A classifier's are those of ``circles``
for 2 classes, ``spirals`` otherwise (or one named), with one-hot targets; a regressor's
(one output: the page draws one regression surface) those of ``plane`` (or
``multi-gaussian``), with the set's target values. The page draws the square [−1, 1]², so
the points are moved and scaled into it; the model's input scaling and that move are
folded into the first layer (x_model = p·s/scale + (c − offset)/scale, so
W′ = W·diag(s/scale) and b′ = b + W·(c − offset)/scale), and a regressor's target scaling
into the last (y = out·σ + μ, so W′ = diag(σ)·W and b′ = σ·b + μ): the network on the page
gives the model's outputs (a regressor's predictions) for the same points.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.data.regression import REGRESSION_SETS, make_regression_toy
from chainrule.data.toy import TOY_SETS, make_toy
from chainrule.errors import ChainruleError
from chainrule.studio.data import MAX_UPLOAD_BYTES
from chainrule.studio.protocol import MAX_HIDDEN_LAYERS, MAX_NEURONS
from chainrule.training.classifier import Classifier
from chainrule.training.load import load_model_bytes
from chainrule.training.regressor import Regressor

GATE_SETS = ("xor", "and", "or", "circles", "moons")  # two classes each
REGRESSION_NAMES = {"multigauss": "multi-gaussian"}  # the page's name of a regression set
MODEL_TOYS = (*TOY_SETS, *REGRESSION_SETS, *REGRESSION_NAMES)  # the points a model is shown on
MAX_MODEL_BYTES = MAX_UPLOAD_BYTES  # a model file uploaded from the page
MAX_MODEL_UNPACKED = 4 * MAX_UPLOAD_BYTES  # what its arrays may hold, unpacked


def open_model_bytes(blob: bytes, name: str, toy: str | None = None) -> dict[str, Any]:
    """The example (as :func:`model_example`) of a model file's bytes, uploaded."""
    if len(blob) > MAX_MODEL_BYTES:
        raise ChainruleError(
            f"model file {name!r} has {len(blob):,} bytes, expected at most {MAX_MODEL_BYTES:,}"
        )
    data = model_example(load_model_bytes(blob, name, MAX_MODEL_UNPACKED), toy)
    data["description"] = f"{name}: {data['description']}"
    return data


def model_example(
    model: Classifier, toy: str | None = None, samples: int = 400, seed: int = 0
) -> dict[str, Any]:
    """The spec (as data) of ``model``'s network on a toy data set inside [−1, 1]²."""
    net = model.network
    if net is None or model.scaler is None:
        raise ChainruleError("the model is not trained yet: nothing to open")
    if net.input_size != 2:
        raise ChainruleError(
            f"the model takes {net.input_size} inputs, expected 2 (the studio's x1, x2)"
        )
    hidden = [lay.units for lay in net.layers[:-1]]
    if len(hidden) > MAX_HIDDEN_LAYERS or any(units > MAX_NEURONS for units in hidden):
        sizes = "-".join(str(n) for n in [2, *hidden, net.output_size])
        raise ChainruleError(
            f"the model is {sizes}: the studio shows at most {MAX_HIDDEN_LAYERS} hidden layers "
            f"of {MAX_NEURONS} neurons (train one with --layers 2,8,8,{net.output_size})"
        )
    if isinstance(model, Regressor):
        x, targets, toy = _regression_points(model, toy, samples, seed)
    else:
        x, targets, toy = _class_points(model, toy, samples, seed)
    centre = (x.max(axis=0) + x.min(axis=0)) / 2
    size = float(np.abs(x - centre).max())
    points = (x - centre) / size
    offset = np.broadcast_to(model.scaler.offset.astype(np.float64), (2,))
    scale = np.broadcast_to(model.scaler.scale.astype(np.float64), (2,))
    layers = []
    for k, lay in enumerate(net.layers):
        w = lay.weights.data.astype(np.float64)
        b = (
            np.zeros(lay.units)
            if lay.biases is None
            else np.broadcast_to(lay.biases.data.astype(np.float64), (lay.units,))
        )
        if k == 0:
            b = b + w @ ((centre - offset) / scale)
            w = w * (size / scale)[None, :]
        if k == len(net.layers) - 1 and isinstance(model, Regressor):
            assert model.target_scaler is not None
            sigma = model.target_scaler.scale.astype(np.float64)
            b = sigma * b + model.target_scaler.offset.astype(np.float64)
            w = sigma[:, None] * w
        layers.append(
            {
                "units": lay.units,
                "activation": lay.activation,
                "bias": "per_neuron",
                "weights": w.tolist(),
                "biases": np.asarray(b).tolist(),
            }
        )
    return {
        "name": "model",
        "description": f"a {model.task} model file on the toy data set {toy}",
        "input_size": 2,
        "layers": layers,
        "loss": model.loss,
        "learning_rate": float(model.base_learning_rate),
        "train_biases": True,
        "inputs": points.tolist(),
        "targets": targets.tolist(),
    }


def _class_points(
    model: Classifier, toy: str | None, samples: int, seed: int
) -> tuple[np.ndarray, np.ndarray, str]:
    """(points, one-hot targets, the toy set's name) for a classifier."""
    classes = model.classes
    toy = toy or ("circles" if classes == 2 else "spirals")
    if toy not in TOY_SETS:
        raise ChainruleError(
            f"toy data set {toy!r} for a classifier: expected one of {', '.join(TOY_SETS)}"
        )
    if toy in GATE_SETS and classes != 2:
        raise ChainruleError(
            f"toy data set {toy!r} has 2 classes, the model {classes}: expected spirals or "
            "gaussians"
        )
    x, y = make_toy(toy, samples=samples, noise=0.1, seed=seed, classes=max(classes, 2))
    return x, model.encode(y).astype(np.float64), toy


def _regression_points(
    model: Regressor, toy: str | None, samples: int, seed: int
) -> tuple[np.ndarray, np.ndarray, str]:
    """(points, target values samples × 1, the toy set's name) for a regressor."""
    if model.classes != 1:
        raise ChainruleError(
            f"the model predicts {model.classes} values: the studio draws one regression "
            "surface (expected 1 output)"
        )
    toy = REGRESSION_NAMES.get(toy or "plane", toy or "plane")
    if toy not in REGRESSION_SETS:
        raise ChainruleError(
            f"toy data set {toy!r} for a regressor: expected one of {', '.join(REGRESSION_SETS)}"
        )
    x, t = make_regression_toy(toy, samples=samples, noise=0.0, seed=seed)
    return x, t[:, None].astype(np.float64), toy
