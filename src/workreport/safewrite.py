"""Bytes → a file on disk, atomically and respectfully: every file workreport writes goes here.

What a write guarantees:

* **Nothing half-written.** The data goes to a temporary file in the target's own folder, is
  flushed and ``fsync``-ed, and only then takes the target's place (``os.replace``, atomic on
  POSIX and Windows). A failure at any step — a full disk, a file-size limit, a killed process —
  leaves the old file as it was and no empty or partial file under the target's name, so the
  same command simply works again once the cause is gone.
* **Nothing deleted before its replacement is ready**, and with ``exclusive=True`` nothing
  replaced at all: the finished temporary file is hard-linked to the new name, which fails if
  a file appeared there meanwhile (no check-then-write race).
* **Links and permissions survive.** A symlink is followed and its target rewritten (the link
  stays a link). A file with several hard links is rewritten *in place* — same inode, so every
  link sees the new content — but only after the complete data was written to a temporary file
  beside it (proving it fits), with the old bytes kept to roll back if the in-place write
  fails. The file mode is kept (a 0600 file stays 0600); a new file gets the umask's mode.
* **No lost edits.** :func:`read_with_snapshot` returns a file's bytes with a
  :class:`Snapshot` of them; passing it as ``expect`` makes the write refuse (:class:`ChangedError`)
  when the file changed on disk since it was read, for instance saved in an editor meanwhile.
* **Locked files are named.** A file another program holds open (Word and WPS lock an open
  document on Windows) raises :class:`LockedError`, which callers can answer with another name.

Temporary files are named ``.workreport-<pid>-<random>…``; one left by a killed process is
removed by the next write into the same folder (:func:`clean_stale`).
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import os
import secrets
import stat
import time
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from .errors import WriteError

TEMP_PREFIX = ".workreport-"
TEMP_SUFFIX = ".tmp"
STALE_SECONDS = 24 * 3600
"""A temporary file this old is removed even if its process id is in use again."""
SETTLE_SECONDS = 10
"""A temporary file of a process that is gone is removed once it is this old: younger ones may
belong to a process on another computer writing to the same shared folder."""


class ChangedError(WriteError):
    """The file changed on disk after it was read; writing would discard that change."""


class LockedError(WriteError):
    """The operating system refused to replace the file (another program holds it)."""


class ExistsError(WriteError):
    """An exclusive write found a file already at the target's name."""


@dataclass(frozen=True)
class Snapshot:
    """What a file was when it was read: size, modification time and SHA-256 of its bytes."""

    path: Path
    size: int
    mtime_ns: int
    digest: str


def read_with_snapshot(path: Path | str) -> tuple[bytes, Snapshot]:
    """The bytes of ``path`` and a :class:`Snapshot` to pass to :func:`write_bytes` later."""
    path = Path(path)
    with open(path, "rb") as handle:
        info = os.fstat(handle.fileno())
        data = handle.read()
    return data, Snapshot(path, info.st_size, info.st_mtime_ns, hashlib.sha256(data).hexdigest())


def changed_since(snapshot: Snapshot) -> bool:
    """Whether the file differs from ``snapshot`` (a mere ``touch`` is not a change)."""
    try:
        info = os.stat(snapshot.path)
        if (info.st_size, info.st_mtime_ns) == (snapshot.size, snapshot.mtime_ns):
            return False
        data = Path(snapshot.path).read_bytes()
    except OSError:
        return True  # deleted or unreadable since: not the file that was read
    return hashlib.sha256(data).hexdigest() != snapshot.digest


def write_text(
    path: Path | str,
    text: str,
    encoding: str = "utf-8",
    *,
    expect: Snapshot | None = None,
    exclusive: bool = False,
) -> Path:
    """:func:`write_bytes` of ``text`` encoded in ``encoding``."""
    return write_bytes(path, text.encode(encoding), expect=expect, exclusive=exclusive)


