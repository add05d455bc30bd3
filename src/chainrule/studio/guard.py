"""The studio's gate (ASGI middleware): who may talk to the server, and the headers that
keep the page to itself.

- Without a token (bound to 127.0.0.1) only requests whose Host is a loopback name are
  answered, so that a web page elsewhere cannot reach the server by DNS rebinding.
- With a token (any other host) every request must carry it: ``?token=`` once (the
  printed URL), then a same-site, HTTP-only cookie.
- A WebSocket is accepted only from the server's own origin.
- Every response forbids loading anything from elsewhere (Content-Security-Policy).

A refusal is a JSON error in the request's ``?lang=`` or the server's language; a
WebSocket's close reason stays English (at most 123 bytes, never shown by the page).
"""

from __future__ import annotations

import contextlib
import secrets
from collections.abc import Callable
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

from starlette.responses import JSONResponse

from chainrule.studio.i18n import error_body
from chainrule.util.language import LANGUAGES

COOKIE = "chainrule_studio_token"
LOOPBACK_NAMES = {"127.0.0.1", "localhost", "::1"}
CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
    "img-src 'self' data: blob:; connect-src 'self'; font-src 'self'; object-src 'none'; "
    "base-uri 'none'; form-action 'none'; frame-ancestors 'none'"
)


def reject(status: int, message: str, lang: str = "en") -> JSONResponse:
    """The JSON error every refusal of the studio's is, its message in ``lang``."""
    return JSONResponse(error_body(message, None, status, lang), status_code=status)


class Guard:
    """ASGI middleware: the token (when set), loopback Host names (when no token), the
    WebSocket's Origin, and headers that keep the page to itself."""

    def __init__(self, app: Any, token: str | None, lang: str = "en") -> None:
        self.app = app
        self.token = token
        self.lang = lang  # a refusal's language, unless the request asks for one (?lang=)

    async def __call__(self, scope: dict, receive: Callable, send: Callable) -> None:
        if scope["type"] not in ("http", "websocket"):
            await self.app(scope, receive, send)
            return
        headers = {k.decode("latin-1").lower(): v.decode("latin-1") for k, v in scope["headers"]}
        problem = self.problem(scope, headers)
        if problem is not None:
            if scope["type"] == "websocket":
                await send({"type": "websocket.close", "code": 4403, "reason": problem})
            else:
                await reject(403, problem, self._language(scope))(scope, receive, send)
            return
        set_cookie = self.token is not None and self._query_token(scope) == self.token

        async def send_with_headers(message: dict) -> None:
            if message["type"] == "http.response.start":
                extra = [
                    (b"content-security-policy", CSP.encode()),
                    (b"x-content-type-options", b"nosniff"),
                    (b"referrer-policy", b"no-referrer"),
                    (b"cache-control", b"no-store"),
                ]
                if set_cookie:
                    extra.append(
                        (
                            b"set-cookie",
                            f"{COOKIE}={self.token}; Path=/; HttpOnly; SameSite=Strict".encode(),
                        )
                    )
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        await self.app(scope, receive, send_with_headers)

    @staticmethod
    def _query(scope: dict, name: str) -> str | None:
        values = parse_qs(scope.get("query_string", b"").decode("latin-1")).get(name)
        return values[0] if values else None

    @classmethod
    def _query_token(cls, scope: dict) -> str | None:
        return cls._query(scope, "token")

    def _language(self, scope: dict) -> str:
        lang = self._query(scope, "lang")
        return lang if lang in LANGUAGES else self.lang

    def problem(self, scope: dict, headers: dict[str, str]) -> str | None:
        host = headers.get("host", "")
        hostname = urlsplit(f"//{host}").hostname or ""
        if self.token is None:
            if hostname not in LOOPBACK_NAMES:
                return f"host {host!r} refused: this server answers 127.0.0.1 only"
        else:
            given = self._query_token(scope)
            if given is None:
                cookie = SimpleCookie()
                with contextlib.suppress(Exception):
                    cookie.load(headers.get("cookie", ""))
                given = cookie[COOKIE].value if COOKIE in cookie else None
            if given is None or not secrets.compare_digest(given, self.token):
                return "access token missing or wrong: open the URL the studio printed"
        if scope["type"] == "websocket":
            origin = headers.get("origin")
            if origin is not None and urlsplit(origin).netloc != host:
                return f"origin {origin!r} refused: expected this server's own page"
        return None
