"""The IDX file format of MNIST and Fashion-MNIST: a small header, then one big array.

Layout (all integers big-endian)::

    bytes 0-1   0x00 0x00
    byte  2     the element type: 0x08 uint8, 0x09 int8, 0x0B int16, 0x0C int32,
                0x0D float32, 0x0E float64
    byte  3     the number of dimensions d (1 for labels, 3 for images)
    4·d bytes   the size of each dimension, as 32-bit unsigned integers
    the data    prod(sizes) elements, big-endian, row-major

So labels start with the magic number 0x00000801 (uint8, 1 dimension) and images with
0x00000803 (uint8, 3 dimensions: count × rows × columns). Gzip-compressed files (the way
they are distributed) are read transparently. Every check is strict: a wrong magic number,
an unknown type code or a size that does not match the header raises a ChainruleError.
"""

from __future__ import annotations

import gzip
import os
import struct
import zlib
from typing import BinaryIO

import numpy as np

from chainrule.errors import ChainruleError

# type code -> big-endian NumPy dtype
IDX_DTYPES: dict[int, np.dtype] = {
    0x08: np.dtype(">u1"),
    0x09: np.dtype(">i1"),
    0x0B: np.dtype(">i2"),
    0x0C: np.dtype(">i4"),
    0x0D: np.dtype(">f4"),
    0x0E: np.dtype(">f8"),
}


def decompress(data: bytes, source: str = "data") -> bytes:
    """``data`` itself, or its gzip decompression when it starts with the gzip magic 1f 8b."""
    if data[:2] != b"\x1f\x8b":
        return data
    try:
        return gzip.decompress(data)
    except (OSError, EOFError, zlib.error) as exc:
        raise ChainruleError(f"{source}: not a valid gzip file ({exc})") from None


def parse_idx(data: bytes, source: str = "data") -> np.ndarray:
    """The array stored in IDX bytes (gzip-compressed or not), in native byte order."""
    data = decompress(data, source)
    if len(data) < 4:
        raise ChainruleError(
            f"{source}: {len(data)} bytes, expected an IDX header of 4 bytes or more"
        )
    zero, code, ndim = struct.unpack(">HBB", data[:4])
    if zero != 0:
        raise ChainruleError(
            f"{source}: magic number 0x{data[:4].hex()}, expected an IDX file "
            "(0x000008.. to 0x00000E..)"
        )
    if code not in IDX_DTYPES:
        known = ", ".join(f"0x{c:02X}" for c in IDX_DTYPES)
        raise ChainruleError(f"{source}: IDX type code 0x{code:02X}, expected one of {known}")
    if ndim == 0:
        raise ChainruleError(f"{source}: IDX header with 0 dimensions, expected 1 or more")
    header = 4 + 4 * ndim
    if len(data) < header:
        raise ChainruleError(f"{source}: {len(data)} bytes, expected a header of {header} bytes")
    shape = struct.unpack(f">{ndim}I", data[4:header])
    dtype = IDX_DTYPES[code]
    expected = header + int(np.prod(shape, dtype=np.int64)) * dtype.itemsize
    if len(data) != expected:
        dims = "×".join(str(n) for n in shape)
        raise ChainruleError(
            f"{source}: {len(data)} bytes, expected {expected} for a {dims} array of {dtype.name}"
        )
    try:
        array = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    except ValueError:  # (0, 2³², 2³², …): no data, but more elements than NumPy can index
        dims = "×".join(str(n) for n in shape)
        raise ChainruleError(
            f"{source}: a {dims} array, expected dimensions NumPy can hold"
        ) from None
    return array.astype(dtype.newbyteorder("="))


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """The array in the IDX file at ``path`` (``.gz`` or not).

    The header is read first: a file whose header claims more data than the file holds is
    refused before that memory is taken (for gzip, no more than the header's size plus one
    byte is ever decompressed)."""
    name = os.fspath(path)
    try:
        with open(path, "rb") as raw:
            if raw.read(2) == b"\x1f\x8b":
                raw.seek(0)
                with gzip.GzipFile(fileobj=raw) as f:
                    data = _read_checked(f, name)
            else:
                raw.seek(0)
                data = _read_checked(raw, name)
    except OSError as exc:
        if exc.strerror is None:  # gzip's own errors
            raise ChainruleError(f"{name}: not a valid gzip file ({exc})") from None
        raise ChainruleError(f"cannot read {name!r}: {exc.strerror}") from None
    except (EOFError, zlib.error) as exc:
        raise ChainruleError(f"{name}: not a valid gzip file ({exc})") from None
    return parse_idx(data, name)


def _read_up_to(f: BinaryIO, limit: int, chunk: int = 1 << 20) -> bytes:
    """At most ``limit`` bytes, read in chunks: memory grows with the data really there,
    never with what a header claims."""
    parts, got = [], 0
    while got < limit:
        part = f.read(min(chunk, limit - got))
        if not part:
            break
        parts.append(part)
        got += len(part)
    return b"".join(parts)


def _read_checked(f: BinaryIO, source: str) -> bytes:
    """The header, then at most the data it announces plus one byte (to see a longer file)."""
    head = f.read(4)
    if len(head) == 4 and head[:2] == b"\x00\x00" and head[2] in IDX_DTYPES and head[3] > 0:
        dims = f.read(4 * head[3])
        if len(dims) == 4 * head[3]:
            shape = struct.unpack(f">{head[3]}I", dims)
            size = int(np.prod(shape, dtype=object)) * IDX_DTYPES[head[2]].itemsize
            return head + dims + _read_up_to(f, size + 1)
        return head + dims
    return head + f.read()


def idx_bytes(array: np.ndarray, code: int | None = None) -> bytes:
    """IDX bytes of ``array`` (the inverse of :func:`parse_idx`), with its type code guessed
    from the dtype unless given."""
    array = np.asarray(array)
    if code is None:
        for c, dt in IDX_DTYPES.items():
            if dt.kind == array.dtype.kind and dt.itemsize == array.dtype.itemsize:
                code = c
                break
        else:
            raise ChainruleError(f"dtype {array.dtype}: no IDX type code for it")
    if code not in IDX_DTYPES:
        raise ChainruleError(f"IDX type code 0x{code:02X} is unknown")
    header = struct.pack(">HBB", 0, code, array.ndim) + struct.pack(f">{array.ndim}I", *array.shape)
    return header + np.ascontiguousarray(array, dtype=IDX_DTYPES[code]).tobytes()
