"""What the page may ask: the settings of a session and the messages over its WebSocket.

Every value is checked here, before it reaches the engine; a bad one raises
:class:`ProtocolError` naming the field, the value and what was expected, which the
server answers with a 4xx JSON error (``{"error": …, "field": …}``, the message in the
session's language) or, on the
WebSocket, an ``{"type": "error", "status": 400, …}`` message. The limits keep a
session small: at most :data:`MAX_HIDDEN_LAYERS` hidden layers of
:data:`MAX_NEURONS` neurons, :data:`MAX_SAMPLES` points.
"""

from __future__ import annotations

import math
import re
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from chainrule.errors import ChainruleError
from chainrule.nn.activations import elementwise_names
from chainrule.nn.losses import LOSSES as LOSS_RECORDS
from chainrule.studio.data import DATASETS, FEATURES, MAX_SAMPLES
from chainrule.studio.i18n import error_body
from chainrule.util.language import LANGUAGES

MAX_HIDDEN_LAYERS = 6
MAX_NEURONS = 8
MAX_MESSAGE_BYTES = 64 * 1024
MAX_EDITS = 64
PARAMETER = re.compile(r"^[wb][1-9][0-9]{0,5}$")
EDIT_LIMIT = 100.0  # |value| of a weight set by hand
MAX_ANSWERS = 256  # typed answers in one check (Mazur's example asks 43)
MAX_ANSWER_LENGTH = 40  # characters of one typed number
ANSWER_NAME = re.compile(r"^[A-Za-z0-9_/+]{1,40}$")  # net_h1, dE/dw5, w5+, …
NUMBER = re.compile(r"^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)([eE][+-]?[0-9]+)?$")
ACTIVATIONS = elementwise_names()  # a hidden layer's choices: the records but softmax
LOSSES = ("half_sse", "mse", "binary_cross_entropy")  # the page's choices for its outputs
# also those of an opened model's outputs: every other loss record
MODEL_LOSSES = tuple(name for name in LOSS_RECORDS if name not in LOSSES)
OPTIMIZERS = ("sgd", "momentum", "adam")
REGULARIZATIONS = ("none", "l1", "l2")
LEARNING_RATES = (0.00001, 0.0001, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 0.5, 1.0, 3.0, 10.0)
REG_RATES = (0.0, 0.001, 0.003, 0.01, 0.03, 0.1, 0.3, 1.0, 3.0, 10.0)
BATCH_SIZES = (1, 2, 4, 5, 10, 16, 20, 30, 50, 100, 200)


class ProtocolError(ChainruleError):
    """A request the studio cannot take: ``field`` names what was wrong, ``status`` is
    the HTTP status to answer with (400 bad value, 404 unknown, 413 too large, …)."""

    def __init__(self, message: str, field: str | None = None, status: int = 400) -> None:
        super().__init__(message)
        self.field = field
        self.status = status

    def to_dict(self, lang: str = "en") -> dict[str, Any]:
        """The JSON error: the message in ``lang`` (and in English), the field, the status."""
        return error_body(str(self), self.field, self.status, lang)


@dataclass(frozen=True)
class Config:
    """A session's settings: everything the page's URL holds."""

    dataset: str = "circle"
    noise: int = 0
    train_percent: int = 50
    samples: int = 400
    seed: int = 0
    features: tuple[str, ...] = ("x1", "x2")
    hidden: tuple[int, ...] = (4, 2)
    activations: tuple[str, ...] = ("tanh", "tanh")
    loss: str = "half_sse"
    learning_rate: float = 0.03
    regularization: str = "none"
    reg_rate: float = 0.0
    batch_size: int = 10
    optimizer: str = "sgd"
    lang: str = "en"
    edits: tuple[tuple[str, float], ...] = ()  # weights and biases set by hand, in order

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["features"] = list(self.features)
        data["hidden"] = list(self.hidden)
        data["activations"] = list(self.activations)
        data["edits"] = [list(e) for e in self.edits]
        return data


CONFIG_FIELDS = tuple(f.name for f in fields(Config))


def _choice(name: str, value: Any, choices: tuple[Any, ...]) -> Any:
    if value not in choices:
        shown = ", ".join(str(c) for c in choices)
        raise ProtocolError(f"{name} {value!r}: expected one of {shown}", name)
    return value


