"""Existing output file → whether a build may replace it; a stamp for the drafts we write.

A draft is a starting point people then edit in Word or WPS. Every draft written carries, in
its custom document properties (文件属性 → 自定义), a fingerprint of its content as generated
(:mod:`workreport.fingerprint`: words, comments, tracked changes, direct formatting, pictures,
headers and footers). Before a build replaces a file, its fingerprint is taken again: when it
differs, a person has changed the draft — even only by adding a comment (批注) or making a
word bold — and the build writes a new name instead of destroying their work. A file without
the stamp was not written by this version of workreport and is never replaced either; neither
is a draft that Word, WPS or LibreOffice has open (their lock file sits beside it) or that the
system refuses to replace. ``--force`` replaces an edited or foreign file, never a locked one.

Opening a draft and saving it without changes rewrites the XML but keeps the fingerprint, so
such a draft still counts as unedited. A draft still exactly as written — the usual case when a
build replaces its previous draft — is recognised from a digest of its parts' bytes, stamped
beside the fingerprint, without parsing its XML.
"""

from __future__ import annotations

import enum
import re
import zipfile
import zlib
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from .fingerprint import docx_fingerprint, package_digest, parts_fingerprint
from .safewrite import LockedError, write_bytes

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .styles import Profile
    from .tree import Annotation, Document

HASH_PROPERTY = "workreport-content-sha256"
"""Custom document property holding the fingerprint of the content as generated."""

PACKAGE_PROPERTY = "workreport-package-sha256"
"""Custom document property holding the digest of the package's parts as written
(:func:`workreport.fingerprint.package_digest`): a draft nobody has opened and saved since is
recognised from its bytes, without parsing its XML."""


class State(enum.Enum):
    """What is at an output path, as far as replacing it goes."""

    ABSENT = "absent"
    GENERATED = "generated"  # written by workreport and not edited since: may be replaced
    EDITED = "edited"  # written by workreport, then edited by a person
    LOCKED = "locked"  # open in Word, WPS or LibreOffice (its lock file is beside it)
    UNKNOWN = "unknown"  # stamped by an earlier version, which could not see all edits
    FOREIGN = "foreign"  # not written by workreport (or not a .docx at all)


def stamped_docx(
    document: Document, profile: Profile, annotations: Sequence[Annotation] = ()
) -> bytes:
    """The .docx of ``document`` (with ``annotations`` as comments) carrying its stamps.

    Both are taken from the package's parts as the writer hands them over, before zipping,
    in a single rendering: the fingerprint of the content and the digest of the parts'
    bytes (:data:`PACKAGE_PROPERTY`). Neither covers the custom properties that hold them.
    """
    from .write import write_docx

    def stamp(parts: Mapping[str, bytes]) -> dict[str, str]:
        return {
            HASH_PROPERTY: parts_fingerprint(parts) or "",
            PACKAGE_PROPERTY: package_digest(parts.items()),
        }

    return write_docx(document, profile, properties=stamp, annotations=annotations)


LEGACY_PROPERTY = "workreport-text-sha256"
"""The stamp of earlier versions, which covered the words only."""


def state(path: Path) -> State:
    """Whether ``path`` is absent, open in an editor, our unedited draft, edited, or not ours."""
    from .safeio import sound_docx
    from .write._xml import read_custom_properties

    if not path.exists() and not path.is_symlink():
        return State.ABSENT
    if lock_file(path) is not None:
        return State.LOCKED
    if not path.is_file():
        return State.FOREIGN
    if as_written(path):
        return State.GENERATED
    if not sound_docx(path):  # damaged or hostile: not ours, and not to be parsed any further
        return State.FOREIGN
    properties = read_custom_properties(path)
    stored = properties.get(HASH_PROPERTY)
    if not stored:
        return State.UNKNOWN if properties.get(LEGACY_PROPERTY) else State.FOREIGN
    try:
        current = docx_fingerprint(path.read_bytes())
    except OSError:
        return State.FOREIGN
    return State.GENERATED if current == stored else State.EDITED


_PACKAGE_STAMP = re.compile(
    rb'name="' + PACKAGE_PROPERTY.encode() + rb'"[^>]*>\s*<vt:lpwstr>([0-9a-f]{64})</vt:lpwstr>'
)
_MAX_PROPERTIES = 1 << 20
"""Custom properties larger than this are not the small part workreport writes."""


