"""The rounding rule: the written digits decide the allowance, and rounding the earlier
quantities to those digits widens it by how much they move the number."""

from __future__ import annotations

from decimal import Decimal

import pytest

import chainrule as cr
from chainrule.errors import ChainruleError
from chainrule.teach.exercises.rounding import written


@pytest.mark.parametrize(
    "value, number, half",
    [
        (Decimal("0.593269992"), 0.593269992, 5e-10),
        (Decimal("0.3775"), 0.3775, 5e-5),
        (Decimal("1.00000000e+00"), 1.0, 5e-9),
        (0.25, 0.25, 5e-3),
        ("-0.019049119", -0.019049119, 5e-10),
        (2, 2.0, 0.5),
    ],
)
def test_written_digits(value, number, half):
    got, h = written(value, "x")
    assert got == pytest.approx(number) and h == pytest.approx(half)


@pytest.mark.parametrize("value", ["abc", None, True, [1.0], float("nan"), "inf"])
def test_not_a_number(value):
    with pytest.raises(ChainruleError, match="answer 'x'"):
        written(value, "x")


@pytest.mark.parametrize(
    "answer, right",
    [("0.378", True), ("0.377", True), ("0.376", False), ("0.38", True), ("0.37", False)],
)
def test_net_h1_to_the_digits_written(answer, right):
    # net_h1 = 0.3775 exactly: 0.378 and 0.377 are both 0.3775 to 3 decimals
    assert cr.check("mazur", {"net_h1": Decimal(answer)}).all_right is right


def test_a_right_earlier_number_gives_its_own_rounding():
    # out_h1 = 0.593269992; a learner who wrote 0.5933 carries that rounding into net_o1
    # net_o1 = w5·out_h1 + w6·out_h2 + b2 moves by 0.4·(0.5933 − 0.593269992) = 1.2e-5
    carried = 0.40 * 0.5933 + 0.45 * 0.596884378 + 0.60
    answers = {"out_h1": Decimal("0.5933"), "net_o1": Decimal(f"{carried:.9f}")}
    assert cr.check("mazur", answers).all_right
    answers["out_h1"] = Decimal("0.6")  # 0.593269992 to one decimal: right, and wider
    assert cr.check("mazur", answers).all_right
    # the learner's net_o1 without their out_h1: 1.2e-5 off at 9 decimals is wrong
    assert cr.check("mazur", {"net_o1": answers["net_o1"]}).first_wrong == "net_o1"
    answers["out_h1"] = Decimal("0.58")  # wrong: its rounding gives net_o1 no allowance
    assert [r.name for r in cr.check("mazur", answers).wrong] == ["out_h1", "net_o1"]
