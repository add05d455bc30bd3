"""The languages chainrule writes in, and which one the user's locale asks for.

Explanations (:mod:`chainrule.explain`) and pictures (:mod:`chainrule.draw`) translate
every word they add; the numbers and the tutorials' symbols (w1…w8, net_h1, E_total) are the
same in both languages.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from .errors import ChainruleError

LANGUAGES = ("en", "ko")


def check_language(lang: str) -> str:
    """``lang`` itself if it is one of :data:`LANGUAGES`, else a :class:`ChainruleError`."""
    if lang not in LANGUAGES:
        raise ChainruleError(f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}")
    return lang


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """``ko`` when the locale (LC_ALL, then LC_MESSAGES, then LANG) is Korean, else ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"
