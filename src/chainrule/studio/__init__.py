"""chainrule studio: a playground page where a network trains live and every weight opens
its chain rule (``chainrule studio``).

The math stays here, in Python: :mod:`.session` trains with the engine and derives each
weight's gradient with :mod:`chainrule.teach.explain`; the page (``static/``: plain HTML, CSS and
JavaScript modules, nothing from the network) draws what the server sends.

- :mod:`.data`: the data sets, input features and uploads;
- :mod:`.protocol`: the settings and messages a page may send, checked;
- :mod:`.session`: one tab's state and training, with :mod:`.derive` (the chain rule of a
  parameter, step mode) and :mod:`.view` (what the page draws);
- :mod:`.store`: the sessions, freed when idle; :mod:`.opened`: a model file opened;
  :mod:`.saving`: the page's network as a model file;
- :mod:`.i18n`: the page's words in English and Korean;
- :mod:`.app`: the Starlette app (routes, WebSocket); :mod:`.guard`: token, host and
  origin checks.

>>> from chainrule.studio import Session
>>> s = Session()
>>> s.configure({"dataset": "mazur"})
>>> "0.082167041" in s.derivation("w5")["html"]
True
"""

from __future__ import annotations

from chainrule.studio.protocol import Config, ProtocolError
from chainrule.studio.session import Session

__all__ = ["Config", "ProtocolError", "Session", "create_app"]


def create_app(*args, **kwargs):  # type: ignore[no-untyped-def]
    """The studio's ASGI app (see :func:`chainrule.studio.app.create_app`); needs Starlette."""
    from chainrule.studio.app import create_app as make

    return make(*args, **kwargs)
