"""Reading ``.npz`` archives with bounded memory, without ``np.load``.

Every member is decompressed as a stream -- stored, deflate, bzip2 or lzma -- with a running
limit: first the ``.npy`` header, then exactly the bytes its shape and dtype announce (and
one more, to see a longer member). A member whose data inflates beyond what its header
announces is refused after that many bytes, whatever the compression's ratio, so memory
follows the data a file legitimately holds. Object arrays (a pickle), structured and
zero-size item types are refused from the header alone.
"""

from __future__ import annotations

import bz2
import contextlib
import lzma
import os
import struct
import tokenize
import zipfile
import zlib
from typing import IO, Any

import numpy as np

from chainrule.errors import ChainruleError
from chainrule.util.limits import check_memory

CHUNK = 1 << 16
KINDS = "biufcUS"  # booleans, integers, floats, complex numbers, text
LOCAL_HEADER = struct.Struct("<4s2B4HL2L2H")  # the zip format's local file header


class _Member:
    """A zip member's uncompressed bytes, decompressed only as far as they are read."""

    def __init__(self, archive: IO[bytes], info: zipfile.ZipInfo, source: str) -> None:
        self.source, self.info = source, info
        if info.flag_bits & 0x1:
            raise ChainruleError(f"{source}: member {info.filename} is encrypted")
        archive.seek(info.header_offset)
        head = archive.read(LOCAL_HEADER.size)
        if len(head) != LOCAL_HEADER.size or head[:4] != b"PK\x03\x04":
            raise ChainruleError(f"{source}: member {info.filename} has no local header")
        fields = LOCAL_HEADER.unpack(head)
        archive.seek(fields[10] + fields[11], os.SEEK_CUR)  # the name and the extra field
        self.archive, self.left = archive, info.compress_size
        self.kind = info.compress_type
        self.pending = b""
        self.crc = 0
        self.decoder: Any = None
        if self.kind == zipfile.ZIP_DEFLATED:
            self.decoder = zlib.decompressobj(-15)
        elif self.kind == zipfile.ZIP_BZIP2:
            self.decoder = bz2.BZ2Decompressor()
        elif self.kind == zipfile.ZIP_LZMA:
            self.decoder = self._lzma()
        elif self.kind != zipfile.ZIP_STORED:
            raise ChainruleError(
                f"{source}: member {info.filename} uses compression {self.kind}, expected "
                "stored, deflate, bzip2 or lzma"
            )

    def _raw(self, n: int) -> bytes:
        data = self.archive.read(min(n, self.left))
        self.left -= len(data)
        return data

    def _lzma(self) -> Any:
        head = self._raw(4)
        if len(head) != 4:
            raise ChainruleError(f"{self.source}: member {self.info.filename} is truncated")
        size = struct.unpack("<H", head[2:])[0]
        props = self._raw(size)
        try:
            filters = [lzma._decode_filter_properties(lzma.FILTER_LZMA1, props)]  # type: ignore[attr-defined]
        except (lzma.LZMAError, ValueError) as exc:
            raise ChainruleError(f"{self.source}: member {self.info.filename}: {exc}") from None
        return lzma.LZMADecompressor(lzma.FORMAT_RAW, filters=filters)

    def _more(self, want: int) -> bytes:
        """Up to ``want`` more bytes (fewer only at the end of the member)."""
        if self.decoder is None:
            return self._raw(want)
        d = self.decoder
        if isinstance(d, type(zlib.decompressobj())):
            while True:
                data = d.unconsumed_tail or self._raw(CHUNK)
                if not data:
                    return d.flush(want)[:want] if not d.eof else b""
                out = d.decompress(data, want)
                if out or d.eof:
                    return out
        while True:
            if d.eof:
                return b""
            data = self._raw(CHUNK) if d.needs_input else b""
            if d.needs_input and not data:
                return b""
            out = d.decompress(data, want)
            if out:
                return out

    def read(self, n: int) -> bytes:
        """Exactly ``n`` bytes, or fewer at the end; never more in memory than ``n``."""
        parts = bytearray()
        while len(parts) < n:
            got = self._more(min(CHUNK * 16, n - len(parts)))
            if not got:
                break
            parts += got
        self.crc = zlib.crc32(parts, self.crc)
        return bytes(parts) if n < CHUNK else parts  # type: ignore[return-value]


