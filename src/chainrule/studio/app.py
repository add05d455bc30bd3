"""The studio's web server: a Starlette app with the page, a small JSON API and a WebSocket.

Routes (every error is JSON, ``{"error": …, "field": …, "status": …, "message_en": …}``,
with a 4xx status; ``error`` is in the session's language, else the request's ``?lang=``,
else the server's, and ``message_en`` in English):

- ``GET /``: the page (``static/index.html``); ``GET /static/…``: its CSS and JS modules;
- ``GET /api/options?lang=en|ko``: the choices of every control and the page's words;
- ``GET /api/status``: how many sessions are open and playing;
- ``WS /ws``: one tab's session; messages are described in :mod:`.protocol`; the server
  answers ``welcome`` (session key), ``state`` (everything), ``update`` (while training),
  ``phase`` (step mode), ``derivation`` and ``error``;
- ``GET /api/sessions/{key}/derivation?name=w5&lang=ko``: a parameter's chain rule;
- ``POST /api/sessions/{key}/upload?name=points.csv``: a CSV or ``.npz`` (body, at most
  1 MiB, held in memory);
- ``POST /api/sessions/{key}/model?name=m.npz[&toy=moons]``: a 2-input model file from
  ``chainrule train --save`` (body, at most 1 MiB, held in memory and read as
  :func:`chainrule.load` reads a file), opened in the session (:mod:`.opened`);
- ``GET /api/sessions/{key}/export/spec``, ``…/export/onnx``, ``…/export/model``: the
  page's network as a spec, ONNX or a model file (:mod:`.saving`).

Security: bound to 127.0.0.1 the server answers only requests whose Host is a loopback
name (a web page elsewhere cannot reach it through DNS rebinding) and a WebSocket only
from its own origin; with ``token`` set (any other host) every request must carry it
(``?token=`` once, then a same-site cookie). Nothing in a request reaches the file
system: uploads are parsed in memory, exports are built in memory.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import time
from collections.abc import Awaitable, Callable
from importlib.resources import files
from typing import Any

from starlette.applications import Starlette
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import FileResponse, JSONResponse, Response
from starlette.routing import Mount, Route, WebSocketRoute
from starlette.staticfiles import StaticFiles
from starlette.websockets import WebSocket, WebSocketDisconnect

from chainrule.errors import ChainruleError
from chainrule.studio.data import DATASETS, FEATURE_LABELS, MAX_UPLOAD_BYTES
from chainrule.studio.guard import Guard, reject
from chainrule.studio.i18n import error_body, words
from chainrule.studio.opened import MAX_MODEL_BYTES, MODEL_TOYS, open_model_bytes
from chainrule.studio.protocol import (
    ACTIVATIONS,
    BATCH_SIZES,
    LEARNING_RATES,
    LOSSES,
    MAX_MESSAGE_BYTES,
    MODEL_LOSSES,
    OPTIMIZERS,
    REG_RATES,
    REGULARIZATIONS,
    ProtocolError,
    parse_message,
)
from chainrule.studio.saving import session_model_bytes
from chainrule.studio.session import TICK_SECONDS, Session
from chainrule.studio.store import SessionStore
from chainrule.util.language import LANGUAGES, default_language

STATIC = files("chainrule.studio") / "static"
FRAME_SECONDS = 0.05  # a playing session sends at most 20 updates a second
DETAIL_EVERY = 4  # and every 4th has the neurons' heatmaps, the metrics and the gradients


def _error(exc: ProtocolError, lang: str) -> JSONResponse:
    return JSONResponse(exc.to_dict(lang), status_code=exc.status)


def _json_loads(text: str | bytes) -> Any:
    def constant(name: str) -> float:
        raise ProtocolError(f"{name} is not allowed: expected finite numbers", "json")

    try:
        return json.loads(text, parse_constant=constant)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ProtocolError(f"not valid JSON: {exc}", "json") from None


async def _body(request: Request, limit: int) -> bytes:
    """A request's body, refused (413) as soon as it is known to pass ``limit`` bytes."""
    length = request.headers.get("content-length")
    if length is not None and (not length.isdigit() or int(length) > limit):
        raise ProtocolError(f"upload of {length} bytes: expected at most {limit:,}", "body", 413)
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise ProtocolError(f"upload larger than {limit:,} bytes", "body", 413)
    return bytes(body)


