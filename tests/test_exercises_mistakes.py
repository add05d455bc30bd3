"""Every known mistake is diagnosed as itself, and rounded right answers pass.

50 random exercises cover the logistic function, tanh and ReLU; the squared error and
cross-entropy; biases trained and kept; 2-2-2, 3-2-2 and 2-3-2-2 networks. For each
mistake, the answers a learner who makes it computes (the engine's step with the
mistake's switch) are checked: every number the mistake changes is wrong and diagnosed
with that code, every other one is right. Right answers written with 3 to 9 significant
digits, or 3 to 9 decimal places, all pass.
"""

from __future__ import annotations

import itertools
from decimal import Decimal

import pytest

from chainrule.nn.losses import LOSSES
from chainrule.teach.exercises import generate
from chainrule.teach.exercises.check import check
from chainrule.teach.exercises.mistakes import CODES, answers_with, halved, variants
from chainrule.teach.step_rules import StepRules

SETTINGS = list(
    itertools.product(["sigmoid", "tanh", "relu"], ["half_sse", "cross_entropy"], [True, False])
)
SHAPES = [(2, 2, 2), (2, 2, 2), (3, 2, 2), (2, 3, 2, 2)]


def nine_digits(values: dict[str, float]) -> dict[str, Decimal]:
    """Numbers as a learner writes them, with 9 significant digits (1.00000000, not 1)."""
    return {n: Decimal(f"{v:.8e}") for n, v in values.items()}


@pytest.fixture(scope="module")
def problems():
    out = []
    for seed in range(50):
        activation, loss, biases = SETTINGS[seed % len(SETTINGS)]
        out.append(generate(seed, SHAPES[seed % len(SHAPES)], activation, loss, biases))
    return out


def test_the_fifty_cover_every_setting(problems):
    seen = {
        (p.spec["layers"][0]["activation"], p.spec["loss"], p.spec["train_biases"])
        for p in problems
    }
    assert seen == set(SETTINGS)


@pytest.mark.parametrize("code", CODES)
def test_answers_with_a_mistake_are_diagnosed_as_that_mistake(problems, code):
    changed = 0
    for p in problems:
        exact = answers_with(p, code)
        if exact is None:
            continue
        answers = nine_digits(exact)
        truth = p.answers()
        for r in check(p, answers):
            moved = abs(exact[r.name] - truth[r.name])
            if moved > 1e-7 * max(0.01, abs(truth[r.name])):
                assert r.status == "wrong", (p.name, code, r.name)
            if moved < 1e-12:
                assert r.status == "right", (p.name, code, r.name)
            if r.status == "wrong":
                changed += 1
                assert r.diagnosis == code, (p.name, r.name, r.diagnosis)
    assert changed >= 10  # the mistake changes numbers on many of the problems


def test_where_each_mistake_applies(problems):
    mazurish = problems[0]  # sigmoid, half_sse, biases trained
    assert [v.code for v in variants(mazurish, "bias_kept")] == ["bias_kept"]
    assert variants(mazurish, "bias_updated") == []
    ce = next(p for p in problems if p.spec["loss"] == "cross_entropy")
    assert variants(ce, "factor_two") == []  # no ½ to drop


@pytest.mark.parametrize(
    "rules, code",
    [
        (StepRules(activation_derivative="one", layers=frozenset({0})), "no_activation_derivative"),
        (StepRules(activation_derivative="net", layers=frozenset({0})), "derivative_of_net"),
        (StepRules(one_output=1), "one_output_only"),
    ],
)
def test_a_slip_at_one_layer_is_named_too(problems, rules, code):
    checked = 0
    for p in problems[:24]:
        if p.spec["layers"][0]["activation"] != "sigmoid":
            continue
        slipped = p.solution(rules)
        answers = nine_digits({n: slipped[n].value for n in p.ask})
        wrong = [r for r in check(p, answers) if r.status == "wrong"]
        assert wrong and all(r.diagnosis == code for r in wrong), p.name
        checked += 1
    assert checked >= 4


@pytest.mark.parametrize("digits", range(3, 10))
def test_right_answers_rounded_to_3_to_9_digits_pass(problems, digits):
    for p in problems:
        truth = p.answers()
        significant = {n: float(f"{v:.{digits}g}") for n, v in truth.items()}
        places = {n: Decimal(f"{v:.{digits}f}") for n, v in truth.items()}
        for answers in (significant, places):
            results = check(p, answers)
            assert all(r.status == "right" for r in results), (
                p.name,
                [(r.name, r.got, r.expected) for r in results if r.status != "right"],
            )


def test_the_activation_left_out_of_the_forward_pass(problems):
    checked = 0
    for p in problems[:12]:
        skipped = p.solution(skip_activation=frozenset({0}))  # out = net in the first layer
        answers = nine_digits({n: skipped[n].value for n in p.ask})
        wrong = [r for r in check(p, answers) if r.status == "wrong"]
        if p.spec["layers"][0]["activation"] != "relu":  # ReLU: out = net where net > 0
            assert any(r.name.startswith("out_h1") for r in wrong)
            checked += 1
        assert all(r.diagnosis == "net_for_out" for r in wrong), p.name
    assert checked >= 6


def test_no_known_mistake_gives_null(problems):
    p = problems[0]
    answers = p.answers()
    answers["w1+"] = answers["w1+"] + 0.123
    (wrong,) = [r for r in check(p, answers) if r.status == "wrong"]
    assert wrong.name == "w1+" and wrong.diagnosis is None


def test_built_in_examples_with_one_sample():
    from chainrule.teach.examples import SPECS
    from chainrule.teach.exercises import from_example

    names = [name for name, data in SPECS.items() if len(data["inputs"]) == 1]
    assert "mazur" in names and len(names) >= 3  # Mazur's, the one without biases, the 3-4-2
    for name in names:
        p = from_example(name)
        for code in CODES:
            exact = answers_with(p, code)
            if exact is None:
                continue
            wrong = [r for r in check(p, nine_digits(exact)) if r.status == "wrong"]
            assert all(r.diagnosis == code for r in wrong), (name, code)


def test_only_a_loss_written_with_a_half_has_a_half_to_drop():
    """factor_two follows the record's formula: ½(t − o)² (Mazur's E_total) has a ½, the mean
    squared error (1/K)(t − o)² and the others do not."""
    assert [name for name, loss in LOSSES.items() if halved(loss.error)] == ["half_sse"]
    assert halved(("juxt", ("/", 1, 2), ("^", "o", 2))) and not halved(("/", 1, 2))
