"""The seeds' worked examples, built in.

- :func:`mazur_spec` -- seed 000's 2-2-2 network (w1…w8, shared biases b1 = 0.35, b2 = 0.60).
- :func:`apple_graph` -- seed 001's apples and mandarins with 10 % tax.
- :func:`chain_graph` -- seed 001's z = t², t = x + y.
- :func:`sigmoid_graphs` -- seed 001's sigmoid from ×(−1), exp, +1 and 1/x, next to the fused node.
- :data:`LOGIC_GATES` -- the AND, OR and XOR truth tables of seed 002.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from .nodes import exp, multiply, reciprocal, sigmoid
from .spec import Spec, parse_spec
from .tensor import Tensor

MAZUR: dict[str, Any] = {
    "name": "mazur",
    "description": "seed 000: Matt Mazur's step-by-step 2-2-2 example",
    "input_size": 2,
    "layers": [
        {"units": 2, "activation": "sigmoid", "bias": "shared",
         "weights": [[0.15, 0.20], [0.25, 0.30]], "biases": [0.35]},
        {"units": 2, "activation": "sigmoid", "bias": "shared",
         "weights": [[0.40, 0.45], [0.50, 0.55]], "biases": [0.60]},
    ],
    "loss": "half_sse",
    "learning_rate": 0.5,
    "train_biases": False,
    "inputs": [[0.05, 0.10]],
    "targets": [[0.01, 0.99]],
}


def mazur_spec() -> Spec:
    """Seed 000's network, sample and learning rate (biases are not trained there)."""
    return parse_spec(MAZUR, source="mazur")


SPECS = {"mazur": MAZUR}

LOGIC_GATES: dict[str, tuple[np.ndarray, np.ndarray]] = {
    "xor": (np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
            np.array([[0.0], [1.0], [1.0], [0.0]])),
    "and": (np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
            np.array([[0.0], [0.0], [0.0], [1.0]])),
    "or": (np.array([[0.0, 0.0], [0.0, 1.0], [1.0, 0.0], [1.0, 1.0]]),
           np.array([[0.0], [1.0], [1.0], [1.0]])),
}


def apple_graph() -> tuple[Tensor, dict[str, Tensor]]:
    """Seed 001: 2 apples at 100, 3 mandarins at 150, 10 % tax.

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
    """Seed 001: z = t², t = x + y, so ∂z/∂x = ∂z/∂t · ∂t/∂x = 2t · 1 = 2(x + y)."""
    leaves = {"x": Tensor(x, name="x"), "y": Tensor(y, name="y")}
    t = leaves["x"] + leaves["y"]
    t.name = "t"
    z = t**2
    z.name = "z"
    return z, leaves


def sigmoid_graphs(x: float = 1.105905967) -> tuple[Tensor, Tensor, dict[str, Tensor]]:
    """Seed 001: y = 1/(1 + exp(−x)) built from ×(−1), exp, +1 and 1/x, and the fused node.

    The default x is seed 000's net_o1, so both give out_o1 = 0.75136507 and the
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
