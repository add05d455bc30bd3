"""How much a hand-computed number moves with the numbers it is computed from, read off the
records' kernels (for the rounding allowance of :mod:`.rounding`).

Three slopes, each a ratio of central differences Δq / Δp around the step's own values, so
that no activation or loss is known here by name and a new record needs nothing of its own:

- :func:`derivative_input`: ∂out/∂net is computed from out where the record writes f′ in
  out (Mazur's example: out_o1(1 − out_o1); tanh: 1 − out²), else from net (ReLU, softplus
  σ(net)); its slope |Δf′ / Δout| or |Δf′ / Δnet| by the record's derivative kernel
  (sigmoid: |1 − 2·out|, tanh: |2·out|, ReLU: 0, softplus: σ(net)(1 − σ(net)));
- :func:`error_slope`: |∂E_ok/∂out_ok| of one output's error E_ok by the loss's ``errors``
  kernel, net_k moved and out taken through the output activation (½(t − o)²: o − t;
  −t log o: −t/o, also under softmax, where out_k moves with net_k alone);
- :func:`gradient_slope`: |∂(∂E/∂out_ok)/∂out_ok| by the loss's backward kernel (½(t − o)²:
  1; the mean squared error over K outputs: 2/K).
"""

from __future__ import annotations

import numpy as np

from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import LOSSES
from chainrule.teach.explain.formulas import uses

STEP = 1e-5  # relative step of the differences: error about 1e-10, far below any written digit


def _ratio(rise: float, run: float) -> float:
    """|rise / run|, 0 where the run vanishes (a saturated out that no longer moves)."""
    return abs(rise / run) if run else 0.0


def _around(net: float, kink: bool) -> tuple[float, float]:
    """Two nets around ``net`` for a difference; beside a kink at 0 both on net's side
    (net ≥ 0: above 0, the side the derivative rule takes at 0)."""
    h = STEP * max(1.0, abs(net))
    if kink and abs(net) < 2 * h:
        return (net + h, net + 2 * h) if net >= 0 else (net - 2 * h, net - h)
    return net - h, net + h


def derivative_input(activation: str, net: float) -> tuple[str, float]:
    """("out" or "net", |∂f′/∂ it|): what a hand calculation computes ∂out/∂net from (the
    leaf of the record's formula for f′; "out" for a constant f′) and how f′ moves with it
    there (an element-wise activation)."""
    record = ACTIVATIONS[activation]
    leaf = "net" if uses(record.derivative, "net") and not uses(record.derivative, "out") else "out"
    x = np.array(_around(net, record.kink))
    y = record.forward(x, **record.options)
    d = record.derivative_values(x, y)
    run = x if leaf == "net" else y
    return leaf, _ratio(float(d[1] - d[0]), float(run[1] - run[0]))


def error_slope(loss: str, output: str, net: np.ndarray, t: np.ndarray, k: int) -> float:
    """|∂E_ok/∂out_ok| for one sample (net and t of shape (1, K)) with ``output`` the output
    layer's activation: net_k moved, out by the activation's forward kernel, E_ok by the
    loss's errors kernel."""
    act, record = ACTIVATIONS[output], LOSSES[loss]
    h = STEP * max(1.0, abs(float(net[0, k])))
    nets = np.repeat(np.asarray(net, dtype=np.float64), 2, axis=0)
    nets[:, k] += (-h, h)
    outs = act.forward(nets, **act.options)
    errors = record.errors(outs, nets, np.repeat(t, 2, axis=0))[:, k]
    return _ratio(float(errors[1] - errors[0]), float(outs[1, k] - outs[0, k]))


def gradient_slope(loss: str, o: np.ndarray, t: np.ndarray, k: int) -> float:
    """|∂(∂E/∂out_ok)/∂out_ok| for one sample (o and t of shape (1, K)) of a loss on out
    (not fused), by the loss's backward kernel."""
    h = STEP * max(1.0, abs(float(o[0, k])))
    backward = LOSSES[loss].backward
    low, high = np.array(o, dtype=np.float64), np.array(o, dtype=np.float64)
    low[0, k] -= h
    high[0, k] += h
    rise = float(backward(high, t)[0, k] - backward(low, t)[0, k])
    return _ratio(rise, float(high[0, k] - low[0, k]))
