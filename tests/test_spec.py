"""Network specs: a valid spec round-trips; every malformed spec gets exit status 2 and one
line naming the problem from `chainrule explain --spec` and `chainrule train --spec`, with no
traceback, and the Python API raises ChainruleError with the same message."""

from __future__ import annotations

import copy
import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import pytest

import chainrule as cr
from chainrule import ChainruleError
from chainrule.cli import main
from chainrule.teach.examples import MAZUR
from conftest import run_cli

COMMANDS = (["explain", "--spec"], ["train", "--epochs", "3", "--spec"])


def edited(change: Callable[[dict], Any]) -> str:
    data = copy.deepcopy(MAZUR)
    change(data)
    return json.dumps(data)


def set_path(path: tuple, value: Any) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        target[path[-1]] = value

    return change


def delete(path: tuple) -> Callable[[dict], None]:
    def change(data: dict) -> None:
        target = data
        for key in path[:-1]:
            target = target[key]
        del target[path[-1]]

    return change


GOOD = json.dumps(MAZUR)

# (case id, spec text, words the message must contain)
MALFORMED: list[tuple[str, str, tuple[str, ...]]] = [
    ("not-json", '{"input_size": 2, "layers": [', ("not valid JSON", "line 1")),
    ("not-json-trailing-comma", GOOD[:-1] + ",}", ("not valid JSON",)),
    ("not-an-object", "[1, 2]", ("expected a JSON object", "a list")),
    (
        "weights-extra-column",
        edited(set_path(("layers", 0, "weights"), [[0.15, 0.2, 0.1], [0.25, 0.3, 0.1]])),
        ("layers[0].weights[0]", "3 numbers", "2×2"),
    ),
    (
        "weights-missing-row",
        edited(set_path(("layers", 1, "weights"), [[0.40, 0.45]])),
        ("layers[1].weights", "1 rows", "2×2"),
    ),
    (
        "weights-not-a-list",
        edited(set_path(("layers", 0, "weights"), 0.15)),
        ("layers[0].weights", "list of lists"),
    ),
    (
        "shared-bias-count",
        edited(set_path(("layers", 0, "biases"), [0.35, 0.35])),
        ("layers[0].biases", "2 values", "expected 1", "'shared'"),
    ),
    (
        "per-neuron-bias-count",
        edited(lambda d: d["layers"][1].update(bias="per_neuron", biases=[0.6])),
        ("layers[1].biases", "1 values", "expected 2", "'per_neuron'"),
    ),
    (
        "biases-for-none",
        edited(lambda d: d["layers"][0].update(bias="none")),
        ("layers[0].biases", "bias mode 'none'"),
    ),
    (
        "unknown-activation",
        edited(set_path(("layers", 0, "activation"), "sigmod")),
        ("layers[0]", "unknown activation 'sigmod'", "sigmoid"),
    ),
    ("unknown-loss", edited(set_path(("loss",), "l2")), ("unknown loss 'l2'", "half_sse")),
    (
        "unknown-bias-mode",
        edited(set_path(("layers", 1, "bias"), "each")),
        ("layers[1]", "unknown bias mode 'each'", "per_neuron"),
    ),
    ("nan", GOOD.replace("0.15", "NaN"), ("NaN", "finite")),
    ("infinity", GOOD.replace("0.35", "Infinity"), ("Infinity", "finite")),
    ("minus-infinity", GOOD.replace("0.05", "-Infinity"), ("-Infinity", "finite")),
    (
        "overflow-to-infinity",
        GOOD.replace("[0.6]", "[1e400]"),
        ("layers[1].biases[0]", "inf", "finite"),
    ),
    (
        "string-for-number",
        edited(set_path(("layers", 0, "weights"), [["0.15", 0.2], [0.25, 0.3]])),
        ("layers[0].weights[0][0]", "string '0.15'", "expected a number"),
    ),
    (
        "boolean-for-number",
        edited(set_path(("inputs",), [[True, 0.1]])),
        ("inputs[0][0]", "expected a number"),
    ),
    (
        "string-learning-rate",
        edited(set_path(("learning_rate",), "0.5")),
        ("learning_rate '0.5'", "number > 0"),
    ),
    ("missing-inputs", edited(delete(("inputs",))), ("missing field 'inputs'",)),
    ("missing-layers", edited(delete(("layers",))), ("missing field 'layers'",)),
    (
        "missing-units",
        edited(delete(("layers", 0, "units"))),
        ("layers[0]", "missing field 'units'"),
    ),
    ("empty-layers", edited(set_path(("layers",), [])), ("layers is empty",)),
    ("zero-learning-rate", edited(set_path(("learning_rate",), 0)), ("learning_rate 0", "> 0")),
    (
        "negative-learning-rate",
        edited(set_path(("learning_rate",), -0.5)),
        ("learning_rate -0.5", "> 0"),
    ),
    (
        "inputs-targets-mismatch",
        edited(set_path(("inputs",), [[0.05, 0.10], [0.2, 0.3]])),
        ("2 inputs but 1 targets",),
    ),
    ("target-width", edited(set_path(("targets",), [[0.01]])), ("targets[0]", "1 numbers", "×2")),
    (
        "input-width",
        edited(set_path(("inputs",), [[0.05, 0.10, 0.2]])),
        ("inputs[0]", "3 numbers", "×2"),
    ),
    ("empty-inputs", edited(lambda d: d.update(inputs=[], targets=[])), ("inputs is empty",)),
    ("unknown-field", edited(set_path(("learning_rat",), 0.5)), ("unknown field 'learning_rat'",)),
    ("zero-units", edited(set_path(("layers", 0, "units"), 0)), ("layers[0].units 0", ">= 1")),
    ("train-biases-not-bool", edited(set_path(("train_biases",), "no")), ("train_biases 'no'",)),
    ("hinge-targets", edited(set_path(("loss",), "hinge")), ("hinge", "-1 or +1")),
    (
        "cross-entropy-needs-softmax",
        edited(set_path(("loss",), "cross_entropy")),
        ("cross_entropy", "softmax output"),
    ),
]

