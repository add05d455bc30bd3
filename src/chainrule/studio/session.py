"""One browser tab's playground: data, network, optimizer, history; trained by the engine.

The page only draws what :meth:`Session.snapshot` returns (:mod:`.view`); what a session
explains is in :mod:`.derive`. Training is the training loop's step
(:func:`chainrule.training.loop.train_step`: the same gradients, divergence check and
optimizer update as ``fit`` and ``chainrule train``) a step at a time, so that a frame
can stop between steps, on the batches of a seeded :class:`~chainrule.data.batches.Order`
(the order ``fit``'s batches follow), whose batch to come the page shows before it is
trained. L1 and L2 regularisation are a penalty on the weights
(:mod:`chainrule.nn.penalties`) whose gradient the step adds to ∂E/∂w before the
optimizer's update: w ← w − η·(∂E/∂w + λ·sign(w)) for L1, w ← w − η·(∂E/∂w + λ·w) for L2
with gradient descent; biases untouched.
"""

from __future__ import annotations

import copy
import time
from dataclasses import replace
from typing import Any

import numpy as np

from chainrule.data.batches import Order
from chainrule.errors import ChainruleError, DivergenceError
from chainrule.nn import Dense, Network
from chainrule.nn.optimizers import make_optimizer
from chainrule.nn.penalties import Penalty, make_penalty
from chainrule.studio.data import (
    CLASSIFICATION,
    DATASETS,
    FEATURE_LABELS,
    features,
    generate,
    parse_upload,
    split,
)
from chainrule.studio.derive import Derivations
from chainrule.studio.exercise import Exercises
from chainrule.studio.protocol import MAX_EDITS, Config, ProtocolError, parse_config
from chainrule.studio.view import GRID_POINTS, NEURON_POINTS, View
from chainrule.teach.examples import SPECS
from chainrule.teach.spec import Spec, parse_spec
from chainrule.teach.trace import StepTrace
from chainrule.training.loop import evaluate_loss, train_step

# settings that change how the network trains, not what it is: applied without starting over
TRAINING_FIELDS = {"learning_rate", "regularization", "reg_rate", "batch_size", "optimizer"}
MAX_HISTORY = 500  # loss points kept (older ones thinned out)
TICK_SECONDS = 0.01  # the most training time one frame of a playing session takes


def textbook_examples() -> dict[str, dict[str, Any]]:
    """The built-in examples a 2-input page can show (Mazur's 2-2-2, the XOR truth table,
    …), by the names :mod:`chainrule.teach.examples` gives them (``xor-example`` where a
    generated data set has the name)."""
    found: dict[str, dict[str, Any]] = {}
    for name, spec in SPECS.items():
        if spec.get("input_size") != 2 or not all("weights" in lay for lay in spec["layers"]):
            continue
        if any(spec is seen for seen in found.values()):
            continue  # an alias of an example already listed
        found[f"{name}-example" if name in DATASETS else name] = spec
    return found


