"""Outputs never overwrite inputs: every command compares the files it will write with the
files it reads, and with each other, before it writes anything.

Two paths clash when they name the same file -- the same inode, however it is spelt
(``d.npz``, ``./d.npz``, a symbolic or a hard link) -- or, for files not there yet, the same
resolved path. Standard output (``-``) and character devices (``/dev/null``) never clash.
"""

from __future__ import annotations

import os
import stat
from collections.abc import Iterable
from pathlib import Path

from chainrule.errors import ChainruleError

STDOUT = "-"


def _identity(path: str) -> tuple[str, object] | None:
    """What makes a path one file: (device, inode) when it exists, else its resolved path;
    None for standard output and devices, which may be named any number of times."""
    if path == STDOUT:
        return None
    try:
        st = os.stat(path)
    except (OSError, ValueError):
        return ("path", os.path.realpath(path))
    if stat.S_ISCHR(st.st_mode) or stat.S_ISFIFO(st.st_mode):
        return None
    return ("inode", (st.st_dev, st.st_ino))


def folder_files(folder: str | os.PathLike) -> list[str]:
    """The files directly in ``folder`` (an input folder: each of them is an input)."""
    try:
        return [e.path for e in os.scandir(folder) if e.is_file()]
    except OSError:
        return []


def check_paths(
    inputs: Iterable[tuple[str, str | os.PathLike | None]],
    outputs: Iterable[tuple[str, str | os.PathLike | None]],
    allowed: Iterable[tuple[str, str]] = (),
) -> None:
    """Refuse (exit 2) an output that names an input or another output.

    ``inputs`` and ``outputs`` are (label, path) pairs, the label as the message names it
    (``"--data"``); None paths are skipped. ``allowed`` lists (output label, input label)
    pairs that may be one file (``--save`` and ``--resume``'s checkpoint)."""
    ok = set(allowed)
    seen_in = [(label, os.fspath(p)) for label, p in inputs if p is not None]
    seen_out: list[tuple[str, str, tuple[str, object]]] = []
    for label, p in outputs:
        if p is None:
            continue
        path = os.fspath(p)
        ident = _identity(path)
        if ident is None:
            continue
        for in_label, in_path in seen_in:
            if (label, in_label) in ok:
                continue
            in_ident = _identity(in_path)
            if in_ident is not None and _same(ident, in_ident, path, in_path):
                raise ChainruleError(
                    f"{label} {path!r} is the input {in_label} {in_path!r}: expected an "
                    "output that is not one of the command's inputs (it would be overwritten)"
                )
        for out_label, out_path, out_ident in seen_out:
            if _same(ident, out_ident, path, out_path):
                raise ChainruleError(
                    f"{label} {path!r} and {out_label} {out_path!r} are one file: expected "
                    "a different file for each output"
                )
        seen_out.append((label, path, ident))


def _same(a: tuple[str, object], b: tuple[str, object], pa: str, pb: str) -> bool:
    if a == b:
        return True
    # one exists and the other not: compare resolved paths too (a file about to appear)
    return os.path.realpath(pa) == os.path.realpath(pb)


def check_save(path: str | None) -> None:
    """``--save``: a file, written after every epoch and read again by ``--resume``; standard
    output cannot be either."""
    if path == STDOUT:
        raise ChainruleError(
            "--save '-': expected a file name (the model is saved after every epoch and read "
            "again by --resume; standard output cannot be)"
        )


def plot_paths(
    folder: str | None, two_dimensional: bool = False, regression: bool = False
) -> list[tuple[str, str]]:
    """The files ``--plot FOLDER`` writes (see :func:`chainrule.teach.plots.plot_training` and
    :func:`chainrule.teach.plots_regression.plot_regression`)."""
    if folder is None:
        return []
    if regression:
        names = ["history.png", "predicted_vs_true.png"]
    else:
        names = ["history.png", "confusion.png"] + (["decision_boundary.png"] * two_dimensional)
    return [("--plot", str(Path(folder) / name)) for name in names]