# The cases also run through a real `chainrule` process (the rest run main() in-process).
SUBPROCESS_CASES = {
    "not-json",
    "weights-extra-column",
    "unknown-activation",
    "nan",
    "missing-inputs",
}


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "spec.json"
    path.write_text(text, encoding="utf-8")
    return path


def api_message(path: Path) -> str:
    with pytest.raises(ChainruleError) as info:
        cr.load_spec(path)
    message = str(info.value)
    assert "\n" not in message
    return message


@pytest.mark.parametrize(("case", "text", "words"), MALFORMED, ids=[c[0] for c in MALFORMED])
def test_malformed_spec_is_one_line_and_exit_2(case, text, words, tmp_path, capsys):
    assert text != GOOD
    path = write(tmp_path, text)
    message = api_message(path)
    for word in words:
        assert word in message, (word, message)
    assert message.startswith(str(path))  # names the file
    for command in COMMANDS:
        status = main([*command, str(path)])
        captured = capsys.readouterr()
        assert status == 2
        assert captured.out == ""
        assert captured.err == f"chainrule: error: {message}\n"


@pytest.mark.parametrize("case", sorted(SUBPROCESS_CASES))
def test_malformed_spec_through_the_command(case, tmp_path):
    _, text, _ = next(c for c in MALFORMED if c[0] == case)
    path = write(tmp_path, text)
    message = api_message(path)
    for command in COMMANDS:
        result = run_cli(*command, str(path))
        assert result.returncode == 2
        assert "Traceback" not in result.stderr
        assert result.stderr == f"chainrule: error: {message}\n"
        assert result.stdout == ""


def test_missing_spec_file(tmp_path, capsys):
    path = tmp_path / "nowhere.json"
    message = api_message(path)
    assert "does not exist" in message
    assert main(["explain", "--spec", str(path)]) == 2
    assert capsys.readouterr().err == f"chainrule: error: {message}\n"


def test_spec_round_trips(tmp_path):
    path = write(tmp_path, GOOD)
    spec = cr.load_spec(path)
    data = spec.to_dict()
    for key in ("input_size", "layers", "loss", "learning_rate", "train_biases", "inputs",
                "targets"):  # fmt: skip
        assert data[key] == MAZUR[key], key
    again = cr.parse_spec(json.loads(json.dumps(data)))
    assert again.to_dict() == data
    for a, b in zip(spec.network.layers, again.network.layers, strict=True):
        assert np.array_equal(a.weights.data, b.weights.data)
        assert np.array_equal(a.biases.data, b.biases.data)
        assert (a.activation, a.bias) == (b.activation, b.bias)


def test_round_trip_of_every_bias_mode_and_a_trained_network(tmp_path):
    text = edited(
        lambda d: d.update(
            layers=[
                {"units": 3, "activation": "tanh", "bias": "per_neuron",
                 "weights": [[0.1, 0.2], [0.3, -0.4], [0.5, 0.6]], "biases": [0.1, 0.2, 0.3]},
                {"units": 2, "activation": "relu", "bias": "none",
                 "weights": [[0.1, 0.2, 0.3], [0.4, 0.5, 0.6]]},
                {"units": 2, "activation": "sigmoid", "bias": "shared",
                 "weights": [[0.7, -0.8], [0.9, 1.0]], "biases": [0.05]},
            ]
        )
    )  # fmt: skip
    spec = cr.load_spec(write(tmp_path, text))
    cr.train(spec.network, spec.inputs, spec.targets, epochs=3, learning_rate=0.5)
    data = spec.to_dict()
    assert "biases" not in data["layers"][1]
    again = cr.parse_spec(data)
    assert again.to_dict() == data
    x = np.array([[0.3, -0.2], [0.9, 0.4]])
    assert np.array_equal(again.network.predict(x), spec.network.predict(x))


def test_api_parse_spec_takes_python_data():
    bad = copy.deepcopy(MAZUR)
    bad["layers"][0]["activation"] = "swish"
    with pytest.raises(ChainruleError, match="unknown activation 'swish'"):
        cr.parse_spec(bad)
    assert isinstance(ChainruleError("x"), ValueError)
