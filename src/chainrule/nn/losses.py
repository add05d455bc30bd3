"""Loss functions, one record each: E, its gradient, and how the explanation writes it.

With outputs o (= out of the output layer), targets t, N samples and K outputs, every loss
is summed over a sample's outputs and averaged over the batch (mse: the mean over all N·K
elements):
- ``half_sse``: E = (1/N) Σ_n Σ_k ½(t − o)², the tutorials' E_total
  (Mazur's example: E_total = Σ ½(target − out)²);
- ``mse``: E = mean over every element of (t − o)²;
- ``cross_entropy``: E = (1/N) Σ_n −Σ_k t log o on a softmax output;
- ``binary_cross_entropy``: E = (1/N) Σ_n Σ_k −[t log o + (1 − t) log(1 − o)] on a sigmoid
  output;
- ``hinge``: E = (1/N) Σ_n Σ_k max(0, 1 − t·o), t in {−1, +1} (SanghyukChun's introduction).

Two are fused with the output activation and take the *net* (the logits): softmax +
cross-entropy and sigmoid + binary cross-entropy. Fusing makes the forward stable (no log
of 0) and the backward the simple "out − target" (SanghyukChun's softmax loss).

Each :class:`Loss` holds its kernels (forward → a function that gives E once the kernel's
calls are made, backward → ∂E/∂input into an optional ``out=`` buffer; both take the array
module ``xp``, see :mod:`chainrule.engine.calls`), the per-output errors E_ok the
explanation lists, the formulas it writes (a :data:`~chainrule.nn.activations.Formula` in
t, o and K; words: the keys ``loss.<name>`` and ``loss_deriv.<name>`` of
chainrule/teach/explain/i18n.py), the output activation it fuses with or trains with, and
what its targets must be. Networks, classifiers, the planned fast path, the explanation,
exercises, spec validation and the CLI read :data:`LOSSES`.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from chainrule.engine.calls import XP, constant, scalar
from chainrule.engine.tensor import ArrayLike, Node, Tensor
from chainrule.errors import ChainruleError, did_you_mean
from chainrule.nn.activations import Formula, sigmoid_forward, softmax_forward

# -- kernels, forward and backward side by side ----------------------------------------------


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


# -- per-output errors E_ok of each sample (N, K), which add up to the sample's E_n ----------


def half_sse_errors(o: np.ndarray, net: np.ndarray, t: np.ndarray) -> np.ndarray:
    """E_ok = ½(t − o)²."""
    return 0.5 * (t - o) ** 2


def mse_errors(o: np.ndarray, net: np.ndarray, t: np.ndarray) -> np.ndarray:
    """E_ok = (t − o)² / K."""
    return (t - o) ** 2 / o.shape[1]


def hinge_errors(o: np.ndarray, net: np.ndarray, t: np.ndarray) -> np.ndarray:
    """E_ok = max(0, 1 − t·o)."""
    return np.maximum(0.0, 1.0 - t * o)


def binary_cross_entropy_errors(o: np.ndarray, net: np.ndarray, t: np.ndarray) -> np.ndarray:
    """E_ok = −[t log o + (1 − t) log(1 − o)] = log(1 + e^net) − t·net, stable from net."""
    return np.logaddexp(0.0, net) - t * net


def cross_entropy_errors(o: np.ndarray, net: np.ndarray, t: np.ndarray) -> np.ndarray:
    """E_ok = −t log softmax(net)_k, with log softmax = net − max − log Σ e^(net − max)."""
    m = net.max(axis=1, keepdims=True)
    log_out = net - m - np.log(np.exp(net - m).sum(axis=1, keepdims=True))
    return -t * log_out


# -- what targets each loss can use ----------------------------------------------------------


def any_targets(name: str, t: np.ndarray) -> None:
    """Any real targets."""


def sign_targets(name: str, t: np.ndarray) -> None:
    """Targets −1 or +1."""
    if not np.all(np.isin(t, (-1.0, 1.0))):
        raise ChainruleError(f"{name} loss targets must be -1 or +1")


def unit_targets(name: str, t: np.ndarray) -> None:
    """Targets in [0, 1]."""
    if np.any(t < 0) or np.any(t > 1):
        raise ChainruleError(f"{name} targets must lie in [0, 1]")


def probability_targets(name: str, t: np.ndarray) -> None:
    """Probability rows (one-hot) summing to 1."""
    if np.any(t < 0) or not np.allclose(t.sum(-1), 1):
        raise ChainruleError(f"{name} targets must be probability rows (one-hot) summing to 1")


# -- the record -----------------------------------------------------------------------------


@dataclass(frozen=True)
class Loss:
    """One loss: its kernels, formulas, fused or trained output activation and targets.

    ``forward(o, t, xp)`` gives E as a function (``fuses``: ``forward(net, t, y, xp)``
    gives E and out = f(net)); ``backward(o, t, out, xp)`` gives ∂E/∂o (``fuses``:
    ∂E/∂net from out); ``errors(o, net, t)`` the per-output E_ok; ``error`` writes E_ok,
    ``total`` E_total and ``slope`` ∂E_ok/∂o in the leaves t, o and K (outputs) (Mazur's
    example: −(target − out); a fused loss's explanation writes δ = out − t instead, its
    slope stands for the exercises and the tests); ``fuses`` is the output
    activation the loss is fused with, ``output`` the one a classifier trains with it;
    ``kink`` whether ∂E/∂o jumps (hinge: exercises leave it out); ``off_target`` the target
    of an output whose class a sample is not (0 in a one-hot row, −1 for hinge's ±1);
    ``label`` its node's circle in the graph pictures (default: the name; a fused loss's
    circle names its activation too, "softmax + CE").
    """

    name: str
    forward: Callable[..., Any]
    backward: Callable[..., np.ndarray]
    errors: Callable[[np.ndarray, np.ndarray, np.ndarray], np.ndarray]
    error: Formula
    total: Formula
    slope: Formula
    output: str
    check_targets: Callable[[str, np.ndarray], None]
    fuses: str | None = None
    kink: bool = False
    off_target: float = 0.0
    label: str | None = None

    def __call__(self, out: Tensor, net: Tensor, targets: ArrayLike) -> Tensor:
        """E for out (= f(net)) against targets as a node of the graph; a fused loss reads
        net."""
        if self.fuses is not None:
            return FusedLoss(self)(net, targets)
        return OutputLoss(self)(out, targets)


class OutputLoss(Node):
    """E of the output layer's out against constant targets t (half_sse, mse or hinge);
    ∂E/∂o by the record's backward kernel, o of shape (N, K) or (K,)."""

    def __init__(self, record: Loss | str) -> None:
        self.record = LOSSES[record] if isinstance(record, str) else record
        self.op = self.record.name

    def forward(self, o: np.ndarray, t: np.ndarray, out=None, xp: XP = np) -> np.ndarray:
        self.o, self.t = o, t
        return scalar(self.record.forward(o, t, xp), o.dtype, out, xp)

    def backward(self, gy: np.ndarray, out=(None, None), xp: XP = np) -> tuple[np.ndarray, None]:
        d = self.record.backward(self.o, self.t, out[0], xp)
        xp.multiply(gy, d, d)
        return d, None

    def __repr__(self) -> str:
        return f"OutputLoss({self.op!r})"


