"""Contenders timed on equal terms: each run in a fresh interpreter, in turn.

Every benchmark that compares chainrule with another library runs each contender as its
own process (``python SCRIPT --worker NAME ...`` or a peer's script), so that no library
inherits another's threads, caches or allocator; the processes alternate A B A B ... so
that a burst of load on a shared machine falls on all of them alike; each figure is the
median over the rounds, printed with its spread (lowest–highest), and a ratio is the
median of the ratios of the same round. A worker prints one JSON object on its last line
of output; the harness adds ``process_seconds``, the wall time of the whole process
(interpreter start, imports, loading the data, everything) and ``peak_rss_mb``, the
process's peak resident memory. The launching process imports neither chainrule nor the
other libraries (a child's peak starts from its parent's size at the fork).
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path

HERE = Path(__file__).resolve().parent
SRC = HERE.parent / "src"


def environment(src: Path | str = SRC) -> dict[str, str]:
    """This environment, with the project's ``src`` importable (as when installed); ``src``
    another checkout's, to time two versions of the code against each other."""
    env = dict(os.environ)
    paths = [str(src), env.get("PYTHONPATH", "")]
    env["PYTHONPATH"] = os.pathsep.join(p for p in paths if p)
    return env


def fresh(argv: Sequence[str], src: Path | str = SRC) -> dict:
    """Run ``argv`` (a command; ``python`` means this interpreter) as its own process, with
    ``src`` importable, and return the JSON object on its last line of output, with
    process_seconds and peak_rss_mb (that process's own peak, from ``wait4``)."""
    argv = [sys.executable if a == "python" else a for a in argv]
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        start = time.perf_counter()
        process = subprocess.Popen(argv, stdout=out, stderr=err, text=True, env=environment(src))
        try:
            _, status, usage = os.wait4(process.pid, 0)
        except BaseException:
            process.kill()
            raise
        seconds = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if process.returncode != 0:
        raise RuntimeError(f"{' '.join(argv)} failed:\n{stderr[-2000:]}")
    lines = [line for line in stdout.splitlines() if line.strip()]
    result = json.loads(lines[-1])
    result["process_seconds"] = seconds
    result["peak_rss_mb"] = usage.ru_maxrss / 1024  # KiB on Linux
    return result


def alternate(
    commands: dict[str, Sequence[str]],
    rounds: int = 5,
    before: Callable[[str], None] | None = None,
) -> dict[str, list[dict]]:
    """Each command once per round, in turn (A B A B ...); every result by name.
    ``before(name)`` runs ahead of each command (for example to empty the page cache)."""
    results: dict[str, list[dict]] = {name: [] for name in commands}
    for _ in range(rounds):
        for name, argv in commands.items():
            if before is not None:
                before(name)
            results[name].append(fresh(argv))
    return results


def spread(values: Sequence[float], digits: int = 2, unit: str = "") -> str:
    """'median (lowest–highest)'."""
    m, lo, hi = statistics.median(values), min(values), max(values)
    return f"{m:,.{digits}f}{unit} ({lo:,.{digits}f}–{hi:,.{digits}f})"


def ratios(a: Sequence[float], b: Sequence[float]) -> list[float]:
    """a/b round by round."""
    return [x / y for x, y in zip(a, b, strict=True)]


def machine_line() -> str:
    """common.machine() computed in a process of its own, so that this launching process
    stays small: a child's peak memory (``wait4``) starts from its parent's at the fork."""
    code = (
        "import sys; sys.path.insert(0, sys.argv[1]); from common import machine; print(machine())"
    )
    done = subprocess.run(
        [sys.executable, "-c", code, str(HERE)], capture_output=True, text=True, check=True
    )
    floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return f"{done.stdout.strip()}; launcher's own peak {floor:.0f} MB (a floor under every peak)"


def load() -> str:
    """The load averages over 1, 5 and 15 minutes, as ``uptime`` prints them."""
    one, five, fifteen = os.getloadavg()
    return f"load average {one:.2f}, {five:.2f}, {fifteen:.2f}"


def blas() -> str:
    """The BLAS library and kernel NumPy uses here (threadpoolctl), and any OpenBLAS settings."""
    try:
        import numpy  # noqa: F401
        from threadpoolctl import threadpool_info

        info = [
            f"{i.get('internal_api')} {i.get('version')} {i.get('architecture')} "
            f"{i.get('num_threads')} threads"
            for i in threadpool_info()
            if i.get("user_api") == "blas"
        ]
    except ImportError:
        info = ["threadpoolctl not installed"]
    settings = [f"{k}={v}" for k, v in sorted(os.environ.items()) if k.startswith("OPENBLAS_")]
    return "; ".join(info) + (
        f" ({', '.join(settings)})" if settings else " (no OPENBLAS_ settings)"
    )


def emit(result: dict) -> None:
    """A worker's result: one JSON line, last."""
    print(json.dumps(result), flush=True)
