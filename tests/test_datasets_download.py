"""Downloads from mirrors, checked by the SHA-256 of the decompressed bytes, against a local
HTTP server on 127.0.0.1 that serves made-up files."""

from __future__ import annotations

import gzip
import hashlib
import http.server
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest

from chainrule.data import load_dataset
from chainrule.data.download import cache_dir, fetch
from chainrule.data.idx import idx_bytes
from chainrule.data.mnist import FILES, load_idx_set
from chainrule.errors import ChainruleError


@pytest.fixture
def server(tmp_path: Path) -> Iterator[tuple[str, Path, list[str]]]:
    """(base URL, served folder, request log) of a local HTTP server."""
    root = tmp_path / "www"
    root.mkdir()
    requests: list[str] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, directory=str(root), **kwargs)

        def log_message(self, *args) -> None:
            requests.append(self.path)

    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/", root, requests
    finally:
        httpd.shutdown()
        httpd.server_close()


def made_up_set(rng: np.random.Generator, train: int = 30, test: int = 10) -> dict[str, bytes]:
    arrays = {
        "train-images-idx3-ubyte": rng.integers(0, 256, (train, 28, 28), dtype=np.uint8),
        "train-labels-idx1-ubyte": (np.arange(train) % 10).astype(np.uint8),
        "t10k-images-idx3-ubyte": rng.integers(0, 256, (test, 28, 28), dtype=np.uint8),
        "t10k-labels-idx1-ubyte": (np.arange(test) % 10).astype(np.uint8),
    }
    return {name: idx_bytes(a) for name, a in arrays.items()}


def sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def unused_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_fetch_verifies_decompressed_bytes_and_caches(server, tmp_path: Path) -> None:
    url, root, requests = server
    raw = b"made-up data " * 100
    # a repackaged archive (another compression level) has other bytes but the same content
    (root / "f.gz").write_bytes(gzip.compress(raw, compresslevel=1))
    assert gzip.compress(raw, compresslevel=1) != gzip.compress(raw, compresslevel=9)
    target = tmp_path / "cache" / "f"
    got = fetch("f.gz", [url], {"sha256": sha(raw)}, target)
    assert got == raw
    assert target.read_bytes() == raw  # stored decompressed
    assert requests == ["/f.gz"]
    # second time: from the cache, no request
    assert fetch("f.gz", [url], {"sha256": sha(raw)}, target) == raw
    assert requests == ["/f.gz"]
    assert [p.name for p in target.parent.iterdir()] == ["f"]  # no temporary files left


def test_fetch_rejects_a_wrong_checksum_and_tries_the_next_mirror(server, tmp_path: Path) -> None:
    url, root, requests = server
    (root / "bad").mkdir()
    (root / "good").mkdir()
    raw = b"the right bytes"
    (root / "bad" / "f.gz").write_bytes(gzip.compress(b"the wrong bytes"))
    (root / "good" / "f.gz").write_bytes(gzip.compress(raw))
    target = tmp_path / "f"
    assert fetch("f.gz", [url + "bad/", url + "good/"], {"sha256": sha(raw)}, target) == raw
    assert requests == ["/bad/f.gz", "/good/f.gz"]
    with pytest.raises(ChainruleError, match=r"SHA-256 .* expected"):
        fetch("f.gz", [url + "bad/"], {"sha256": sha(raw)}, tmp_path / "g")
    assert not (tmp_path / "g").exists()


def test_missing_file_and_no_network_give_a_clear_message(server, tmp_path: Path) -> None:
    url, _, _ = server
    with pytest.raises(ChainruleError, match=r"cannot download f.gz .*--data-dir"):
        fetch("f.gz", [url], {"sha256": "0" * 64}, tmp_path / "f")
    offline = f"http://127.0.0.1:{unused_port()}/"
    with pytest.raises(ChainruleError, match=r"cannot download f.gz \(no network\?\)"):
        fetch("f.gz", [offline], {"sha256": "0" * 64}, tmp_path / "f")


def test_unknown_checksum_is_refused(server, tmp_path: Path) -> None:
    url, root, _ = server
    (root / "f.gz").write_bytes(gzip.compress(b"x"))
    with pytest.raises(ChainruleError, match="no checksum known"):
        fetch("f.gz", [url], {}, tmp_path / "f")