def as_written(path: Path) -> bool:
    """Whether every part of ``path`` is still byte-for-byte what workreport wrote.

    The archive's limits are checked first (a hostile zip is refused before it is read);
    then the parts' digest is compared with the stamp, no XML being parsed. Any rewrite by
    a program — an edit, or an open-and-save — makes this false, and :func:`state` then
    compares fingerprints.
    """
    from .errors import WorkreportError
    from .safeio import check_archive
    from .write._xml import CUSTOM_PROPERTIES_PART

    custom = CUSTOM_PROPERTIES_PART.lstrip("/")
    try:
        check_archive(path, "Word")
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            properties = [i for i in infos if i.filename == custom]
            if len(properties) != 1 or properties[0].file_size > _MAX_PROPERTIES:
                return False
            found = _PACKAGE_STAMP.search(archive.read(properties[0]))
            if found is None:
                return False
            parts = [(i.filename, archive.read(i)) for i in infos if i.filename != custom]
    except (
        WorkreportError,
        OSError,
        zipfile.BadZipFile,
        zlib.error,
        EOFError,
        NotImplementedError,
        RuntimeError,
        ValueError,
    ):  # damaged, encrypted or strangely compressed: not what workreport wrote
        return False
    return package_digest(parts) == found.group(1).decode("ascii")


def lock_file(path: Path) -> Path | None:
    """The owner file Word, WPS or LibreOffice keeps beside ``path`` while it is open, if any.

    Word names it ``~$`` plus the name (a longer name loses its first one or two characters),
    WPS ``~$`` plus the name, LibreOffice ``.~lock.<name>#``.
    """
    name = path.name
    for candidate in (f"~${name}", f"~${name[1:]}", f"~${name[2:]}", f".~lock.{name}#"):
        if len(candidate) > 2 and (path.parent / candidate).is_file():
            return path.parent / candidate
    return None


def free_target(target: Path, force: bool = False) -> tuple[Path, State]:
    """Where to write instead of ``target``, and what ``target`` holds.

    ``target`` itself when it is absent, our unedited draft, or ``force`` is given (unless it
    is open in an editor); otherwise the first of ``name（2）.docx``, ``name（3）.docx`` … that
    is absent or our unedited draft.
    """
    found = state(target)
    if found in (State.ABSENT, State.GENERATED) or (force and found is not State.LOCKED):
        return target, found
    return _next_free(target, target), found


def _next_free(target: Path, after: Path) -> Path:
    """The first ``target（n）`` past ``after`` that may be written."""
    number = 2
    if after != target:
        number = int(after.stem.rsplit("（", 1)[1].rstrip("）")) + 1
    while True:
        candidate = target.with_name(f"{target.stem}（{number}）{target.suffix}")
        if state(candidate) in (State.ABSENT, State.GENERATED):
            return candidate
        number += 1


def write_draft(target: Path, data: bytes, force: bool = False) -> tuple[Path, State]:
    """Write a draft at ``target`` or, when that must be kept, at the next free name.

    Returns where it went and what was at ``target``. A file the system refuses to replace
    (Word on Windows locks an open document) counts as open: the draft goes to a new name.
    """
    written, found = free_target(target, force)
    for _ in range(20):
        try:
            write_bytes(written, data)
            return written, found
        except LockedError:
            if written == target:
                found = State.LOCKED
            written = _next_free(target, written)
    write_bytes(written, data)  # still refused: let its message explain why
    return written, found


def notice(kept: Path, written: Path, found: State) -> str:
    """The message telling a user their file was kept and where the new draft went."""
    if found is State.LOCKED:
        return (
            f"“{kept}”正在 Word、WPS 或 LibreOffice 中打开，不能覆盖，新草稿写到了：{written}。"
            "关闭文件后再生成即可写回原名（如果文件其实没有打开，删除它旁边以 ~$ 开头的同名文件）。"
        )
    if found is State.EDITED:
        why = f"“{kept}”生成后有人修改过"
    elif found is State.UNKNOWN:
        why = f"“{kept}”由较早版本的 workreport 生成，无法判断是否有人修改过"
    else:
        why = f"“{kept}”不是 workreport 生成的草稿"
    return f"{why}，为免覆盖，新草稿写到了：{written}。确认要覆盖原文件时加 --force。"
