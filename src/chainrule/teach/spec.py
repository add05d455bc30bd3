"""Network specs: a JSON file that types in a textbook network with its numbers.

    {"input_size": 2,
     "layers": [{"units": 2, "activation": "sigmoid", "bias": "shared",
                 "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35]}, …],
     "loss": "half_sse", "learning_rate": 0.5, "train_biases": false,
     "inputs": [[0.05, 0.10]], "targets": [[0.01, 0.99]]}

``weights[j][i]`` is the weight from input i to neuron j; ``biases`` has one value per
neuron (``per_neuron``), one value (``shared``) or is absent (``none``). A layer without
``weights`` is initialised at random from ``seed``. Every problem is reported as a
:class:`ChainruleError` naming the field and what was expected.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from chainrule.errors import ChainruleError, did_you_mean
from chainrule.nn import ACTIVATIONS, BIAS_MODES, Dense, Network
from chainrule.nn.losses import LOSSES, check_targets
from chainrule.util import limits

MAX_WEIGHTS = 50_000_000  # per layer: a spec is typed by hand, this guards memory
MAX_SPEC_PARAMETERS = 10_000_000  # in all: explained and drawn number by number

LAYER_FIELDS = {"units", "activation", "bias", "weights", "biases", "init"}
SPEC_FIELDS = {
    "input_size",
    "layers",
    "loss",
    "learning_rate",
    "train_biases",
    "inputs",
    "targets",
    "seed",
    "name",
    "description",
}


@dataclass
class Spec:
    """A parsed spec: the network, its samples and how to train it."""

    network: Network
    inputs: np.ndarray
    targets: np.ndarray
    learning_rate: float
    train_biases: bool
    name: str = "spec"
    description: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The spec as JSON-ready data (current weights)."""
        layers = []
        for layer in self.network.layers:
            entry: dict[str, Any] = {
                "units": layer.units,
                "activation": layer.activation,
                "bias": layer.bias,
                "weights": layer.weights.data.tolist(),
            }
            if layer.biases is not None:
                entry["biases"] = layer.biases.data.tolist()
            layers.append(entry)
        return {
            "input_size": self.network.input_size,
            "layers": layers,
            "loss": self.network.loss_name,
            "learning_rate": self.learning_rate,
            "train_biases": self.train_biases,
            "inputs": self.inputs.tolist(),
            "targets": self.targets.tolist(),
        }


def load_spec(path: str | Path) -> Spec:
    """Read and check a spec file."""
    return parse_spec(read_spec_json(path), source=str(path))


def read_spec_json(path: str | Path) -> Any:
    """A spec file's JSON data, not yet checked as a spec."""
    return _json(read_json_text(path, "spec file"), str(path))


