"""The page's network as a model file: the ``.npz`` that ``chainrule train --save`` writes
and :func:`chainrule.load`, ``chainrule predict`` and ``chainrule evaluate`` read, made in
memory (the server never writes it to disk).

The network keeps its weights; what the file format holds differently is translated so
that the file's model computes the same outputs from the same inputs (the page's features
i1, i2, …, in float64, no input scaling):

- a regression network (identity outputs, half_sse or mse) becomes a
  :class:`~chainrule.training.regressor.Regressor` whose target scaling is the identity
  (offset 0, scale 1): ``predict`` gives the network's out;
- a network whose outputs fit a classifier's loss (sigmoid for half_sse, mse and
  binary_cross_entropy; softmax for cross_entropy; identity for hinge) becomes a
  :class:`~chainrule.training.classifier.Classifier`. The page's single output for two classes
  (out = f(net), class 1 when out ≥ 0.5) becomes two outputs, class 0's from −W and −b:
  out₀ = σ(−net), out₁ = σ(net) = out, so ``predict_proba``'s column 1 is the page's out
  (σ(−z) + σ(z) = 1) and ``predict`` its class (for hinge: out₀ = −net, out₁ = net);
- a shared bias (Mazur's b1, b2) is written once per neuron, a missing one as zeros.

A model file has one activation for every hidden layer, so a network whose hidden
layers differ is refused; so is an output layer no loss of a classifier or regressor
trains. The optimizer is written fresh (its name and learning rate; no running state),
and L1/L2 regularisation, which the format does not hold, is left out.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np

from chainrule.data.preprocessing import Scaler
from chainrule.studio.protocol import ProtocolError
from chainrule.training.classifier import OUTPUT_ACTIVATION, Classifier
from chainrule.training.modelfile import model_bytes
from chainrule.training.regressor import REGRESSION_LOSSES, Regressor

if TYPE_CHECKING:  # pragma: no cover
    from chainrule.studio.session import Session

MIRRORED = ("sigmoid", "identity")  # one output for two classes: class 0's is f(−net)


def model_refusal(session: Session) -> dict[str, Any] | None:
    """Why the page's network cannot be a model file (``{"reason": "activations",
    "activations": [...]}`` or ``{"reason": "output", "activation": …, "loss": …}``), or
    None when it can."""
    net = session.network
    acts = sorted({lay.activation for lay in net.layers[:-1]})
    if len(acts) > 1:
        return {"reason": "activations", "activations": acts}
    out, loss = net.layers[-1].activation, net.loss_name
    regression = out == "identity" and loss in REGRESSION_LOSSES
    if not regression and OUTPUT_ACTIVATION.get(loss) != out:
        return {"reason": "output", "activation": out, "loss": loss}
    return None


def session_model(session: Session) -> Classifier:
    """The page's network as a trained :class:`Classifier` or :class:`Regressor`."""
    refusal = model_refusal(session)
    if refusal is not None and refusal["reason"] == "activations":
        raise ProtocolError(
            f"hidden layers with activations {', '.join(refusal['activations'])}: a model file "
            "has one activation for every hidden layer (choose one for all)",
            "activations",
            409,
        )
    if refusal is not None:
        raise ProtocolError(
            f"output layer {refusal['activation']} with loss {refusal['loss']}: a model file "
            "holds a classifier (sigmoid, softmax or identity outputs for its loss) or a "
            "regressor (identity outputs, half_sse or mse)",
            "loss",
            409,
        )
    net, config = session.network, session.config
    weights = [lay.weights.data.astype(np.float64) for lay in net.layers]
    biases = [
        np.zeros(lay.units)
        if lay.biases is None
        else np.broadcast_to(lay.biases.data.astype(np.float64), (lay.units,))
        for lay in net.layers
    ]
    out, loss = net.layers[-1].activation, net.loss_name
    options = {
        "activation": net.layers[0].activation if len(net.layers) > 1 else "tanh",
        "loss": loss,
        "optimizer": config.optimizer,
        "learning_rate": config.learning_rate,
        "batch_size": config.batch_size,
        "scaling": "none",
        "seed": config.seed,
        "dtype": "float64",
    }
    outputs = net.output_size
    model: Classifier
    if out == "identity" and loss in REGRESSION_LOSSES:
        model = Regressor(**options)  # type: ignore[arg-type]
        model.target_scaler = Scaler("standardize", np.zeros(outputs), np.ones(outputs))
    else:
        if outputs == 1 and out in MIRRORED:
            weights[-1] = np.concatenate([-weights[-1], weights[-1]])
            biases[-1] = np.concatenate([-biases[-1], biases[-1]])
            outputs = 2
        model = Classifier(class_names=[str(k) for k in range(outputs)], **options)  # type: ignore[arg-type]
    network = model.build([net.input_size, *(lay.units for lay in net.layers[:-1]), outputs])
    for lay, w, b in zip(network.layers, weights, biases, strict=True):
        lay.weights.data[...] = w
        assert lay.biases is not None
        lay.biases.data[...] = b
    model.scaler = Scaler.fit("none", np.zeros((1, net.input_size)))
    model.epoch = session.epoch
    return model


def session_model_bytes(session: Session) -> bytes:
    """The model file of the page's network, in memory."""
    return model_bytes(session_model(session))
