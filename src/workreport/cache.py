"""Where workreport keeps its per-user disk cache (styled base documents, compiled templates).

``WORKREPORT_CACHE_DIR`` when set (empty turns the disk cache off), else
``%LOCALAPPDATA%\\workreport\\Cache`` on Windows and ``$XDG_CACHE_HOME/workreport`` (by default
``~/.cache/workreport``) elsewhere. Everything in it can be deleted at any time.

What is read back from it is verified first (:func:`read_verified`): a SHA-256 kept beside each
entry, written after it, so a damaged or altered entry is noticed, removed and rebuilt.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import sys
import tempfile
import time
from pathlib import Path

CACHE_ENV = "WORKREPORT_CACHE_DIR"


def cache_folder() -> Path | None:
    """The cache folder, or None when the disk cache is turned off."""
    folder = os.environ.get(CACHE_ENV)
    if folder == "":
        return None
    if folder is not None:
        return Path(folder)
    if os.name == "nt":
        home = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
        return Path(home) / "workreport" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workreport"


_MAX_ENTRY = 8 * 1024 * 1024
"""A cached file larger than this is never written, nor read: every entry is a few KB."""


def _sidecar(path: Path) -> Path:
    return path.with_name(path.name + ".sha256")


def store_verified(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` and its SHA-256 to ``path.sha256``, each atomically.

    A cache that cannot be written, or an entry over the size limit, is simply not kept.
    """
    if len(data) > _MAX_ENTRY:
        return
    digest = hashlib.sha256(data).hexdigest().encode()
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_atomic(path, data)
        _write_atomic(_sidecar(path), digest)
    except OSError:
        path.unlink(missing_ok=True)


def store_atomic(path: Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file beside it; raises OSError."""
    _write_atomic(path, data)


def _write_atomic(path: Path, data: bytes) -> None:
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except OSError:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_verified(path: Path, what: str) -> bytes | None:
    """The bytes of ``path`` when they match the SHA-256 stored beside them; else None.

    Missing or unverifiable (no checksum yet): None, quietly. Present but not matching — a
    damaged or altered file: both files are removed and a note naming ``what`` is printed, so
    the caller rebuilds the entry instead of using it.
    """
    for attempt in (1, 2):
        try:
            if path.stat().st_size > _MAX_ENTRY:
                break
            expected = _sidecar(path).read_bytes().strip()
            data = path.read_bytes()
        except OSError:
            return None
        if hashlib.sha256(data).hexdigest().encode() == expected:
            return data
        if attempt == 1:
            time.sleep(0.05)  # another process may be between writing the file and its sum
    discard(path, what)
    return None


def discard(path: Path, what: str) -> None:
    """Remove a damaged cache entry and say so once: it will be built again."""
    for victim in (path, _sidecar(path)):
        with contextlib.suppress(OSError):
            victim.unlink()
    sys.stderr.write(f"提示：缓存中的{what}已损坏（{path}），已删除并重新生成。\n")


STALE_DAYS = 30
MAX_FILES = 2000
"""Compiled templates and fields kept, per version: a unit's draft has some 200."""


def prune(folder: Path, family: str) -> None:
    """Keep the cache small: drop older versions' folders (``<family>*`` beside ``folder``),
    and the oldest entries of ``folder`` beyond :data:`MAX_FILES`."""
    try:
        stale = time.time() - STALE_DAYS * 86400
        for sibling in folder.parent.glob(f"{family}*"):
            # Another installed version may still use its folder: only long-unused ones go.
            if sibling != folder and sibling.is_dir() and sibling.stat().st_mtime < stale:
                _remove_folder(sibling)
        entries = list(os.scandir(folder))
        if len(entries) <= MAX_FILES:
            return
        entries.sort(key=lambda e: e.stat().st_mtime)
        for entry in entries[: len(entries) - MAX_FILES // 2]:
            with contextlib.suppress(OSError):
                os.unlink(entry.path)
    except OSError:
        return


def _remove_folder(folder: Path) -> None:
    for entry in os.scandir(folder):
        with contextlib.suppress(OSError):
            os.unlink(entry.path)
    with contextlib.suppress(OSError):
        folder.rmdir()
