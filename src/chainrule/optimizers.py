"""Optimizers: turn each parameter's gradient into an update.

``SGD`` is the gradient descent of the seeds: w⁺ = w − η·∂E/∂w (seed 000, η = 0.5).
"""

from __future__ import annotations

from collections.abc import Sequence

from .errors import ChainruleError
from .tensor import Tensor


class SGD:
    """Plain gradient descent: p ← p − learning_rate · ∂E/∂p."""

    def __init__(self, learning_rate: float = 0.1) -> None:
        if not learning_rate > 0:
            raise ChainruleError(f"learning rate {learning_rate!r}: expected a number > 0")
        self.learning_rate = float(learning_rate)

    def step(self, parameters: Sequence[Tensor]) -> None:
        """Update every parameter that has a gradient, in place."""
        for p in parameters:
            if p.grad is not None:
                p.data -= self.learning_rate * p.grad
