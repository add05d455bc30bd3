"""Gradient checking: backprop against central differences, in float64.

    ∂E/∂p ≈ (E(p + ε) − E(p − ε)) / 2ε          for each element of each parameter p

The relative error of one element is |g_backprop − g_numeric| / max(|g_backprop| +
|g_numeric|, tiny); :func:`check_gradients` reports the worst one per parameter.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np

from .layers import Network
from .tensor import Tensor, no_grad


def numerical_gradient(f: Callable[[], float], tensor: Tensor, eps: float = 1e-6) -> np.ndarray:
    """Central differences of the scalar ``f()`` with respect to every element of ``tensor``."""
    grad = np.zeros_like(tensor.data, dtype=np.float64)
    flat = tensor.data.reshape(-1)
    for i in range(flat.size):
        original = flat[i]
        flat[i] = original + eps
        plus = f()
        flat[i] = original - eps
        minus = f()
        flat[i] = original
        grad.reshape(-1)[i] = (plus - minus) / (2 * eps)
    return grad


def relative_error(a: np.ndarray, b: np.ndarray, tiny: float = 1e-12) -> float:
    """The worst elementwise |a − b| / (|a| + |b|), with differences below ``tiny`` counted as 0."""
    diff = np.abs(a - b)
    scale = np.abs(a) + np.abs(b)
    err = np.where(diff <= tiny, 0.0, diff / np.maximum(scale, tiny))
    return float(np.max(err)) if err.size else 0.0


def check_gradients(
    network: Network, inputs: Any, targets: Any, eps: float = 1e-6
) -> dict[str, float]:
    """Compare every parameter's backprop gradient with central differences.

    Returns ``{"layer1.weights": worst relative error, …}``. The network should be
    float64 (a float32 network is checked on a float64 copy).
    """
    net = network if network.dtype == np.float64 else network.copy(np.float64)
    x = np.asarray(inputs, dtype=np.float64)
    t = np.asarray(targets, dtype=np.float64)
    net.zero_grad()
    net.loss(x, t).backward()

    def loss() -> float:
        with no_grad():
            return net.loss(x, t).item()

    report = {}
    for name, p in net.named_parameters():
        analytic = p.grad if p.grad is not None else np.zeros_like(p.data)
        report[name] = relative_error(analytic, numerical_gradient(loss, p, eps))
    return report
