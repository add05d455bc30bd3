"""When a learner's number counts as right: the rounding rule.

A number is right when it equals the true value to the digits the learner wrote, allowing
for what rounding the earlier quantities to those digits can change. In numbers: a learner
who writes ``a`` with its last digit at 10^−d (``0.593269992``: d = 9) is right about a
quantity q with true value v when

    |a − v| ≤ h + Σ_p |∂q/∂p| · e_p + 10^−12·max(1, |a|, |v|)

where h = ½·10^−d is the rounding of a itself, the sum runs over the quantities p that q is
computed from (its direct inputs in the step, see :mod:`.quantities`), and e_p is how far
the learner's p may lie from the true p:

- p answered and right: e_p = |a_p − v_p|, the learner's own rounding of p;
- otherwise: p rounded to the same digits as a, e_p = h + Σ_p' |∂p/∂p'| · e_p' (the same
  rule one level up, down to the given numbers: weights, biases, inputs and targets, which
  are exact).

This is a first-order interval bound. Mazur's article computes ∂E_o2/∂out_h1 from the
rounded δ_o2 = −0.038098237 and prints −0.019049119; the exact value is −0.0190491183. With
d = 9 the allowance is h + 0.5·e_δo2 ≥ 7.5·10^−10 (more with the rounding of δ_o2's own
inputs), and the difference 7·10^−10 lies inside it: right. A quantity answered with
fewer digits gets a wider allowance; the last term only absorbs the last bits of binary
arithmetic (a bias gradient that is 0 in exact arithmetic comes out as ±5·10^−17).
"""

from __future__ import annotations

import math
from decimal import Decimal, InvalidOperation

from chainrule.errors import ChainruleError
from chainrule.teach.exercises.quantities import Quantity

FLOAT_SLACK = 1e-12  # far below any digit a learner writes


def written(value: object, name: str) -> tuple[float, float]:
    """(the number, h = half a unit of its last written digit) of an answer: a JSON number
    kept as written (a :class:`~decimal.Decimal`), a float (its shortest repr), an int or
    a numeric string."""
    if isinstance(value, bool) or not isinstance(value, Decimal | float | int | str):
        raise ChainruleError(f"answer {name!r} is {value!r}: expected a number")
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ChainruleError(f"answer {name!r} is {value!r}: expected a finite number")
        text = repr(value)
    else:
        text = str(value).strip()
    try:
        number = Decimal(text)
    except InvalidOperation:
        raise ChainruleError(f"answer {name!r} is {str(value)[:40]!r}: expected a number") from None
    if not number.is_finite():
        raise ChainruleError(f"answer {name!r} is {text[:40]!r}: expected a finite number")
    exponent = number.as_tuple().exponent
    assert isinstance(exponent, int)
    return float(number), 0.5 * 10.0**exponent


class Allowance:
    """The rounding allowance of every quantity, for one set of answers (see the module)."""

    def __init__(self, truth: dict[str, Quantity], answers: dict[str, tuple[float, float]]) -> None:
        self.truth = truth
        self.answers = answers
        self.right: dict[str, bool] = {}
        self.cache: dict[tuple[str, float], float] = {}

    def error(self, name: str, h: float) -> float:
        """e_p of quantity ``name`` for a number rounded at h (0 for a given number)."""
        q = self.truth.get(name)
        if q is None:
            return 0.0
        if name in self.answers and self.is_right(name):
            return abs(self.answers[name][0] - q.value)
        key = (name, h)
        if key not in self.cache:
            self.cache[key] = h + self.spread(name, h)
        return self.cache[key]

    def spread(self, name: str, h: float) -> float:
        """Σ_p |∂q/∂p|·e_p over q's inputs (the step's quantities form no cycle)."""
        return sum(s * self.error(p, h) for p, s in self.truth[name].deps if s)

    def bound(self, name: str, value: float | None = None) -> float:
        """How far the answer for ``name`` may lie from ``value`` (default: the true value)."""
        got, h = self.answers[name]
        v = self.truth[name].value if value is None else value
        return h + self.spread(name, h) + FLOAT_SLACK * max(1.0, abs(got), abs(v))

    def is_right(self, name: str) -> bool:
        if name not in self.right:
            got = self.answers[name][0]
            self.right[name] = abs(got - self.truth[name].value) <= self.bound(name)
        return self.right[name]

    def matches(self, name: str, value: float) -> bool:
        """Whether the learner's number for ``name`` is ``value`` to the written digits."""
        got = self.answers[name][0]
        return abs(got - value) <= self.bound(name, value)
