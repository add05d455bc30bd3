"""Shared test helpers."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest


def run_cli(*args: str, input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run ``chainrule ARGS`` in a fresh interpreter, as a user would."""
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args],
        capture_output=True,
        text=True,
        input=input_text,
        timeout=300,
    )


def run_cli_json(*args: str) -> dict:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def cli():
    return run_cli
