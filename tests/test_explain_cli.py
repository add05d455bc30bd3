"""``chainrule explain``: formats, languages, digits, steps, list, output file, errors."""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys

import pytest

import chainrule as cr
from chainrule.teach.examples import SPECS
from conftest import run_cli, run_cli_json


def run_env(*args: str, **env: str) -> subprocess.CompletedProcess:
    environ = {k: v for k, v in os.environ.items() if k not in ("LANG", "LC_ALL", "LC_MESSAGES")}
    environ.update(env)
    return subprocess.run(
        [sys.executable, "-m", "chainrule", "explain", *args],
        capture_output=True,
        text=True,
        env=environ,
        timeout=120,
    )


def test_json_is_the_trace():
    data = run_cli_json("explain", "--example", "mazur", "--format", "json")
    spec = cr.mazur_spec()
    trace = cr.trace_step(spec.network, spec.inputs, spec.targets, 0.5, False)
    assert data.keys() == {"loss", "loss_after", "layers"}
    assert data["loss"] == trace.loss
    assert data["layers"][1]["weights_after"] == trace.layers[1].weights_after.tolist()


def test_default_is_text_for_mazur():
    result = run_env(LANG="C.UTF-8")
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("Backpropagation, step by step: mazur\n")
    assert "\033[" not in result.stdout  # plain when piped


@pytest.mark.parametrize(
    ("env", "korean"),
    [
        ({"LANG": "ko_KR.UTF-8"}, True),
        ({"LANG": "en_US.UTF-8"}, False),
        ({"LC_ALL": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ko_KR.UTF-8"}, False),
        ({"LC_MESSAGES": "ko_KR.UTF-8", "LANG": "en_US.UTF-8"}, True),
        ({}, False),
    ],
)
def test_language_follows_the_locale(env, korean):
    result = run_env("--list", **env)
    assert result.returncode == 0, result.stderr
    assert ("Matt Mazur 의 단계별" in result.stdout) is korean


def test_lang_option_wins_over_the_locale():
    result = run_env("--lang", "en", LANG="ko_KR.UTF-8")
    assert result.stdout.startswith("Backpropagation, step by step")
    result = run_env("--lang", "ko", LANG="en_US.UTF-8")
    assert result.stdout.startswith("Back-propagation 이해하기")


def test_list_names_every_example():
    result = run_env("--list", LANG="C")
    names = [line.split()[0] for line in result.stdout.splitlines()]
    assert names == list(SPECS) == ["mazur", "no-bias", "matrix-form", "xor"]


@pytest.mark.parametrize("old, new", [("seed003", "no-bias"), ("seed004", "matrix-form")])
def test_old_example_names_are_aliases(old, new):
    by_old = run_env("--example", old, "--format", "json", LANG="C")
    by_new = run_env("--example", new, "--format", "json", LANG="C")
    assert by_old.returncode == 0, by_old.stderr
    assert by_old.stdout == by_new.stdout
    assert "loss" in json.loads(by_new.stdout)


@pytest.mark.parametrize("name", ["no-bias", "matrix-form", "xor"])
@pytest.mark.parametrize("fmt", ["text", "markdown", "html"])
def test_every_example_in_every_format(name, fmt):
    result = run_env("--example", name, "--format", fmt, "--lang", "ko")
    assert result.returncode == 0, result.stderr
    assert len(result.stdout) > 2000


def test_digits():
    result = run_env("--digits", "4", "--lang", "en")
    assert "= 0.0822\n" in result.stdout  # ∂E/∂w5 = 0.082167041 to 4 places
    assert "0.082167041" not in result.stdout


def test_steps_table_equals_repeated_steps():
    result = run_env("--example", "xor", "--steps", "3", "--lang", "en")
    assert result.returncode == 0, result.stderr
    table = result.stdout.split("Training for several steps")[1].splitlines()
    rows = [line.split() for line in table if line.strip()[:1].isdigit()]
    spec = cr.parse_spec(SPECS["xor"])
    losses = [cr.evaluate_loss(spec.network, spec.inputs, spec.targets)]
    for _ in range(3):
        losses.append(
            cr.trace_step(
                spec.network, spec.inputs, spec.targets, spec.learning_rate, True
            ).loss_after
        )
    assert [int(r[0]) for r in rows] == [0, 1, 2, 3]
    assert [float(r[1]) for r in rows] == [round(v, 9) for v in losses]


def test_steps_in_json_adds_the_losses_only():
    data = run_cli_json("explain", "--format", "json", "--steps", "2")
    assert len(data["steps"]) == 3 and data["steps"][0] == data["loss"]
    assert data["steps"][1] == data["loss_after"]


def test_output_is_written_whole(tmp_path):
    target = tmp_path / "step.html"
    result = run_env("--format", "html", "--output", str(target), "--lang", "en")
    assert result.returncode == 0 and result.stdout == ""
    piped = run_env("--format", "html", "--lang", "en").stdout
    assert target.read_text(encoding="utf-8") == piped
    assert [p.name for p in tmp_path.iterdir()] == ["step.html"]  # no temporary file left
    # an existing file is replaced in one rename
    result = run_env("--format", "json", "--output", str(target))
    assert json.loads(target.read_text())["loss"] == pytest.approx(0.298371109, abs=5e-10)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--example", "nope"], "unknown example 'nope'"),
        (["--digits", "-1"], "-1"),
        (["--digits", "0"], "expected a whole number >= 1"),
        (["--digits", "18"], "--digits 18"),
        (["--steps", "0"], "0"),
        (["--lang", "fr"], "fr"),
        (["--format", "pdf"], "pdf"),
        (["--output", "/nonexistent-dir/x.txt"], "does not exist"),
        (["--spec", "/nonexistent-spec.json"], "does not exist"),
    ],
)
def test_bad_input_is_one_line(args, message):
    result = run_cli("explain", *args)
    assert result.returncode == 2
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("chainrule: error:") and message in lines[0]


def test_colour_on_a_terminal():
    """On a tty the text has ANSI colours; NO_COLOR turns them off."""
    for env, coloured in (({}, True), ({"NO_COLOR": "1"}, False)):
        leader, follower = pty.openpty()
        environ = dict(os.environ, LANG="C.UTF-8", **env)
        environ.pop("NO_COLOR", None) if not env else None
        proc = subprocess.Popen(
            [sys.executable, "-m", "chainrule", "explain"],
            stdout=follower,
            stderr=subprocess.PIPE,
            env=environ,
        )
        os.close(follower)
        chunks = []
        while True:
            try:
                chunk = os.read(leader, 65536)
            except OSError:
                break
            if not chunk:
                break
            chunks.append(chunk)
        proc.wait(timeout=60)
        os.close(leader)
        out = b"".join(chunks).decode()
        assert proc.returncode == 0
        assert ("\033[1m" in out) is coloured
        assert "0.082167041" in out
