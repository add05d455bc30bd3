"""Loss nodes: each takes the output layer's values and the targets and gives E.

Every loss is summed over a sample's outputs and averaged over the N samples of the batch,
except mse, the mean over all N·K elements.
Each is a pair of kernels (``*_forward`` → a function that gives E once the kernel's calls
are made, ``*_backward`` → ∂E/∂input, with an optional ``out=`` buffer; both take ``xp``,
see :mod:`chainrule.engine.calls`) and a node that calls them, so the planned fast path uses the
same math.

Two are fused with the output activation and take the *net* (the logits): softmax +
cross-entropy and sigmoid + binary cross-entropy. Fusing makes the forward stable (no log
of 0) and the backward the simple "out − target" (SanghyukChun's softmax loss).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from chainrule.engine.activations import sigmoid_forward, softmax_forward
from chainrule.engine.calls import XP, constant
from chainrule.engine.tensor import ArrayLike, Node, Tensor


def _count(x: np.ndarray) -> int:
    """N, the number of samples (a 1-d array is one sample)."""
    return x.shape[0] if x.ndim > 1 else 1


def _scale(d: np.ndarray, factor: float, xp: XP) -> np.ndarray:
    """d ← factor·d in place; nothing to do for a factor of 1 (x·1 = x, bit for bit)."""
    if factor != 1.0:
        xp.multiply(d, constant(factor, d.dtype), d)
    return d


def _buffer(like: np.ndarray, out: np.ndarray | None) -> np.ndarray:
    return np.empty(np.shape(like), dtype=like.dtype) if out is None else out


def _difference(
    o: np.ndarray, t: np.ndarray, factor: float, out: np.ndarray | None, xp: XP
) -> np.ndarray:
    """factor·(o − t) into ``out`` (a new array if None): what the squared-error losses and
    the fused losses' gradients start from."""
    d = _buffer(o, out)
    xp.subtract(o, t, d)
    return _scale(d, factor, xp)


# -- kernels ---------------------------------------------------------------------------------


def half_sse_forward(o: np.ndarray, t: np.ndarray, xp: XP = np) -> Callable[[], float]:
    """E = (1/N) Σ_n Σ_k ½(t − o)²  (Mazur's example: E_total = Σ ½(target − out)²); E given by
    the function returned, once the calls are made."""
    d = _difference(o, t, 1.0, None, xp)
    n = _count(o)
    return lambda: float(np.vdot(d, d)) * 0.5 / n  # Σ (o − t)² by one BLAS dot


