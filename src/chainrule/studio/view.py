"""What a studio session's page draws: heatmaps, metrics, gradients, the network, all
computed here by the engine and sent as JSON (base64 bytes for the heatmaps)."""

from __future__ import annotations

import base64
import functools
from typing import Any

import numpy as np

from chainrule.engine.tensor import no_grad
from chainrule.nn import Network
from chainrule.nn.activations import ACTIVATIONS
from chainrule.studio.data import FEATURE_LABELS
from chainrule.studio.i18n import translate_error
from chainrule.studio.protocol import MAX_HIDDEN_LAYERS, MAX_NEURONS, Config
from chainrule.studio.saving import model_refusal
from chainrule.training.metrics import classes, confusion_matrix, threshold

DOMAIN = 1.2  # the heatmaps cover [−DOMAIN, DOMAIN]²
GRID = 40  # cells per side of the output's heatmap
NEURON_GRID = 16  # cells per side of each neuron's heatmap
VANISHING, EXPLODING = 1e-2, 1e2  # ratio of first to last layer's mean |∂E/∂w|


def _grid(cells: int) -> np.ndarray:
    """Cell centres, row by row from the top (x₂ = +DOMAIN) to the bottom: cells² × 2."""
    edges = np.linspace(-DOMAIN, DOMAIN, cells + 1)
    centres = (edges[:-1] + edges[1:]) / 2
    x1, x2 = np.meshgrid(centres, centres[::-1])
    return np.stack([x1.ravel(), x2.ravel()], axis=1)


GRID_POINTS = _grid(GRID)
NEURON_POINTS = _grid(NEURON_GRID)


def _bytes(values: np.ndarray) -> str:
    """Values in [−1, 1] as base64 bytes 0…255 (the page's colour scale)."""
    values = np.nan_to_num(values, nan=0.0, posinf=1.0, neginf=-1.0)
    q = np.round((np.clip(values, -1.0, 1.0) + 1.0) * 127.5).astype(np.uint8)
    return base64.b64encode(q.tobytes()).decode("ascii")


def _finite(value: float) -> float | None:
    """A number JSON can carry: None for NaN and ±infinity (the page shows "–")."""
    return value if np.isfinite(value) else None


def _scaled(values: np.ndarray, activation: str) -> np.ndarray:
    """An out on the colour scale: a probability (sigmoid, softmax) stretched to (−1, 1)."""
    return 2.0 * values - 1.0 if _probability(activation) else values


@functools.cache
def _probability(activation: str) -> bool:
    """Whether the activation's out always lies in [0, 1] (sigmoid, softmax), read from its
    record's forward kernel over nets from −50 to 50."""
    record = ACTIVATIONS[activation]
    out = record.forward(np.linspace(-50.0, 50.0, 1001)[None, :], **record.options)
    return bool(out.min() >= 0.0 and out.max() <= 1.0)


