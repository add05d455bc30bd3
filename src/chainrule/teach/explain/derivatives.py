"""The local derivatives and per-output errors a hand
calculation writes down, taken from the records' kernels (Mazur's example:
∂out_o1/∂net_o1 = out_o1(1 − out_o1)).

Both come from the records of chainrule.nn (the kernels for the numbers, the formulas for the
equations); nothing here computes a derivative or an error of its own.
"""

from __future__ import annotations

import numpy as np

from chainrule.nn.activations import ACTIVATIONS
from chainrule.nn.losses import LOSSES
from chainrule.teach.explain.expr import Expr, Op, Partial, Sym
from chainrule.teach.explain.formulas import expression, is_piecewise


def local_derivative(activation: str, net: np.ndarray, out: np.ndarray) -> np.ndarray:
    """∂out/∂net element by element, by the record's backward kernel with ∂E/∂out = 1
    (not for softmax, whose derivative is a Jacobian)."""
    record = ACTIVATIONS[activation]
    if not record.elementwise:
        raise ValueError(f"no element-wise derivative for {activation!r}")
    return record.derivative_values(net, out)


def derivative_formula(activation: str, out: Sym, net: Sym) -> Expr:
    """∂out/∂net written with the neuron's own names (Mazur's example: out_o1(1 − out_o1));
    a piecewise derivative (ReLU) is left to the words."""
    formula = ACTIVATIONS[activation].derivative
    p = Partial(out, net)
    if formula is None or is_piecewise(formula):
        return p
    return Op("=", (p, expression(formula, {"out": out, "net": net})))


def output_errors(loss: str, out: np.ndarray, net: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Each sample's error per output, E_ok (they add up to the sample's E_n), by the loss's
    record."""
    if loss not in LOSSES:
        raise ValueError(f"unknown loss {loss!r}")
    return LOSSES[loss].errors(out, net, targets)