def create_app(
    token: str | None = None,
    lang: str | None = None,
    initial: dict[str, Any] | None = None,
    examples: dict[str, dict[str, Any]] | None = None,
    store: SessionStore | None = None,
) -> Starlette:
    """The studio's ASGI app. ``token``: required on every request (serve on another host
    only with one); ``lang``: the page's language unless it asks for one (default: the
    locale); ``initial``: settings a new page starts from (``{"dataset": "mazur"}``);
    ``examples``: the textbook networks offered (default: the built-in 2-input ones)."""
    store = store or SessionStore(examples=examples)
    default_lang = lang or default_language()
    start = dict(initial or {})
    probe = Session(examples=store.examples)
    if start:
        probe.configure(start)  # a bad start is the caller's error, raised here
    start_config = probe.config.to_dict()

    async def index(request: Request) -> Response:
        return FileResponse(str(STATIC / "index.html"), media_type="text/html")

    async def options(request: Request) -> Response:
        lang = request.query_params.get("lang", default_lang)
        if lang not in LANGUAGES:
            raise ProtocolError(f"lang {lang!r}: expected one of {', '.join(LANGUAGES)}", "lang")
        return JSONResponse(
            {
                "lang": lang,
                "default_lang": default_lang,
                "languages": list(LANGUAGES),
                "words": words(lang),
                "datasets": list(DATASETS) + list(probe.datasets),
                "features": FEATURE_LABELS,
                "activations": list(ACTIVATIONS),
                "losses": list(LOSSES + MODEL_LOSSES),
                "optimizers": list(OPTIMIZERS),
                "regularizations": list(REGULARIZATIONS),
                "learning_rates": list(LEARNING_RATES),
                "reg_rates": list(REG_RATES),
                "batch_sizes": list(BATCH_SIZES),
                "initial": start_config,
                "upload_limit": MAX_UPLOAD_BYTES,
            }
        )

    async def status(request: Request) -> Response:
        return JSONResponse(
            {
                "sessions": len(store.sessions),
                "playing": sum(s.playing for s in store.sessions.values()),
                "max_sessions": store.max_sessions,
                "idle_seconds": store.idle_seconds,
            }
        )

    async def derivation(request: Request) -> Response:
        session = store.get(request.path_params["key"])
        name = request.query_params.get("name")
        if name is None:
            raise ProtocolError("missing query parameter 'name' (w1, w2, … or b1, …)", "name")
        lang = request.query_params.get("lang", session.config.lang)
        if lang not in LANGUAGES:
            raise ProtocolError(f"lang {lang!r}: expected one of {', '.join(LANGUAGES)}", "lang")
        return JSONResponse(session.derivation(name, lang))

    # a session's lock, held while its WebSocket or an upload changes it
    locks: dict[str, asyncio.Lock] = {}

    async def upload(request: Request) -> Response:
        key = request.path_params["key"]
        session = store.get(key)
        name = request.query_params.get("name", "")
        body = await _body(request, MAX_UPLOAD_BYTES)
        async with locks.get(key) or contextlib.nullcontext():
            try:
                session.load_upload(name, body)
            except ProtocolError:
                raise
            except ChainruleError as exc:
                raise ProtocolError(str(exc), "body") from None
        return JSONResponse({"samples": len(session.points), "dataset": "upload"})

    async def open_model(request: Request) -> Response:
        key = request.path_params["key"]
        session = store.get(key)
        name = request.query_params.get("name", "model.npz")[:200]
        toy = request.query_params.get("toy")
        if toy is not None and toy not in MODEL_TOYS:
            raise ProtocolError(f"toy {toy!r}: expected one of {', '.join(MODEL_TOYS)}", "toy")
        body = await _body(request, MAX_MODEL_BYTES)
        try:
            example = await asyncio.to_thread(open_model_bytes, body, name, toy)
        except ChainruleError as exc:
            raise ProtocolError(str(exc), "body") from None
        async with locks.get(key) or contextlib.nullcontext():
            try:
                session.open_model(example)
            except ProtocolError:
                raise
            except ChainruleError as exc:
                raise ProtocolError(str(exc), "body") from None
        c = session.config
        return JSONResponse(
            {
                "dataset": c.dataset,
                "task": "classification" if session.classification else "regression",
                "sizes": [len(c.features), *c.hidden, session.outputs],
                "description": example["description"],
            }
        )

    async def export(request: Request) -> Response:
        session = store.get(request.path_params["key"])
        kind = request.path_params["kind"]
        name = f"studio-{session.config.dataset}"
        if kind == "spec":
            body = json.dumps(session.to_spec(), indent=2).encode("utf-8")
            media, suffix = "application/json", "json"
        elif kind == "onnx":
            try:
                from chainrule.io.onnx import onnx_model
            except ImportError:  # pragma: no cover - onnx is part of the test extra
                raise ProtocolError("ONNX export needs the onnx package", "kind", 501) from None
            try:
                body = onnx_model(session.network.copy()).SerializeToString()
            except ChainruleError as exc:
                raise ProtocolError(str(exc), "kind", 501) from None
            media, suffix = "application/octet-stream", "onnx"
        elif kind == "model":
            body = session_model_bytes(session)  # in memory: the server writes no file
            media, suffix = "application/octet-stream", "npz"
        else:
            raise ProtocolError(f"export {kind!r}: expected spec, onnx or model", "kind", 404)
        return Response(
            body,
            media_type=media,
            headers={"content-disposition": f'attachment; filename="{name}.{suffix}"'},
        )

    def language(request: Request | WebSocket) -> str:
        """An error's language: the request's ``?lang=``, else its session's, else the
        server's."""
        lang = request.query_params.get("lang")
        if lang in LANGUAGES:
            return lang
        session = store.sessions.get(request.path_params.get("key", ""))
        return session.config.lang if session is not None else default_lang

    async def websocket(ws: WebSocket) -> None:
        await ws.accept()
        try:
            key, session = store.create()
        except ProtocolError as exc:
            await ws.send_json({"type": "error", **exc.to_dict(language(ws))})
            await ws.close(code=1013)
            return
        store.attached.add(key)
        session.configure({"lang": language(ws)})  # until the page's settings arrive
        runner: asyncio.Task | None = None
        lock = locks[key] = asyncio.Lock()

        async def send(message: dict[str, Any]) -> None:
            try:
                text = json.dumps(message, allow_nan=False, separators=(",", ":"))
            except ValueError as exc:  # a number JSON cannot carry: say so, stay up
                error = error_body(str(exc), None, 500, session.config.lang)
                text = json.dumps({"type": "error", **error})
            await ws.send_text(text)

        async def play() -> None:
            loop = asyncio.get_running_loop()
            frame = 0
            while session.playing:
                started = loop.time()
                async with lock:
                    session.train_epoch(budget=TICK_SECONDS)
                    state = session.snapshot(full=False, detail=frame % DETAIL_EVERY == 0)
                frame += 1
                await send({"type": "update", **state})
                if session.diverged:
                    break
                await asyncio.sleep(max(0.0, FRAME_SECONDS - (loop.time() - started)))

        await send({"type": "welcome", "session": key, "config": start_config})
        try:
            while True:
                message = await ws.receive()
                if message["type"] == "websocket.disconnect":
                    break
                text = message.get("text")
                if text is None:
                    text = (message.get("bytes") or b"").decode("utf-8", "replace")
                try:
                    if len(text) > MAX_MESSAGE_BYTES:
                        raise ProtocolError(
                            f"message of {len(text):,} bytes: expected at most "
                            f"{MAX_MESSAGE_BYTES:,}",
                            "message",
                            413,
                        )
                    msg = parse_message(_json_loads(text))
                    session.last_seen = time.monotonic()
                    kind = msg["type"]
                    async with lock:
                        if kind in ("derive", "check"):  # the longest (a deep network, 16
                            # samples; every mistake's step): off the event loop, so that
                            # other sessions go on meanwhile
                            reply = await asyncio.to_thread(handle, session, msg)
                        else:
                            reply = handle(session, msg)
                    if kind == "play" and (runner is None or runner.done()):
                        runner = asyncio.create_task(play())
                    if reply is not None:
                        await send(reply)
                except ProtocolError as exc:
                    await send({"type": "error", **exc.to_dict(session.config.lang)})
                except ChainruleError as exc:
                    error = error_body(str(exc), None, 400, session.config.lang)
                    await send({"type": "error", **error})
                except (ArithmeticError, LookupError, TypeError, ValueError) as exc:
                    # a case the checks missed: the page hears of it, the server goes on
                    message = f"internal error: {type(exc).__name__}: {exc}"
                    error = error_body(message, None, 500, session.config.lang)
                    await send({"type": "error", **error})
        except WebSocketDisconnect:
            pass
        finally:
            session.playing = False
            if runner is not None:
                runner.cancel()
                with contextlib.suppress(asyncio.CancelledError, Exception):
                    await runner
            store.attached.discard(key)
            store.sessions.pop(key, None)
            locks.pop(key, None)

    async def sweeper() -> None:
        while True:
            await asyncio.sleep(max(1.0, min(30.0, store.idle_seconds / 2)))
            store.sweep()

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette):  # type: ignore[no-untyped-def]
        task = asyncio.create_task(sweeper())
        try:
            yield
        finally:
            task.cancel()

    async def protocol_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, ProtocolError)
        return _error(exc, language(request))

    async def chainrule_error(request: Request, exc: Exception) -> Response:
        return reject(400, str(exc), language(request))

    async def http_error(request: Request, exc: Exception) -> Response:
        assert isinstance(exc, HTTPException)
        return reject(exc.status_code, str(exc.detail), language(request))

    async def server_error(request: Request, exc: Exception) -> Response:
        return reject(500, f"internal error: {type(exc).__name__}", default_lang)

    handlers: dict[Any, Callable[[Request, Exception], Awaitable[Response]]] = {
        ProtocolError: protocol_error,
        ChainruleError: chainrule_error,
        HTTPException: http_error,
        Exception: server_error,
    }
    app = Starlette(
        routes=[
            Route("/", index),
            Route("/api/options", options),
            Route("/api/status", status),
            Route("/api/sessions/{key}/derivation", derivation),
            Route("/api/sessions/{key}/upload", upload, methods=["POST"]),
            Route("/api/sessions/{key}/model", open_model, methods=["POST"]),
            Route("/api/sessions/{key}/export/{kind}", export),
            WebSocketRoute("/ws", websocket),
            Mount("/static", StaticFiles(directory=str(STATIC)), name="static"),
        ],
        exception_handlers=handlers,
        lifespan=lifespan,
    )
    app.state.store = store
    return Guard(app, token, default_lang)  # type: ignore[return-value]