def _whole(name: str, value: Any, low: int, high: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ProtocolError(f"{name} {value!r}: expected a whole number from {low} to {high}", name)
    try:
        number = float(value)
    except ValueError:
        raise ProtocolError(
            f"{name} {value!r}: expected a whole number from {low} to {high}", name
        ) from None
    if not (math.isfinite(number) and number == int(number) and low <= number <= high):
        raise ProtocolError(f"{name} {value!r}: expected a whole number from {low} to {high}", name)
    return int(number)


def _number(name: str, value: Any, low: float, high: float, open_low: bool = False) -> float:
    bound = f"{'>' if open_low else '>='} {low:g} and <= {high:g}"
    if isinstance(value, bool) or not isinstance(value, int | float | str):
        raise ProtocolError(f"{name} {value!r}: expected a number {bound}", name)
    try:
        number = float(value)
    except ValueError:
        raise ProtocolError(f"{name} {value!r}: expected a number {bound}", name) from None
    above = number > low if open_low else number >= low
    if not (math.isfinite(number) and above and number <= high):
        raise ProtocolError(f"{name} {value!r}: expected a number {bound}", name)
    return number


def _list(name: str, value: Any) -> list[Any]:
    if isinstance(value, str):
        return [] if value == "" else value.split(",")
    if isinstance(value, list | tuple):
        return list(value)
    raise ProtocolError(f"{name} {value!r}: expected a list (or comma-separated text)", name)


def parse_config(data: Any, base: Config | None = None, datasets: tuple[str, ...] = ()) -> Config:
    """``base`` (default :class:`Config`) with the fields of ``data`` checked and set.

    ``datasets`` are the names allowed besides the generated sets (the textbook examples,
    ``upload`` once a file is uploaded). Values may be text, as in a URL's query."""
    if not isinstance(data, dict):
        raise ProtocolError(f"config: expected a JSON object, got {type(data).__name__}", "config")
    unknown = sorted(set(data) - set(CONFIG_FIELDS))
    if unknown:
        raise ProtocolError(
            f"config field {unknown[0]!r} is unknown: expected {', '.join(CONFIG_FIELDS)}",
            unknown[0],
        )
    base = base or Config()
    out: dict[str, Any] = {}
    for key, value in data.items():
        if key == "dataset":
            out[key] = _choice(key, value, DATASETS + tuple(datasets))
        elif key == "noise":
            out[key] = _whole(key, value, 0, 50)
        elif key == "train_percent":
            out[key] = _whole(key, value, 10, 90)
        elif key == "samples":
            out[key] = _whole(key, value, 10, MAX_SAMPLES)
        elif key == "seed":
            out[key] = _whole(key, value, 0, 2**31 - 1)
        elif key == "features":
            names = [_choice(key, v, tuple(FEATURES)) for v in _list(key, value)]
            if not names or len(set(names)) != len(names):
                raise ProtocolError(
                    f"features {value!r}: expected one or more of {', '.join(FEATURES)}, each once",
                    key,
                )
            out[key] = tuple(n for n in FEATURES if n in names)  # the page's order
        elif key == "hidden":
            sizes = _list(key, value)
            if len(sizes) > MAX_HIDDEN_LAYERS:
                raise ProtocolError(
                    f"hidden {value!r}: {len(sizes)} hidden layers, expected at most "
                    f"{MAX_HIDDEN_LAYERS}",
                    key,
                )
            out[key] = tuple(_whole("hidden layer size", s, 1, MAX_NEURONS) for s in sizes)
        elif key == "activations":
            out[key] = tuple(_choice("activation", a, ACTIVATIONS) for a in _list(key, value))
        elif key == "loss":
            out[key] = _choice(key, value, LOSSES + MODEL_LOSSES)
        elif key == "learning_rate":
            out[key] = _number(key, value, 0.0, 10.0, open_low=True)
        elif key == "regularization":
            out[key] = _choice(key, value, REGULARIZATIONS)
        elif key == "reg_rate":
            out[key] = _number(key, value, 0.0, 10.0)
        elif key == "batch_size":
            out[key] = _whole(key, value, 1, MAX_SAMPLES)
        elif key == "optimizer":
            out[key] = _choice(key, value, OPTIMIZERS)
        elif key == "lang":
            out[key] = _choice(key, value, LANGUAGES)
        elif key == "edits":
            out[key] = _edits(value)
    config = replace(base, **out)
    # one activation per hidden layer: a shorter list repeats its last (or tanh)
    acts = list(config.activations[: len(config.hidden)])
    while len(acts) < len(config.hidden):
        acts.append(acts[-1] if acts else "tanh")
    return replace(config, activations=tuple(acts))


def _edits(value: Any) -> tuple[tuple[str, float], ...]:
    """``"w5:0.3,b1:-0.2"`` (a URL's) or ``[["w5", 0.3], …]``: later edits of one name win."""
    items = _list("edits", value)
    if len(items) > MAX_EDITS:
        raise ProtocolError(f"edits: {len(items)} of them, expected at most {MAX_EDITS}", "edits")
    found: dict[str, float] = {}
    for item in items:
        pair = item.split(":") if isinstance(item, str) else item
        if not isinstance(pair, list | tuple) or len(pair) != 2:
            raise ProtocolError(f"edit {item!r}: expected NAME:VALUE, like w5:0.3", "edits")
        name = pair[0]
        if not isinstance(name, str) or not PARAMETER.match(name):
            raise ProtocolError(f"edit {item!r}: expected a name w1, w2, … or b1, …", "edits")
        found.pop(name, None)
        found[name] = _number("edits", pair[1], -EDIT_LIMIT, EDIT_LIMIT)
    return tuple(found.items())


MESSAGES = {
    "init": ("config",),
    "set": ("config",),
    "play": (),
    "pause": (),
    "step": (),
    "reset": (),
    "regenerate": (),
    "phase": (),
    "edit": ("name", "value"),
    "derive": ("name",),
    "check": ("answers",),
    "ping": (),
}


def parse_message(data: Any) -> dict[str, Any]:
    """A WebSocket message: a JSON object with a known ``type`` and that type's fields."""
    if not isinstance(data, dict):
        raise ProtocolError(f"message: expected a JSON object, got {type(data).__name__}", "type")
    kind = data.get("type")
    if kind not in MESSAGES:
        raise ProtocolError(f"message type {kind!r}: expected one of {', '.join(MESSAGES)}", "type")
    wanted = MESSAGES[kind]
    extra = sorted(set(data) - {"type", *wanted})
    if extra:
        raise ProtocolError(f"message {kind!r}: unexpected field {extra[0]!r}", extra[0])
    for key in wanted:
        if key not in data:
            raise ProtocolError(f"message {kind!r}: missing field {key!r}", key)
    if kind == "edit":
        data = {**data, "value": _number("value", data["value"], -EDIT_LIMIT, EDIT_LIMIT)}
    if kind in ("edit", "derive") and not isinstance(data["name"], str):
        raise ProtocolError(f"name {data['name']!r}: expected w1, w2, … or b1, …", "name")
    if kind == "check":
        data = {**data, "answers": _answers(data["answers"])}
    return data


def _answers(value: Any) -> dict[str, str]:
    """An exercise's typed answers: ``{"out_h1": "0.5933", …}``, each value a number
    written as text (its digits set the rounding allowance) or "" (left blank)."""
    if not isinstance(value, dict):
        raise ProtocolError(
            f"answers: expected an object of names and numbers, got {type(value).__name__}",
            "answers",
        )
    if len(value) > MAX_ANSWERS:
        raise ProtocolError(
            f"answers: {len(value)} of them, expected at most {MAX_ANSWERS}", "answers"
        )
    for name, text in value.items():
        if not ANSWER_NAME.match(name):
            raise ProtocolError(
                f"answer name {name[:40]!r}: expected a name like out_h1, dE/dw5 or w5+", "answers"
            )
        if not isinstance(text, str) or len(text) > MAX_ANSWER_LENGTH:
            shown = text[:20] + "…" if isinstance(text, str) else repr(text)
            raise ProtocolError(
                f"answer {name} {shown!r}: expected a number as text of at most "
                f"{MAX_ANSWER_LENGTH} characters",
                name,
            )
        if text.strip() and not NUMBER.match(text.strip()):
            raise ProtocolError(f"answer {name} {text!r}: expected a number, like 0.5933", name)
    return value
