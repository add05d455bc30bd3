"""The IDX reader: every type code, both MNIST magic numbers, strict checks, Debian's files."""

from __future__ import annotations

import gzip
import struct
from pathlib import Path

import numpy as np
import pytest

from chainrule.data.idx import IDX_DTYPES, idx_bytes, parse_idx, read_idx
from chainrule.errors import ChainruleError

DEBIAN = Path("/usr/share/datasets/fashion-mnist")

VALUES = {
    0x08: [0, 1, 127, 255],
    0x09: [-128, -1, 0, 127],
    0x0B: [-32768, -2, 300, 32767],
    0x0C: [-(2**31), -70000, 70000, 2**31 - 1],
    0x0D: [-1.5, 0.0, 3.25, 1e30],
    0x0E: [-2.5e-300, 0.1, 1.0, 1e300],
}
FORMATS = {0x08: "B", 0x09: "b", 0x0B: "h", 0x0C: "i", 0x0D: "f", 0x0E: "d"}


def handmade(code: int, shape: tuple[int, ...], values: list) -> bytes:
    """IDX bytes written with struct, independently of the module under test."""
    header = bytes([0, 0, code, len(shape)]) + b"".join(struct.pack(">I", n) for n in shape)
    return header + struct.pack(f">{len(values)}{FORMATS[code]}", *values)


@pytest.mark.parametrize("code", sorted(VALUES))
def test_every_type_code_reads_its_values_one_dimension(code: int) -> None:
    data = handmade(code, (4,), VALUES[code])
    assert data[:4] == bytes([0, 0, code, 1])
    array = parse_idx(data)
    assert array.shape == (4,)
    assert array.dtype.itemsize == IDX_DTYPES[code].itemsize
    assert array.dtype.isnative
    np.testing.assert_array_equal(array, np.array(VALUES[code], dtype=array.dtype))


@pytest.mark.parametrize("code", sorted(VALUES))
def test_every_type_code_reads_three_dimensions(code: int) -> None:
    values = VALUES[code] * 3  # 12 values: 3 images of 2×2
    array = parse_idx(handmade(code, (3, 2, 2), values))
    assert array.shape == (3, 2, 2)
    assert array[1, 0, 1] == pytest.approx(values[5])
    assert array[2, 1, 1] == pytest.approx(values[11])


def test_magic_numbers_of_labels_and_images() -> None:
    labels = handmade(0x08, (3,), [7, 2, 1])
    images = handmade(0x08, (2, 2, 3), list(range(12)))
    assert struct.unpack(">I", labels[:4])[0] == 0x00000801
    assert struct.unpack(">I", images[:4])[0] == 0x00000803
    np.testing.assert_array_equal(parse_idx(labels), [7, 2, 1])
    np.testing.assert_array_equal(parse_idx(images)[1], [[6, 7, 8], [9, 10, 11]])


def test_gzip_files_and_round_trip(tmp_path: Path) -> None:
    array = np.arange(24, dtype=np.int16).reshape(2, 3, 4) - 12
    data = idx_bytes(array)
    assert data == handmade(0x0B, (2, 3, 4), array.ravel().tolist())
    path = tmp_path / "a-idx3.gz"
    path.write_bytes(gzip.compress(data))
    np.testing.assert_array_equal(read_idx(path), array)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"\x00\x00\x08", "expected an IDX header"),
        (b"\x01\x00\x08\x01" + struct.pack(">I", 1) + b"\x05", "magic number 0x01000801"),
        (b"\x00\x00\x0a\x01" + struct.pack(">I", 1) + b"\x05", "type code 0x0A"),
        (b"\x00\x00\x08\x00", "0 dimensions"),
        (b"\x00\x00\x08\x02" + struct.pack(">I", 1), "expected a header of 12 bytes"),
        (handmade(0x08, (3,), [1, 2, 3])[:-1], "10 bytes, expected 11 for a 3 array of uint8"),
        (handmade(0x0C, (2,), [1, 2]) + b"\x00", "17 bytes, expected 16"),
        (b"\x1f\x8b\x08\x00garbage", "not a valid gzip file"),
    ],
)
def test_strict_checks_raise_chainrule_errors(data: bytes, message: str) -> None:
    with pytest.raises(ChainruleError, match=message.replace("(", r"\(")):
        parse_idx(data, "f.idx")


def test_missing_file_is_one_line_error(tmp_path: Path) -> None:
    with pytest.raises(ChainruleError, match="cannot read"):
        read_idx(tmp_path / "nothing")


@pytest.mark.skipif(not DEBIAN.is_dir(), reason="Debian's dataset-fashion-mnist is not installed")
def test_debian_fashion_mnist_files() -> None:
    train_images = read_idx(DEBIAN / "train-images-idx3-ubyte.gz")
    train_labels = read_idx(DEBIAN / "train-labels-idx1-ubyte.gz")
    test_images = read_idx(DEBIAN / "t10k-images-idx3-ubyte.gz")
    test_labels = read_idx(DEBIAN / "t10k-labels-idx1-ubyte.gz")
    assert train_images.shape == (60000, 28, 28) and train_images.dtype == np.uint8
    assert test_images.shape == (10000, 28, 28)
    # Fashion-MNIST is balanced: 6000 training and 1000 test images per class
    np.testing.assert_array_equal(np.bincount(train_labels), [6000] * 10)
    np.testing.assert_array_equal(np.bincount(test_labels), [1000] * 10)
    assert train_labels[0] == 9  # the first training image is an ankle boot
    assert train_images.max() == 255 and train_images.min() == 0