def handle(session: Session, msg: dict[str, Any]) -> dict[str, Any] | None:
    """Apply one WebSocket message to a session; the reply to send (or None)."""
    kind = msg["type"]
    if kind in ("init", "set"):
        was_playing = session.playing
        session.configure(msg["config"])
        session.playing = was_playing and kind == "set"
        return {"type": "state", **session.snapshot(full=True)}
    if kind == "play":
        session.playing = session.diverged is None
        return {"type": "state", **session.snapshot(full=False)}
    if kind == "pause":
        session.playing = False
        return {"type": "state", **session.snapshot(full=False)}
    if kind == "step":
        session.playing = False
        session.train_epoch()
        return {"type": "state", **session.snapshot(full=False)}
    if kind == "reset":
        session.reset()
        return {"type": "state", **session.snapshot(full=True)}
    if kind == "regenerate":
        session.regenerate()
        return {"type": "state", **session.snapshot(full=True)}
    if kind == "phase":
        session.playing = False
        return {"type": "phase", **session.next_phase(), **session.snapshot(full=False)}
    if kind == "edit":
        session.edit(msg["name"], msg["value"])
        return {"type": "state", **session.snapshot(full=True)}  # the settings hold the edit
    if kind == "derive":
        return {"type": "derivation", **session.derivation(msg["name"])}
    if kind == "check":
        return session.check_answers(msg["answers"])
    return {"type": "pong"}
