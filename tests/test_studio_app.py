"""The studio's HTTP endpoints and WebSocket messages: good requests, and bad ones that get
a 4xx JSON error naming the problem without ever crashing the server."""

from __future__ import annotations

import builtins
import io
import json
import time
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

pytest.importorskip("httpx")
with warnings.catch_warnings():  # Starlette's advice to move to httpx2: not ours to follow
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient
from starlette.websockets import WebSocketDisconnect

from chainrule.studio.app import create_app
from chainrule.studio.data import MAX_UPLOAD_BYTES
from chainrule.studio.protocol import CONFIG_FIELDS, MESSAGES
from chainrule.studio.store import SessionStore
from chainrule.teach.explain import explain
from studio_requests import BAD_MESSAGES, BAD_UPLOADS, bad_model_files, make_model_files

BASE = "http://127.0.0.1:8765"
HOST = {"host": "127.0.0.1:8765"}  # the test client's WebSocket names no host of its own


@pytest.fixture(scope="module")
def client():
    with TestClient(create_app(lang="en"), base_url=BASE) as c:
        yield c


def open_session(client, config=None):
    """A WebSocket context, its session key and the first state."""
    ws = client.websocket_connect("/ws", headers=HOST)
    sock = ws.__enter__()
    welcome = sock.receive_json()
    assert welcome["type"] == "welcome"
    sock.send_json({"type": "init", "config": config or {}})
    state = sock.receive_json()
    assert state["type"] == "state"
    return ws, sock, welcome["session"], state


def assert_error(reply, status, field):
    assert reply["status"] == status, reply
    assert reply["field"] == field, reply
    assert isinstance(reply["error"], str) and reply["error"]


# -- pages and options --------------------------------------------------------------------
def test_page_and_static_files(client):
    page = client.get("/")
    assert page.status_code == 200
    assert 'data-testid="play"' in page.text
    assert "default-src 'self'" in page.headers["content-security-policy"]
    for name in ("app.js", "draw.js", "studio.css"):
        r = client.get(f"/static/{name}")
        assert r.status_code == 200 and len(r.content) > 500
        body = r.content.replace(b'"http://www.w3.org/2000/svg"', b"")  # a namespace name
        assert b"http://" not in body and b"https://" not in body  # nothing fetched
    css = client.get("/static/studio.css").text  # Korean words are never broken in the middle
    assert ":root:lang(ko) { word-break: keep-all;" in css and '"Noto Sans CJK KR"' in css


@pytest.mark.parametrize(("lang", "play"), [("en", "Play"), ("ko", "재생")])
def test_options_in_both_languages(client, lang, play):
    r = client.get(f"/api/options?lang={lang}")
    assert r.status_code == 200
    data = r.json()
    assert data["words"]["play"] == play
    assert {"xor", "circle", "gaussians", "spiral", "plane", "multigauss", "mazur"} <= set(
        data["datasets"]
    )
    assert data["features"]["x1sq"] == "x₁²"


def test_bad_requests_get_json_errors(client):
    assert_error(client.get("/api/options?lang=fr").json(), 400, "lang")
    r = client.get("/no/such/page")
    assert r.status_code == 404 and r.json()["status"] == 404
    r = client.post("/api/options")
    assert r.status_code == 405 and "error" in r.json()
    r = client.get("/api/sessions/nope/derivation?name=w1")
    assert r.status_code == 404
    assert_error(r.json(), 404, "session")
    r = client.get("/static/../app.py")
    assert r.status_code == 404


def test_every_word_in_both_languages(client):
    import re

    from chainrule.studio.i18n import EN, KO

    assert set(EN) == set(KO)
    assert all(KO[k].strip() for k in KO)
    # every word the page names, in both (the model files' among them)
    page = client.get("/").text
    named = set(re.findall(r'data-word="([^"]+)"', page))
    script = client.get("/static/app.js").text
    named |= set(re.findall(r'word\("([a-z_.]+)"', script))
    named |= {f"export_refused.{r}" for r in ("activations", "output")}
    named |= {f"task.{t}" for t in ("classification", "regression")}
    assert {"export_model", "open_model", "model_opened"} <= named
    assert named - set(EN) == set()
    for testid in ("export-model", "open-model", "export-spec", "export-onnx", "upload"):
        assert f'data-testid="{testid}"' in page


