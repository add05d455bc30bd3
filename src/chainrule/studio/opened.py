"""A model file trained by ``chainrule train`` (2 inputs), opened in the studio.

The model's network becomes a textbook-like example named ``model``: its layers, loss and
learning rate, on the points of a toy data set (``circles`` for 2 classes, ``spirals``
otherwise, or one named) with one-hot targets. The page draws the square [−1, 1]², so
the points are moved and scaled into it; the model's input scaling and that move are
folded into the first layer (x_model = p·s/scale + (c − offset)/scale, so
W′ = W·diag(s/scale) and b′ = b + W·(c − offset)/scale): the network on the page gives
the model's outputs for the same points.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.data.toy import TOY_SETS, make_toy
from chainrule.errors import ChainruleError
from chainrule.studio.protocol import MAX_HIDDEN_LAYERS, MAX_NEURONS
from chainrule.training.classifier import Classifier

GATE_SETS = ("xor", "and", "or", "circles", "moons")  # two classes each


def model_example(
    model: Classifier, toy: str | None = None, samples: int = 400, seed: int = 0
) -> dict[str, Any]:
    """The spec (as data) of ``model``'s network on a toy data set inside [−1, 1]²."""
    net = model.network
    if net is None or model.scaler is None:
        raise ChainruleError("the model is not trained yet: nothing to open")
    if type(model) is not Classifier:  # a Regressor's targets are not a toy set's classes
        raise ChainruleError(
            f"the model is a {type(model).__name__}: expected a classifier (chainrule train "
            "on a toy data set)"
        )
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
    classes = net.output_size
    toy = toy or ("circles" if classes == 2 else "spirals")
    if toy not in TOY_SETS:
        raise ChainruleError(f"toy data set {toy!r}: expected one of {', '.join(TOY_SETS)}")
    if toy in GATE_SETS and classes != 2:
        raise ChainruleError(
            f"toy data set {toy!r} has 2 classes, the model {classes}: expected spirals or "
            "gaussians"
        )
    x, y = make_toy(toy, samples=samples, noise=0.1, seed=seed, classes=max(classes, 2))
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
        "description": f"a model file on the toy data set {toy}",
        "input_size": 2,
        "layers": layers,
        "loss": model.loss,
        "learning_rate": float(model.base_learning_rate),
        "train_biases": True,
        "inputs": points.tolist(),
        "targets": model.encode(y).astype(np.float64).tolist(),
    }
