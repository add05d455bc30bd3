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

import numpy as np

from ..errors import ChainruleError

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
    array = np.frombuffer(data, dtype=dtype, offset=header).reshape(shape)
    return array.astype(dtype.newbyteorder("="))


def read_idx(path: str | os.PathLike) -> np.ndarray:
    """The array in the IDX file at ``path`` (``.gz`` or not)."""
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as exc:
        raise ChainruleError(f"cannot read {os.fspath(path)!r}: {exc.strerror}") from None
    return parse_idx(data, os.fspath(path))


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
