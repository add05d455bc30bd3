"""A dense (fully connected) layer: net = W·x + b, then out = f(net).

``weights[j][i]`` is the weight from input i to neuron j (Mazur's w1…w8 read row by
row: w1, w2 feed h1; w3, w4 feed h2). Bias modes:
- ``per_neuron``: one bias per neuron, ``biases`` has ``units`` values;
- ``shared``: one bias for the whole layer (b1, b2 of Mazur's example and JongSeobJ's matrix form);
- ``none``: no bias (SanghyukChun's worked example).
"""

from __future__ import annotations

from typing import Any

import numpy as np

from chainrule.engine.dense import dense
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError
from chainrule.nn.activations import get_activation
from chainrule.nn.init import initial_weights

BIAS_MODES = ("per_neuron", "shared", "none")


class Dense:
    """One layer of neurons. After a forward pass, ``net`` and ``out`` hold its tensors."""

    def __init__(
        self,
        input_size: int,
        units: int,
        activation: str = "sigmoid",
        bias: str = "per_neuron",
        weights: Any = None,
        biases: Any = None,
        init: str = "auto",
        rng: np.random.Generator | None = None,
        dtype: Any = np.float64,
    ) -> None:
        if bias not in BIAS_MODES:
            raise ChainruleError(
                f"unknown bias mode {bias!r}: expected one of {', '.join(BIAS_MODES)}"
            )
        self.activation_fn = get_activation(activation)
        self.input_size, self.units = int(input_size), int(units)
        self.activation, self.bias = activation, bias
        if weights is None:
            weights = initial_weights(units, input_size, init, activation, rng, dtype)
        w = np.array(weights, dtype=dtype)
        if w.shape != (self.units, self.input_size):
            raise ChainruleError(
                f"weights have shape {_shape(w.shape)}, "
                f"expected {units}×{input_size} (units × inputs)"
            )
        self.weights = Tensor(w, name="W")
        self.biases: Tensor | None = None
        if bias != "none":
            count = self.units if bias == "per_neuron" else 1
            b = np.zeros(count, dtype=dtype) if biases is None else np.array(biases, dtype=dtype)
            if b.shape != (count,):
                raise ChainruleError(
                    f"biases have {_shape(b.shape)} values, expected {count} for bias mode {bias!r}"
                )
            self.biases = Tensor(b, name="b")
        elif biases is not None and len(biases) > 0:
            raise ChainruleError("biases given for bias mode 'none': expected no biases")
        self.net: Tensor | None = None
        self.out: Tensor | None = None

    def __call__(self, x: Tensor) -> Tensor:
        """out = f(x·Wᵀ + b); keeps ``net`` and ``out`` for explanation."""
        self.net = dense(x, self.weights, self.biases)
        self.out = self.activation_fn(self.net)
        return self.out

    def parameters(self) -> list[Tensor]:
        return [self.weights] if self.biases is None else [self.weights, self.biases]

    def config(self) -> dict[str, Any]:
        return {"units": self.units, "activation": self.activation, "bias": self.bias}

    def __repr__(self) -> str:
        return (
            f"Dense({self.input_size}→{self.units}, activation={self.activation!r}, "
            f"bias={self.bias!r})"
        )


def _shape(shape: tuple[int, ...]) -> str:
    return "×".join(str(n) for n in shape) if shape else "scalar"