class FusedLoss(Node):
    """E of the net (logits) with the output activation fused in (softmax + cross-entropy,
    sigmoid + binary cross-entropy); ∂E/∂net = (out − t) / N, net of shape (N, K)."""

    def __init__(self, record: Loss | str) -> None:
        self.record = LOSSES[record] if isinstance(record, str) else record
        self.op = f"{self.record.fuses}_{self.record.name}"

    def forward(self, net: np.ndarray, t: np.ndarray, out=None, xp: XP = np) -> np.ndarray:
        value, self.out = self.record.forward(net, t, None, xp)
        self.t = t
        return scalar(value, net.dtype, out, xp)

    def backward(self, gy: np.ndarray, out=(None, None), xp: XP = np) -> tuple[np.ndarray, None]:
        d = self.record.backward(self.out, self.t, out[0], xp)
        xp.multiply(gy, d, d)
        return d, None

    def __repr__(self) -> str:
        return f"FusedLoss({self.record.name!r})"


SQUARE: Formula = ("^", ("()", ("-", "t", "o")), 2)  # (t − o)²
TARGET_LOG: Formula = ("·", "t", ("log", "o"))  # t log o
BCE: Formula = ("()", ("+", TARGET_LOG, ("·", ("()", ("-", 1, "t")), ("log", ("-", 1, "o")))))

