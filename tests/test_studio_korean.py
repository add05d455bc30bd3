"""The studio answers every error in the session's language: each bad request of the API
tests (tests/test_studio_app.py, through tests/studio_requests.py) and each message the
studio writes itself gets a Korean ``error`` when the session is Korean, the English one
otherwise, with the English message, the field and the status alike in both."""

from __future__ import annotations

import io
import json
import re
import warnings
from typing import Any

import numpy as np
import pytest

pytest.importorskip("httpx")
with warnings.catch_warnings():  # Starlette's advice to move to httpx2: not ours to follow
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient

from chainrule.studio.app import create_app
from chainrule.studio.data import MAX_UPLOAD_BYTES
from chainrule.studio.i18n import translate_error
from chainrule.studio.session import Session
from chainrule.studio.store import SessionStore
from chainrule.training.loop import diverged_message
from studio_requests import BAD_MESSAGES, BAD_UPLOADS, bad_model_files, make_model_files

BASE = "http://127.0.0.1:8765"
HOST = {"host": "127.0.0.1:8765"}
HANGUL = re.compile("[가-힣]")
# the words an English sentence cannot do without; a value a message names (a quoted name,
# a list of choices, a shape) is shown as it is and not counted
ENGLISH = re.compile(
    r"\b(?:expected|is|are|was|not|no|the|an?|of|or|and|to|at|in|on|for|with|by|has|have|"
    r"got|than|more|most|least|only|must|needs?|unknown|missing|allowed|bytes|file|line|"
    r"column|rows?|found|this|that|one|each|like|from|into|too|larger|smaller)\b",
    re.IGNORECASE,
)
VALUES = re.compile(r"'[^']*'|\[[^\]]*\]|(?:[\w.+/-]+, )+[\w.+/-]+")


def english_left(text: str) -> list[str]:
    """The English words of ``text`` outside the values it names, and every run of three
    or more Latin words (an English phrase left untranslated)."""
    shown = VALUES.sub(" ", text)
    return ENGLISH.findall(shown) + re.findall(r"[A-Za-z]{2,}(?:\s+[A-Za-z]{2,}){2,}", shown)


def test_english_left_finds_an_untranslated_phrase() -> None:
    found = english_left("upload 'p.txt': expected a .csv or .npz file")
    assert found == ["expected", "a", "or", "file"]
    found = english_left("hidden layers with activations relu, tanh")
    assert found == ["with", "hidden layers with activations"]
    assert english_left("업로드 'p.txt': .csv 나 .npz 파일이어야 합니다") == []
    assert english_left("데이터 세트 'x': 가능한 값: xor, and, or, circles") == []
    assert english_left("학습률 'fast': 0보다 큰 수여야 합니다 and <= 10") == ["and"]


@pytest.fixture(scope="module")
def model_files() -> dict[str, bytes]:
    from chainrule.data.regression import make_regression_toy
    from chainrule.training.regressor import Regressor
    from studio_requests import model_file

    x, t = make_regression_toy("multi-gaussian", samples=60, seed=0)
    two = model_file(Regressor([2, 3, 2], batch_size=20), x, np.c_[t, -t], epochs=1)
    return {**make_model_files(), "two outputs": two}


class Errors:
    """Every error reply of a run of bad requests, in order."""

    def __init__(self) -> None:
        self.replies: list[dict[str, Any]] = []

    def http(self, response: Any, status: int) -> None:
        assert response.status_code == status, response.text
        self.replies.append(response.json())

    def ws(self, reply: dict[str, Any], status: int) -> None:
        assert reply["type"] == "error" and reply["status"] == status, reply
        self.replies.append({k: v for k, v in reply.items() if k != "type"})


def open_session(client: TestClient, config: dict[str, Any]) -> tuple[Any, Any, str]:
    ws = client.websocket_connect("/ws", headers=HOST)
    sock = ws.__enter__()
    key = sock.receive_json()["session"]
    sock.send_json({"type": "init", "config": config})
    assert sock.receive_json()["type"] == "state"
    return ws, sock, key


def npz(**arrays: Any) -> bytes:
    buf = io.BytesIO()
    np.savez(buf, **arrays)
    return buf.getvalue()


