"""Random problems: two decimals, the same sheet for the same seed, nothing degenerate."""

from __future__ import annotations

import json

import numpy as np
import pytest

from chainrule.errors import ChainruleError
from chainrule.teach.exercises import exercise, generate


def test_same_seed_same_sheet():
    a = exercise(seed=11, layers=(2, 3, 2), activation="tanh")
    b = exercise(seed=11, layers=(2, 3, 2), activation="tanh")
    assert a.text() == b.text() and a.to_dict() == b.to_dict()
    assert exercise(seed=12, layers=(2, 3, 2), activation="tanh").to_dict() != a.to_dict()


def two_decimals(values) -> bool:
    v = np.asarray(values, dtype=float)
    return bool(np.all(np.abs(v * 100 - np.round(v * 100)) < 1e-9))


@pytest.mark.parametrize("activation", ["sigmoid", "tanh", "relu"])
@pytest.mark.parametrize("loss", ["half_sse", "cross_entropy"])
def test_numbers_and_no_degenerate_step(activation, loss):
    for seed in range(6):
        p = generate(seed, (2, 2, 2), activation, loss)
        data = p.to_dict()
        for layer in data["layers"]:
            assert two_decimals(layer["weights"]) and two_decimals(layer["biases"])
        assert two_decimals(data["inputs"]) and two_decimals(data["targets"])
        trace = p.trace()
        for lay in trace.layers:
            if lay.activation == "relu":
                assert np.all(lay.net >= 0.1)  # no dead ReLU
            if lay.activation == "sigmoid":
                assert np.all((lay.out >= 0.05) & (lay.out <= 0.95))  # not saturated
            assert np.all(np.abs(lay.delta) >= 1e-3)
            assert np.all(np.abs(lay.grad_weights) >= 1e-4)
        if loss == "cross_entropy":
            assert sorted(data["targets"][0]) == [0.0, 1.0]
        json.dumps(data)  # a spec file


@pytest.mark.parametrize(
    "kwargs, words",
    [
        ({"layers": (2,)}, "at least two sizes"),
        ({"layers": (20, 20, 20)}, "at most 40 neurons"),
        ({"activation": "softmax"}, "activation 'softmax'"),
        ({"loss": "hinge"}, "loss 'hinge'"),
        ({"loss": "cross_entropy", "layers": (2, 2, 1)}, "at least 2 outputs"),
    ],
)
def test_bad_settings(kwargs, words):
    with pytest.raises(ChainruleError, match=words):
        generate(1, **kwargs)


def test_bad_seed():
    with pytest.raises(ChainruleError, match="seed -1"):
        generate(-1)
