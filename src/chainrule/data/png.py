"""A small PNG reader and writer for grey-scale images (no image library needed).

Reads 8-bit, non-interlaced PNG files of colour type grey (0), RGB (2), grey + alpha (4)
or RGBA (6), undoing the five row filters (None, Sub, Up, Average, Paeth), and returns the
grey levels 0…255 (colour is averaged as 0.299 R + 0.587 G + 0.114 B; alpha is ignored).
Writes 8-bit grey images.
"""

from __future__ import annotations

import os
import struct
import zlib
from collections.abc import Sequence

import numpy as np

from chainrule.errors import ChainruleError

SIGNATURE = b"\x89PNG\r\n\x1a\n"
CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}
MAX_PIXELS = 1 << 26  # 8192 × 8192


def _chunks(data: bytes, source: str):
    pos = len(SIGNATURE)
    while pos + 8 <= len(data):
        length, kind = struct.unpack(">I4s", data[pos : pos + 8])
        body = data[pos + 8 : pos + 8 + length]
        if len(body) != length:
            raise ChainruleError(f"{source}: truncated PNG chunk {kind!r}")
        yield kind, body
        pos += 12 + length


def _paeth(a: int, b: int, c: int) -> int:
    p = a + b - c
    pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
    return a if pa <= pb and pa <= pc else (b if pb <= pc else c)


def decode_png(
    data: bytes, source: str = "image", shape: Sequence[int] | None = None
) -> np.ndarray:
    """Grey levels (rows × columns, uint8) of a PNG image; with ``shape`` (rows, columns),
    an image of another size is refused from its header, before its data is inflated."""
    if not data.startswith(SIGNATURE):
        raise ChainruleError(f"{source}: not a PNG file")
    header = None
    idat = []
    for kind, body in _chunks(data, source):
        if kind == b"IHDR":
            if len(body) != 13:
                raise ChainruleError(
                    f"{source}: PNG header chunk of {len(body)} bytes, expected 13"
                )
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    if header is None:
        raise ChainruleError(f"{source}: PNG without a header chunk")
    width, height, depth, color, _, _, interlace = header
    if depth != 8 or color not in CHANNELS or interlace != 0:
        raise ChainruleError(
            f"{source}: PNG with bit depth {depth}, colour type {color}, interlace {interlace}; "
            "expected an 8-bit, non-interlaced grey, RGB or RGBA image"
        )
    bpp = CHANNELS[color]
    stride = width * bpp
    if width == 0 or height == 0 or width * height > MAX_PIXELS:
        raise ChainruleError(
            f"{source}: PNG of {width}×{height} pixels, expected 1 to {MAX_PIXELS:,} pixels"
        )
    if shape is not None and [height, width] != [int(n) for n in shape]:
        raise ChainruleError(
            f"{source!r} is {height}×{width} pixels, expected {'×'.join(map(str, shape))}"
        )
    try:  # inflate no more than the header implies (and one byte, to see more)
        inflate = zlib.decompressobj()
        raw = inflate.decompress(b"".join(idat), height * (stride + 1) + 1)
    except zlib.error as exc:
        raise ChainruleError(f"{source}: damaged PNG data ({exc})") from None
    if len(raw) != height * (stride + 1):
        raise ChainruleError(
            f"{source}: PNG data of {len(raw)} bytes, expected {height * (stride + 1)}"
        )
    rows = np.zeros((height, stride), dtype=np.uint8)
    prev = np.zeros(stride, dtype=np.int64)
    for r in range(height):
        kind = raw[r * (stride + 1)]
        line = np.frombuffer(raw, np.uint8, stride, r * (stride + 1) + 1).astype(np.int64)
        if kind == 0:
            cur = line
        elif kind == 2:
            cur = (line + prev) % 256
        elif kind in (1, 3, 4):
            cur = np.zeros(stride, dtype=np.int64)
            for i in range(stride):
                a = int(cur[i - bpp]) if i >= bpp else 0
                c = int(prev[i - bpp]) if i >= bpp else 0
                b = int(prev[i])
                pred = a if kind == 1 else ((a + b) // 2 if kind == 3 else _paeth(a, b, c))
                cur[i] = (int(line[i]) + pred) % 256
        else:
            raise ChainruleError(f"{source}: unknown PNG row filter {kind}")
        rows[r] = cur
        prev = cur
    pixels = rows.reshape(height, width, bpp).astype(np.float64)
    if color in (2, 6):
        grey = pixels[..., 0] * 0.299 + pixels[..., 1] * 0.587 + pixels[..., 2] * 0.114
    else:
        grey = pixels[..., 0]
    return np.clip(np.round(grey), 0, 255).astype(np.uint8)


def read_png(path: str | os.PathLike, shape: Sequence[int] | None = None) -> np.ndarray:
    """Grey levels of the PNG file at ``path`` (see :func:`decode_png`)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ChainruleError(f"cannot read {os.fspath(path)!r}: {exc.strerror}") from None
    return decode_png(data, os.fspath(path), shape)


def encode_png(grey: np.ndarray) -> bytes:
    """PNG bytes of an 8-bit grey image (rows × columns)."""
    grey = np.asarray(grey, dtype=np.uint8)
    height, width = grey.shape
    raw = b"".join(b"\x00" + grey[r].tobytes() for r in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        crc = zlib.crc32(kind + body) & 0xFFFFFFFF
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        SIGNATURE + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b"")
    )