# -- security -----------------------------------------------------------------------------
def test_loopback_only_without_a_token(client):
    r = client.get("/", headers={"host": "evil.example:8765"})
    assert r.status_code == 403
    assert "127.0.0.1" in r.json()["error"]
    with pytest.raises(WebSocketDisconnect) as info:
        with client.websocket_connect(
            "/ws", headers={**HOST, "origin": "http://evil.example"}
        ) as ws:
            ws.receive_json()
    assert info.value.code == 4403


def test_a_token_is_required_on_another_host():
    app = create_app(token="s3cret-token")
    with TestClient(app, base_url="http://192.0.2.10:8765") as c:
        r = c.get("/")
        assert r.status_code == 403 and "token" in r.json()["error"]
        assert c.get("/api/options?token=wrong").status_code == 403
        r = c.get("/?token=s3cret-token")
        assert r.status_code == 200
        assert "chainrule_studio_token=s3cret-token" in r.headers["set-cookie"]
        assert "HttpOnly" in r.headers["set-cookie"]
        # the cookie carries it from then on: the page's scripts and API calls
        assert c.get("/static/app.js").status_code == 200
        c.cookies.clear()
        assert c.get("/static/app.js").status_code == 403
        with pytest.raises(WebSocketDisconnect) as info:
            with c.websocket_connect("/ws") as ws:
                ws.receive_json()
        assert info.value.code == 4403
        with c.websocket_connect("/ws?token=s3cret-token") as ws:
            assert ws.receive_json()["type"] == "welcome"


# -- the WebSocket ------------------------------------------------------------------------
def test_every_message(client):
    ws, sock, _key, state = open_session(client, {"dataset": "mazur"})
    try:
        assert state["config"]["dataset"] == "mazur"
        assert state["network"]["neurons"] == [["h1", "h2"], ["o1", "o2"]]
        w = state["network"]["layers"][1]["weights"]
        assert [[x["name"] for x in row] for row in w] == [["w5", "w6"], ["w7", "w8"]]
        assert w[0][0]["value"] == 0.4
        sock.send_json({"type": "derive", "name": "w5"})
        d = sock.receive_json()
        assert d["type"] == "derivation" and "0.082167041" in d["html"]
        assert d["path"] == {"edges": ["w5"], "nodes": ["n1_0"]}
        sock.send_json({"type": "derive", "name": "w1"})
        d = sock.receive_json()
        assert "0.000438568" in d["html"]  # Mazur's ∂E/∂w1
        assert d["path"]["edges"] == ["w1", "w5", "w7"]
        phases = []
        for _ in range(4):
            sock.send_json({"type": "phase"})
            phases.append(sock.receive_json())
        assert [p["phase"] for p in phases] == ["forward", "error", "backward", "update"]
        assert phases[0]["neurons"]["n0_0"]["out"] == "0.593269992"
        assert phases[1]["error"] == "0.298371109"
        assert phases[2]["partials"]["w5"] == "0.082167041"
        assert phases[3]["updates"]["w5"] == ["0.4", "0.35891648"]
        assert phases[3]["epoch"] == 1
        sock.send_json({"type": "step"})
        assert sock.receive_json()["epoch"] == 2
        sock.send_json({"type": "edit", "name": "w5", "value": 0.25})
        edited = sock.receive_json()
        assert edited["network"]["layers"][1]["weights"][0][0]["value"] == 0.25
        sock.send_json({"type": "reset"})
        reset = sock.receive_json()
        assert reset["epoch"] == 0
        assert reset["network"]["layers"][1]["weights"][0][0]["value"] == 0.4
        sock.send_json({"type": "set", "config": {"dataset": "circle", "seed": 4}})
        assert sock.receive_json()["config"]["seed"] == 4
        sock.send_json({"type": "regenerate"})
        assert sock.receive_json()["config"]["seed"] == 5
        sock.send_json({"type": "play"})
        assert sock.receive_json()["playing"] is True
        update = sock.receive_json()
        assert update["type"] == "update" and update["steps"] >= 1  # trained live
        sock.send_json({"type": "pause"})
        while (reply := sock.receive_json())["type"] == "update":
            pass
        assert reply["type"] == "state" and reply["playing"] is False
        sock.send_json({"type": "ping"})
        assert sock.receive_json() == {"type": "pong"}
    finally:
        ws.__exit__(None, None, None)


