"""Fetch a file from a list of mirrors into the cache, verified by a checksum.

The checksum is the SHA-256 of the *decompressed* bytes, so a mirror that repackages the
gzip archive (a different compression level, a different timestamp in the gzip header) is
still accepted, while any change to the data is not. Where only the archive's MD5 is
published, that is checked instead. Files are written atomically (temporary name, then
rename), so an interrupted download never leaves a half file in the cache.
"""

from __future__ import annotations

import hashlib
import os
import urllib.error
import urllib.request
from collections.abc import Mapping, Sequence
from pathlib import Path

from chainrule.data.idx import decompress
from chainrule.errors import ChainruleError
from chainrule.util.atomic import write_bytes


def cache_dir() -> Path:
    """The user's cache directory for chainrule: $XDG_CACHE_HOME/chainrule or ~/.cache/chainrule."""
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "chainrule"


def verify(data: bytes, checksum: Mapping[str, str], source: str) -> bytes:
    """The decompressed bytes of ``data`` if they match ``checksum``, else a ChainruleError.

    ``checksum`` holds ``sha256`` (of the decompressed bytes) or ``archive_md5`` (of the
    bytes as downloaded)."""
    raw = decompress(data, source)
    if checksum.get("sha256"):
        digest = hashlib.sha256(raw).hexdigest()
        if digest != checksum["sha256"]:
            raise ChainruleError(
                f"{source}: SHA-256 {digest}, expected {checksum['sha256']} (corrupt or wrong file)"
            )
    elif checksum.get("archive_md5"):
        digest = hashlib.md5(data).hexdigest()
        if digest != checksum["archive_md5"]:
            raise ChainruleError(
                f"{source}: MD5 {digest}, expected {checksum['archive_md5']} "
                "(corrupt or wrong file)"
            )
    else:
        raise ChainruleError(f"{source}: no checksum known, refusing to use an unverified file")
    return raw


def fetch(
    filename: str,
    mirrors: Sequence[str],
    checksum: Mapping[str, str],
    target: Path,
    timeout: float = 30.0,
) -> bytes:
    """The verified, decompressed bytes of ``filename``, from ``target`` or the first mirror
    that serves it; saved (decompressed) to ``target``.

    ``mirrors`` are base URLs ending in "/"; ``filename`` is appended to each.
    """
    if target.exists():
        data = target.read_bytes()
        try:
            return verify(data, checksum, os.fspath(target))
        except ChainruleError:
            pass  # a stale or corrupt cache entry: download it again
    errors = []
    for mirror in mirrors:
        url = mirror + filename
        try:
            with urllib.request.urlopen(url, timeout=timeout) as response:
                data = response.read()
        except (urllib.error.URLError, OSError, ValueError) as exc:
            reason = getattr(exc, "reason", exc)
            errors.append(f"{url}: {reason}")
            continue
        try:
            raw = verify(data, checksum, url)
        except ChainruleError as exc:
            errors.append(str(exc))
            continue
        write_bytes(target, raw)
        return raw
    tried = "; ".join(errors) if errors else "no mirrors given"
    raise ChainruleError(
        f"cannot download {filename} (no network?): {tried}. Put the file in a folder and "
        "pass --data-dir FOLDER"
    )
