"""The records' formulas read as numbers (value) and by branch (piece)."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainrule.nn.activations import ACTIVATIONS, elementwise_names
from chainrule.nn.losses import LOSSES
from chainrule.teach.explain.formulas import piece, value

NUMBERS = st.floats(-4.0, 4.0, allow_nan=False)


@pytest.mark.parametrize("name", elementwise_names())
@settings(max_examples=30, deadline=None)
@given(net=NUMBERS)
def test_the_value_of_each_activation_formula_is_its_kernels(name, net):
    record = ACTIVATIONS[name]
    x = np.array([net])
    y = record.forward(x)
    assert value(record.formula, {"net": net}) == pytest.approx(float(y[0]), rel=1e-12, abs=1e-300)
    leaves = {"net": net, "out": float(y[0])}
    fprime = float(record.derivative_values(x, y)[0])
    assert value(record.derivative, leaves) == pytest.approx(fprime, rel=1e-12, abs=1e-15)


def test_a_branch_by_net_alone_or_by_a_condition_on_several_leaves():
    relu = ACTIVATIONS["relu"].derivative
    assert piece(relu, 0.0) == (1, "≥", True) and piece(relu, -0.5) == (0, "<", False)
    hinge = LOSSES["hinge"].slope  # −t where 1 − t·o ≥ 0, else 0
    assert piece(hinge, {"t": 1.0, "o": 0.25, "K": 2.0}) == (("neg", "t"), "≥", True)
    assert piece(hinge, {"t": -1.0, "o": -1.5, "K": 2.0}) == (0, "<", False)
    assert value(hinge, {"t": -1.0, "o": 0.5, "K": 2.0}) == 1.0