class View:
    """The drawing part of :class:`~chainrule.studio.session.Session`."""

    network: Network
    config: Config
    inputs: np.ndarray
    targets: np.ndarray
    points: np.ndarray
    train_idx: np.ndarray
    test_idx: np.ndarray
    classification: bool
    output_activation: str
    grid_inputs: np.ndarray
    neuron_inputs: np.ndarray
    history: list[tuple[int, float, float]]

    def heatmaps(self, neurons: bool = True) -> dict[str, Any]:
        """The output over the square (decision boundary or regression surface) and, with
        ``neurons``, every neuron's out on a coarser grid: base64 bytes on the colour scale."""
        with no_grad():
            out = self.network.forward(self.grid_inputs).data[:, 0]
            maps: dict[str, Any] = {
                "output": _bytes(_scaled(out, self.output_activation)),
                "grid": GRID,
                "neuron_grid": NEURON_GRID,
            }
            if neurons:
                self.network.forward(self.neuron_inputs)
                maps["neurons"] = {
                    f"n{k}_{j}": _bytes(_scaled(lay.out.data[:, j], lay.activation))  # type: ignore[union-attr]
                    for k, lay in enumerate(self.network.layers)
                    for j in range(lay.units)
                }
        return maps

    def metrics(self) -> dict[str, Any]:
        """Accuracy and the confusion matrix on the test samples: rows the true class,
        columns the predicted one (the classes of :mod:`chainrule.training.metrics`: the
        largest output's index; one output: out ≥ 0.5 is class 1, out ≥ 0 for hinge)."""
        if not self.classification:
            return {}
        with no_grad():
            out = self.network.forward(self.inputs[self.test_idx]).data
        targets = self.targets[self.test_idx]
        cut = threshold(self.network.loss_name, targets)
        pred, truth = classes(out, cut), classes(targets, cut)
        matrix = confusion_matrix(truth, pred, max(2, out.shape[1]))
        return {"accuracy": float(np.mean(pred == truth)), "confusion": matrix.tolist()}

    def gradients(self) -> dict[str, Any]:
        """∂E/∂w of every weight on all training samples, each layer's mean |∂E/∂w| and a
        badge when the first layer's mean is under 1/100 (vanishing) or over 100 times
        (exploding) the last layer's."""
        idx = self.train_idx
        self.network.zero_grad()
        self.network.loss(self.inputs[idx], self.targets[idx]).backward()
        names = self.names()
        grads: dict[str, float | None] = {}
        means: list[float | None] = []
        for k, lay in enumerate(self.network.layers):
            g = lay.weights.grad
            assert g is not None
            means.append(_finite(float(np.mean(np.abs(g)))))
            for j in range(g.shape[0]):
                for i in range(g.shape[1]):
                    grads[names["w"][k][j][i]] = _finite(float(g[j, i]))
        self.network.zero_grad()
        badge = None
        if any(m is None for m in means):
            badge = "exploding"  # a gradient overflowed
        elif len(means) > 1 and means[-1] > 0:
            ratio = means[0] / means[-1]
            if ratio < VANISHING:
                badge = "vanishing"
            elif ratio > EXPLODING:
                badge = "exploding"
        elif len(means) > 1 and means[0] > 0:
            badge = "exploding"
        return {"values": grads, "layer_means": means, "badge": badge}

    def network_view(self) -> dict[str, Any]:
        """Layers, neurons, every weight and bias with its name and value."""
        names = self.names()
        layers = []
        for k, lay in enumerate(self.network.layers):
            w = lay.weights.data
            b = None if lay.biases is None else lay.biases.data
            layers.append(
                {
                    "units": lay.units,
                    "activation": lay.activation,
                    "bias": lay.bias,
                    "weights": [
                        [
                            {"name": names["w"][k][j][i], "value": _finite(float(w[j, i]))}
                            for i in range(w.shape[1])
                        ]
                        for j in range(w.shape[0])
                    ],
                    "biases": []
                    if b is None
                    else [
                        {
                            "name": names["b"][k][j],
                            "value": _finite(float(b[0 if b.size == 1 else j])),
                        }
                        for j in range(lay.units)
                    ],
                }
            )
        return {
            "inputs": [FEATURE_LABELS[f] for f in self.config.features],
            "layers": layers,
            "neurons": [
                [self.neuron_name(k, j) for j in range(lay.units)]
                for k, lay in enumerate(self.network.layers)
            ],
        }

    def snapshot(self, full: bool = True, detail: bool = True) -> dict[str, Any]:
        """Everything the page draws; ``full`` adds the settings, data and whole history
        (and why the network cannot be a model file, if it cannot);
        without ``detail`` (most frames of live training) the neurons' heatmaps, the
        metrics and the gradients are left out, the page keeping the last ones."""
        train, test = self.history[-1][1:] if self.history else self.losses()
        state: dict[str, Any] = {
            "epoch": self.epoch,
            "steps": self.steps,
            "playing": self.playing,
            "loss": {"train": _finite(train), "test": _finite(test)},
            "network": self.network_view(),
            "heatmaps": self.heatmaps(neurons=detail),
            "diverged": self.diverged and translate_error(self.diverged, self.config.lang),
        }
        if detail:
            state["metrics"] = self.metrics()
            state["gradients"] = self.gradients()
        if full:
            state["config"] = self.config.to_dict()
            state["datasets"] = list(self.datasets)
            state["classification"] = self.classification
            state["history"] = [list(h) for h in self.history]
            state["points"] = {
                "x": self.points.round(4).tolist(),
                "label": self.targets[:, 0].round(4).tolist(),
                "test": np.isin(np.arange(len(self.points)), self.test_idx).tolist()
                if len(self.train_idx) != len(self.points)
                else [False] * len(self.points),
            }
            state["limits"] = {"hidden_layers": MAX_HIDDEN_LAYERS, "neurons": MAX_NEURONS}
            state["exercise"] = self.exercise_view()  # type: ignore[attr-defined]
            state["model_export"] = model_refusal(self)  # type: ignore[arg-type]
        else:
            state["history_point"] = list(self.history[-1]) if self.history else None
        return state
