"""Fused loss nodes: softmax + cross-entropy and sigmoid + binary cross-entropy.

Both take the *net* of the output layer (the logits) and the targets, and average the
per-sample loss over the batch of N samples. Fusing them makes the forward stable
(no log of 0) and the backward the simple "out − target" (seed 003's softmax loss).
"""

from __future__ import annotations

import numpy as np

from ..tensor import ArrayLike, Node, Tensor
from .activations import sigmoid_forward, softmax_forward


class SoftmaxCrossEntropy(Node):
    """E = (1/N) Σ_n −Σ_k t_nk · log softmax(net_n)_k.

    Forward uses log softmax = net − max − log Σ e^(net − max).
    Backward: ∂E/∂net = (softmax(net) − t) / N.
    """

    op = "softmax_cross_entropy"

    def forward(self, net: np.ndarray, t: np.ndarray) -> np.ndarray:
        shifted = net - np.max(net, axis=-1, keepdims=True)
        log_sum = np.log(np.sum(np.exp(shifted), axis=-1, keepdims=True))
        self.out = softmax_forward(net)
        self.t = t
        n = net.shape[0] if net.ndim > 1 else 1
        return np.asarray(-np.sum(t * (shifted - log_sum)) / n)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, None]:
        n = self.out.shape[0] if self.out.ndim > 1 else 1
        return gy * (self.out - self.t) / n, None


class SigmoidBinaryCrossEntropy(Node):
    """E = (1/N) Σ_n Σ_k −[t log σ(net) + (1 − t) log(1 − σ(net))].

    Forward as softplus(net) − t·net with softplus(x) = max(x, 0) + log(1 + e^(−|x|)).
    Backward: ∂E/∂net = (σ(net) − t) / N.
    """

    op = "sigmoid_binary_cross_entropy"

    def forward(self, net: np.ndarray, t: np.ndarray) -> np.ndarray:
        softplus = np.maximum(net, 0.0) + np.log1p(np.exp(-np.abs(net)))
        self.out = sigmoid_forward(net)
        self.t = t
        n = net.shape[0] if net.ndim > 1 else 1
        return np.asarray(np.sum(softplus - t * net) / n)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, None]:
        n = self.out.shape[0] if self.out.ndim > 1 else 1
        return gy * (self.out - self.t) / n, None


def softmax_cross_entropy(net: ArrayLike, t: ArrayLike) -> Tensor:
    return SoftmaxCrossEntropy()(net, t)


def sigmoid_binary_cross_entropy(net: ArrayLike, t: ArrayLike) -> Tensor:
    return SigmoidBinaryCrossEntropy()(net, t)
