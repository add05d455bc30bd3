"""The languages chainrule writes in, and which one the user's locale asks for.

Explanations (:mod:`chainrule.teach.explain`) and pictures (:mod:`chainrule.teach.draw`) translate
every word they add; the numbers and the tutorials' symbols (w1…w8, net_h1, E_total) are the
same in both languages. Error messages are raised in English and shown translated by
:func:`translate_message` (the phrase catalogue :mod:`chainrule.util.messages_ko`).
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable, Mapping

from chainrule.errors import ChainruleError, did_you_mean

LANGUAGES = ("en", "ko")


# Other spellings a user types for a language (country codes, names, locales).
LANGUAGE_ALIASES = {
    "kr": "ko",
    "kor": "ko",
    "korean": "ko",
    "한국어": "ko",
    "ko_kr": "ko",
    "ko-kr": "ko",
    "eng": "en",
    "english": "en",
    "en_us": "en",
    "en-us": "en",
    "en_gb": "en",
    "en-gb": "en",
}


def check_language(lang: str) -> str:
    """``lang`` as one of :data:`LANGUAGES` (``kr``, ``korean``, ``ko_KR`` … are ``ko``),
    else a :class:`ChainruleError` with "did you mean"."""
    if lang in LANGUAGES:
        return lang
    alias = LANGUAGE_ALIASES.get(str(lang).strip().lower())
    if alias is not None:
        return alias
    raise ChainruleError(
        f"unknown language {lang!r}: expected one of {', '.join(LANGUAGES)}"
        f"{did_you_mean(lang, [*LANGUAGES, *LANGUAGE_ALIASES])}"
    )


def default_language(environ: Mapping[str, str] | None = None) -> str:
    """``ko`` when the locale (LC_ALL, then LC_MESSAGES, then LANG) is Korean, else ``en``."""
    env = os.environ if environ is None else environ
    for var in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(var, "")
        if value:
            return "ko" if value.lower().startswith("ko") else "en"
    return "en"


def translate_message(
    message: str, lang: str, extra: Iterable[tuple[re.Pattern[str], str]] = ()
) -> str:
    """``message`` in ``lang``: each phrase of ``extra`` (a caller's own messages), then of
    the catalogue :data:`chainrule.util.messages_ko.MESSAGES_KO`, replaced; the rest kept."""
    if lang != "ko":
        return message
    from chainrule.util.messages_ko import MESSAGES_KO

    for pattern, korean in (*extra, *MESSAGES_KO):
        message = pattern.sub(korean, message)
    return message