class Session(Derivations, Exercises, View):
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
        """Apply settings from the page: new data or a new network starts over, a training
        setting (learning rate, optimizer, …) applies from the next step."""
        before = self.config
        config = parse_config(data, before, self.datasets)
        examples = self.examples
        if config.dataset != before.dataset and config.dataset in examples:
            config = self._example_config(config, examples[config.dataset], data)
        changed = {k for k in config.to_dict() if getattr(config, k) != getattr(before, k)}
        rebuild = bool(changed - TRAINING_FIELDS - {"lang", "edits"}) or "edits" in changed
        if rebuild and "edits" not in data:
            config = replace(config, edits=())  # hand edits belong to the network they were made on
        self.config = config
        if not rebuild:
            # training settings: the network and its progress stay, the optimizer is new
            if changed & {"learning_rate", "optimizer"}:
                self.optimizer = make_optimizer(config.optimizer, config.learning_rate)
            self.order.batch_size = config.batch_size  # from the next batch on
            self.penalty = make_penalty(config.regularization, config.reg_rate)
            return
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
        # L1 or L2 on the weights (None: no regularisation), added to E by the training step
        self.penalty: Penalty | None = make_penalty(c.regularization, c.reg_rate)
        # the training samples' order: a permutation of them per epoch, cut into batches
        self.order = Order(len(self.train_idx), c.batch_size, np.random.default_rng(c.seed + 2))
        self.steps = 0
        self.history: list[tuple[int, float, float]] = []
        self.phase: int = -1
        self.phase_trace: StepTrace | None = None
        self.phase_update: dict[str, Any] | None = None
        self.diverged = None
        for name, value in c.edits:  # a link's hand-set weights
            self._set(name, value)
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

    def open_model(self, example: dict[str, Any]) -> None:
        """Switch to a model file's network (:func:`chainrule.studio.opened.model_example`),
        this session's ``model`` from now on; a network the page cannot take changes
        nothing."""
        parse_spec(example, source="model")  # refused before anything changes
        self.playing = False
        before, examples = self.config, self.examples
        self.examples = {**examples, "model": example}
        try:
            config = parse_config({"dataset": "model"}, before, self.datasets)
            self.config = replace(self._example_config(config, example, {}), edits=())
            self.build()
        except ChainruleError:
            self.config, self.examples = before, examples
            self.build()
            raise

    # -- training -------------------------------------------------------------------------
    @property
    def epoch(self) -> int:
        """Epochs completed."""
        return self.order.epoch

    def batch_indices(self) -> np.ndarray:
        """The samples of the next training step (the current batch), not yet taken."""
        return self.train_idx[self.order.current()]

    def train_batch(self) -> None:
        """One step of the training loop on the current batch (with the regularisation's
        penalty), which it then takes."""
        idx = self.batch_indices()
        train_step(
            self.network,
            self.inputs[idx],
            self.targets[idx],
            self.optimizer,
            self.train_biases,
            penalty=self.penalty,
        )
        self.steps += 1
        self.order.advance()

    def train_epoch(self, budget: float | None = None) -> bool:
        """Train to the end of the current epoch (or until ``budget`` seconds have gone);
        True when an epoch was completed. A diverged loss pauses the session."""
        start = time.perf_counter()
        self.order.current()  # the epoch's permutation drawn now, so that a rollback keeps it
        epoch, order, steps = self.epoch, copy.copy(self.order), self.steps
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
            self.order, self.steps = order, steps  # the frame's batches come again
            self.playing = False
            self.diverged = str(exc)
            return False
        if self.epoch != epoch:
            self.record()
            return True
        return False

    def losses(self) -> tuple[float, float]:
        """(train loss, test loss): the network's loss on each part of the data, by the
        training loop's evaluation (:func:`chainrule.training.loop.evaluate_loss`)."""
        train, test = self.train_idx, self.test_idx
        return (
            evaluate_loss(self.network, self.inputs[train], self.targets[train]),
            evaluate_loss(self.network, self.inputs[test], self.targets[test]),
        )

    def record(self) -> None:
        train, test = self.losses()
        self.history.append((self.epoch, train, test))
        if len(self.history) > MAX_HISTORY:
            self.history = self.history[::2]

    def reset(self) -> None:
        """The network's initial weights again (same seed, no hand edits), epoch 0, history
        cleared."""
        self.playing = False
        self.config = replace(self.config, edits=())
        self.build()

    def regenerate(self) -> None:
        """New points: the seed moves on (the URL then holds it)."""
        self.configure({"seed": (self.config.seed + 1) % 2**31})

    # -- editing and explaining -----------------------------------------------------------
    def edit(self, name: str, value: float) -> None:
        """Set weight or bias ``name`` (w1…, b1… as ``chainrule explain`` numbers them); the
        settings (and so the page's URL) remember it."""
        self._set(name, value)
        edits = dict(self.config.edits)
        edits.pop(name, None)
        edits[name] = value
        if len(edits) > MAX_EDITS:
            edits.pop(next(iter(edits)))
        self.config = replace(self.config, edits=tuple(edits.items()))

    def _set(self, name: str, value: float) -> None:
        kind, k, j, i = self._where(name)
        lay = self.network.layers[k]
        if kind == "w":
            lay.weights.data[j, i] = value
        else:
            assert lay.biases is not None
            lay.biases.data[j] = value
        self.phase, self.phase_trace = -1, None

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
