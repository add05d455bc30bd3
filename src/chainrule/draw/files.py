"""Writing a picture to a file atomically: a temporary name in the same folder, then a rename."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write
from ..errors import ChainruleError


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` so that readers see the old file or the whole new one."""
    target = Path(path)
    folder = target.parent if str(target.parent) else Path(".")
    if not folder.is_dir():
        raise ChainruleError(f"output folder {str(folder)!r} does not exist")
    if target.is_dir():
        raise ChainruleError(f"output {str(target)!r} is a directory, expected a file name")
    with atomic_write(target) as f:
        f.write(data)
