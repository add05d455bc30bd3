"""Learning-rate schedules by epoch."""

from __future__ import annotations

import math

import pytest

from chainrule.errors import ChainruleError
from chainrule.nn.schedules import Schedule


def test_schedules() -> None:
    step = Schedule("step", step_size=3, gamma=0.5)
    assert [step.factor(e) for e in range(7)] == [1, 1, 1, 0.5, 0.5, 0.5, 0.25]
    cosine = Schedule("cosine", epochs=4)
    assert [cosine.factor(e) for e in range(5)] == pytest.approx(
        [1.0, 0.5 + 0.5 * math.cos(math.pi / 4), 0.5, 0.5 - 0.5 * math.cos(math.pi / 4), 0.0]
    )
    assert Schedule().factor(99) == 1.0
    with pytest.raises(ChainruleError, match="unknown schedule 'warm'"):
        Schedule("warm")
    with pytest.raises(ChainruleError, match="gamma 0"):
        Schedule("step", gamma=0)
