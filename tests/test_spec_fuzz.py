"""Fuzzing the spec reader: any text or JSON value gives a Spec or a ChainruleError."""

from __future__ import annotations

import copy
import json
import os

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import chainrule as cr
from chainrule.teach.examples import MAZUR
from chainrule.teach.spec import parse_spec, parse_spec_text

LONG = int(os.environ.get("CHAINRULE_FUZZ_EXAMPLES", "0"))

json_values = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-5, 5)
    | st.floats(allow_nan=True)
    | st.text(max_size=8),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(
                [*sorted(MAZUR), "units", "weights", "biases", "bias", "activation", "x"]
            ),
            children,
            max_size=5,
        )
    ),
    max_leaves=20,
)


def parses_or_refuses(call) -> None:
    try:
        spec = call()
    except cr.ChainruleError as exc:
        message = str(exc)
        assert message and "\n" not in message
    else:
        assert isinstance(spec, cr.Spec)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=200))
def test_any_text(text):
    parses_or_refuses(lambda: parse_spec_text(text))


@settings(max_examples=200, deadline=None)
@given(json_values)
def test_any_json_value(value):
    parses_or_refuses(lambda: parse_spec(value))


@st.composite
def mutated_mazur(draw):
    """Mazur's spec with one field replaced by an arbitrary value (or removed)."""
    spec = copy.deepcopy(MAZUR)
    path = draw(
        st.sampled_from(
            [
                ("input_size",),
                ("loss",),
                ("learning_rate",),
                ("train_biases",),
                ("inputs",),
                ("targets",),
                ("layers",),
                ("layers", 0),
                ("layers", 1, "units"),
                ("layers", 0, "weights"),
                ("layers", 0, "weights", 1),
                ("layers", 1, "biases"),
                ("layers", 0, "activation"),
                ("layers", 1, "bias"),
                ("inputs", 0, 1),
                ("seed",),
            ]
        )
    )
    target = spec
    for key in path[:-1]:
        target = target[key]
    if draw(st.booleans()) and isinstance(target, dict):
        target.pop(path[-1], None)
    else:
        target[path[-1]] = draw(json_values)
    return spec


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(mutated_mazur())
def test_mutated_mazur(spec):
    parses_or_refuses(lambda: parse_spec(spec))
    parses_or_refuses(lambda: parse_spec_text(json.dumps(spec)))


@pytest.mark.slow
@pytest.mark.skipif(LONG < 1, reason="set CHAINRULE_FUZZ_EXAMPLES=100000 for the long run")
def test_long_run():
    @settings(
        max_examples=LONG, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(mutated_mazur() | json_values)
    def run(spec):
        parses_or_refuses(lambda: parse_spec(spec))

    run()
