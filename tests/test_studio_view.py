"""The studio's drawing of outs: which activations' outs are probabilities (their colour
scale is stretched from [0, 1] to [−1, 1]), read from the records' own kernels."""

from __future__ import annotations

import numpy as np

from chainrule.nn.activations import ACTIVATIONS
from chainrule.studio.view import _probability, _scaled


def test_probability_outputs_are_found_from_the_records() -> None:
    found = {name for name in ACTIVATIONS if _probability(name)}
    assert found == {"sigmoid", "softmax"}


def test_a_probability_is_stretched_and_other_outs_are_not() -> None:
    out = np.array([0.0, 0.25, 1.0])
    np.testing.assert_array_equal(_scaled(out, "sigmoid"), [-1.0, -0.5, 1.0])
    np.testing.assert_array_equal(_scaled(out, "tanh"), out)
    np.testing.assert_array_equal(_scaled(out, "relu"), out)