def read_json_text(path: str | Path, what: str, max_bytes: int | None = None) -> str:
    """The text of a JSON file the user named (``what``: "spec file", "answer file"), with
    one-line errors; a file over ``max_bytes`` is refused before it is read."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if max_bytes is not None and size > max_bytes:
            raise ChainruleError(
                f"{what} {str(p)!r} has {size:,} bytes: expected at most {max_bytes:,}"
            )
        return p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ChainruleError(f"{what} {str(p)!r} does not exist") from None
    except IsADirectoryError:
        raise ChainruleError(f"{what} {str(p)!r} is a directory, expected a JSON file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ChainruleError(f"{what} {str(p)!r} cannot be read: {exc}") from None


def parse_spec_text(text: str, source: str = "spec") -> Spec:
    """Parse JSON text into a :class:`Spec`."""
    return parse_spec(_json(text, source), source=source)


def _json(text: str, source: str) -> Any:
    try:
        return limits.loads(text, finite=False)  # numbers are checked field by field
    except ChainruleError as exc:
        raise ChainruleError(f"{source}: {exc}") from None
    except json.JSONDecodeError as exc:
        raise ChainruleError(
            f"{source} is not valid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}"
        ) from None


def parse_spec(data: Any, source: str = "spec") -> Spec:
    """Check a spec given as Python data and build its network."""
    where = source
    if not isinstance(data, dict):
        raise ChainruleError(f"{where}: expected a JSON object, got {_kind(data)}")
    unknown = sorted(set(data) - SPEC_FIELDS)
    if unknown:
        raise ChainruleError(
            f"{where}: unknown field {unknown[0]!r}: expected {', '.join(sorted(SPEC_FIELDS))}"
            f"{did_you_mean(unknown[0], SPEC_FIELDS)}"
        )
    for required in ("input_size", "layers", "inputs", "targets"):
        if required not in data:
            raise ChainruleError(f"{where}: missing field {required!r}")

    input_size = _positive_int(data["input_size"], f"{where}: input_size")
    layers_data = data["layers"]
    if not isinstance(layers_data, list):
        raise ChainruleError(
            f"{where}: layers must be a list of layer objects, got {_kind(layers_data)}"
        )
    if not layers_data:
        raise ChainruleError(f"{where}: layers is empty, expected at least one layer")
    seed = data.get("seed", 0)
    if not isinstance(seed, int) or isinstance(seed, bool) or seed < 0:
        raise ChainruleError(f"{where}: seed {_show(seed)}: expected a whole number >= 0")
    rng = np.random.default_rng(seed)
    sizes = [input_size]
    for entry in layers_data:
        units = entry.get("units") if isinstance(entry, dict) else None
        if isinstance(units, int) and not isinstance(units, bool) and units >= 1:
            sizes.append(units)
    limits.check_parameters(sizes, budget=MAX_SPEC_PARAMETERS)
    rows = data["inputs"]
    if isinstance(rows, list):
        limits.check_memory(len(rows) * input_size * 8, f"{where}: inputs")

    layers: list[Dense] = []
    fan_in = input_size
    for k, entry in enumerate(layers_data):
        layers.append(_parse_layer(entry, fan_in, f"{where}: layers[{k}]", rng))
        fan_in = layers[-1].units

    loss = data.get("loss", "half_sse")
    if not isinstance(loss, str) or loss not in LOSSES:
        raise ChainruleError(
            f"{where}: unknown loss {_show(loss)}: expected one of {', '.join(LOSSES)}"
            f"{did_you_mean(loss, LOSSES) if isinstance(loss, str) else ''}"
        )
    try:
        network = Network(layers, loss)
    except ChainruleError as exc:
        raise ChainruleError(f"{where}: {exc}") from None

    learning_rate = data.get("learning_rate", 0.5)
    if not _is_number(learning_rate) or not learning_rate > 0:
        raise ChainruleError(
            f"{where}: learning_rate {_show(learning_rate)}: expected a number > 0"
        )
    train_biases = data.get("train_biases", True)
    if not isinstance(train_biases, bool):
        raise ChainruleError(f"{where}: train_biases {_show(train_biases)}: expected true or false")

    inputs = _matrix(data["inputs"], f"{where}: inputs", None, input_size)
    targets = _matrix(data["targets"], f"{where}: targets", None, network.output_size)
    if len(inputs) != len(targets):
        raise ChainruleError(
            f"{where}: {len(inputs)} inputs but {len(targets)} targets: "
            "expected one target row per input"
        )
    try:
        check_targets(loss, targets)
    except ChainruleError as exc:
        raise ChainruleError(f"{where}: {exc}") from None
    name = data.get("name", Path(source).stem if source != "spec" else "spec")
    return Spec(
        network,
        inputs,
        targets,
        float(learning_rate),
        train_biases,
        name=str(name),
        description=str(data.get("description", "")),
    )


def _parse_layer(entry: Any, fan_in: int, where: str, rng: np.random.Generator) -> Dense:
    if not isinstance(entry, dict):
        raise ChainruleError(f"{where}: expected a layer object, got {_kind(entry)}")
    unknown = sorted(set(entry) - LAYER_FIELDS)
    if unknown:
        raise ChainruleError(
            f"{where}: unknown field {unknown[0]!r}: expected {', '.join(sorted(LAYER_FIELDS))}"
            f"{did_you_mean(unknown[0], LAYER_FIELDS)}"
        )
    if "units" not in entry:
        raise ChainruleError(f"{where}: missing field 'units'")
    units = _positive_int(entry["units"], f"{where}.units")
    if units * fan_in > MAX_WEIGHTS:
        raise ChainruleError(
            f"{where}: {units}×{fan_in} weights: expected at most {MAX_WEIGHTS:,} in one layer"
        )
    activation = entry.get("activation", "sigmoid")
    if not isinstance(activation, str) or activation not in ACTIVATIONS:
        raise ChainruleError(
            f"{where}: unknown activation {_show(activation)}: "
            f"expected one of {', '.join(ACTIVATIONS)}"
            f"{did_you_mean(activation, ACTIVATIONS) if isinstance(activation, str) else ''}"
        )
    bias = entry.get("bias", "per_neuron")
    if not isinstance(bias, str) or bias not in BIAS_MODES:
        raise ChainruleError(
            f"{where}: unknown bias mode {_show(bias)}: expected one of {', '.join(BIAS_MODES)}"
            f"{did_you_mean(bias, BIAS_MODES) if isinstance(bias, str) else ''}"
        )
    weights = None
    if "weights" in entry:
        weights = _matrix(entry["weights"], f"{where}.weights", units, fan_in)
    biases = None
    if bias == "none":
        if entry.get("biases") not in (None, []):
            raise ChainruleError(f"{where}.biases: given for bias mode 'none', expected no biases")
    elif "biases" in entry:
        count = units if bias == "per_neuron" else 1
        biases = _vector(entry["biases"], f"{where}.biases", count, bias)
    init = entry.get("init", "auto")
    try:
        return Dense(fan_in, units, activation, bias, weights, biases, init=init, rng=rng)
    except ChainruleError as exc:
        raise ChainruleError(f"{where}: {exc}") from None


def _show(value: Any) -> str:
    """A value for a message: true, false and null as JSON writes them, others as Python."""
    if value is None or isinstance(value, bool):
        return json.dumps(value)
    return repr(value)[:60]


def _kind(value: Any) -> str:
    if value is None:
        return "null"
    return {
        bool: "a boolean",
        int: "a number",
        float: "a number",
        str: "a string",
        list: "a list",
        dict: "an object",
    }.get(type(value), type(value).__name__)


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _positive_int(value: Any, where: str) -> int:
    if not isinstance(value, int) or isinstance(value, bool) or value < 1:
        raise ChainruleError(f"{where} {_show(value)}: expected a whole number >= 1")
    return value


def _number(value: Any, where: str) -> float:
    if isinstance(value, float) and not math.isfinite(value):
        raise ChainruleError(f"{where} is {_show(value)}: expected a finite number")
    if not _is_number(value):
        raise ChainruleError(f"{where} is {_kind(value)} {_show(value)}: expected a number")
    return float(value)


def _vector(value: Any, where: str, count: int, bias: str) -> np.ndarray:
    if _is_number(value) and count == 1:
        value = [value]
    if not isinstance(value, list):
        raise ChainruleError(f"{where}: expected a list of {count} numbers, got {_kind(value)}")
    if len(value) != count:
        raise ChainruleError(
            f"{where} has {len(value)} values, expected {count} for bias mode {_show(bias)}"
        )
    return np.array([_number(v, f"{where}[{i}]") for i, v in enumerate(value)])


def _matrix(value: Any, where: str, rows: int | None, cols: int) -> np.ndarray:
    """A list of ``rows`` lists of ``cols`` finite numbers (any number of rows if None)."""
    shape = f"{rows if rows is not None else 'N'}×{cols}"
    if not isinstance(value, list):
        raise ChainruleError(f"{where}: expected a {shape} list of lists, got {_kind(value)}")
    if rows is None and not value:
        raise ChainruleError(f"{where} is empty: expected at least one row of {cols} numbers")
    if rows is not None and len(value) != rows:
        raise ChainruleError(f"{where} has {len(value)} rows, expected {shape}")
    out = np.empty((len(value), cols))
    for r, row in enumerate(value):
        if not isinstance(row, list):
            raise ChainruleError(
                f"{where}[{r}]: expected a list of {cols} numbers, got {_kind(row)}"
            )
        if len(row) != cols:
            raise ChainruleError(f"{where}[{r}] has {len(row)} numbers, expected {shape}")
        for c, v in enumerate(row):
            out[r, c] = _number(v, f"{where}[{r}][{c}]")
    return out
