"""Atomic file writing: a temporary file in the target's folder, flushed and fsynced, then
renamed over the target, and the folder fsynced -- a crash or an error never leaves half a
file, and the old file stays until the new one is complete. The new file gets the usual
permissions (0666 minus the umask), not the private ones of a temporary file."""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from .errors import ChainruleError


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (where the system lets a folder be fsynced)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[IO[bytes]]:
    """``with atomic_write(path) as f: f.write(...)`` -- ``path`` appears only when done."""
    target = Path(path)
    if target.is_dir():
        raise ChainruleError(f"{os.fspath(path)!r} is a folder, expected a file name")
    for folder in target.parents:
        if folder.exists():
            if not folder.is_dir():
                name, folder_name = os.fspath(path), str(folder)
                raise ChainruleError(
                    f"cannot write {name!r}: {folder_name!r} is a file, expected a folder"
                )
            break
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise ChainruleError(f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
        _fsync_folder(target.parent)
    except BaseException as exc:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ChainruleError(f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None
        raise


def write_bytes(path: str | os.PathLike, data: bytes) -> None:
    """Write ``data`` to ``path`` atomically, making missing folders (a download cache)."""
    with atomic_write(path) as f:
        f.write(data)


def write_output(path: str | os.PathLike, data: bytes, label: str = "output") -> None:
    """Write a file the user named (``label``: how the message names it, e.g. "--output")
    atomically, into a folder that must exist: a typo in the folder is an error, not a new
    folder."""
    target = Path(path)
    if not target.parent.is_dir():
        raise ChainruleError(
            f"{label} {os.fspath(path)!r}: folder {str(target.parent)!r} does not exist"
        )
    if target.is_dir():
        raise ChainruleError(f"{label} {os.fspath(path)!r} is a directory, expected a file name")
    write_bytes(target, data)
