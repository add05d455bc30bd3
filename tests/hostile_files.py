"""Hostile files for tests/test_hostile.py: memory bombs, lying headers, deep JSON.

The bzip2 and LZMA bombs are stored in ``tests/hostile/`` (a 1 GiB and a 320 MiB run of zeros
behind a .npy header that announces a 2×2 array; compressing them takes seconds, so they are
made once, by :func:`regenerate`); the deflate bombs are built at once from one
independently compressed block repeated (a full flush resets deflate's dictionary).
"""

from __future__ import annotations

import bz2
import lzma
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

HERE = Path(__file__).parent / "hostile"
MIB = 1 << 20


def npy_header(shape: tuple[int, ...], descr: str = "<f8") -> bytes:
    """A version 1.0 .npy header announcing ``shape`` of ``descr``."""
    text = f"{{'descr': {descr!r}, 'fortran_order': False, 'shape': {shape!r}, }}"
    text += " " * (118 - len(text)) + "\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text.encode()


def deflate_bomb(prefix: bytes, mib: int, wbits: int = -15) -> bytes:
    """``prefix`` then ``mib`` MiB of zeros as a deflate stream (raw for -15, zlib for 15)."""
    c = zlib.compressobj(9, zlib.DEFLATED, wbits)
    head = c.compress(prefix) + c.flush(zlib.Z_FULL_FLUSH)
    block = c.compress(bytes(MIB)) + c.flush(zlib.Z_FULL_FLUSH)
    return head + block * mib + c.flush()


def zip_file(members: list[tuple[str, int, bytes, int]]) -> bytes:
    """A zip archive of (name, method, compressed bytes, uncompressed size) written by hand,
    so that a member's data can be anything its header does not describe (CRC 0)."""
    out, central = bytearray(), bytearray()
    for name, method, data, size in members:
        offset = len(out)
        encoded = name.encode()
        fields = (20, 0, method, 0, 0, 0, len(data), size, len(encoded), 0)
        out += b"PK\x03\x04" + struct.pack("<5H3L2H", *fields) + encoded + data
        entry = (20, 20, 0, method, 0, 0, 0, len(data), size, len(encoded), 0, 0, 0, 0, 0, offset)
        central += b"PK\x01\x02" + struct.pack("<6H3L5H2L", *entry) + encoded
    end = struct.pack("<4H2LH", 0, 0, len(members), len(members), len(central), len(out), 0)
    return bytes(out + central + b"PK\x05\x06" + end)


def labels_member() -> tuple[str, int, bytes, int]:
    data = npy_header((2,), "<i8") + np.array([0, 1], dtype="<i8").tobytes()
    return ("y.npy", zipfile.ZIP_STORED, data, len(data))


def npz_bomb(kind: str) -> bytes:
    """An .npz whose X member announces a 2×2 array and inflates far beyond it."""
    head = npy_header((2, 2))
    if kind == "deflate":
        x = ("X.npy", zipfile.ZIP_DEFLATED, deflate_bomb(head, 1024), len(head) + 1024 * MIB)
    elif kind == "bzip2":
        data = (HERE / "x-1gib.bz2").read_bytes()
        x = ("X.npy", zipfile.ZIP_BZIP2, data, len(head) + 1024 * MIB)
    elif kind == "lzma":
        data = (HERE / "x-320mib.lzma").read_bytes()
        x = ("X.npy", zipfile.ZIP_LZMA, data, len(head) + 320 * MIB)
    else:  # stored, with a header announcing 10¹² values in 32 bytes of data
        data = npy_header((1_000_000, 1_000_000)) + bytes(32)
        x = ("X.npy", zipfile.ZIP_STORED, data, len(data))
    return zip_file([x, labels_member()])


def npz_of_header(header: bytes, extra: bytes = b"") -> bytes:
    """An .npz whose X member is ``header`` (and ``extra``) as it is: odd item types."""
    data = header + extra
    return zip_file([("X.npy", zipfile.ZIP_STORED, data, len(data)), labels_member()])


def png(ihdr: bytes, idat: bytes) -> bytes:
    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(body))

    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def png_bomb(mib: int = 1024) -> bytes:
    """A PNG whose header says 28×28 grey and whose data inflates to ``mib`` MiB."""
    return png(struct.pack(">IIBBBBB", 28, 28, 8, 0, 0, 0, 0), deflate_bomb(b"", mib, 15))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth


def regenerate() -> None:  # pragma: no cover -- run by hand; takes about half a minute
    head = npy_header((2, 2))
    c = bz2.BZ2Compressor(9)
    parts = [c.compress(head)] + [c.compress(bytes(MIB)) for _ in range(1024)] + [c.flush()]
    (HERE / "x-1gib.bz2").write_bytes(b"".join(parts))
    filters = [{"id": lzma.FILTER_LZMA1, "preset": 9}]
    props = lzma._encode_filter_properties(filters[0])  # type: ignore[attr-defined]
    c2 = lzma.LZMACompressor(format=lzma.FORMAT_RAW, filters=filters)
    parts = [struct.pack("<BBH", 9, 4, len(props)), props, c2.compress(head)]
    parts += [c2.compress(bytes(MIB)) for _ in range(320)] + [c2.flush()]
    (HERE / "x-320mib.lzma").write_bytes(b"".join(parts))
