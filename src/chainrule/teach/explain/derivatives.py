"""The local derivatives and per-output errors a hand calculation writes down, computed
from a step's recorded values (Mazur's example: ∂out_o1/∂net_o1 = out_o1(1 − out_o1))."""

from __future__ import annotations

import numpy as np

from chainrule.teach.explain.expr import (
    ONE,
    Const,
    Expr,
    Func,
    Op,
    Paren,
    Partial,
    Pow,
    Sym,
    juxt,
    minus,
)


def local_derivative(activation: str, net: np.ndarray, out: np.ndarray) -> np.ndarray:
    """∂out/∂net element by element (not for softmax, whose derivative is a Jacobian)."""
    if activation == "sigmoid":
        return out * (1.0 - out)
    if activation == "tanh":
        return 1.0 - out**2
    if activation == "relu":
        return (net >= 0).astype(float)
    if activation == "abs":
        return np.sign(net)
    if activation == "identity":
        return np.ones_like(net)
    raise ValueError(f"no element-wise derivative for {activation!r}")


def derivative_formula(activation: str, out: Sym, net: Sym) -> Expr:
    """∂out/∂net written with the neuron's own names (Mazur's example: out_o1(1 − out_o1))."""
    p = Partial(out, net)
    if activation == "sigmoid":
        return Op("=", (p, juxt(out, Paren(minus(ONE, out)))))
    if activation == "tanh":
        return Op("=", (p, minus(ONE, Pow(out, Const("2")))))
    if activation == "abs":
        return Op("=", (p, Func("sign", (net,))))
    if activation == "identity":
        return Op("=", (p, ONE))
    return p


def output_errors(loss: str, out: np.ndarray, net: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Each sample's error per output, E_ok (they add up to the sample's E_n)."""
    t, o = targets, out
    if loss == "half_sse":
        return 0.5 * (t - o) ** 2
    if loss == "mse":
        return (t - o) ** 2 / o.shape[1]
    if loss == "hinge":
        return np.maximum(0.0, 1.0 - t * o)
    if loss == "binary_cross_entropy":  # −[t log o + (1 − t) log(1 − o)], stable from net
        return np.logaddexp(0.0, net) - t * net
    if loss == "cross_entropy":  # −t log softmax(net)
        m = net.max(axis=1, keepdims=True)
        log_out = net - m - np.log(np.exp(net - m).sum(axis=1, keepdims=True))
        return -t * log_out
    raise ValueError(f"unknown loss {loss!r}")
