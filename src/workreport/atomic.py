"""Bytes → a file written atomically: a temporary file beside the target, then a rename.

The project's one writer for files a user keeps (drafts, YAML, corrected text): a failure
leaves the previous file intact and never a half-written one.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import WriteError


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and move it into place."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"无法在“{target.parent}”中写入文件：{exc.strerror}。") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; a draft is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        hint = (
            "如果文件正在 Word 或 WPS 中打开，请先关闭。"
            if isinstance(exc, PermissionError)
            else None
        )
        raise WriteError(f"无法写入“{target}”：{exc.strerror}。", hint=hint) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