def test_bad_messages_get_errors_and_the_session_goes_on(client):
    ws, sock, _key, state = open_session(client)
    try:
        for text, status, field in BAD_MESSAGES:
            sock.send_text(text)
            reply = sock.receive_json()
            assert reply["type"] == "error", text
            assert_error(reply, status, field)
        sock.send_text(json.dumps({"type": "set", "config": {"x": "y" * 70_000}}))
        assert_error(sock.receive_json(), 413, "message")
        sock.send_bytes(b"\xff\xfe")
        assert_error(sock.receive_json(), 400, "json")
        # a bad setting changed nothing: the session still answers with its old settings
        sock.send_json({"type": "set", "config": {}})
        after = sock.receive_json()
        assert after["config"] == state["config"]
    finally:
        ws.__exit__(None, None, None)
    assert client.get("/api/options").status_code == 200  # the server lives on


def test_sessions_are_limited_and_freed_on_close():
    store = SessionStore(max_sessions=2)
    with TestClient(create_app(store=store), base_url=BASE) as c:
        assert c.get("/api/status").json()["sessions"] == 0
        a, _sa, _, _ = open_session(c)
        b, _sb, _, _ = open_session(c)
        assert len(store.sessions) == 2
        status = c.get("/api/status").json()
        assert status == {"sessions": 2, "playing": 0, "max_sessions": 2, "idle_seconds": 600.0}
        with c.websocket_connect("/ws", headers=HOST) as ws:
            assert_error(ws.receive_json(), 429, "session")
        a.__exit__(None, None, None)
        b.__exit__(None, None, None)
        for _ in range(100):
            if not store.sessions:
                break
            time.sleep(0.02)
        assert store.sessions == {}


# -- derivations, uploads, exports ---------------------------------------------------------
def test_derivation_endpoint(client):
    ws, _sock, key, _ = open_session(client, {"dataset": "mazur"})
    try:
        r = client.get(f"/api/sessions/{key}/derivation?name=w5&lang=ko")
        assert r.status_code == 200
        assert "0.082167041" in r.json()["html"] and 'lang="ko"' in r.json()["html"]
        assert_error(client.get(f"/api/sessions/{key}/derivation").json(), 400, "name")
        assert_error(client.get(f"/api/sessions/{key}/derivation?name=w9").json(), 404, "name")
        assert_error(client.get(f"/api/sessions/{key}/derivation?name=q").json(), 400, "name")
        r = client.get(f"/api/sessions/{key}/derivation?name=w1&lang=xx")
        assert r.status_code == 400
    finally:
        ws.__exit__(None, None, None)


