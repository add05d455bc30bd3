"""A .npy header NumPy's parser chokes on (its dictionary is read by Python's tokenizer, whose
TokenError is no ValueError) is one ChainruleError naming the file, from the .npz reader and
from a folder of .npy files alike."""

from __future__ import annotations

import io
import struct
import zipfile
from pathlib import Path

import numpy as np
import pytest

from chainrule.data import load_npz
from chainrule.data.npydir import load_npy_dir
from chainrule.errors import ChainruleError

HEADERS = [
    "{'descr': '''<f8', 'fortran_order': False, 'shape': (2,), }",  # EOF in a string
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), } (",  # EOF in a statement
    "{'descr': '<f8', 'fortran_order': False, 'shape': (2,), }\\",  # a bad continuation
]


def npy_bytes(header: str) -> bytes:
    text = header.encode("latin1")
    text += b" " * (64 - (10 + len(text) + 1) % 64) + b"\n"
    return b"\x93NUMPY\x01\x00" + struct.pack("<H", len(text)) + text + bytes(16)


@pytest.mark.parametrize("header", HEADERS)
def test_a_damaged_header_in_an_npz_is_one_error(tmp_path: Path, header: str) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as z:
        z.writestr("X.npy", npy_bytes(header))
        z.writestr("y.npy", npy_bytes("{'descr': '<i8', 'fortran_order': False, 'shape': (2,), }"))
    path = tmp_path / "d.npz"
    path.write_bytes(buffer.getvalue())
    with pytest.raises(ChainruleError, match=r"d\.npz.*member X\.npy is not a \.npy array"):
        load_npz(path)


@pytest.mark.parametrize("header", HEADERS)
def test_a_damaged_header_in_a_folder_is_one_error(tmp_path: Path, header: str) -> None:
    np.save(tmp_path / "y.npy", np.array([0, 1]))
    (tmp_path / "X.npy").write_bytes(npy_bytes(header))
    with pytest.raises(ChainruleError, match=r"X\.npy'?: not a \.npy array"):
        load_npy_dir(tmp_path)