def half_sse_backward(
    o: np.ndarray, t: np.ndarray, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂o = (o − t) / N  (Mazur's example: ∂E_total/∂out_o1 = −(target_o1 − out_o1))."""
    return _difference(o, t, 1.0 / _count(o), out, xp)


def mse_forward(o: np.ndarray, t: np.ndarray, xp: XP = np) -> Callable[[], float]:
    """E = mean over all N·K elements of (t − o)² (given by the function returned)."""
    d = _difference(o, t, 1.0, None, xp)
    n = max(o.size, 1)
    return lambda: float(np.vdot(d, d)) / n


def mse_backward(
    o: np.ndarray, t: np.ndarray, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂o = 2(o − t) / (N·K)."""
    return _difference(o, t, 2.0 / max(o.size, 1), out, xp)


def hinge_forward(o: np.ndarray, t: np.ndarray, xp: XP = np) -> Callable[[], float]:
    """E = (1/N) Σ_n Σ_k max(0, 1 − t·o), t in {−1, +1} (SanghyukChun's introduction; given by the
    function
    returned)."""
    margin = np.empty(np.broadcast_shapes(np.shape(t), o.shape), dtype=o.dtype)
    total = np.empty((), dtype=o.dtype)
    xp.multiply(t, o, margin)
    xp.subtract(constant(1.0, o.dtype), margin, margin)
    xp.maximum(margin, constant(0.0, o.dtype), out=margin)
    xp.add.reduce(margin, None, None, total)
    n = _count(o)
    return lambda: float(total) / n


def hinge_backward(
    o: np.ndarray, t: np.ndarray, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂o = −t / N where 1 − t·o ≥ 0, else 0 (the ReLU rule of SanghyukChun's introduction at
    the kink)."""
    d = _buffer(o, out)
    margin = np.empty(np.broadcast_shapes(np.shape(t), o.shape), dtype=o.dtype)
    active = np.empty(margin.shape, dtype=bool)
    xp.multiply(t, o, margin)
    xp.subtract(constant(1.0, o.dtype), margin, margin)  # 1 − t·o
    xp.greater_equal(margin, constant(0.0, o.dtype), active)
    xp.multiply(t, active, d)
    return _scale(d, -1.0 / _count(o), xp)


def softmax_cross_entropy_forward(
    net: np.ndarray, t: np.ndarray, y: np.ndarray | None = None, xp: XP = np
) -> tuple[Callable[[], float], np.ndarray]:
    """E = (1/N) Σ_n −Σ_k t log softmax(net)_k, with log softmax = net − max − log Σ e^(net − max).

    Returns E (a function to call once the calls are made) and out = softmax(net), which
    the backward needs; a caller that has computed softmax(net) already (the output
    layer's out) passes it as ``y``.
    """
    rows = (*net.shape[:-1], 1)
    peak, total = np.empty(rows, net.dtype), np.empty(rows, net.dtype)
    shifted, e = _buffer(net, None), _buffer(net, None)
    xp.maximum.reduce(net, -1, None, peak, True)
    xp.subtract(net, peak, shifted)  # net − max
    xp.exp(shifted, e)
    xp.add.reduce(e, -1, None, total, True)
    xp.log(total, total)  # log Σ e^(net − max)
    xp.subtract(shifted, total, shifted)  # log softmax(net)
    n = _count(net)
    value = lambda: -float(np.vdot(t, shifted)) / n  # noqa: E731
    return value, softmax_forward(net, xp=xp) if y is None else y


def sigmoid_binary_cross_entropy_forward(
    net: np.ndarray, t: np.ndarray, y: np.ndarray | None = None, xp: XP = np
) -> tuple[Callable[[], float], np.ndarray]:
    """E = (1/N) Σ −[t log σ(net) + (1 − t) log(1 − σ(net))] = (1/N) Σ softplus(net) − t·net,

    with softplus(x) = max(x, 0) + log(1 + e^(−|x|)). Returns E (a function to call once
    the calls are made) and out = σ(net) (given as ``y`` by a caller that has it already).
    """
    tail, terms, tn = _buffer(net, None), _buffer(net, None), _buffer(net, None)
    xp.abs(net, tail)
    xp.negative(tail, tail)
    xp.exp(tail, tail)
    xp.log1p(tail, tail)  # log(1 + e^(−|net|))
    xp.maximum(net, constant(0.0, net.dtype), out=terms)
    xp.add(terms, tail, terms)  # softplus(net)
    xp.multiply(t, net, tn)
    xp.subtract(terms, tn, terms)  # softplus(net) − t·net
    n = _count(net)
    value = lambda: float(np.add.reduce(terms, None)) / n  # noqa: E731
    return value, sigmoid_forward(net, xp=xp) if y is None else y


def fused_backward(
    y: np.ndarray, t: np.ndarray, out: np.ndarray | None = None, xp: XP = np
) -> np.ndarray:
    """∂E/∂net = (out − t) / N for both fused losses (softmax + CE, sigmoid + BCE)."""
    return _difference(y, t, 1.0 / _count(y), out, xp)


# name → (forward, backward) on the output layer's out, for the unfused losses
OUTPUT_LOSS_KERNELS = {
    "half_sse": (half_sse_forward, half_sse_backward),
    "mse": (mse_forward, mse_backward),
    "hinge": (hinge_forward, hinge_backward),
}

# name → forward on the net (logits), for the fused losses; their backward is fused_backward
FUSED_LOSS_KERNELS = {
    "cross_entropy": softmax_cross_entropy_forward,
    "binary_cross_entropy": sigmoid_binary_cross_entropy_forward,
}


# -- nodes -----------------------------------------------------------------------------------


class OutputLoss(Node):
    """E of the output layer's out against constant targets t (half_sse, mse or hinge)."""

    def __init__(self, name: str) -> None:
        self.op = name
        self.forward_kernel, self.backward_kernel = OUTPUT_LOSS_KERNELS[name]

    def forward(self, o: np.ndarray, t: np.ndarray) -> np.ndarray:
        self.o, self.t = o, t
        return np.asarray(self.forward_kernel(o, t)(), dtype=o.dtype)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, None]:
        return gy * self.backward_kernel(self.o, self.t), None

    def __repr__(self) -> str:
        return f"OutputLoss({self.op!r})"


class SoftmaxCrossEntropy(Node):
    """E = (1/N) Σ_n −Σ_k t_nk · log softmax(net_n)_k;  ∂E/∂net = (softmax(net) − t) / N."""

    op = "softmax_cross_entropy"

    def forward(self, net: np.ndarray, t: np.ndarray) -> np.ndarray:
        value, self.out = softmax_cross_entropy_forward(net, t)
        self.t = t
        return np.asarray(value(), dtype=net.dtype)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, None]:
        return gy * fused_backward(self.out, self.t), None


class SigmoidBinaryCrossEntropy(Node):
    """E = (1/N) Σ −[t log σ(net) + (1 − t) log(1 − σ(net))];  ∂E/∂net = (σ(net) − t) / N."""

    op = "sigmoid_binary_cross_entropy"

    def forward(self, net: np.ndarray, t: np.ndarray) -> np.ndarray:
        value, self.out = sigmoid_binary_cross_entropy_forward(net, t)
        self.t = t
        return np.asarray(value(), dtype=net.dtype)

    def backward(self, gy: np.ndarray) -> tuple[np.ndarray, None]:
        return gy * fused_backward(self.out, self.t), None


def half_sse(o: ArrayLike, t: ArrayLike) -> Tensor:
    return OutputLoss("half_sse")(o, t)


def mse(o: ArrayLike, t: ArrayLike) -> Tensor:
    return OutputLoss("mse")(o, t)


def hinge(o: ArrayLike, t: ArrayLike) -> Tensor:
    return OutputLoss("hinge")(o, t)


def softmax_cross_entropy(net: ArrayLike, t: ArrayLike) -> Tensor:
    return SoftmaxCrossEntropy()(net, t)


def sigmoid_binary_cross_entropy(net: ArrayLike, t: ArrayLike) -> Tensor:
    return SigmoidBinaryCrossEntropy()(net, t)
