"""MNIST and Fashion-MNIST from their IDX files (SanghyukChun's introduction: classify digits by
the largest
output).

Where the four files are looked for, in order:
1. ``data_dir`` (``--data-dir``), if given -- the file names with or without ``.gz``;
2. Debian's ``/usr/share/datasets/fashion-mnist/`` (package dataset-fashion-mnist);
3. the user's cache, ``$XDG_CACHE_HOME/chainrule/<name>/`` (default ``~/.cache/chainrule``);
4. a download from the public mirrors into that cache, verified by checksum.

Images are 28×28 uint8 pixels, flattened to 784 inputs; the model scales them to [0, 1].
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path

import numpy as np

from chainrule.data.download import cache_dir, fetch, verify
from chainrule.data.idx import parse_idx, read_idx
from chainrule.errors import ChainruleError

FILES = {
    "train_images": "train-images-idx3-ubyte",
    "train_labels": "train-labels-idx1-ubyte",
    "test_images": "t10k-images-idx3-ubyte",
    "test_labels": "t10k-labels-idx1-ubyte",
}

FASHION_CLASSES = [
    "T-shirt/top",
    "Trouser",
    "Pullover",
    "Dress",
    "Coat",
    "Sandal",
    "Shirt",
    "Sneaker",
    "Bag",
    "Ankle boot",
]
DIGIT_CLASSES = [str(k) for k in range(10)]

MIRRORS: dict[str, list[str]] = {
    "mnist": [
        "https://ossci-datasets.s3.amazonaws.com/mnist/",
        "https://storage.googleapis.com/cvdf-datasets/mnist/",
    ],
    "fashion-mnist": [
        "http://fashion-mnist.s3-website.eu-central-1.amazonaws.com/",
        "https://raw.githubusercontent.com/zalandoresearch/fashion-mnist/master/data/fashion/",
    ],
}

# SHA-256 of the decompressed files (Fashion-MNIST, measured on Debian's copy); for MNIST
# the MD5 of the published archives.
CHECKSUMS: dict[str, dict[str, dict[str, str]]] = {
    "fashion-mnist": {
        "train-images-idx3-ubyte": {
            "sha256": "c59f468a2f672dc815687fe0f83887768d799fd8a3f3276145d20f83aa44d888"
        },
        "train-labels-idx1-ubyte": {
            "sha256": "bad3541b69d912435c50bb6ba87bec294ff4f6a2e1246121d8633921760443d9"
        },
        "t10k-images-idx3-ubyte": {
            "sha256": "5b4141f0afbad91edebe8549f8fcffe087ea10ca49f1dbef5c9a5cd8815ce37b"
        },
        "t10k-labels-idx1-ubyte": {
            "sha256": "0402a96d92fd2663957122ceb108a494c5af83dab82d92729df917d7dec38c34"
        },
    },
    "mnist": {
        "train-images-idx3-ubyte": {"archive_md5": "f68b3c2dcbeaaa9fbdd348bbdeb94873"},
        "train-labels-idx1-ubyte": {"archive_md5": "d53e105ee54ea40749a09fcbcd1e9432"},
        "t10k-images-idx3-ubyte": {"archive_md5": "9fb629c4189551a2d022fa330f9573f3"},
        "t10k-labels-idx1-ubyte": {"archive_md5": "ec29112dd5afa0611ce80d1b7f02629c"},
    },
}

SYSTEM_DIRS = {"fashion-mnist": [Path("/usr/share/datasets/fashion-mnist")]}


def _find(folder: Path, name: str) -> Path | None:
    for candidate in (folder / name, folder / f"{name}.gz"):
        if candidate.is_file():
            return candidate
    return None


def load_idx_set(
    name: str,
    data_dir: str | Path | None = None,
    mirrors: Sequence[str] | None = None,
    checksums: Mapping[str, Mapping[str, str]] | None = None,
    system_dirs: Sequence[Path] | None = None,
    cache: Path | None = None,
) -> dict[str, np.ndarray]:
    """The four arrays of ``name`` ("mnist" or "fashion-mnist"): train/test images and labels.

    ``mirrors``, ``checksums``, ``system_dirs`` and ``cache`` default to the built-in lists
    and the user cache; tests pass their own.
    """
    if name not in MIRRORS:
        raise ChainruleError(f"unknown IDX data set {name!r}: expected mnist or fashion-mnist")
    mirrors = MIRRORS[name] if mirrors is None else mirrors
    checksums = CHECKSUMS[name] if checksums is None else checksums
    system_dirs = SYSTEM_DIRS.get(name, []) if system_dirs is None else system_dirs
    cache = cache_dir() / name if cache is None else cache
    arrays = {}
    for key, filename in FILES.items():
        if data_dir is not None:
            folder = Path(data_dir)
            if not folder.is_dir():
                raise ChainruleError(f"--data-dir {str(data_dir)!r}: not a folder")
            path = _find(folder, filename)
            if path is None:
                raise ChainruleError(f"{str(data_dir)!r} has no {filename} or {filename}.gz")
            arrays[key] = read_idx(path)  # header checked before the data is read
            continue
        found = next((p for d in system_dirs if (p := _find(Path(d), filename))), None)
        if found is not None:
            # a system copy is checked by the SHA-256 of its data when one is known (an
            # archive MD5 does not apply to a repackaged copy)
            data, checksum = found.read_bytes(), checksums.get(filename, {})
            raw = verify(data, checksum, str(found)) if checksum.get("sha256") else data
            arrays[key] = parse_idx(raw, str(found))
            continue
        raw = fetch(f"{filename}.gz", mirrors, checksums.get(filename, {}), cache / filename)
        arrays[key] = parse_idx(raw, f"{name}/{filename}")
    _check(name, arrays)
    return arrays


def _check(name: str, arrays: dict[str, np.ndarray]) -> None:
    for split in ("train", "test"):
        images, labels = arrays[f"{split}_images"], arrays[f"{split}_labels"]
        if images.ndim != 3 or labels.ndim != 1 or len(images) != len(labels):
            raise ChainruleError(
                f"{name} {split}: images {images.shape} and labels {labels.shape}, expected "
                "N×rows×columns images and N labels"
            )
        bad = (
            labels[(labels != np.round(labels)) | (labels < 0) | (labels > 9)]
            if len(labels)
            else labels
        )
        if len(bad):
            raise ChainruleError(
                f"{name} {split}: label {bad[0].item()!r}: expected whole numbers 0 to 9"
            )
