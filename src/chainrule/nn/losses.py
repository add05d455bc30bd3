"""Loss functions by name: summed over a sample's outputs, averaged over the batch (mse: the mean
over all N·K elements).

With outputs o and targets t, N samples:
- ``half_sse``: E = (1/N) Σ_n Σ_k ½(t − o)², the tutorials' E_total
  (Mazur's example: E_total = Σ ½(target − out)²);
- ``mse``: E = mean over every element of (t − o)²;
- ``cross_entropy``: E = (1/N) Σ_n −Σ_k t log o on a softmax output (fused with it: δ = out − t);
- ``binary_cross_entropy``: E = (1/N) Σ_n Σ_k −[t log o + (1 − t) log(1 − o)] on a sigmoid
  output (fused with it: δ = out − t);
- ``hinge``: E = (1/N) Σ_n Σ_k max(0, 1 − t·o), t in {−1, +1} (SanghyukChun's introduction).
"""

from __future__ import annotations

import numpy as np

from chainrule.engine.losses import (
    half_sse,
    hinge,
    mse,
    sigmoid_binary_cross_entropy,
    softmax_cross_entropy,
)
from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError

LOSSES = ("half_sse", "mse", "cross_entropy", "binary_cross_entropy", "hinge")

# The output activation each fused loss needs.
FUSED_ACTIVATION = {"cross_entropy": "softmax", "binary_cross_entropy": "sigmoid"}


def check_loss(name: str, output_activation: str) -> None:
    """Raise a :class:`ChainruleError` unless loss ``name`` fits after ``output_activation``."""
    if name not in LOSSES:
        raise ChainruleError(f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}")
    needed = FUSED_ACTIVATION.get(name)
    if needed is not None and output_activation != needed:
        raise ChainruleError(
            f"loss {name!r} needs a {needed} output layer, got activation {output_activation!r}"
        )


def check_targets(name: str, targets: np.ndarray) -> None:
    """Targets a loss can use: one-hot rows for cross_entropy, [0, 1] for BCE, ±1 for hinge."""
    if name == "hinge" and not np.all(np.isin(targets, (-1.0, 1.0))):
        raise ChainruleError("hinge loss targets must be -1 or +1")
    if name == "binary_cross_entropy" and (np.any(targets < 0) or np.any(targets > 1)):
        raise ChainruleError("binary_cross_entropy targets must lie in [0, 1]")
    if name == "cross_entropy" and (np.any(targets < 0) or not np.allclose(targets.sum(-1), 1)):
        raise ChainruleError(
            "cross_entropy targets must be probability rows (one-hot) summing to 1"
        )


def compute_loss(name: str, out: Tensor, net: Tensor, targets: np.ndarray) -> Tensor:
    """E for ``out`` (= f(net)) against ``targets``; fused losses use ``net`` directly."""
    if name == "half_sse":
        return half_sse(out, targets)
    if name == "mse":
        return mse(out, targets)
    if name == "cross_entropy":
        return softmax_cross_entropy(net, targets)
    if name == "binary_cross_entropy":
        return sigmoid_binary_cross_entropy(net, targets)
    if name == "hinge":
        return hinge(out, targets)
    raise ChainruleError(f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}")
