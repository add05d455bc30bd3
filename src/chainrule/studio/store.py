"""The sessions of one server: at most :data:`MAX_SESSIONS`, each freed when idle.

A session belongs to one browser tab (one WebSocket); a reload opens a new one and
rebuilds the same state from the page's URL. :meth:`SessionStore.sweep` frees every
session that has heard nothing from its page for ``idle_seconds``, except one still
training live for an open page.
"""

from __future__ import annotations

import secrets
import time
from typing import Any

from chainrule.studio.protocol import ProtocolError
from chainrule.studio.session import Session

MAX_SESSIONS = 64
IDLE_SECONDS = 600.0


class SessionStore:
    def __init__(
        self,
        max_sessions: int = MAX_SESSIONS,
        idle_seconds: float = IDLE_SECONDS,
        examples: dict[str, dict[str, Any]] | None = None,
    ) -> None:
        self.examples = examples
        self.max_sessions = max_sessions
        self.idle_seconds = idle_seconds
        self.sessions: dict[str, Session] = {}
        self.attached: set[str] = set()

    def create(self) -> tuple[str, Session]:
        self.sweep()
        if len(self.sessions) >= self.max_sessions:
            raise ProtocolError(
                f"{len(self.sessions)} sessions are open, the most this server keeps: close a "
                "tab or try again later",
                "session",
                429,
            )
        key = secrets.token_urlsafe(12)
        session = Session(examples=self.examples)
        self.sessions[key] = session
        return key, session

    def get(self, key: str) -> Session:
        session = self.sessions.get(key)
        if session is None:
            raise ProtocolError(f"session {key!r} is unknown or was freed", "session", 404)
        session.last_seen = time.monotonic()
        return session

    def sweep(self, now: float | None = None) -> list[str]:
        """Free every session idle for ``idle_seconds``; the keys freed."""
        now = time.monotonic() if now is None else now
        gone = [
            key
            for key, s in self.sessions.items()
            if now - s.last_seen > self.idle_seconds and not (key in self.attached and s.playing)
        ]
        for key in gone:
            session = self.sessions.pop(key)
            session.playing = False
            self.attached.discard(key)
        return gone
