"""Existing output file → whether a build may replace it, and a stamp for the files we write.

A draft is a starting point people then edit in Word or WPS. Every draft written carries, in
its custom document properties (文件属性 → 自定义), a hash of its text as generated. Before a
build replaces a file, the file's current text is hashed again: when it differs, a person has
edited the draft, and the build writes a new name instead of destroying their work. A file
without the stamp was not written by workreport and is never replaced either. ``--force``
replaces anyway.

The hash covers the text of the body's non-empty paragraphs, not the XML: opening a draft in
Word or LibreOffice and saving it without edits rewrites the XML but keeps the text, so such a
draft still counts as unedited, while any edit of the words — including tracked insertions —
shows.
"""

from __future__ import annotations

import enum
import hashlib
import io
import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Sequence

    from .styles import Profile
    from .tree import Annotation, Document

HASH_PROPERTY = "workreport-text-sha256"
"""Custom document property holding the hash of the text as generated."""

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_BREAKS = {f"{{{_W}}}tab": "\t", f"{{{_W}}}br": "\n", f"{{{_W}}}cr": "\n"}


class State(enum.Enum):
    """What is at an output path, as far as replacing it goes."""

    ABSENT = "absent"
    GENERATED = "generated"  # written by workreport and not edited since: may be replaced
    EDITED = "edited"  # written by workreport, then edited by a person
    FOREIGN = "foreign"  # not written by workreport (or not a .docx at all)


def text_hash(docx: bytes | Path) -> str | None:
    """SHA-256 of the body text of a .docx (bytes or a path); None when it is not a .docx."""
    try:
        source = docx if isinstance(docx, Path) else io.BytesIO(docx)
        with zipfile.ZipFile(source) as archive:
            xml = archive.read("word/document.xml")
    except (OSError, KeyError, zipfile.BadZipFile, ValueError):
        return None
    return document_text_hash(xml)


def document_text_hash(xml: bytes) -> str | None:
    """SHA-256 of the body text of a ``word/document.xml``; None when it is not XML."""
    try:
        root = etree.fromstring(xml, parser=etree.XMLParser(resolve_entities=False))
    except (etree.XMLSyntaxError, ValueError):
        return None
    lines = []
    for paragraph in root.iter(f"{{{_W}}}p"):
        text = "".join(
            node.text or "" if node.tag == f"{{{_W}}}t" else _BREAKS.get(node.tag, "")
            for node in paragraph.iter(f"{{{_W}}}t", *_BREAKS)
            if _own(node, paragraph)
        ).strip()
        if text:
            lines.append(text)
    return hashlib.sha256("\n".join(lines).encode("utf-8")).hexdigest()


def _own(node: etree._Element, paragraph: etree._Element) -> bool:
    """Text belongs to its nearest paragraph (text boxes nest paragraphs inside runs)."""
    parent = node.getparent()
    while parent is not None and parent.tag != f"{{{_W}}}p":
        parent = parent.getparent()
    return parent is paragraph


def stamped_docx(
    document: Document, profile: Profile, annotations: Sequence[Annotation] = ()
) -> bytes:
    """The .docx of ``document`` (with ``annotations`` as comments) and its text's hash.

    The writer hands over the finished ``word/document.xml``, so the hash is taken from the
    very XML that :func:`text_hash` reads back from the file, in a single rendering.
    """
    from .write import write_docx

    return write_docx(
        document,
        profile,
        properties=lambda xml: {HASH_PROPERTY: document_text_hash(xml) or ""},
        annotations=annotations,
    )


def state(path: Path) -> State:
    """Whether ``path`` is absent, our unedited draft, our draft edited since, or not ours."""
    from .safeio import sound_docx
    from .write._xml import read_custom_properties

    if not path.exists():
        return State.ABSENT
    if not path.is_file():
        return State.FOREIGN
    if not sound_docx(path):  # damaged or hostile: not ours, and not to be parsed any further
        return State.FOREIGN
    stored = read_custom_properties(path).get(HASH_PROPERTY)
    if not stored:
        return State.FOREIGN
    return State.GENERATED if text_hash(path) == stored else State.EDITED


def free_target(target: Path, force: bool = False) -> tuple[Path, State]:
    """Where to write instead of ``target``, and what ``target`` holds.

    ``target`` itself when it is absent, our unedited draft, or ``force`` is given; otherwise
    the first of ``name（2）.docx``, ``name（3）.docx`` … that is absent or our unedited draft.
    """
    found = state(target)
    if force or found in (State.ABSENT, State.GENERATED):
        return target, found
    number = 2
    while True:
        candidate = target.with_name(f"{target.stem}（{number}）{target.suffix}")
        if state(candidate) in (State.ABSENT, State.GENERATED):
            return candidate, found
        number += 1


def notice(kept: Path, written: Path, found: State) -> str:
    """The message telling a user their file was kept and where the new draft went."""
    if found is State.EDITED:
        why = f"“{kept}”生成后有人修改过"
    else:
        why = f"“{kept}”不是 workreport 生成的草稿"
    return f"{why}，为免覆盖，新草稿写到了：{written}。确认要覆盖原文件时加 --force。"
