"""One process at a time on a checkpoint: ``with checkpoint_lock("model.npz"):`` holds the
lock file ``model.npz.lock`` (it holds the process id), created atomically (``O_EXCL``) and
removed on the way out. A second process gets a :class:`ChainruleError` naming the holder's
process id; a lock whose process is gone (killed) is taken over. Within one process the lock
is re-entrant: ``train`` holds it around loading and training, and ``Classifier.fit`` (which
takes it for its ``save_path``) runs inside."""

from __future__ import annotations

import contextlib
import os
import stat
from collections.abc import Iterator
from pathlib import Path

from chainrule.errors import ChainruleError
from chainrule.util.atomic import _alive

_HELD: dict[str, int] = {}  # lock files this process holds: how many blocks hold each


def lock_path(path: str | os.PathLike) -> Path:
    return Path(os.fspath(path) + ".lock")


def _holder(lock: Path) -> int | None:
    try:
        text = lock.read_text(encoding="ascii", errors="replace").strip()
    except OSError:
        return None
    return int(text) if text.isdigit() else None


@contextlib.contextmanager
def checkpoint_lock(path: str | os.PathLike | None) -> Iterator[None]:
    """Hold ``path``'s lock file while the block runs (nothing for None, or for a path that
    is not a regular file or a new name: ``/dev/null`` needs no lock)."""
    if path is None:
        yield
        return
    try:
        special = not stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        special = False
    if special:
        yield
        return
    lock = lock_path(path)
    key = os.path.realpath(lock)
    if _HELD.get(key) and _holder(lock) == os.getpid():  # held here already: an inner block
        _HELD[key] += 1
        try:
            yield
        finally:
            _HELD[key] -= 1
        return
    for attempt in range(2):
        try:
            lock.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(lock, os.O_CREAT | os.O_EXCL | os.O_WRONLY, 0o644)
            break
        except FileExistsError:
            pid = _holder(lock)
            if attempt == 0 and (pid is None or not _alive(pid)) and _stale(lock, pid):
                with contextlib.suppress(OSError):
                    lock.unlink()
                continue
            raise ChainruleError(
                f"{os.fspath(path)!r} is in use by process {pid if pid else '?'} (lock file "
                f"{str(lock)!r}): expected one run at a time on a checkpoint; wait for it, or "
                "remove the lock file if that process is not running"
            ) from None
        except OSError as exc:
            raise ChainruleError(f"cannot lock {os.fspath(path)!r}: {exc.strerror}") from None
    with os.fdopen(fd, "w") as f:
        f.write(f"{os.getpid()}\n")
    _HELD[key] = 1
    try:
        yield
    finally:
        del _HELD[key]
        if _holder(lock) == os.getpid():
            with contextlib.suppress(OSError):
                lock.unlink()


def _stale(lock: Path, pid: int | None) -> bool:
    """A lock without a process id is stale only when it is not being written just now."""
    if pid is not None:
        return True
    try:
        return lock.stat().st_size > 0 or _age(lock) > 5
    except OSError:
        return True


def _age(lock: Path) -> float:
    import time

    return time.time() - lock.stat().st_mtime
