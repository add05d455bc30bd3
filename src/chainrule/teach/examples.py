"""The tutorials' worked examples, built in (their sources: docs/sources.md).

- :func:`mazur_spec` -- Mazur's 2-2-2 network (w1…w8, shared biases b1 = 0.35, b2 = 0.60).
- :func:`apple_graph` -- the apple example of *Deep Learning from Scratch*: apples and
  mandarins with 10 % tax.
- :func:`chain_graph` -- the chain-rule slides' z = t², t = x + y.
- :func:`sigmoid_graphs` -- the chain-rule slides' sigmoid from ×(−1), exp, +1 and 1/x, next
  to the fused node.
- :data:`LOGIC_GATES` -- the AND, OR and XOR truth tables of the XOR blog post.
- :data:`SPECS` -- the network examples by name; :data:`ALIASES` maps old names to them and
  :func:`find_example` looks a name up through both.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.engine import exp, multiply, reciprocal
from chainrule.engine.tensor import Tensor
from chainrule.nn.activations import sigmoid
from chainrule.teach.spec import Spec, parse_spec

MAZUR: dict[str, Any] = {
    "name": "mazur",
    "description": "Matt Mazur's step-by-step 2-2-2 example",
    "input_size": 2,
    "layers": [
        {
            "units": 2,
            "activation": "sigmoid",
            "bias": "shared",
            "weights": [[0.15, 0.20], [0.25, 0.30]],
            "biases": [0.35],
        },
        {
            "units": 2,
            "activation": "sigmoid",
            "bias": "shared",
            "weights": [[0.40, 0.45], [0.50, 0.55]],
            "biases": [0.60],
        },
    ],
    "loss": "half_sse",
    "learning_rate": 0.5,
    "train_biases": False,
    "inputs": [[0.05, 0.10]],
    "targets": [[0.01, 0.99]],
}


def mazur_spec() -> Spec:
    """Mazur's network, sample and learning rate (biases are not trained there)."""
    return parse_spec(MAZUR, source="mazur")


# SanghyukChun's worked example (2-2-2, sigmoid, squared error, no biases) numbers its nodes
# 1, 2 → 3, 4 → 5, 6 and gives no numbers; these are chosen here. In chainrule's names:
# w1 = w13, w2 = w23 (into h1 = node 3), w3 = w14, w4 = w24 (into h2 = node 4),
# w5 = w35, w6 = w45 (into o1 = node 5), w7 = w36, w8 = w46 (into o2 = node 6).
NO_BIAS: dict[str, Any] = {
    "name": "no-bias",
    "description": "SanghyukChun's 2-2-2 network without biases (nodes 1, 2 → 3, 4 → 5, 6), "
    "numbers chosen by chainrule",
    "input_size": 2,
    "layers": [
        {
            "units": 2,
            "activation": "sigmoid",
            "bias": "none",
            "weights": [[0.10, 0.80], [0.40, 0.60]],
        },
        {
            "units": 2,
            "activation": "sigmoid",
            "bias": "none",
            "weights": [[0.30, 0.90], [0.50, 0.20]],
        },
    ],
    "loss": "half_sse",
    "learning_rate": 0.5,
    "train_biases": False,
    "inputs": [[0.35, 0.90]],
    "targets": [[0.50, 0.10]],
}

# JongSeobJ's 3-4-2 network in matrix form (sigmoid, E = ½Σ(target − out)², one shared bias per
# layer, trained: b ← b − η·Σδ). The slides give no numbers; these are chosen here. Their W_IH is
# the
# transpose of the first layer's weights below (weights[j][i]: input i → hidden neuron j).
MATRIX_FORM: dict[str, Any] = {
    "name": "matrix-form",
    "description": "JongSeobJ's 3-4-2 network in matrix form, with shared, trained biases, "
    "numbers chosen by chainrule",
    "input_size": 3,
    "layers": [
        {
            "units": 4,
            "activation": "sigmoid",
            "bias": "shared",
            "weights": [
                [0.10, 0.20, 0.30],
                [0.40, 0.50, 0.60],
                [0.70, 0.80, 0.90],
                [0.25, 0.35, 0.45],
            ],
            "biases": [0.35],
        },
        {
            "units": 2,
            "activation": "sigmoid",
            "bias": "shared",
            "weights": [[0.15, 0.25, 0.35, 0.45], [0.55, 0.65, 0.75, 0.85]],
            "biases": [0.60],
        },
    ],
    "loss": "half_sse",
    "learning_rate": 0.5,
    "train_biases": True,
    "inputs": [[0.50, 0.10, 0.20]],
    "targets": [[0.90, 0.10]],
}