def write_bytes(
    path: Path | str,
    data: bytes,
    *,
    expect: Snapshot | None = None,
    exclusive: bool = False,
) -> Path:
    """Write ``data`` to ``path`` as the module docstring describes; return the file written.

    The file written is ``path``'s final target when ``path`` is a symlink. ``expect`` refuses
    the write when the file changed since that snapshot; ``exclusive`` refuses it when any file
    is at ``path``. Raises :class:`WriteError` (or one of its kinds) with a Chinese message.
    """
    shown = Path(path)
    target = _resolve(shown)
    folder = target.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _error(shown, exc, folder=True) from None
    clean_stale(folder)
    if exclusive and (target.exists() or shown.is_symlink()):
        raise ExistsError(
            f"“{shown}”已存在，没有改动它。", hint="确需重新生成时，先把它改名或删除。"
        )
    try:
        existing: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        existing = None
    except OSError as exc:
        raise _error(shown, exc) from None
    if existing is not None and not stat.S_ISREG(existing.st_mode):
        raise WriteError(f"“{shown}”不是普通文件，无法写入。", hint="换一个文件名。")
    temp = _write_temp(shown, folder, data, existing)
    try:
        if expect is not None and changed_since(expect):
            raise ChangedError(
                f"“{shown}”在读取之后被修改过（可能正在编辑器中保存），为免丢失这些修改，没有写入。",
                hint="确认修改已保存后重新运行这条命令。",
            )
        if exclusive:
            _link_new(shown, temp, target)
        elif existing is not None and existing.st_nlink > 1:
            _rewrite_in_place(shown, target, data)
        else:
            _replace(shown, temp, target)
    finally:
        temp.unlink(missing_ok=True)
    _sync_folder(folder)
    return target


def write_all(files: Mapping[Path, bytes]) -> list[Path]:
    """Create every file of ``files``, none of which may exist yet: all of them or none.

    Each is written exclusively (:func:`write_bytes`); when one fails, the files and folders
    already created by this call are removed again, so a retry starts from the same state.
    """
    new_folders = {folder for path in files for folder in Path(path).parents if not folder.exists()}
    written: list[Path] = []
    try:
        for path, data in files.items():
            write_bytes(path, data, exclusive=True)
            written.append(path)
    except WriteError:
        for path in written:
            path.unlink(missing_ok=True)
        for folder in sorted(new_folders, key=lambda f: len(f.parts), reverse=True):
            with contextlib.suppress(OSError):
                folder.rmdir()  # only if empty: nothing but what this call made
        raise
    return written


def clean_stale(folder: Path) -> None:
    """Remove temporary files that a killed workreport process left in ``folder``."""
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return
    now = time.time()
    for entry in entries:
        name = entry.name
        if not name.startswith(TEMP_PREFIX):
            continue
        pid_text = name[len(TEMP_PREFIX) :].split("-", 1)[0]
        try:
            age = now - entry.stat(follow_symlinks=False).st_mtime
            if age > STALE_SECONDS or (age > SETTLE_SECONDS and not _alive(int(pid_text))):
                os.unlink(entry.path)
        except (OSError, ValueError):
            continue


def temp_name() -> str:
    """A fresh temporary file name, recognised by :func:`clean_stale` once its process is gone."""
    return f"{TEMP_PREFIX}{os.getpid()}-{secrets.token_hex(6)}{TEMP_SUFFIX}"


def _alive(pid: int) -> bool:
    if pid == os.getpid() or os.name == "nt":
        return True  # on Windows os.kill(pid, 0) would send Ctrl+C: rely on the age alone
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True  # exists but belongs to someone else, or cannot tell: keep the file
    return True


def _resolve(path: Path) -> Path:
    """The file a write to ``path`` should change: the final target of a symlink chain."""
    if not path.is_symlink():
        return path
    return Path(os.path.realpath(path))


