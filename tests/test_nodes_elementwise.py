"""Reciprocal, exp, log, power: backward against central differences and torch."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from chainrule.engine import exp, log, power, reciprocal
from reference import check_node_gradients, compare_with_torch
from strategies import SETTINGS, SHAPES, arrays, away_from_zero, values

EXPONENTS = st.sampled_from([2.0, 3.0, 0.5, -1.0, 1.5, -0.5])
POSITIVE = values(0.2, 4.0)


@SETTINGS
@given(x=arrays(SHAPES, away_from_zero(0.3, 3.0)))
def test_reciprocal_backward(x):
    check_node_gradients(reciprocal, [x])


@SETTINGS
@given(x=arrays(SHAPES, values(-3.0, 3.0)))
def test_exp_backward(x):
    check_node_gradients(exp, [x])


@SETTINGS
@given(x=arrays(SHAPES, POSITIVE))
def test_log_backward(x):
    check_node_gradients(log, [x])


@SETTINGS
@given(x=arrays(SHAPES, POSITIVE), c=EXPONENTS)
def test_power_backward(x, c):
    check_node_gradients(lambda t: power(t, c), [x])


@SETTINGS
@given(x=arrays(SHAPES, away_from_zero(0.3, 3.0)), c=st.sampled_from([2.0, 3.0, -1.0]))
def test_power_integer_exponent_on_negative_values(x, c):
    check_node_gradients(lambda t: t**c, [x])


@SETTINGS
@given(x=arrays(SHAPES, away_from_zero(0.3, 3.0)))
def test_reciprocal_matches_torch(x):
    pytest.importorskip("torch")
    compare_with_torch(reciprocal, lambda t: t.reciprocal(), [x])


@SETTINGS
@given(x=arrays(SHAPES, values(-3.0, 3.0)))
def test_exp_matches_torch(x):
    pytest.importorskip("torch")
    compare_with_torch(exp, lambda t: t.exp(), [x])


@SETTINGS
@given(x=arrays(SHAPES, POSITIVE))
def test_log_matches_torch(x):
    pytest.importorskip("torch")
    compare_with_torch(log, lambda t: t.log(), [x])


@SETTINGS
@given(x=arrays(SHAPES, POSITIVE), c=EXPONENTS)
def test_power_matches_torch(x, c):
    pytest.importorskip("torch")
    compare_with_torch(lambda t: power(t, c), lambda t: t**c, [x])
