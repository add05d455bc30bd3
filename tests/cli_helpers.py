"""Running ``chainrule`` in-process and reading what it printed (tests of the command line)."""

from __future__ import annotations

import contextlib
import io


def run_main(*argv: str) -> tuple[int, str, str]:
    """``chainrule ARGV`` in this process: (exit status, stdout, stderr)."""
    from chainrule.cli import main

    out, err = io.TextIOWrapper(io.BytesIO(), encoding="utf-8"), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(list(argv))
        except SystemExit as exc:  # --help and --version exit
            code = int(exc.code or 0)
    out.flush()
    return code, out.buffer.getvalue().decode("utf-8"), err.getvalue()