def _write_temp(shown: Path, folder: Path, data: bytes, existing: os.stat_result | None) -> Path:
    temp = folder / temp_name()
    mode = stat.S_IMODE(existing.st_mode) if existing is not None else 0o666 & ~_umask()
    try:
        fd = os.open(temp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    except OSError as exc:
        raise _error(shown, exc, folder=True) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)  # os.open's mode passes through the umask; keep the file's own
        if existing is not None and hasattr(os, "chown") and existing.st_uid != os.geteuid():
            # only root may give a file away; elsewhere the content matters more than the owner
            with contextlib.suppress(OSError):
                os.chown(temp, existing.st_uid, existing.st_gid)
    except OSError as exc:
        temp.unlink(missing_ok=True)
        raise _error(shown, exc) from None
    return temp


def _replace(shown: Path, temp: Path, target: Path) -> None:
    try:
        os.replace(temp, target)
    except PermissionError as exc:
        raise LockedError(
            f"无法写入“{shown}”：{exc.strerror}（文件可能正被 Word 或 WPS 打开）。",
            hint="关闭打开这个文件的程序后重试。",
        ) from None
    except OSError as exc:
        raise _error(shown, exc) from None


def _link_new(shown: Path, temp: Path, target: Path) -> None:
    """Give the finished ``temp`` the name ``target`` only if nothing is there."""
    try:
        os.link(temp, target)
    except FileExistsError:
        raise ExistsError(
            f"“{shown}”已存在，没有改动它。", hint="确需重新生成时，先把它改名或删除。"
        ) from None
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise _error(shown, exc) from None
        # a file system without hard links (FAT, some network shares): check, then rename
        if target.exists():
            raise ExistsError(f"“{shown}”已存在，没有改动它。") from None
        _replace(shown, temp, target)


def _rewrite_in_place(shown: Path, target: Path, data: bytes) -> None:
    """Overwrite ``target``'s own inode, so its other hard links see the new bytes too.

    Overwriting existing blocks needs no new disk space; only the growth beyond the old size
    does, and if that fails the old bytes are written back over the same blocks.
    """
    try:
        with open(target, "r+b") as handle:
            old = handle.read()
            try:
                handle.seek(0)
                handle.write(data)
                handle.truncate(len(data))
                handle.flush()
                os.fsync(handle.fileno())
            except OSError:
                handle.seek(0)
                handle.write(old)
                handle.truncate(len(old))
                handle.flush()
                raise
    except PermissionError as exc:
        raise LockedError(
            f"无法写入“{shown}”：{exc.strerror}（文件可能正被 Word 或 WPS 打开）。",
            hint="关闭打开这个文件的程序后重试。",
        ) from None
    except OSError as exc:
        raise _error(shown, exc) from None


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); not possible, nor needed, on Windows."""
    if os.name == "nt":
        return
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_REASONS = {
    errno.ENOSPC: ("磁盘空间已满", "腾出磁盘空间后重试。"),
    errno.EDQUOT: ("超出了磁盘配额", "腾出空间或请管理员调整配额后重试。"),
    errno.EFBIG: ("文件超过了系统允许的大小", "检查系统对文件大小的限制（ulimit -f）后重试。"),
    errno.EROFS: ("所在磁盘是只读的", "换一个可写的文件夹。"),
    errno.EACCES: ("没有写入权限", "换一个有写入权限的文件夹，或请管理员开放权限。"),
    errno.EPERM: ("没有写入权限", "换一个有写入权限的文件夹，或请管理员开放权限。"),
}


def _error(shown: Path, exc: OSError, *, folder: bool = False) -> WriteError:
    reason, hint = _REASONS.get(exc.errno or 0, (exc.strerror or str(exc), None))
    where = f"无法在“{shown.parent}”中写入文件" if folder else f"无法写入“{shown}”"
    kept = "" if folder else "；原有文件没有改动"
    return WriteError(f"{where}：{reason}{kept}。", hint=hint)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask
