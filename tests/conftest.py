"""Shared test helpers."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

# BLAS libraries split a matrix product among their threads, and the thread count can change
# the last bits of a result: every CLI run of the tests uses one thread, so that runs the
# tests compare bit for bit (resume, two processes with the same seed) agree on any machine.
PINNED_THREADS = {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "1", "MKL_NUM_THREADS": "1"}


def pinned_env() -> dict[str, str]:
    """This process's environment with the BLAS thread count pinned (see PINNED_THREADS)."""
    return {**os.environ, **PINNED_THREADS}


def run_cli(*args: str, input_text: str | None = None) -> subprocess.CompletedProcess:
    """Run ``chainrule ARGS`` in a fresh interpreter, as a user would (one BLAS thread)."""
    return subprocess.run(
        [sys.executable, "-m", "chainrule", *args],
        capture_output=True,
        text=True,
        input=input_text,
        timeout=300,
        env=pinned_env(),
    )


def run_cli_json(*args: str) -> dict:
    result = run_cli(*args)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.fixture
def cli():
    return run_cli
