"""Hostile files for tests/test_hostile.py: memory bombs, lying headers, deep JSON.

The bombs are at the scale of the .npz of 1.9 KB that once took 3.9 GB: a .npy header that
announces a 2×2 array (or a PNG header that says 28×28) followed by about 4 GB of zeros
(:data:`BOMB_BYTES`), built without compressing 4 GB each time:

- deflate: one independently compressed MiB (a full flush resets the dictionary) repeated;
- bzip2: one compressed block of :data:`BZIP2_BLOCK` zeros repeated bit for bit behind the
  header's own block, with the stream's combined CRC computed for the repeats;
- LZMA has no blocks to repeat: its stream is compressed once (ten to twenty seconds) and
  kept in pytest's cache (:func:`lzma_member`).
"""

from __future__ import annotations

import bz2
import lzma
import struct
import zipfile
import zlib
from pathlib import Path

import numpy as np

MIB = 1 << 20
BZIP2_BLOCK = 40_000_000  # zeros in one bzip2 block (level 9 holds up to about 45.9 MB)
BOMB_BYTES = 100 * BZIP2_BLOCK  # 4.0 GB of zeros behind each bomb's header
BOMB_MIB = BOMB_BYTES // MIB + 1  # the deflate bombs, in whole MiB (4.0 GB)


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


BLOCK_MAGIC = 0x314159265359  # a bzip2 block starts with these 48 bits (π)
END_MAGIC = 0x177245385090  # and the stream ends with these (√π), then the combined CRC


def _bzip2_block(data: bytes) -> tuple[int, int, int]:
    """(bits, number of bits, CRC) of the single block of ``data`` compressed by bzip2."""
    stream = bz2.compress(data, 9)
    total, value = len(stream) * 8, int.from_bytes(stream, "big")
    for pad in range(8):  # "BZh9", the block, END_MAGIC, the 32-bit CRC, 0-7 bits of padding
        end = total - pad - 80
        if (value >> (total - end - 48)) & ((1 << 48) - 1) == END_MAGIC:
            break
    else:  # pragma: no cover
        raise AssertionError("no end of stream")
    length = end - 32
    block = (value >> (total - end)) & ((1 << length) - 1)
    assert block >> (length - 48) == BLOCK_MAGIC, "one block expected"
    crc = (block >> (length - 80)) & 0xFFFFFFFF
    assert (value >> (total - end - 80)) & 0xFFFFFFFF == crc  # the combined CRC of one block
    return block, length, crc


def bzip2_bomb(prefix: bytes, size: int = BOMB_BYTES) -> bytes:
    """A bzip2 stream of ``prefix`` then ``size`` zeros (a multiple of BZIP2_BLOCK)."""
    bits, length, combined = _bzip2_block(prefix)
    block, block_length, crc = _bzip2_block(bytes(BZIP2_BLOCK))
    for _ in range(size // BZIP2_BLOCK):
        bits = (bits << block_length) | block
        length += block_length
        combined = (((combined << 1) | (combined >> 31)) & 0xFFFFFFFF) ^ crc
    bits = (((bits << 48) | END_MAGIC) << 32) | combined
    length += 80
    pad = -length % 8
    return b"BZh9" + (bits << pad).to_bytes((length + pad) // 8, "big")


def lzma_member(prefix: bytes, cache: Path | None = None, size: int = BOMB_BYTES) -> bytes:
    """A zip member's LZMA data (its 4-byte header, the properties, the raw stream) of
    ``prefix`` then ``size`` zeros. Compressing takes ten to twenty seconds: the result is
    kept in the folder ``cache`` (pytest's cache) for the next run."""
    kept = None if cache is None else cache / f"x-{size}-{zlib.crc32(prefix):08x}.lzma"
    if kept is not None and kept.exists():
        return kept.read_bytes()
    filters = [
        {
            "id": lzma.FILTER_LZMA1,
            "mode": lzma.MODE_FAST,
            "mf": lzma.MF_HC3,
            "nice_len": 273,
            "depth": 1,
            "dict_size": 1 << 16,
        }
    ]
    props = lzma._encode_filter_properties(filters[0])  # type: ignore[attr-defined]
    c = lzma.LZMACompressor(format=lzma.FORMAT_RAW, filters=filters)
    parts = [struct.pack("<BBH", 9, 4, len(props)), props, c.compress(prefix)]
    chunk = bytes(64 * MIB)
    for _ in range(size // len(chunk)):
        parts.append(c.compress(chunk))
    parts += [c.compress(bytes(size % len(chunk))), c.flush()]
    data = b"".join(parts)
    if kept is not None:
        kept.write_bytes(data)
    return data


def npz_bomb(kind: str, cache: Path | None = None) -> bytes:
    """An .npz whose X member announces a 2×2 array and inflates to 4 GB beyond it; "stored":
    a header announcing 10¹² values in 32 bytes; "declared": a header and a zip directory
    that announce 4 GB in 32 bytes."""
    head = npy_header((2, 2))
    if kind == "deflate":
        x = (
            "X.npy",
            zipfile.ZIP_DEFLATED,
            deflate_bomb(head, BOMB_MIB),
            len(head) + BOMB_MIB * MIB,
        )
    elif kind == "bzip2":
        x = ("X.npy", zipfile.ZIP_BZIP2, bzip2_bomb(head), len(head) + BOMB_BYTES)
    elif kind == "lzma":
        x = ("X.npy", zipfile.ZIP_LZMA, lzma_member(head, cache), len(head) + BOMB_BYTES)
    elif kind == "declared":  # (2³² − 128) bytes of float64 announced, 32 there
        data = npy_header((2**29 - 16,)) + bytes(32)
        x = ("X.npy", zipfile.ZIP_STORED, data, 0xFFFFFFFE)
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


def png_bomb(mib: int = BOMB_MIB, width: int = 28, height: int = 28, color: int = 0) -> bytes:
    """A PNG whose header says ``width``×``height`` (grey; colour type 6: RGBA) and whose data
    inflates to ``mib`` MiB."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, color, 0, 0, 0)
    return png(ihdr, deflate_bomb(b"", mib, 15))


def nested(depth: int) -> str:
    return "[" * depth + "]" * depth
