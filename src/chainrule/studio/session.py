"""One browser tab's playground: data, network, optimizer, history; trained by the engine.

The page only draws what :meth:`Session.snapshot` returns. Training is the engine's
:func:`chainrule.training.train_step` on mini-batches in a seeded order; L1 and L2
regularisation add their gradient to each weight after the optimizer's step
(w ← w − η·λ·sign(w) for L1, w ← w − η·λ·w for L2, biases untouched). The derivation of a
weight is :func:`chainrule.explain.parameter.parameter_items` on a
:func:`chainrule.trace.trace_step` of a copy of the network on the current batch (at most
16 samples of it), so it shows the numbers ``chainrule explain`` shows for the same spec.

Step mode goes through one training step on the current batch phase by phase: forward
(net and out of every neuron), error (E_total), backward (every δ and ∂E/∂w), update
(each weight old → new, the optimizer's real step).
"""

from __future__ import annotations

import base64
import time
from typing import Any

import numpy as np

from ..errors import ChainruleError, DivergenceError
from ..examples import SPECS
from ..explain.expr import format_number
from ..explain.html import render_html_fragment
from ..explain.parameter import locate, parameter_items
from ..layers import Dense, Network
from ..losses import compute_loss
from ..optimizers import make_optimizer
from ..spec import Spec, parse_spec
from ..tensor import Tensor, no_grad
from ..trace import StepTrace, trace_step
from ..training import train_step
from .data import (
    CLASSIFICATION,
    DATASETS,
    FEATURE_LABELS,
    features,
    generate,
    parse_upload,
    split,
)
from .protocol import MAX_HIDDEN_LAYERS, MAX_NEURONS, Config, ProtocolError, parse_config

DIGITS = 9  # decimal places, as Mazur's example and `chainrule explain` print them
DOMAIN = 1.2  # the heatmaps cover [−DOMAIN, DOMAIN]²
GRID = 40  # cells per side of the output's heatmap
NEURON_GRID = 16  # cells per side of each neuron's heatmap
MAX_HISTORY = 500  # loss points kept (older ones thinned out)
DERIVE_SAMPLES = 16  # samples of the current batch a derivation shows
TICK_SECONDS = 0.01  # the most training time one frame of a playing session takes
PHASES = ("forward", "error", "backward", "update")
VANISHING, EXPLODING = 1e-2, 1e2  # ratio of first to last layer's mean |∂E/∂w|


def textbook_examples() -> dict[str, dict[str, Any]]:
    """The built-in examples a 2-input page can show (Mazur's 2-2-2, the XOR truth table,
    …), by the names :mod:`chainrule.examples` gives them (``xor-example`` where a
    generated data set has the name)."""
    found: dict[str, dict[str, Any]] = {}
    for name, spec in SPECS.items():
        if spec.get("input_size") != 2 or not all("weights" in lay for lay in spec["layers"]):
            continue
        if any(spec is seen for seen in found.values()):
            continue  # an alias of an example already listed
        found[f"{name}-example" if name in DATASETS else name] = spec
    return found


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
    return 2.0 * values - 1.0 if activation in ("sigmoid", "softmax") else values


