"""SVG and PNG through Graphviz's ``dot`` program (Debian package ``graphviz``).

DOT text needs nothing; drawing it needs the ``dot`` program on the PATH. Without it,
:func:`render` raises a :class:`ChainruleError` that names the package to install.
"""

from __future__ import annotations

import shutil
import subprocess

from chainrule.errors import ChainruleError

FORMATS = ("svg", "png")
PNG_DPI = 144
MISSING = (
    "Graphviz's dot program is not installed: install the Debian package graphviz "
    "(sudo apt-get install graphviz) to make {fmt} pictures, or use --format dot"
)


def dot_program() -> str | None:
    """The path of Graphviz's ``dot``, or None."""
    return shutil.which("dot")


def render(dot_text: str, fmt: str, timeout: float = 120.0) -> bytes:
    """Draw DOT text as ``svg`` or ``png`` bytes with Graphviz's ``dot``."""
    if fmt not in FORMATS:
        raise ChainruleError(
            f"unknown picture format {fmt!r}: expected one of {', '.join(FORMATS)}"
        )
    program = dot_program()
    if program is None:
        raise ChainruleError(MISSING.format(fmt=fmt))
    command = [program, f"-T{fmt}"]
    if fmt == "png":
        command.append(f"-Gdpi={PNG_DPI}")
    try:
        result = subprocess.run(
            command, input=dot_text.encode("utf-8"), capture_output=True, timeout=timeout
        )
    except subprocess.TimeoutExpired:
        raise ChainruleError(
            f"Graphviz's dot took longer than {timeout:g} s: draw a smaller graph"
        ) from None
    except OSError as exc:
        raise ChainruleError(f"Graphviz's dot could not run: {exc.strerror}") from None
    if result.returncode != 0:
        message = result.stderr.decode("utf-8", "replace").strip().splitlines()
        detail = message[0] if message else f"exit status {result.returncode}"
        raise ChainruleError(f"Graphviz's dot failed: {detail}")
    return result.stdout