# One full-batch step of a 2-2-1 sigmoid network on the four XOR samples (the XOR blog post), with
# one bias per neuron; numbers chosen here.
XOR: dict[str, Any] = {
    "name": "xor",
    "description": "one step of a 2-2-1 network on the four XOR samples of the XOR blog post, "
    "numbers chosen by chainrule",
    "input_size": 2,
    "layers": [
        {
            "units": 2,
            "activation": "sigmoid",
            "bias": "per_neuron",
            "weights": [[0.50, 0.40], [0.90, 1.00]],
            "biases": [-0.80, 0.10],
        },
        {
            "units": 1,
            "activation": "sigmoid",
            "bias": "per_neuron",
            "weights": [[-1.20, 1.10]],
            "biases": [-0.30],
        },
    ],
    "loss": "half_sse",
    "learning_rate": 0.5,
    "train_biases": True,
    "inputs": [[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]],
    "targets": [[0.0], [1.0], [1.0], [0.0]],
}

SPECS = {"mazur": MAZUR, "no-bias": NO_BIAS, "matrix-form": MATRIX_FORM, "xor": XOR}

# Earlier names of the examples, still accepted everywhere a name is.
ALIASES = {"seed003": "no-bias", "seed004": "matrix-form"}

# The computational-graph examples (``chainrule graph``): not networks, so not in SPECS.
GRAPHS = ("apple", "chain", "sigmoid")


def canonical_name(name: str) -> str:
    """An example's current name: itself, or what an old alias stands for."""
    return ALIASES.get(name, name)


def find_example(name: str) -> dict[str, Any]:
    """The spec data of the network example ``name`` (or an alias), else a ChainruleError."""
    from chainrule.errors import ChainruleError, did_you_mean

    key = canonical_name(name)
    if key not in SPECS:
        raise ChainruleError(
            f"unknown example {name!r}: expected one of {', '.join(SPECS)}"
            f"{did_you_mean(name, [*SPECS, *ALIASES])}"
        )
    return SPECS[key]


LOGIC_GATES: dict[str, tuple[np.ndarray, np.ndarray]] = {
    "xor": (
        np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
        np.array([[0.0], [1.0], [1.0], [0.0]]),
    ),
    "and": (
        np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
        np.array([[0.0], [0.0], [0.0], [1.0]]),
    ),
    "or": (
        np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
        np.array([[0.0], [1.0], [1.0], [1.0]]),
    ),
}


def apple_graph() -> tuple[Tensor, dict[str, Tensor]]:
    """The apple example (*Deep Learning from Scratch*): 2 apples at 100, 3 mandarins at 150, 10 %
    tax.

    Forward: 100·2 = 200, 150·3 = 450, 200 + 450 = 650, 650·1.1 = 715.
    Backward from 1: apple price 2.2, apple count 110, mandarin price 3.3,
    mandarin count 165, tax 650.
    """
    leaves = {
        "apple price": Tensor(100.0, name="apple price"),
        "apple count": Tensor(2.0, name="apple count"),
        "mandarin price": Tensor(150.0, name="mandarin price"),
        "mandarin count": Tensor(3.0, name="mandarin count"),
        "tax": Tensor(1.1, name="tax"),
    }
    apples = leaves["apple price"] * leaves["apple count"]
    apples.name = "apples"
    mandarins = leaves["mandarin price"] * leaves["mandarin count"]
    mandarins.name = "mandarins"
    subtotal = apples + mandarins
    subtotal.name = "subtotal"
    total = subtotal * leaves["tax"]
    total.name = "total"
    return total, leaves


def chain_graph(x: float = 1.0, y: float = 2.0) -> tuple[Tensor, dict[str, Tensor]]:
    """The chain-rule slides: z = t², t = x + y, so ∂z/∂x = ∂z/∂t · ∂t/∂x = 2t · 1 = 2(x + y)."""
    leaves = {"x": Tensor(x, name="x"), "y": Tensor(y, name="y")}
    t = leaves["x"] + leaves["y"]
    t.name = "t"
    z = t**2
    z.name = "z"
    return z, leaves


def sigmoid_graphs(x: float = 1.105905967) -> tuple[Tensor, Tensor, dict[str, Tensor]]:
    """The chain-rule slides: y = 1/(1 + exp(−x)) built from ×(−1), exp, +1 and 1/x, and the fused
    node.

    The default x is Mazur's net_o1, so both give out_o1 = 0.75136507 and the
    gradient y(1 − y) = 0.186815602 at the input.
    """
    x_nodes = Tensor(x, name="x")
    x_fused = Tensor(x, name="x (fused)")
    minus_one = Tensor(-1.0, name="-1", requires_grad=False)
    a = multiply(x_nodes, minus_one)
    a.name = "−x"
    b = exp(a)
    b.name = "exp(−x)"
    c = b + 1.0
    c.name = "1 + exp(−x)"
    y = reciprocal(c)
    y.name = "y"
    y_fused = sigmoid(x_fused)
    y_fused.name = "y (fused)"
    return y, y_fused, {"x": x_nodes, "x (fused)": x_fused}