class Session:
    """A playground: build from a :class:`Config`, then train, step, edit and explain."""

    def __init__(
        self, config: Config | None = None, examples: dict[str, dict[str, Any]] | None = None
    ) -> None:
        self.examples = textbook_examples() if examples is None else examples
        self.config = config or Config()
        self.upload: tuple[np.ndarray, np.ndarray, bool] | None = None
        self.last_seen = time.monotonic()
        self.playing = False
        self.diverged: str | None = None
        self.build()

    # -- building -------------------------------------------------------------------------
    @property
    def datasets(self) -> tuple[str, ...]:
        return tuple(self.examples) + (("upload",) if self.upload is not None else ())

    def configure(self, data: dict[str, Any]) -> None:
        """Apply settings from the page; a new data set or network starts over."""
        before = self.config
        config = parse_config(data, before, self.datasets)
        examples = self.examples
        if config.dataset != before.dataset and config.dataset in examples:
            config = self._example_config(config, examples[config.dataset], data)
        changed = {k for k in config.to_dict() if getattr(config, k) != getattr(before, k)}
        self.config = config
        if changed - {"lang"}:
            try:
                self.build()
            except ChainruleError:
                self.config = before  # the old settings again (the network starts over)
                self.build()
                raise

    def _example_config(self, config: Config, spec: dict[str, Any], data: dict) -> Config:
        """A textbook example brings its network, samples and learning rate."""
        layers = spec["layers"]
        return parse_config(
            {
                "features": ["x1", "x2"],
                "hidden": [lay["units"] for lay in layers[:-1]],
                "activations": [lay["activation"] for lay in layers[:-1]],
                "loss": spec.get("loss", "half_sse"),
                "learning_rate": spec.get("learning_rate", 0.5),
                "batch_size": len(spec["inputs"]) if len(spec["inputs"]) <= 16 else 10,
                "optimizer": "sgd",
                "regularization": "none",
                **{k: v for k, v in data.items() if k not in ("dataset",)},
            },
            config,
            self.datasets,
        )

    def build(self) -> None:
        """Data, split, network and optimizer from the settings (all seeded)."""
        c = self.config
        example = self.examples.get(c.dataset)
        self.spec: Spec | None = None
        self.train_biases = True
        self.output_activation = "sigmoid"
        self.outputs = 1
        if example is not None:
            spec = parse_spec(example, source=c.dataset)
            self.spec = spec
            self.points = spec.inputs.copy()
            self.targets = spec.targets.copy()
            t = spec.targets
            self.classification = bool(
                (
                    np.all(np.isin(t, (0.0, 1.0)))
                    and (t.shape[1] == 1 or np.all(t.sum(axis=1) == 1.0))
                )
                or spec.network.loss_name == "hinge"
            )
            self.train_idx = self.test_idx = np.arange(len(self.points))
            self.train_biases = spec.train_biases
            self.output_activation = spec.network.layers[-1].activation
            self.outputs = spec.network.output_size
        elif c.dataset == "upload" and self.upload is not None:
            self.points, self.targets, self.classification = self.upload
            self.train_idx, self.test_idx = split(len(self.points), c.train_percent, c.seed)
        else:
            self.points, self.targets = generate(c.dataset, c.samples, c.noise, c.seed)
            self.classification = c.dataset in CLASSIFICATION
            self.train_idx, self.test_idx = split(len(self.points), c.train_percent, c.seed)
            if not self.classification:
                self.output_activation = "identity"
        if c.loss == "binary_cross_entropy" and self.output_activation != "sigmoid":
            raise ProtocolError(
                "loss 'binary_cross_entropy' needs a sigmoid output: expected half_sse or "
                "mse for this data set",
                "loss",
            )
        self.inputs = features(self.points, list(c.features))
        self.grid_inputs = features(GRID_POINTS, list(c.features))
        self.neuron_inputs = features(NEURON_POINTS, list(c.features))
        self.network = self._network(example)
        self.optimizer = make_optimizer(c.optimizer, c.learning_rate)
        self.rng = np.random.default_rng(c.seed + 2)
        self.epoch = 0
        self.steps = 0
        self.order = self.rng.permutation(self.train_idx)
        self.position = 0
        self.history: list[tuple[int, float, float]] = []
        self.phase: int = -1
        self.phase_trace: StepTrace | None = None
        self.phase_update: dict[str, Any] | None = None
        self.diverged = None
        self.record()

    def _network(self, example: dict[str, Any] | None) -> Network:
        c = self.config
        sizes = [len(c.features), *c.hidden, self.outputs]
        acts = [*c.activations, self.output_activation]
        if example is not None and self.spec is not None:
            net = self.spec.network
            same = [lay.units for lay in net.layers] == sizes[1:] and [
                lay.activation for lay in net.layers
            ] == acts
            if same and c.features == ("x1", "x2"):
                return Network(net.copy().layers, c.loss)
        bias = "shared" if example is not None else "per_neuron"
        rng = np.random.default_rng(c.seed + 3)
        layers = [
            Dense(sizes[k], sizes[k + 1], acts[k], bias, rng=rng) for k in range(len(sizes) - 1)
        ]
        for lay in layers:  # small random biases, as the playground starts them
            if lay.biases is not None:
                lay.biases.data[...] = rng.uniform(-0.1, 0.1, lay.biases.data.shape)
        return Network(layers, c.loss)

    def load_upload(self, name: str, blob: bytes) -> None:
        """Hold an uploaded CSV or .npz (in memory) and switch the data set to it."""
        self.upload = parse_upload(name, blob)
        self.configure({"dataset": "upload"})
        self.build()

    # -- training -------------------------------------------------------------------------
    def batch_indices(self) -> np.ndarray:
        """The samples of the next training step (the current batch)."""
        if self.position >= len(self.order):
            self.order = self.rng.permutation(self.train_idx)
            self.position = 0
        return self.order[self.position : self.position + self.config.batch_size]

    def train_batch(self) -> None:
        """One step of the optimizer on the current batch, then the regularisation."""
        idx = self.batch_indices()
        train_step(
            self.network,
            self.inputs[idx],
            self.targets[idx],
            self.optimizer,
            self.train_biases,
        )
        self.regularize()
        self.steps += 1
        self.position += len(idx)
        if self.position >= len(self.order):
            self.epoch += 1

    def regularize(self) -> None:
        c = self.config
        if c.regularization == "none" or c.reg_rate == 0:
            return
        rate = c.learning_rate * c.reg_rate
        for lay in self.network.layers:
            w = lay.weights.data
            w -= rate * (np.sign(w) if c.regularization == "l1" else w)

    def train_epoch(self, budget: float | None = None) -> bool:
        """Train to the end of the current epoch (or until ``budget`` seconds have gone);
        True when an epoch was completed. A diverged loss pauses the session."""
        start = time.perf_counter()
        epoch, position, steps = self.epoch, self.position, self.steps
        saved = [p.data.copy() for p in self.network.parameters()]
        self.phase, self.phase_trace = -1, None
        try:
            with np.errstate(over="ignore", invalid="ignore"):
                while self.epoch == epoch:
                    self.train_batch()
                    if budget is not None and time.perf_counter() - start > budget:
                        break
        except DivergenceError as exc:
            # the weights of the frame's start again (finite), a fresh optimizer, paused
            for p, data in zip(self.network.parameters(), saved, strict=True):
                p.data[...] = data
            self.optimizer = make_optimizer(self.config.optimizer, self.config.learning_rate)
            self.epoch, self.position, self.steps = epoch, position, steps
            self.playing = False
            self.diverged = str(exc)
            return False
        if self.epoch != epoch:
            self.record()
            return True
        return False

    def losses(self) -> tuple[float, float]:
        """(train loss, test loss): the network's loss on each part of the data, from one
        forward pass over all the points."""
        with no_grad():
            out = self.network.forward(self.inputs).data
            net = self.network.layers[-1].net.data  # type: ignore[union-attr]
            return self._loss(out, net, self.train_idx), self._loss(out, net, self.test_idx)

    def _loss(self, out: np.ndarray, net: np.ndarray, idx: np.ndarray) -> float:
        loss = compute_loss(
            self.network.loss_name,
            Tensor(out[idx], requires_grad=False),
            Tensor(net[idx], requires_grad=False),
            self.targets[idx],
        )
        return float(loss.item())

    def record(self) -> None:
        train, test = self.losses()
        self.history.append((self.epoch, train, test))
        if len(self.history) > MAX_HISTORY:
            self.history = self.history[::2]

    def reset(self) -> None:
        """The network's initial weights again (same seed), epoch 0, history cleared."""
        self.playing = False
        self.build()

    def regenerate(self) -> None:
        """New points: the seed moves on (the URL then holds it)."""
        self.configure({"seed": (self.config.seed + 1) % 2**31})

    # -- editing and explaining -----------------------------------------------------------
    def edit(self, name: str, value: float) -> None:
        """Set weight or bias ``name`` (w1…, b1… as ``chainrule explain`` numbers them)."""
        kind, k, j, i = self._where(name)
        lay = self.network.layers[k]
        if kind == "w":
            lay.weights.data[j, i] = value
        else:
            assert lay.biases is not None
            lay.biases.data[j] = value
        self.phase, self.phase_trace = -1, None

    def _where(self, name: str) -> tuple[str, int, int, int]:
        try:
            return locate(self._shape_trace(), name)
        except ChainruleError as exc:
            raise ProtocolError(str(exc), "name", 404 if "no such" in str(exc) else 400) from None

    def _shape_trace(self) -> StepTrace:
        """A stand-in with the layers' shapes, for naming parameters."""
        from types import SimpleNamespace

        layers = [
            SimpleNamespace(
                weights=lay.weights.data, biases=None if lay.biases is None else lay.biases.data
            )
            for lay in self.network.layers
        ]
        return SimpleNamespace(layers=layers)  # type: ignore[return-value]

    def derive_batch(self) -> np.ndarray:
        return self.batch_indices()[:DERIVE_SAMPLES]

    def _trace(self) -> StepTrace:
        idx = self.derive_batch()
        return trace_step(
            self.network.copy(),
            self.inputs[idx],
            self.targets[idx],
            self.config.learning_rate,
            self.train_biases,
        )

    def derivation(self, name: str, lang: str | None = None) -> dict[str, Any]:
        """Parameter ``name``'s chain rule on the current batch, as ``chainrule explain``'s
        HTML (MathML), and the path its gradient travels (edges and neurons)."""
        kind, k, j, i = self._where(name)
        trace = self._trace()
        lang = lang or self.config.lang
        html = render_html_fragment(parameter_items(trace, name), lang, DIGITS)
        return {
            "name": name,
            "html": html,
            "path": self.gradient_path(kind, k, j, i),
            "samples": len(trace.inputs),
            "optimizer": self.config.optimizer,
            "regularization": self.config.regularization,
        }

    def gradient_path(self, kind: str, k: int, j: int, i: int) -> dict[str, list[str]]:
        """The edges and neurons between the outputs and the parameter."""
        names = self.names()
        edges = [names["w"][k][j][i]] if kind == "w" else []
        nodes = [f"n{k}_{j}"]
        last = len(self.network.layers) - 1
        if kind == "b" and self.network.layers[k].bias == "shared":
            nodes = [f"n{k}_{u}" for u in range(self.network.layers[k].units)]
        sources = {int(n.split("_")[1]) for n in nodes}
        for m in range(k + 1, last + 1):
            lay = self.network.layers[m]
            for u in range(lay.units):
                for s in sources:
                    edges.append(names["w"][m][u][s])
            nodes += [f"n{m}_{u}" for u in range(lay.units)]
            sources = set(range(lay.units))
        return {"edges": edges, "nodes": nodes}

    def neuron_name(self, k: int, j: int) -> str:
        """h1, h2 (one hidden layer), h1_2 (layer 1, neuron 2 of several), o1: as
        ``chainrule explain`` writes them."""
        count = len(self.network.layers)
        if k == count - 1:
            return f"o{j + 1}"
        return f"h{j + 1}" if count == 2 else f"h{k + 1}_{j + 1}"

    def names(self) -> dict[str, list]:
        """w1… and b1… as ``chainrule explain`` numbers them: layer by layer, destination
        neuron by destination neuron, source by source."""
        w_names: list[list[list[str]]] = []
        b_names: list[list[str]] = []
        w = b = 0
        for lay in self.network.layers:
            rows, cols = lay.weights.data.shape
            w_names.append([[f"w{w + j * cols + i + 1}" for i in range(cols)] for j in range(rows)])
            w += rows * cols
            if lay.biases is None:
                b_names.append([])
            else:
                count = lay.biases.data.size
                b_names.append([f"b{b + (0 if count == 1 else j) + 1}" for j in range(rows)])
                b += count
        return {"w": w_names, "b": b_names}

    # -- step mode ------------------------------------------------------------------------
    def next_phase(self) -> dict[str, Any]:
        """Advance step mode: forward → error → backward → update → forward …"""
        self.phase = (self.phase + 1) % len(PHASES)
        phase = PHASES[self.phase]
        if phase == "forward" or self.phase_trace is None:
            self.phase = 0
            phase = "forward"
            self.phase_trace = self._trace()
        t = self.phase_trace
        names = self.names()
        n = 0  # the values shown on the neurons are the first sample's
        out: dict[str, Any] = {"phase": phase, "samples": len(t.inputs)}
        if phase == "forward":
            out["neurons"] = {
                f"n{k}_{j}": {
                    "net": format_number(float(lay.net[n, j]), DIGITS),
                    "out": format_number(float(lay.out[n, j]), DIGITS),
                }
                for k, lay in enumerate(t.layers)
                for j in range(lay.net.shape[1])
            }
            out["inputs"] = [format_number(float(v), DIGITS) for v in t.inputs[n]]
        elif phase == "error":
            out["error"] = format_number(t.loss, DIGITS)
            out["targets"] = [format_number(float(v), DIGITS) for v in t.targets[n]]
        elif phase == "backward":
            out["neurons"] = {
                f"n{k}_{j}": {"delta": format_number(float(lay.delta[n, j]), DIGITS)}
                for k, lay in enumerate(t.layers)
                for j in range(lay.net.shape[1])
            }
            out["partials"] = {
                names["w"][k][j][i]: format_number(float(lay.grad_weights[j, i]), DIGITS)
                for k, lay in enumerate(t.layers)
                for j in range(lay.grad_weights.shape[0])
                for i in range(lay.grad_weights.shape[1])
            }
        else:  # update: the optimizer's real step on the same batch
            before = [lay.weights.data.copy() for lay in self.network.layers]
            self.train_batch()
            out["updates"] = {
                names["w"][k][j][i]: [
                    format_number(float(before[k][j, i]), DIGITS),
                    format_number(float(lay.weights.data[j, i]), DIGITS),
                ]
                for k, lay in enumerate(self.network.layers)
                for j in range(lay.weights.data.shape[0])
                for i in range(lay.weights.data.shape[1])
            }
            self.record()
            self.phase_trace = None
            self.phase = -1
        return out

    # -- what the page draws --------------------------------------------------------------
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
        columns the predicted one (one output: out ≥ 0.5 is class 1; several: the largest
        output's index, as a classifier predicts)."""
        if not self.classification:
            return {}
        with no_grad():
            out = self.network.forward(self.inputs[self.test_idx]).data
        targets = self.targets[self.test_idx]
        if out.shape[1] == 1:
            pred = (out[:, 0] >= 0.5).astype(int)
            truth = (targets[:, 0] >= 0.5).astype(int)
            classes = 2
        else:
            pred, truth, classes = out.argmax(axis=1), targets.argmax(axis=1), out.shape[1]
        matrix = np.zeros((classes, classes), dtype=int)
        np.add.at(matrix, (truth, pred), 1)
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
        """Everything the page draws; ``full`` adds the settings, data and whole history;
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
            "diverged": self.diverged,
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
        else:
            state["history_point"] = list(self.history[-1]) if self.history else None
        return state

    def to_spec(self) -> dict[str, Any]:
        """The page's network and current batch as a spec: ``chainrule explain --spec``
        on it prints the derivation the page shows."""
        idx = self.derive_batch()
        spec = Spec(
            self.network.copy(),
            self.inputs[idx],
            self.targets[idx],
            self.config.learning_rate,
            self.train_biases,
        )
        data = spec.to_dict()
        data["name"] = f"studio-{self.config.dataset}"
        data["description"] = "inputs: " + ", ".join(
            f"i{n + 1} = {FEATURE_LABELS[f]}" for n, f in enumerate(self.config.features)
        )
        return data