def tampered(good: bytes, change: Any) -> bytes:
    """The model file ``good`` with ``change(config, arrays)`` applied to its JSON config and
    its arrays: a file the loader must refuse, each for its own reason."""
    with np.load(io.BytesIO(good)) as f:
        arrays = dict(f)
    config = json.loads(arrays["config"].tobytes())
    change(config, arrays)
    arrays["config"] = np.frombuffer(json.dumps(config).encode(), np.uint8)
    return npz(**arrays)


TAMPERINGS = [
    lambda c, a: c.__setitem__("task", "x"),
    lambda c, a: c["training"].__setitem__("epoch", -1),
    lambda c, a: c["architecture"].__setitem__("sizes", [2]),
    lambda c, a: c["architecture"]["layers"].pop(),
    lambda c, a: c["architecture"]["layers"][0].__setitem__("units", 4),
    lambda c, a: c["optimizer"].__setitem__("iterations", -1),
    lambda c, a: c.pop("architecture"),
    lambda c, a: c.__setitem__("arrays", [1]),
    lambda c, a: c["arrays"].__setitem__("param.layer1.weights", 5),
    lambda c, a: a.pop("param.layer1.biases"),
    lambda c, a: a.__setitem__("param.layer1.weights", a["param.layer1.weights"] * np.nan),
    lambda c, a: a.__setitem__("scaler.scale", a["scaler.scale"] * 0),
    lambda c, a: a.__setitem__("param.layer1.weights", np.zeros((3, 3), np.float32)),
]


