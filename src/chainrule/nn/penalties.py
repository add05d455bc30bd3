"""Penalties on the weights, added to the loss: L1 and L2 regularisation, as TensorFlow
Playground has them.

    L1:  R = λ·Σ|w|,      ∂R/∂w = λ·sign(w)
    L2:  R = ½·λ·Σw²,     ∂R/∂w = λ·w

The weights alone are penalised, never the biases (the playground's rule). A step
minimises E + R: the training loop adds ∂R/∂w to each weight's ∂E/∂w before the
optimizer's one update (:func:`chainrule.training.loop.step`), so gradient descent makes
w ← w − η·(∂E/∂w + ∂R/∂w), with both derivatives taken at the weights before the step, as
the playground takes them. L2 there is the optimizer's ``weight_decay`` term (λ·p added to
the gradient), but on the weights only: ``weight_decay`` follows ``torch.optim`` and decays
every parameter, biases included.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from chainrule.engine.tensor import Tensor
from chainrule.errors import ChainruleError

PENALTIES = ("l1", "l2")


@dataclass(frozen=True)
class Penalty:
    """λ·Σ|w| (``kind`` "l1") or ½·λ·Σw² ("l2") over the weights; ``rate`` is λ."""

    kind: str
    rate: float

    def __post_init__(self) -> None:
        if self.kind not in PENALTIES:
            raise ChainruleError(
                f"regularization {self.kind!r}: expected one of {', '.join(PENALTIES)}"
            )
        if not (np.isfinite(self.rate) and self.rate >= 0):
            raise ChainruleError(f"regularization rate {self.rate!r}: expected a number >= 0")

    def value(self, weights: Sequence[np.ndarray]) -> float:
        """R on the weights' arrays (what the penalty adds to E)."""
        if self.kind == "l1":
            return self.rate * sum(float(np.abs(w).sum()) for w in weights)
        return 0.5 * self.rate * sum(float(np.square(w).sum()) for w in weights)

    def gradient(self, w: np.ndarray) -> np.ndarray:
        """∂R/∂w: λ·sign(w) for L1 (0 at w = 0), λ·w for L2; the shape of ``w``."""
        return self.rate * (np.sign(w) if self.kind == "l1" else w)

    def add_gradient(self, weights: Sequence[Tensor]) -> None:
        """w.grad ← ∂E/∂w + ∂R/∂w for every weight (after the backward pass, before the
        update)."""
        for w in weights:
            assert w.grad is not None
            w.grad += self.gradient(w.data)


def make_penalty(kind: str, rate: float) -> Penalty | None:
    """The penalty by name ("none", "l1", "l2") and λ; None where it adds nothing
    ("none", or λ = 0)."""
    if kind == "none" or rate == 0:
        return None
    return Penalty(kind, float(rate))
