"""Exercise mode of the studio: the ``check`` message, its validation, and the session's
problem (the page's network and its one sample, checked by :func:`chainrule.check`)."""

from __future__ import annotations

import warnings

import pytest

pytest.importorskip("httpx")
with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

import chainrule as cr
from chainrule.studio.app import create_app
from chainrule.studio.protocol import MAX_ANSWER_LENGTH, MAX_ANSWERS, ProtocolError, parse_message
from chainrule.studio.session import Session
from chainrule.teach.exercises import answers_with

BASE = "http://127.0.0.1:8765"
HOST = {"host": "127.0.0.1:8765"}


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(lang="en"), base_url=BASE) as c:
        yield c


def factor_two_dw5() -> str:
    """Mazur's ∂E/∂w5 computed with the ½ of the squared error left out (9 decimals)."""
    wrong = answers_with(cr.exercise(example="mazur").problem, "factor_two")
    assert wrong is not None
    return f"{wrong['dE/dw5']:.9f}"


def test_mazur_lists_every_quantity_on_the_network():
    s = Session()
    assert s.snapshot()["exercise"] is None  # the circle data set: no exercise
    s.configure({"dataset": "mazur"})
    items = {q["name"]: q["anchor"] for q in s.snapshot()["exercise"]}
    assert len(items) == 43
    assert items["out_h1"] == "n0_0" and items["net_h2"] == "n0_1"
    assert items["delta_o2"] == "n1_1" and items["E_total"] == "n1_0"
    assert items["dE/dw5"] == "w5" and items["w5+"] == "w5" and items["dE/dw1"] == "w1"
    assert items["b2+"] == "n1_0" and items["dE/db1"] == "n0_0"


def test_check_over_the_websocket_in_both_languages(client):
    with client.websocket_connect("/ws", headers=HOST) as sock:
        assert sock.receive_json()["type"] == "welcome"
        sock.send_json({"type": "init", "config": {"dataset": "mazur"}})
        assert sock.receive_json()["exercise"][1] == {"name": "out_h1", "anchor": "n0_0"}
        answers = {"out_h1": "0.593269992", "dE/dw5": factor_two_dw5(), "w5+": " "}
        sock.send_json({"type": "check", "answers": answers})
        reply = sock.receive_json()
        assert reply["type"] == "checked" and reply["all_right"] is False
        r = reply["results"]
        assert r["out_h1"] == {"state": "right"}
        assert r["dE/dw5"]["state"] == "wrong" and r["dE/dw5"]["diagnosis"] == "factor_two"
        assert "½" in r["dE/dw5"]["explanation"] and "∂E/∂w5" in r["dE/dw5"]["explanation"]
        assert r["w5+"] == {"state": "missing"} and r["net_h1"] == {"state": "missing"}
        sock.send_json({"type": "set", "config": {"lang": "ko"}})
        assert sock.receive_json()["type"] == "state"
        sock.send_json({"type": "check", "answers": answers})
        ko = sock.receive_json()["results"]["dE/dw5"]["explanation"]
        assert "계산식" in ko and "½" in ko
        sock.send_json({"type": "check", "answers": {"out_h1": "0.5933", "net_h1": "0.3775"}})
        assert sock.receive_json()["results"]["net_h1"] == {"state": "right"}


@pytest.mark.parametrize(
    ("answers", "field", "words"),
    [
        ({"out_h9": "0.5"}, "out_h9", "unknown"),  # a name of no quantity of this step
        ({"out h1": "0.5"}, "answers", "expected a name"),
        ({"out_h1": "abc"}, "out_h1", "expected a number"),
        ({"out_h1": "1e5e5"}, "out_h1", "expected a number"),
        ({"out_h1": "nan"}, "out_h1", "expected a number"),
        ({"out_h1": 0.5}, "out_h1", "as text"),
        ({"out_h1": "1" * (MAX_ANSWER_LENGTH + 1)}, "out_h1", "at most"),
        ({f"w{n}+": "1" for n in range(MAX_ANSWERS + 1)}, "answers", "at most"),
        (["out_h1", "0.5"], "answers", "expected an object"),
    ],
)
def test_bad_answers_get_an_error_naming_the_field(client, answers, field, words):
    with client.websocket_connect("/ws", headers=HOST) as sock:
        sock.receive_json()
        sock.send_json({"type": "init", "config": {"dataset": "mazur"}})
        sock.receive_json()
        sock.send_json({"type": "check", "answers": answers})
        reply = sock.receive_json()
        assert reply["type"] == "error" and reply["status"] == 400, reply
        assert reply["field"] == field and words in reply["error"], reply
        sock.send_json({"type": "ping"})
        assert sock.receive_json() == {"type": "pong"}  # the session goes on


def test_no_exercise_without_a_one_sample_example():
    with pytest.raises(ProtocolError) as err:
        Session().check_answers({"out_h1": "0.5"})
    assert err.value.field == "dataset" and "mazur" in str(err.value)
    with pytest.raises(ProtocolError, match="missing field 'answers'"):
        parse_message({"type": "check"})