def test_archive_md5_is_checked_when_no_sha256_is_known(server, tmp_path: Path) -> None:
    url, root, _ = server
    archive = gzip.compress(b"payload")
    (root / "f.gz").write_bytes(archive)
    md5 = hashlib.md5(archive).hexdigest()
    assert fetch("f.gz", [url], {"archive_md5": md5}, tmp_path / "f") == b"payload"
    with pytest.raises(ChainruleError, match="MD5"):
        fetch("f.gz", [url], {"archive_md5": "0" * 32}, tmp_path / "g")


def test_load_idx_set_downloads_into_the_cache(server, tmp_path: Path) -> None:
    url, root, requests = server
    files = made_up_set(np.random.default_rng(0))
    for name, data in files.items():
        (root / f"{name}.gz").write_bytes(gzip.compress(data))
    checksums = {name: {"sha256": sha(data)} for name, data in files.items()}
    cache = tmp_path / "cache" / "fashion-mnist"
    arrays = load_idx_set(
        "fashion-mnist", mirrors=[url], checksums=checksums, system_dirs=[], cache=cache
    )
    assert arrays["train_images"].shape == (30, 28, 28)
    np.testing.assert_array_equal(arrays["test_labels"], np.arange(10))
    assert sorted(p.name for p in cache.iterdir()) == sorted(FILES.values())
    assert len(requests) == 4
    again = load_idx_set(
        "fashion-mnist", mirrors=[url], checksums=checksums, system_dirs=[], cache=cache
    )
    np.testing.assert_array_equal(again["train_images"], arrays["train_images"])
    assert len(requests) == 4  # all four came from the cache


def test_system_copy_is_used_and_checked(tmp_path: Path) -> None:
    files = made_up_set(np.random.default_rng(1))
    system = tmp_path / "system"
    system.mkdir()
    for name, data in files.items():
        (system / f"{name}.gz").write_bytes(gzip.compress(data))
    checksums = {name: {"sha256": sha(data)} for name, data in files.items()}
    arrays = load_idx_set(
        "fashion-mnist",
        mirrors=[],
        checksums=checksums,
        system_dirs=[system],
        cache=tmp_path / "cache",
    )
    assert arrays["train_labels"].tolist() == [k % 10 for k in range(30)]
    checksums["t10k-labels-idx1-ubyte"] = {"sha256": "f" * 64}
    with pytest.raises(ChainruleError, match="SHA-256"):
        load_idx_set(
            "fashion-mnist",
            mirrors=[],
            checksums=checksums,
            system_dirs=[system],
            cache=tmp_path / "cache",
        )


def test_data_dir_reads_plain_and_gzip_files(tmp_path: Path) -> None:
    files = made_up_set(np.random.default_rng(2), train=20, test=5)
    for k, (name, data) in enumerate(files.items()):
        if k % 2:
            (tmp_path / name).write_bytes(data)
        else:
            (tmp_path / f"{name}.gz").write_bytes(gzip.compress(data))
    ds = load_dataset("mnist", data_dir=tmp_path)
    assert ds.x.shape == (20, 784) and ds.x_test.shape == (5, 784)
    assert ds.image_shape == (28, 28) and ds.scaling == "standardize"
    assert ds.class_names == [str(k) for k in range(10)]
    (tmp_path / "t10k-labels-idx1-ubyte").unlink()
    with pytest.raises(ChainruleError, match="has no t10k-labels-idx1-ubyte"):
        load_dataset("mnist", data_dir=tmp_path)
    with pytest.raises(ChainruleError, match="not a folder"):
        load_dataset("mnist", data_dir=tmp_path / "nope")


def test_mismatched_counts_are_refused(tmp_path: Path) -> None:
    files = made_up_set(np.random.default_rng(3))
    files["t10k-labels-idx1-ubyte"] = idx_bytes(np.zeros(9, dtype=np.uint8))
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    with pytest.raises(ChainruleError, match="fashion-mnist test: images"):
        load_dataset("fashion-mnist", data_dir=tmp_path)


def test_cache_dir_follows_xdg(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "chainrule"
    monkeypatch.delenv("XDG_CACHE_HOME")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    assert cache_dir() == tmp_path / "home" / ".cache" / "chainrule"