# what NumPy's .npy header parser raises on a damaged header: its dictionary is read by
# Python's tokenizer and literal_eval, which have errors of their own
HEADER_ERRORS = (
    ValueError,
    SyntaxError,
    TypeError,
    EOFError,
    OverflowError,
    RecursionError,
    tokenize.TokenError,
)


def _header(member: _Member, source: str, name: str) -> tuple[tuple[int, ...], bool, np.dtype]:
    from numpy.lib import format as npy

    try:
        version = npy.read_magic(member)  # type: ignore[arg-type]
        if version == (1, 0):
            return npy.read_array_header_1_0(member)  # type: ignore[arg-type]
        return npy.read_array_header_2_0(member)  # type: ignore[arg-type]
    except (*HEADER_ERRORS, struct.error) as exc:
        raise ChainruleError(f"{source}: member {name} is not a .npy array ({exc})") from None


def _read_member(member: _Member, source: str, name: str) -> np.ndarray:
    shape, fortran, dtype = _header(member, source, name)
    if dtype.hasobject:
        raise ChainruleError(f"{source}: holds object arrays, which are not accepted (no pickle)")
    if dtype.kind not in KINDS or dtype.itemsize == 0 or dtype.fields is not None:
        raise ChainruleError(
            f"{source}: member {name} has item type {dtype.str}, expected numbers or text"
        )
    count = int(np.prod(shape, dtype=object))
    need = count * dtype.itemsize
    if need > member.info.file_size:  # the zip directory's size: checked again as it inflates
        raise ChainruleError(
            f"{source}: member {name} declares a {dtype} array of shape {shape} ({need} bytes) "
            f"in {member.info.file_size} bytes, expected a header that fits the data"
        )
    check_memory(need, f"{source}: member {name} ({dtype} array of shape {shape})")
    data = member.read(need + 1)
    if len(data) != need:
        more = "more than" if len(data) > need else f"only {len(data)} of"
        raise ChainruleError(
            f"{source}: member {name} holds {more} the {need} bytes its header announces "
            f"(a {dtype} array of shape {shape})"
        )
    if member.crc != member.info.CRC:
        raise ChainruleError(f"{source}: member {name} is damaged (its checksum differs)")
    array = np.frombuffer(data, dtype=dtype, count=count)
    return array.reshape(shape, order="F" if fortran else "C")


def _opened(path: str | os.PathLike | IO[bytes]) -> contextlib.AbstractContextManager[IO[bytes]]:
    """``path`` opened for reading, or the binary file it already is (left open)."""
    if isinstance(path, str | os.PathLike):
        return open(path, "rb")
    return contextlib.nullcontext(path)


def read_npz_bounded(
    path: str | os.PathLike | IO[bytes], name: str | None = None, limit: int | None = None
) -> dict[str, np.ndarray]:
    """Every array of the ``.npz`` file at ``path``, each member's memory bounded by the
    size its header announces (see the module's docstring).

    ``path`` may also be a binary file already open (an upload held in memory, an
    :class:`io.BytesIO`), called ``name`` in messages. ``limit``: the most bytes all
    members may hold together, from the zip directory's sizes, checked before any member
    is read (each member is then held to its size as it inflates)."""
    source = repr(os.fspath(path) if isinstance(path, str | os.PathLike) else name or "upload")
    arrays: dict[str, np.ndarray] = {}
    try:
        with _opened(path) as f, zipfile.ZipFile(f) as archive:
            infos = [info for info in archive.infolist() if not info.is_dir()]
            total = sum(info.file_size for info in infos)
            if limit is not None and total > limit:
                raise ChainruleError(
                    f"{source} unpacks to {total:,} bytes: expected at most {limit:,}"
                )
            for info in infos:
                key = info.filename[:-4] if info.filename.endswith(".npy") else info.filename
                if key in arrays:
                    raise ChainruleError(f"{source}: member {info.filename} appears twice")
                arrays[key] = _read_member(_Member(f, info, source), source, info.filename)
    except ChainruleError:
        raise
    except FileNotFoundError:
        raise ChainruleError(f"{source}: no such file") from None
    except (
        OSError,
        EOFError,
        zipfile.BadZipFile,
        zlib.error,
        lzma.LZMAError,
        ValueError,
        NotImplementedError,
        RuntimeError,
        struct.error,
    ) as exc:
        raise ChainruleError(f"{source}: not a readable .npz file ({exc})") from None
    return arrays