def provoke(lang: str, model_files: dict[str, bytes]) -> list[dict[str, Any]]:
    """Every bad request of the API tests, and one for each message the studio writes,
    on a server whose language and whose sessions' language is ``lang``."""
    errors = Errors()
    with TestClient(create_app(lang=lang), base_url=BASE) as client:
        # requests outside a session: the server's language
        errors.http(client.get("/api/options?lang=fr"), 400)
        errors.http(client.get("/no/such/page"), 404)
        errors.http(client.post("/api/options"), 405)
        errors.http(client.get("/api/sessions/nope/derivation?name=w1"), 404)
        errors.http(client.get("/static/../app.py"), 404)
        errors.http(client.get("/", headers={"host": "evil.example:8765"}), 403)
        errors.http(client.get("/api/sessions/nope/export/model"), 404)
        errors.http(client.post("/api/sessions/nope/model", content=b"PK"), 404)
        errors.http(client.post("/api/sessions/nope/upload?name=p.csv", content=b"1,2,0"), 404)
        # a session's WebSocket: every bad message of the API tests, and the rest
        ws, sock, key = open_session(client, {"lang": lang})
        try:
            for text, status, _field in BAD_MESSAGES:
                sock.send_text(text)
                errors.ws(sock.receive_json(), status)
            sock.send_text(json.dumps({"type": "set", "config": {"x": "y" * 70_000}}))
            errors.ws(sock.receive_json(), 413)
            sock.send_bytes(b"\xff\xfe")
            errors.ws(sock.receive_json(), 400)
            for message in [
                {"type": "set", "config": {"features": 5}},
                {"type": "set", "config": {"features": ["x1", "x1"]}},
                {"type": "set", "config": {"edits": ",".join(f"w1:{i}" for i in range(65))}},
                {"type": "check", "answers": []},
                {"type": "check", "answers": {f"a{i}": "" for i in range(257)}},
                {"type": "check", "answers": {"bad name!": "1"}},
                {"type": "check", "answers": {"out_h1": "9" * 41}},
                {"type": "check", "answers": {"out_h1": "abc"}},
                {"type": "check", "answers": {"out_h1": "0.5"}},  # not a textbook network
            ]:
                sock.send_json(message)
                errors.ws(sock.receive_json(), 400)
            # uploads: those of the API tests, then each other refusal of data.py
            url = f"/api/sessions/{key}/upload"
            big = b"0,0,1\n" * (MAX_UPLOAD_BYTES // 6 + 10)
            errors.http(client.post(f"{url}?name=big.csv", content=big), 413)
            chunked = client.post(f"{url}?name=big.csv", content=iter([big]))  # no length
            errors.http(chunked, 413)
            bomb = io.BytesIO()
            np.savez_compressed(bomb, X=np.zeros((400_000, 2)), y=np.zeros(400_000))
            for name, body in [
                *BAD_UPLOADS,
                ("o.npz", npz(X=np.array([[0, 1]] * 3, dtype=object), y=np.zeros(3))),
                ("one.csv", b"1,2,0\n"),
                ("empty.csv", b"\n\n"),
                ("x.npz", npz(X=np.zeros((3, 2)))),
                ("shape.npz", npz(X=np.zeros((3, 3)), y=np.zeros(3))),
                ("words.npz", npz(X=np.array([["a", "b"]] * 3), y=np.zeros(3))),
                ("bomb.npz", bomb.getvalue()),
            ]:
                errors.http(client.post(f"{url}?name={name}", content=body), 400)
            errors.http(client.get(f"/api/sessions/{key}/export/pdf"), 404)
            sock.send_json({"type": "set", "config": {"activations": ["tanh", "relu"]}})
            sock.receive_json()
            errors.http(client.get(f"/api/sessions/{key}/export/model"), 409)
            sock.send_json({"type": "set", "config": {"hidden": [2], "loss": "hinge"}})
            sock.receive_json()
            errors.http(client.get(f"/api/sessions/{key}/export/model"), 409)
        finally:
            ws.__exit__(None, None, None)
        # Mazur's network: derivations, exercises and model files
        ws, sock, key = open_session(client, {"dataset": "mazur", "lang": lang})
        try:
            derivation = f"/api/sessions/{key}/derivation"
            errors.http(client.get(derivation), 400)
            errors.http(client.get(f"{derivation}?name=w9"), 404)
            errors.http(client.get(f"{derivation}?name=q"), 400)
            errors.http(client.get(f"{derivation}?name=b9"), 404)
            sock.send_json({"type": "check", "answers": {"out_zz": "1"}})
            errors.ws(sock.receive_json(), 400)
            url = f"/api/sessions/{key}/model?name=m.npz"
            for body, status, _words in bad_model_files(model_files):
                errors.http(client.post(url, content=body), status)
            errors.http(client.post(url + "&toy=mnist", content=model_files["classifier"]), 400)
            errors.http(client.post(url + "&toy=spirals", content=model_files["regressor"]), 400)
            errors.http(client.post(url + "&toy=plane", content=model_files["classifier"]), 400)
            errors.http(client.post(url, content=model_files["two outputs"]), 400)
            for change in TAMPERINGS:
                body = tampered(model_files["classifier"], change)
                errors.http(client.post(url, content=body), 400)
            errors.http(client.get(url), 405)
        finally:
            ws.__exit__(None, None, None)
    # a token's refusal, and a full server's
    with TestClient(create_app(token="s3cret", lang=lang), base_url="http://192.0.2.10:8765") as c:
        errors.http(c.get("/"), 403)
    with TestClient(create_app(store=SessionStore(max_sessions=1), lang=lang), base_url=BASE) as c:
        ws, _sock, _key = open_session(c, {"lang": lang})
        try:
            with c.websocket_connect("/ws", headers=HOST) as full:
                errors.ws(full.receive_json(), 429)
        finally:
            ws.__exit__(None, None, None)
    return errors.replies


def test_every_error_in_the_sessions_language(model_files) -> None:
    english = provoke("en", model_files)
    korean = provoke("ko", model_files)
    assert len(english) == len(korean) >= 100
    for en, ko in zip(english, korean, strict=True):
        assert set(en) == set(ko) == {"error", "field", "status", "message_en"}
        assert (en["field"], en["status"]) == (ko["field"], ko["status"])
        assert en["error"] == en["message_en"] and not HANGUL.search(en["error"])
        assert ko["message_en"] == en["message_en"], (en, ko)
        assert HANGUL.search(ko["error"]), ko
        assert english_left(ko["error"]) == [], ko
    # every message the page can be sent is a different one, each translated
    assert len({e["message_en"] for e in english}) >= 90
    kinds = {ko["message_en"]: ko["error"] for ko in korean}
    assert kinds["session 'nope' is unknown or was freed"] == (
        "세션 'nope' 을(를) 모르거나 이미 해제했습니다"
    )
    assert kinds["upload 'p.txt': expected a .csv or .npz file"] == (
        "업로드 'p.txt': .csv 나 .npz 파일이어야 합니다"
    )
    assert kinds["learning_rate 'fast': expected a number > 0 and <= 10"] == (
        "학습률 'fast': 0 보다 크고 10 이하인 수여야 합니다"
    )


def test_the_session_or_the_request_names_the_language() -> None:
    """On an English server a Korean session's errors are Korean, and a request's ``?lang=``
    names the language of an error outside a session."""
    with TestClient(create_app(lang="en"), base_url=BASE) as client:
        ws, sock, key = open_session(client, {"lang": "ko"})
        try:
            sock.send_json({"type": "set", "config": {"samples": 5}})
            assert sock.receive_json()["error"] == "샘플 수 5: 10 부터 2000 까지의 정수여야 합니다"
            r = client.post(f"/api/sessions/{key}/upload?name=p.txt", content=b"1,2,3")
            assert r.json()["error"] == "업로드 'p.txt': .csv 나 .npz 파일이어야 합니다"
            r = client.get(f"/api/sessions/{key}/derivation?name=w99&lang=en")
            assert r.json()["error"] == "parameter 'w99': this network has no such w"
            sock.send_json({"type": "set", "config": {"lang": "en"}})  # the page switches
            sock.receive_json()
            sock.send_json({"type": "set", "config": {"samples": 5}})
            assert sock.receive_json()["error"].startswith("samples 5: expected")
        finally:
            ws.__exit__(None, None, None)
        assert client.get("/no/such/page?lang=ko").json()["error"] == "찾을 수 없습니다"
        assert client.get("/no/such/page").json()["error"] == "Not Found"
        r = client.get("/", headers={"host": "evil.example"}, params={"lang": "ko"})
        assert r.json()["error"].startswith("호스트 'evil.example' 을(를) 거부합니다")
    store = SessionStore(max_sessions=0)
    with TestClient(create_app(store=store, lang="en"), base_url=BASE) as client:
        with client.websocket_connect("/ws?lang=ko", headers=HOST) as ws:
            assert ws.receive_json()["error"].startswith("세션이 0개 열려 있습니다")


def test_a_diverged_loss_is_told_in_the_sessions_language() -> None:
    class Optimizer:
        learning_rate = 10.0

    message = diverged_message(float("nan"), 3, 7, Optimizer(), "to numbers of about -1 to 1")
    korean = translate_error(message, "ko")
    assert korean == (
        "손실 nan (에포크 3, 스텝 7), 학습률 10: 학습이 발산했습니다. 손실이 유한해야 합니다 "
        "-- 더 작은 학습률(예: 1, --lr)을 쓰거나 입력의 크기를 맞추세요 (-1 에서 1 정도의 "
        "수로). 앞선 에포크에 저장한 모델 파일은 그대로입니다"
    )
    session = Session()
    session.configure({"lang": "ko"})
    session.diverged = message
    assert session.snapshot(full=False)["diverged"] == korean
    session.configure({"lang": "en"})
    assert session.snapshot(full=False)["diverged"] == message


@pytest.mark.parametrize(
    "message",
    [
        "origin 'http://evil.example' refused: expected this server's own page",
        "internal error: KeyError: 'x'",
        "Out of range float values are not JSON compliant: nan",
        "the model is not trained yet: nothing to open",
        "toy data set 'xor' has 2 classes, the model 3: expected spirals or gaussians",
        "model file 'm.npz' has 2,000,000 bytes, expected at most 1,048,576",
        "upload 'p.csv' has 2,000,000 bytes, expected at most 1,048,576",
        "ONNX export needs the onnx package",
        "not valid JSON: Expecting ',' delimiter: line 1 column 9 (char 8)",
        "not valid JSON: Extra data: line 1 column 3 (char 2)",
        "not valid JSON: Unterminated string starting at: line 1 column 9 (char 8)",
        "loss nan at step 4: training diverged; expected a finite loss -- try a smaller "
        "learning rate (--lr) or scale the inputs (--scaling standardize); model files saved "
        "at earlier epochs are unchanged",
    ],
)
def test_the_messages_no_request_above_reaches_are_korean_too(message: str) -> None:
    """The studio's messages that the requests above do not provoke (a WebSocket's origin,
    a bug's report, a number JSON cannot carry, limits the body's size check comes first
    to, a missing package)."""
    korean = translate_error(message, "ko")
    assert HANGUL.search(korean) and english_left(korean) == [], korean
    assert translate_error(message, "en") == message
