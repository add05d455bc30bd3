"""Arrays backed by a memory-mapped file (``np.load(path, mmap_mode="r")``), read a block
at a time without their pages piling up in the process's memory.

A page of a mapped file that has been read stays mapped into the process, and counts in
its resident memory, until the kernel needs the memory back; over a file larger than
memory that is the whole of it. :func:`release` tells the kernel (``madvise``
MADV_DONTNEED) that the pages of rows already read are not needed: they leave the
process's resident set at once (the file's data stays in the page cache, and a later read
maps it again). :func:`prefetch` asks the kernel (MADV_WILLNEED) to start reading the
pages of rows needed next, so the disk reads them while the rows before are worked on.
Both are no-ops for arrays in memory and on systems without madvise.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import mmap
from typing import Any

import numpy as np

PAGE = mmap.PAGESIZE
_MADV_DONTNEED = getattr(mmap, "MADV_DONTNEED", None)
_MADV_WILLNEED = getattr(mmap, "MADV_WILLNEED", None)


def _libc() -> Any:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        libc.madvise.argtypes = [ctypes.c_void_p, ctypes.c_size_t, ctypes.c_int]
        return libc
    except (OSError, AttributeError):
        return None


_LIBC = _libc() if _MADV_DONTNEED is not None else None


def is_mapped(x: Any) -> bool:
    """True if ``x`` is an array whose memory is a mapped file (an ``np.memmap`` or a view
    of one)."""
    base = x
    while isinstance(base, np.ndarray):
        if isinstance(base, np.memmap):
            return True
        base = base.base
    return isinstance(base, mmap.mmap)


def release(x: Any, rows: slice) -> None:
    """Drop the pages of ``x[rows]`` from the process's resident memory if ``x`` is a
    C-ordered mapped array (whole pages inside those rows only; see the module's docstring)."""
    _advise(x, rows, _MADV_DONTNEED, inner=True)


def prefetch(x: Any, rows: slice) -> None:
    """Start reading the pages of ``x[rows]`` from disk in the background (readahead), if
    ``x`` is a C-ordered mapped array; returns at once."""
    _advise(x, rows, _MADV_WILLNEED, inner=False)


def _advise(x: Any, rows: slice, advice: int | None, inner: bool) -> None:
    """madvise over the pages of ``x[rows]``: the whole pages inside them when ``inner``
    (the neighbours' rows stay), else every page they touch."""
    if advice is None or _LIBC is None or not is_mapped(x) or not x.flags.c_contiguous:
        return
    if len(x) == 0:
        return
    start, stop, _ = rows.indices(len(x))
    if stop <= start:
        return
    row = x[:1].nbytes
    address = x.__array_interface__["data"][0]
    first = address + start * row
    last = address + stop * row
    if inner:
        first, last = -(-first // PAGE) * PAGE, last // PAGE * PAGE
    else:
        first, last = first // PAGE * PAGE, -(-last // PAGE) * PAGE
    if last > first:
        _LIBC.madvise(ctypes.c_void_p(first), ctypes.c_size_t(last - first), advice)
