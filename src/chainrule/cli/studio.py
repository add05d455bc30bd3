"""``chainrule studio``: the playground page, served on this machine.

Prints the page's URL, opens it in the browser (unless ``--no-browser``) and serves until
Ctrl-C; ``--model FILE`` opens a 2-input classifier or regressor trained by ``chainrule
train`` (see :mod:`chainrule.studio.opened`). It binds 127.0.0.1; with another ``--host`` (a
classroom) the URL carries a random access token and the server refuses every request
without it. See :mod:`chainrule.studio`.
"""

from __future__ import annotations

import argparse
import errno
import secrets
import socket
import sys
import threading
import webbrowser
from typing import Any

from chainrule.cli.words import say
from chainrule.errors import ChainruleError, did_you_mean
from chainrule.teach.examples import SPECS, canonical_name
from chainrule.teach.spec import load_spec, parse_spec
from chainrule.util.language import LANGUAGES, default_language

LOOPBACK = ("127.0.0.1", "localhost", "::1")


def add_parser(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "studio",
        help="a playground page: a network trains live, every weight shows its chain rule",
        description="Serve chainrule studio on this machine and open it in the browser: a "
        "network trains live on toy data or a textbook example, and clicking any weight "
        "shows its chain-rule derivation with the current numbers. Ctrl-C stops it.",
    )
    p.add_argument(
        "--example",
        metavar="NAME",
        help="start with this data set or textbook example (circle, xor, gaussians, spiral, "
        "plane, multigauss, mazur, …)",
    )
    p.add_argument("--spec", metavar="FILE", help="start with this 2-input network spec (.json)")
    p.add_argument(
        "--model",
        metavar="FILE",
        help="explore this 2-input model file (from train --save) on a toy data set: "
        "circles for 2 classes, else spirals, plane for a regressor, or the one --example "
        "names",
    )
    p.add_argument("--port", type=int, default=8765, help="port (default 8765)")
    p.add_argument("--host", default="127.0.0.1", help="address to bind (default 127.0.0.1)")
    p.add_argument("--lang", choices=LANGUAGES, help="the page's language (default: the locale)")
    p.add_argument("--no-browser", action="store_true", help="print the URL, open no browser")
    p.set_defaults(run=run)


def studio_settings(
    example: str | None, spec_path: str | None, model_path: str | None = None
) -> tuple[dict, dict | None]:
    """(the page's starting settings, extra textbook networks) for --example / --spec /
    --model."""
    from chainrule.studio.data import DATASETS
    from chainrule.studio.session import textbook_examples

    examples = textbook_examples()
    if model_path is not None:
        from chainrule.studio.opened import model_example
        from chainrule.training.load import load_model

        if spec_path is not None:
            raise ChainruleError("--model and --spec: expected one of them")
        data = model_example(load_model(model_path), example)
        data["description"] = f"{model_path}: {data['description']}"
        parse_spec(data, source=model_path)  # as the session will
        return {"dataset": "model"}, {**examples, "model": data}
    if spec_path is not None:
        if example is not None:
            raise ChainruleError("--example and --spec: expected one of them")
        spec = load_spec(spec_path)
        if spec.network.input_size != 2:
            raise ChainruleError(
                f"spec {spec_path!r} has {spec.network.input_size} inputs, expected 2 (x1, x2)"
            )
        data = spec.to_dict()
        data["name"] = spec.name
        return {"dataset": "spec"}, {**examples, "spec": data}
    if example is None:
        return {}, None
    if example in DATASETS or example in examples:
        return {"dataset": example}, None
    for key, data in examples.items():  # an example under its old name, or xor-example's
        if SPECS.get(canonical_name(example)) is data:
            return {"dataset": key}, None
    choices = list(DATASETS) + list(examples)
    raise ChainruleError(
        f"unknown example {example!r}: expected one of {', '.join(choices)} (a 2-input network)"
        f"{did_you_mean(example, choices)}"
    )


def _check_port(host: str, port: int) -> None:
    if not host.strip():
        raise ChainruleError(
            f"--host {host!r}: expected an address, 127.0.0.1 (this machine only) or 0.0.0.0 "
            "(every address)"
        )
    if not 1 <= port <= 65535:
        raise ChainruleError(f"--port {port}: expected a number from 1 to 65535")
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    with socket.socket(family, socket.SOCK_STREAM) as probe:
        try:
            probe.bind((host, port))
        except OSError as exc:
            if exc.errno == errno.EADDRINUSE:
                raise ChainruleError(
                    f"port {port} on {host} is in use: expected a free port (--port N)"
                ) from None
            raise ChainruleError(f"cannot serve on {host}:{port}: {exc.strerror}") from None


def run(args: argparse.Namespace) -> int:
    try:
        import uvicorn

        from chainrule.studio.app import create_app
    except ImportError as exc:  # pragma: no cover - starlette and uvicorn are dependencies
        raise ChainruleError(
            f"chainrule studio needs starlette and uvicorn ({exc.name} is missing): "
            "pip install starlette uvicorn websockets"
        ) from None
    initial, examples = studio_settings(args.example, args.spec, args.model)
    token = None if args.host in LOOPBACK else secrets.token_urlsafe(16)
    app = create_app(token=token, lang=args.lang, initial=initial, examples=examples)
    _check_port(args.host, args.port)
    # every address: the URL names this machine, as the classroom's browsers reach it
    name = socket.gethostname() if args.host in ("0.0.0.0", "::") else args.host
    shown = f"[{name}]" if ":" in name else name
    query = [f"token={token}"] if token else []
    if args.lang:
        query.append(f"lang={args.lang}")
    url = f"http://{shown}:{args.port}/" + ("?" + "&".join(query) if query else "")
    config: Any = uvicorn.Config(
        app,
        host=args.host,
        port=args.port,
        log_level="warning",
        ws_per_message_deflate=False,  # updates are small: compressing them costs more CPU
    )
    server = uvicorn.Server(config)
    lang = args.lang or default_language()
    sys.stdout.write(say(lang, "studio_serving", url=url) + "\n")
    sys.stdout.flush()
    if not args.no_browser:
        threading.Timer(0.8, webbrowser.open, args=(url,)).start()
    try:
        server.run()
    except KeyboardInterrupt:  # Ctrl-C is how the studio stops: uvicorn closed it already
        pass
    sys.stdout.write(say(lang, "studio_stopped") + "\n")
    return 0
