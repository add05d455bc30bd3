"""Gradient checking: backprop against central differences, in float64.

For each element of each parameter p, the five-point central difference

    ∂E/∂p ≈ (E(p − 2ε) − 8 E(p − ε) + 8 E(p + ε) − E(p + 2ε)) / 12ε

has a truncation error of order ε⁴ and a rounding error of about 1e-11·|E| for ε = 1e-4
(the two-point rule (E(p + ε) − E(p − ε)) / 2ε would leave ~1e-9·|E| at its best ε, too much
for gradients of 1e-4 checked to 1e-7).

The relative error of one element is |g_backprop − g_numeric| / (|g_backprop| + |g_numeric|),
where differences below the numerical noise (``tiny``; :func:`check_gradients` uses
1e-10·max(1, |E|)) count as 0 -- so a gradient that is exactly 0, like that of a shared bias
under softmax, is not reported as a 100 % error. :func:`check_gradients` reports the worst
one per parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from chainrule.engine.tensor import Tensor, no_grad
from chainrule.nn import Network


def numerical_gradient(f: Callable[[], float], tensor: Tensor, eps: float = 1e-4) -> np.ndarray:
    """Five-point central differences of the scalar ``f()`` for every element of ``tensor``."""
    grad = np.zeros_like(tensor.data, dtype=np.float64)
    flat = tensor.data.reshape(-1)
    for i in range(flat.size):
        original = flat[i]
        values = []
        for step in (-2.0, -1.0, 1.0, 2.0):
            flat[i] = original + step * eps
            values.append(f())
        flat[i] = original
        minus2, minus1, plus1, plus2 = values
        grad.reshape(-1)[i] = (minus2 - 8.0 * minus1 + 8.0 * plus1 - plus2) / (12.0 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray, tiny: float = 1e-12) -> float:
    """The worst elementwise |a − b| / (|a| + |b|), with differences below ``tiny`` counted as 0."""
    diff = np.abs(a - b)
    scale = np.abs(a) + np.abs(b)
    err = np.where(diff <= tiny, 0.0, diff / np.maximum(scale, tiny))
    return float(np.max(err)) if err.size else 0.0


def check_gradients(
    network: Network, inputs: Any, targets: Any, eps: float = 1e-4
) -> dict[str, float]:
    """Compare every parameter's backprop gradient with central differences.

    Returns ``{"layer1.weights": worst relative error, …}``. The network should be
    float64 (a float32 network is checked on a float64 copy).
    """
    net = network if network.dtype == np.float64 else network.copy(np.float64)
    x = np.asarray(inputs, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    net.zero_grad()
    loss_value = net.loss(x, t)
    loss_value.backward()
    tiny = 1e-10 * max(1.0, abs(loss_value.item()))  # the noise of the numerical gradient

    def loss() -> float:
        with no_grad():
            return net.loss(x, t).item()

    report = {}
    for name, p in net.named_parameters():
        analytic = p.grad if p.grad is not None else np.zeros_like(p.data)
        report[name] = relative_error(analytic, numerical_gradient(loss, p, eps), tiny)
    return report