def test_uploads_are_parsed_in_memory(client, monkeypatch):
    ws, sock, key, _ = open_session(client)
    try:
        rows = "x1,x2,label\n" + "\n".join(
            f"{x:.3f},{y:.3f},{int(x * y > 0)}"
            for x, y in np.random.default_rng(0).uniform(-1, 1, (50, 2))
        )

        def no_files(*args, **kwargs):
            raise AssertionError("an upload touched the file system")

        monkeypatch.setattr(builtins, "open", no_files)
        monkeypatch.setattr(io, "open", no_files)
        r = client.post(f"/api/sessions/{key}/upload?name=points.csv", content=rows.encode())
        assert r.status_code == 200 and r.json()["samples"] == 50
        buf = io.BytesIO()
        np.savez(buf, X=np.array([[0.0, 1.0], [1.0, 0.0], [2.0, 2.0]]), y=np.array([0, 1, 1]))
        r = client.post(f"/api/sessions/{key}/upload?name=p.npz", content=buf.getvalue())
        assert r.status_code == 200 and r.json()["samples"] == 3
        monkeypatch.undo()
        sock.send_json({"type": "set", "config": {}})
        state = sock.receive_json()
        assert state["config"]["dataset"] == "upload"
        assert len(state["points"]["x"]) == 3
        big = b"0,0,1\n" * (MAX_UPLOAD_BYTES // 6 + 10)
        r = client.post(f"/api/sessions/{key}/upload?name=big.csv", content=big)
        assert_error(r.json(), 413, "body")
        for name, body in BAD_UPLOADS:
            r = client.post(f"/api/sessions/{key}/upload?name={name}", content=body)
            assert r.status_code == 400, (name, body)
            assert_error(r.json(), 400, "body")
        obj = io.BytesIO()
        np.savez(obj, X=np.array([[0, 1]] * 3, dtype=object), y=np.zeros(3))
        r = client.post(f"/api/sessions/{key}/upload?name=o.npz", content=obj.getvalue())
        assert r.status_code == 400 and "pickle" in r.json()["error"].lower()
    finally:
        ws.__exit__(None, None, None)


def test_spec_export_explains_the_same_numbers(client):
    ws, sock, key, _ = open_session(client, {"dataset": "xor", "hidden": [3], "batch_size": 4})
    try:
        sock.send_json({"type": "step"})
        sock.receive_json()
        sock.send_json({"type": "derive", "name": "w2"})
        panel = sock.receive_json()
        r = client.get(f"/api/sessions/{key}/export/spec")
        assert r.status_code == 200
        assert "attachment" in r.headers["content-disposition"]
        spec = r.json()
        assert len(spec["inputs"]) == 4 == panel["samples"]
        ex = explain(spec, digits=9)
        grad = ex.trace.layers[0].grad_weights[0, 1]  # w2: input 2 → h1
        from chainrule.teach.explain.expr import format_number

        assert format_number(grad, 9) in panel["html"]
        assert_error(client.get(f"/api/sessions/{key}/export/pdf").json(), 404, "kind")
    finally:
        ws.__exit__(None, None, None)


def test_onnx_export_runs_the_same_network(client):
    onnx = pytest.importorskip("onnx")
    ws, _sock, key, _state = open_session(client, {"dataset": "circle", "hidden": [3, 2]})
    try:
        r = client.get(f"/api/sessions/{key}/export/onnx")
        assert r.status_code == 200
        model = onnx.load_from_string(r.content)
        onnx.checker.check_model(model)
        ort = pytest.importorskip("onnxruntime")
        run = ort.InferenceSession(r.content)
        session = client.app.app.state.store.get(key)  # type: ignore[attr-defined]
        x = session.inputs[:5]
        got = run.run(None, {run.get_inputs()[0].name: x})[0]
        np.testing.assert_allclose(got, session.network.predict(x), rtol=1e-4, atol=1e-5)
    finally:
        ws.__exit__(None, None, None)


def test_model_export_loads_and_predicts_the_same(client, tmp_path, monkeypatch):
    import chainrule

    ws, sock, key, _ = open_session(client, {"dataset": "circle", "hidden": [3, 2]})
    try:
        sock.send_json({"type": "step"})
        assert sock.receive_json()["epoch"] == 1
        session = client.app.app.state.store.get(key)  # type: ignore[attr-defined]

        def no_files(*args, **kwargs):
            raise AssertionError("an export touched the file system")

        monkeypatch.setattr(builtins, "open", no_files)
        monkeypatch.setattr(io, "open", no_files)
        r = client.get(f"/api/sessions/{key}/export/model")
        monkeypatch.undo()
        assert r.status_code == 200
        assert r.headers["content-disposition"] == 'attachment; filename="studio-circle.npz"'
        path = tmp_path / "studio-circle.npz"
        path.write_bytes(r.content)
        model = chainrule.load(path)
        assert model.sizes == [2, 3, 2, 2] and model.epoch == 1
        out = session.network.predict(session.inputs)[:, 0]
        np.testing.assert_allclose(model.predict_proba(session.inputs)[:, 1], out, atol=1e-12)
        assert np.array_equal(model.predict(session.inputs), (out >= 0.5).astype(int))
        # one activation per hidden layer in a model file: the page hears why, before asking
        sock.send_json({"type": "set", "config": {"activations": ["tanh", "relu"]}})
        state = sock.receive_json()
        assert state["model_export"] == {"reason": "activations", "activations": ["relu", "tanh"]}
        r = client.get(f"/api/sessions/{key}/export/model")
        assert r.status_code == 409
        assert_error(r.json(), 409, "activations")
        assert "relu, tanh" in r.json()["error"]
        assert_error(client.get("/api/sessions/nope/export/model").json(), 404, "session")
    finally:
        ws.__exit__(None, None, None)


@pytest.fixture(scope="module")
def model_files():
    return make_model_files()


def test_open_a_model_file_from_the_page(client, model_files, monkeypatch):
    ws, sock, key, _ = open_session(client, {"dataset": "xor"})
    try:

        def no_files(*args, **kwargs):
            raise AssertionError("an upload touched the file system")

        monkeypatch.setattr(builtins, "open", no_files)
        monkeypatch.setattr(io, "open", no_files)
        url = f"/api/sessions/{key}/model?name=moons.npz&toy=moons"
        r = client.post(url, content=model_files["classifier"])
        monkeypatch.undo()
        assert r.status_code == 200, r.text
        assert r.json() == {
            "dataset": "model",
            "task": "classification",
            "sizes": [2, 5, 2],
            "description": "moons.npz: a classification model file on the toy data set moons",
        }
        sock.send_json({"type": "set", "config": {}})
        state = sock.receive_json()
        assert state["config"]["dataset"] == "model" and state["classification"] is True
        assert state["config"]["loss"] == "cross_entropy" and "model" in state["datasets"]
        from chainrule.data.toy import make_toy
        from chainrule.training.load import load_model_bytes

        x, y = make_toy("moons", samples=400, noise=0.1, seed=0)  # the points the page shows
        score = load_model_bytes(model_files["classifier"]).score(x, y)
        assert state["metrics"]["accuracy"] == pytest.approx(score)
        assert state["model_export"] is None
        sock.send_json({"type": "derive", "name": "w11"})  # h1 → o1, in chainrule explain's names
        assert "<math" in sock.receive_json()["html"]
        r = client.post(
            f"/api/sessions/{key}/model?name=plane.npz", content=model_files["regressor"]
        )
        assert r.status_code == 200, r.text
        assert r.json()["task"] == "regression" and r.json()["sizes"] == [2, 4, 1]
        sock.send_json({"type": "set", "config": {}})
        state = sock.receive_json()
        assert state["classification"] is False and state["metrics"] == {}
        assert state["config"]["hidden"] == [4] and state["config"]["loss"] == "mse"
        assert len(state["heatmaps"]["output"]) > 100  # the regression surface
        # another session never sees this one's model
        other, sock2, _key2, state2 = open_session(client)
        try:
            assert "model" not in state2["datasets"]
            sock2.send_json({"type": "set", "config": {"dataset": "model"}})
            assert_error(sock2.receive_json(), 400, "dataset")
        finally:
            other.__exit__(None, None, None)
    finally:
        ws.__exit__(None, None, None)


def test_bad_model_files_get_json_errors(client, model_files):
    ws, sock, key, _ = open_session(client, {"dataset": "mazur"})
    url = f"/api/sessions/{key}/model?name=m.npz"
    try:
        good = model_files["classifier"]
        cases = bad_model_files(model_files)
        for body, status, words in cases:
            r = client.post(url, content=body)
            assert r.status_code == status, (words, r.text)
            assert_error(r.json(), status, "body")
            assert words in r.json()["error"], r.json()
        assert_error(client.post(url + "&toy=mnist", content=good).json(), 400, "toy")
        r = client.post(url + "&toy=spirals", content=model_files["regressor"])
        assert_error(r.json(), 400, "body")
        assert "'spirals' for a regressor" in r.json()["error"]
        assert_error(client.post("/api/sessions/nope/model", content=good).json(), 404, "session")
        assert client.get(url).status_code == 405
        # nothing above changed the session: still Mazur's network
        sock.send_json({"type": "derive", "name": "w5"})
        assert "0.082167041" in sock.receive_json()["html"]
    finally:
        ws.__exit__(None, None, None)
    assert client.get("/api/options").status_code == 200  # the server lives on


JSONISH = st.recursive(
    st.none()
    | st.booleans()
    | st.integers(-(10**12), 10**12)
    | st.floats(allow_nan=False)
    | st.text(max_size=12),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=12,
)
FIELDS = st.sampled_from(
    [
        "config",
        "name",
        "value",
        "answers",
        "dataset",
        "hidden",
        "features",
        "learning_rate",
        "edits",
        "x",
    ]
)


@settings(max_examples=40, deadline=None)
@given(
    kind=st.sampled_from([*MESSAGES, "nope"]),
    fields=st.dictionaries(FIELDS, JSONISH, max_size=3),
    config=st.dictionaries(st.sampled_from(CONFIG_FIELDS), JSONISH, max_size=3),
)
def test_no_message_crashes_the_session(client, kind, fields, config):
    message = {"type": kind, **fields}
    if "config" in fields:
        message["config"] = config
    if kind == "play":
        message = {"type": "nope"}  # live training is covered above; keep this one quick
    ws, sock, _key, _state = open_session(client)
    try:
        sock.send_text(json.dumps(message))
        reply = sock.receive_json()
        assert reply["type"] in ("state", "phase", "derivation", "checked", "pong", "error")
        if reply["type"] == "error":
            assert 400 <= reply["status"] < 500 and reply["error"]
        sock.send_json({"type": "ping"})
        assert sock.receive_json() == {"type": "pong"}  # still answering
    finally:
        ws.__exit__(None, None, None)
