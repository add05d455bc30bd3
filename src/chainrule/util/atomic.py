"""Atomic file writing: a temporary file in the target's folder, flushed and fsynced, then
renamed over the target, and the folder fsynced -- a crash or an error never leaves half a
file, and the old file stays until the new one is complete.

- A file that is replaced keeps its permissions (a 0600 model stays 0600); a new file gets
  the usual ones (0666 minus the umask), not the private ones of a temporary file.
- A symbolic link is followed: its target is replaced, the link stays a link.
- A FIFO or a character device (``/dev/null``, ``/dev/stdout``) is written in place, as a
  stream; other special files (block devices, sockets) are refused.
- The temporary file is removed on every exit path (an error, Ctrl-C, SIGTERM). One left by
  a killed process (``.NAME.PID.XXXX.tmp`` whose process is gone) is removed by the next
  write to the same file.
"""

from __future__ import annotations

import contextlib
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from chainrule.errors import ChainruleError

STDOUT = "-"


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


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, ValueError):
        return True
    return True


def remove_stale_temporaries(target: Path) -> list[Path]:
    """Remove the temporary files of ``target`` left by processes that are gone."""
    removed = []
    prefix = f".{target.name}."
    with contextlib.suppress(OSError):
        for entry in os.scandir(target.parent):
            name = entry.name
            if not (name.startswith(prefix) and name.endswith(".tmp")):
                continue
            pid = name[len(prefix) :].split(".", 1)[0]
            if pid.isdigit() and not _alive(int(pid)) and entry.is_file(follow_symlinks=False):
                with contextlib.suppress(OSError):
                    os.unlink(entry.path)
                    removed.append(Path(entry.path))
    return removed


def _resolve(path: str | os.PathLike) -> tuple[Path, os.stat_result | None]:
    """The file to write (a symbolic link's target) and its status (None: not there yet)."""
    target = Path(path)
    if target.is_symlink():
        target = Path(os.path.realpath(target))
    try:
        return target, os.stat(target)
    except (FileNotFoundError, NotADirectoryError):  # the folders are checked next
        return target, None
    except OSError as exc:
        raise ChainruleError(f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None


@contextlib.contextmanager
def _in_place(path: str | os.PathLike, target: Path) -> Iterator[IO[bytes]]:
    """A FIFO or character device: written as a stream (no rename is possible)."""
    try:
        f = open(target, "wb")
    except OSError as exc:
        raise ChainruleError(f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None
    try:
        with f:
            yield f
    except BrokenPipeError:
        pass
    except OSError as exc:
        raise ChainruleError(f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None


@contextlib.contextmanager
def atomic_write(path: str | os.PathLike) -> Iterator[IO[bytes]]:
    """``with atomic_write(path) as f: f.write(...)`` -- ``path`` appears only when done."""
    target, status = _resolve(path)
    if status is not None and stat.S_ISDIR(status.st_mode):
        raise ChainruleError(f"{os.fspath(path)!r} is a folder, expected a file name")
    if status is not None and (stat.S_ISFIFO(status.st_mode) or stat.S_ISCHR(status.st_mode)):
        with _in_place(path, target) as f:
            yield f
        return
    if status is not None and not stat.S_ISREG(status.st_mode):
        raise ChainruleError(
            f"{os.fspath(path)!r} is a special file (not a regular file, FIFO or character "
            "device): expected a file name to write"
        )
    for folder in target.parents:
        if folder.exists():
            if not folder.is_dir():
                name, folder_name = os.fspath(path), str(folder)
                raise ChainruleError(
                    f"cannot write {name!r}: {folder_name!r} is a file, expected a folder"
                )
            break
    mode = 0o666 & ~_umask() if status is None else stat.S_IMODE(status.st_mode)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        remove_stale_temporaries(target)
        fd, tmp = tempfile.mkstemp(
            prefix=f".{target.name}.{os.getpid()}.", suffix=".tmp", dir=target.parent
        )
    except OSError as exc:
        raise ChainruleError(f"cannot write {os.fspath(path)!r}: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as f:
            yield f
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, mode)
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
    folder. ``-`` is standard output."""
    if os.fspath(path) == STDOUT:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    target = Path(path)
    if not target.parent.is_dir():
        raise ChainruleError(
            f"{label} {os.fspath(path)!r}: folder {str(target.parent)!r} does not exist"
        )
    if target.is_dir():
        raise ChainruleError(f"{label} {os.fspath(path)!r} is a directory, expected a file name")
    write_bytes(target, data)