LOSSES: dict[str, Loss] = {
    loss.name: loss
    for loss in (
        Loss(
            "half_sse",
            half_sse_forward,
            half_sse_backward,
            half_sse_errors,
            error=("juxt", ("/", 1, 2), SQUARE),
            total=("Σ", ("juxt", ("/", 1, 2), SQUARE)),
            slope=("neg", ("()", ("-", "t", "o"))),  # −(t − o)
            output="sigmoid",
            check_targets=any_targets,
            label="Σ ½(t − o)²",
        ),
        Loss(
            "mse",
            mse_forward,
            mse_backward,
            mse_errors,
            error=("juxt", ("/", 1, "K"), SQUARE),
            total=("juxt", ("/", 1, "K"), ("Σ", SQUARE)),
            slope=("juxt", ("/", 2, "K"), ("()", ("-", "o", "t"))),  # (2/K)(o − t)
            output="sigmoid",
            check_targets=any_targets,
            label="mean (t − o)²",
        ),
        Loss(
            "cross_entropy",
            softmax_cross_entropy_forward,
            fused_backward,
            cross_entropy_errors,
            error=("neg", TARGET_LOG),
            total=("neg", ("Σ", TARGET_LOG)),
            slope=("neg", ("/", "t", "o")),  # −t/o
            output="softmax",
            check_targets=probability_targets,
            fuses="softmax",
            label="CE",
        ),
        Loss(
            "binary_cross_entropy",
            sigmoid_binary_cross_entropy_forward,
            fused_backward,
            binary_cross_entropy_errors,
            error=("neg", BCE),
            total=("neg", ("Σ", BCE)),
            # (o − t)/(o(1 − o))
            slope=("/", ("-", "o", "t"), ("juxt", "o", ("()", ("-", 1, "o")))),
            output="sigmoid",
            check_targets=unit_targets,
            fuses="sigmoid",
            label="BCE",
        ),
        Loss(
            "hinge",
            hinge_forward,
            hinge_backward,
            hinge_errors,
            error=("max", 0, ("-", 1, ("·", "t", "o"))),
            total=("Σ", ("max", 0, ("-", 1, ("·", "t", "o")))),
            slope=("if", ("≥", ("-", 1, ("·", "t", "o")), 0), ("neg", "t"), 0),  # −t, or 0
            output="identity",
            check_targets=sign_targets,
            kink=True,
            off_target=-1.0,
        ),
    )
}

# The output activation each fused loss needs.
FUSED_ACTIVATION = {name: loss.fuses for name, loss in LOSSES.items() if loss.fuses}

# The planned fast path's view of the kernels: name → (forward, backward) on out for the
# unfused losses, name → forward on the net for the fused ones (their backward is
# fused_backward).
OUTPUT_LOSS_KERNELS = {n: (r.forward, r.backward) for n, r in LOSSES.items() if not r.fuses}
FUSED_LOSS_KERNELS = {n: r.forward for n, r in LOSSES.items() if r.fuses}


def get_loss(name: str) -> Loss:
    """The loss called ``name``, or a :class:`ChainruleError` listing the known ones."""
    try:
        return LOSSES[name]
    except (KeyError, TypeError):
        raise ChainruleError(
            f"unknown loss {name!r}: expected one of {', '.join(LOSSES)}"
            f"{did_you_mean(name, LOSSES) if isinstance(name, str) else ''}"
        ) from None


def check_loss(name: str, output_activation: str) -> None:
    """Raise a :class:`ChainruleError` unless loss ``name`` fits after ``output_activation``."""
    needed = get_loss(name).fuses
    if needed is not None and output_activation != needed:
        raise ChainruleError(
            f"loss {name!r} needs a {needed} output layer, got activation {output_activation!r}"
        )


def check_targets(name: str, targets: np.ndarray) -> None:
    """Targets a loss can use: one-hot rows for cross_entropy, [0, 1] for BCE, ±1 for hinge."""
    loss = get_loss(name)
    loss.check_targets(name, targets)


def compute_loss(name: str, out: Tensor, net: Tensor, targets: np.ndarray) -> Tensor:
    """E for ``out`` (= f(net)) against ``targets``; fused losses use ``net`` directly."""
    return get_loss(name)(out, net, targets)


def half_sse(o: ArrayLike, t: ArrayLike) -> Tensor:
    return OutputLoss("half_sse")(o, t)


def mse(o: ArrayLike, t: ArrayLike) -> Tensor:
    return OutputLoss("mse")(o, t)


def hinge(o: ArrayLike, t: ArrayLike) -> Tensor:
    return OutputLoss("hinge")(o, t)


def softmax_cross_entropy(net: ArrayLike, t: ArrayLike) -> Tensor:
    return FusedLoss("cross_entropy")(net, t)


def sigmoid_binary_cross_entropy(net: ArrayLike, t: ArrayLike) -> Tensor:
    return FusedLoss("binary_cross_entropy")(net, t)
