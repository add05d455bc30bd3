"""``chainrule studio``: its URL, its token on another host, Ctrl-C, and bad arguments."""

from __future__ import annotations

import json
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pytest

from studio_server import free_port


def start(*args: str) -> tuple[subprocess.Popen, str]:
    proc = subprocess.Popen(
        [sys.executable, "-m", "chainrule", "studio", "--no-browser", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert proc.stdout is not None
    line = proc.stdout.readline()
    assert line.startswith("chainrule studio: http://"), (line, proc.stderr.read())
    return proc, line.split(": ", 1)[1].strip()


def get(url: str) -> tuple[int, bytes]:
    for _ in range(100):
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                return r.status, r.read()
        except urllib.error.HTTPError as exc:
            return exc.code, exc.read()
        except (ConnectionError, urllib.error.URLError):
            time.sleep(0.1)
    raise AssertionError(f"{url} did not answer")


def stop(proc: subprocess.Popen) -> int:
    proc.send_signal(signal.SIGINT)
    return proc.wait(timeout=20)


def test_serves_on_loopback_and_stops_on_ctrl_c():
    port = free_port()
    proc, url = start("--port", str(port), "--example", "mazur", "--lang", "ko")
    try:
        assert url == f"http://127.0.0.1:{port}/?lang=ko"
        status, body = get(url)
        assert status == 200 and b'data-testid="derivation"' in body
        status, body = get(f"http://127.0.0.1:{port}/api/options")
        data = json.loads(body)
        assert data["default_lang"] == "ko" and data["initial"]["dataset"] == "mazur"
    finally:
        assert stop(proc) == 0


def test_another_host_needs_the_printed_token():
    port = free_port()
    proc, url = start("--port", str(port), "--host", "127.0.0.2")  # not 127.0.0.1: a token
    try:
        assert url.startswith(f"http://127.0.0.2:{port}/?token=")
        token = url.split("token=", 1)[1]
        assert len(token) >= 20
        status, body = get(f"http://127.0.0.2:{port}/")
        assert status == 403 and "token" in json.loads(body)["error"]
        assert get(f"http://127.0.0.2:{port}/?token=not-it")[0] == 403
        assert get(url)[0] == 200
    finally:
        assert stop(proc) == 0


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (["--example", "mnist"], "unknown example 'mnist'"),
        (["--port", "70000"], "--port 70000"),
        (["--lang", "fr"], "invalid choice: 'fr'"),
        (["--model", "/nonexistent/m.npz"], "no such model file"),
    ],
)
def test_bad_arguments_are_one_line(cli, args, words):
    result = cli("studio", "--no-browser", *args)
    assert result.returncode == 2
    assert words in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr


def test_a_spec_needs_two_inputs(cli, tmp_path):
    spec = tmp_path / "three.json"
    spec.write_text(
        json.dumps(
            {
                "input_size": 3,
                "layers": [{"units": 1, "weights": [[0.1, 0.2, 0.3]], "bias": "none"}],
                "inputs": [[1, 2, 3]],
                "targets": [[1]],
            }
        )
    )
    result = cli("studio", "--no-browser", "--spec", str(spec))
    assert result.returncode == 2 and "expected 2 (x1, x2)" in result.stderr


def test_a_port_in_use_is_named(cli):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = cli("studio", "--no-browser", "--port", str(port))
    assert result.returncode == 2 and f"port {port} on 127.0.0.1 is in use" in result.stderr


def test_settings_for_examples_and_specs(tmp_path):
    from chainrule.cli.studio import studio_settings
    from chainrule.studio.session import Session, textbook_examples
    from chainrule.teach.examples import ALIASES, SPECS

    assert studio_settings("mazur", None) == ({"dataset": "mazur"}, None)
    assert studio_settings("xor", None) == ({"dataset": "xor"}, None)  # the generated set
    assert studio_settings("xor-example", None) == ({"dataset": "xor-example"}, None)
    assert studio_settings(None, None) == ({}, None)
    for old, new in ALIASES.items():  # the examples' old names still open them
        if new in textbook_examples():
            assert studio_settings(old, None) == ({"dataset": new}, None)
    spec = tmp_path / "mine.json"
    spec.write_text(json.dumps({**SPECS["mazur"], "name": "mine", "learning_rate": 0.25}))
    initial, examples = studio_settings(None, str(spec))
    assert initial == {"dataset": "spec"}
    s = Session(examples=examples)
    s.configure(initial)
    assert s.config.learning_rate == 0.25
    assert "0.082167041" in s.derivation("w5")["html"]  # ∂E/∂w5 does not depend on η
