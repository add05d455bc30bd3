"""Mazur's example, with the numbers his article prints: right as printed (his
∂E_o2/∂out_h1 = −0.019049119, computed from the rounded δ_o2, included); the same numbers
with the hidden layer computed by hand from w5⁺…w8⁺ are diagnosed ``updated_weights``."""

from __future__ import annotations

from decimal import Decimal

import pytest

import chainrule as cr
from seeds import SEED000

# The tests' table of Mazur's printed numbers under the checker's answer names: "dE_dw5" is
# "dE/dw5", "w5_new" is "w5+", "dEo1_dnet_o1" is "dE_o1/dnet_o1" (δ_o1), and so on.
RENAMED = {
    "dE_dout_o1": "dE/dout_o1",
    "dout_o1_dnet_o1": "dout_o1/dnet_o1",
    "dE_dw5": "dE/dw5",
    "dEo1_dnet_o1": "dE_o1/dnet_o1",
    "dEo1_dout_h1": "dE_o1/dout_h1",
    "dEo2_dout_h1": "dE_o2/dout_h1",  # from the rounded δ_o2
    "dE_dout_h1": "dE/dout_h1",
    "dout_h1_dnet_h1": "dout_h1/dnet_h1",
    "dE_dw1": "dE/dw1",
}


def answer_name(key: str) -> str:
    return key.removesuffix("_new") + "+" if key.endswith("_new") else RENAMED.get(key, key)


# ∂net_o1/∂w5 (= out_h1) is not an answer of its own
PRINTED = {answer_name(k): v for k, v in SEED000.items() if k != "dnet_o1_dw5"}


def printed() -> dict[str, Decimal]:
    return {n: Decimal(v) for n, v in PRINTED.items()}


def test_mazurs_printed_numbers_are_right():
    report = cr.check("mazur", printed())
    assert report.wrong == []
    assert len(report.correct) == len(PRINTED)  # dE_o1/dnet_o1 is read as delta_o1
    assert "delta_o1" in report.correct and "dE_o2/dout_h1" in report.correct
    assert report.first_wrong is None
    assert report.to_dict()["first_wrong"] is None


def test_his_rounded_term_is_right_but_one_more_unit_is_not():
    assert cr.check("mazur", {"dE_o2/dout_h1": Decimal("-0.019049119")}).all_right
    assert cr.check("mazur", {"dE_o2/dout_h1": Decimal("-0.019049118")}).all_right
    assert not cr.check("mazur", {"dE_o2/dout_h1": Decimal("-0.019049121")}).all_right


def nine(x: Decimal) -> Decimal:
    return x.quantize(Decimal("1e-9"))


def hidden_from_updated_weights() -> dict[str, Decimal]:
    """The hidden layer by hand, as a learner who took w5⁺…w8⁺ (9 decimals at each step)."""
    d_o1, d_o2 = Decimal("0.138498562"), Decimal("-0.038098237")
    w5, w6, w7, w8 = (Decimal(PRINTED[f"w{k}+"]) for k in (5, 6, 7, 8))
    lr, i1, i2 = Decimal("0.5"), Decimal("0.05"), Decimal("0.10")
    t1, t2 = nine(d_o1 * w5), nine(d_o2 * w7)
    g1 = nine(t1 + t2)
    g2 = nine(nine(d_o1 * w6) + nine(d_o2 * w8))
    delta1, delta2 = nine(g1 * Decimal("0.241300709")), nine(g2 * Decimal("0.240613417"))
    return {
        "dE_o1/dout_h1": t1,
        "dE_o2/dout_h1": t2,
        "dE/dout_h1": g1,
        "dE/dw1": nine(delta1 * i1),
        "w1+": nine(Decimal("0.15") - lr * nine(delta1 * i1)),
        "w2+": nine(Decimal("0.20") - lr * nine(delta1 * i2)),
        "w3+": nine(Decimal("0.25") - lr * nine(delta2 * i1)),
        "w4+": nine(Decimal("0.30") - lr * nine(delta2 * i2)),
    }


def test_hidden_layer_from_updated_weights_is_diagnosed():
    answers = printed()
    trapped = hidden_from_updated_weights()
    answers.update(trapped)
    report = cr.check("mazur", answers)
    assert sorted(r.name for r in report.wrong) == sorted(trapped)
    assert all(r.diagnosis == "updated_weights" for r in report.wrong)
    assert report.first_wrong == "dE_o1/dout_h1"
    first = report["dE_o1/dout_h1"]
    assert first.depends_on == [("delta_o1", "right")]  # "your δ_o1 is right, so look at …"
    assert float(first.got) == pytest.approx(0.049709416)
    assert first.expected == pytest.approx(0.055399425, abs=1e-9)
    text = report.to_dict()["wrong"][0]["explanation"]
    assert "δ_o1 is right" in text and "already-updated weights" in text
    korean = cr.check("mazur", answers, lang="ko").to_dict()["wrong"][0]["explanation"]
    assert "맞았으니" in korean and "갱신된 가중치" in korean
