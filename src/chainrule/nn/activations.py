"""Activation functions by name, for layers: each applies its node to net and gives out.

SanghyukChun's list: sigmoid, tanh, absolute value |t|, ReLU max(0, t); plus the identity
(a linear output) and softmax for an output layer of class scores.
"""

from __future__ import annotations

from collections.abc import Callable

from chainrule.engine import activations as act
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError, did_you_mean


def identity(net: Tensor) -> Tensor:
    """out = net; ∂out/∂net = 1."""
    return net


ACTIVATIONS: dict[str, Callable[[Tensor], Tensor]] = {
    "sigmoid": act.sigmoid,
    "tanh": act.tanh,
    "relu": act.relu,
    "abs": act.abs,
    "identity": identity,
    "softmax": act.softmax,
}

# ∂out/∂net written with the tutorials' names, for explanations.
DERIVATIVES: dict[str, str] = {
    "sigmoid": "out(1 − out)",
    "tanh": "1 − out²",
    "relu": "1 if net ≥ 0 else 0",
    "abs": "sign(net)",
    "identity": "1",
    "softmax": "out_k(δ_kj − out_j)",
}


def get_activation(name: str) -> Callable[[Tensor], Tensor]:
    """The activation called ``name``, or a :class:`ChainruleError` listing the known ones."""
    try:
        return ACTIVATIONS[name]
    except (KeyError, TypeError):
        known = ", ".join(ACTIVATIONS)
        raise ChainruleError(
            f"unknown activation {name!r}: expected one of {known}{did_you_mean(name, ACTIVATIONS)}"
        ) from None
