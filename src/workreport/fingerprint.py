""".docx → a SHA-256 of everything a person can see or add in Word, and nothing else.

Protection (:mod:`workreport.protect`) compares this hash, stored in a draft when it is
written, with the hash of the file found later. It must change with every edit a person makes
— words, comments (批注), tracked changes, direct formatting such as bold or colour, pictures,
tables, headers and footers — and must *not* change when Word, WPS or LibreOffice merely open
and save the file, which rewrites the XML: it splits and merges runs, adds revision ids, language
tags, font hints, settings and theme parts, renames relationship ids and media files.

So the hash is taken over a normalised reading of the content, not over the bytes:

* every story (body, headers and footers, footnotes, endnotes, comments), paragraph by paragraph;
* in a paragraph, its alignment and its characters, each with the visible direct formatting of
  its run (bold, italic, underline, strike, colour, highlight, shading, size, raised/lowered,
  East Asian and Latin font); neighbouring characters with the same formatting form one piece,
  so how the XML splits runs does not matter;
* tabs, breaks, table cells and rows, comment anchors, inserted and deleted (tracked) text as
  marks of their own; a picture as the SHA-256 of its image bytes, whatever the part is called;
* headers, footers and comments as a sorted list (their order in the package is arbitrary).

Left out on purpose, because a plain open-and-save changes them: style and numbering
definitions, section and page settings, fonts that only say which script a run uses (``w:hint``),
complex-script twins (``w:bCs``, ``w:szCs``), languages, revision ids, proofing marks,
bookmarks and document properties. A person who changes only a style's definition is therefore
not noticed; every other visible edit is.
"""

from __future__ import annotations

import hashlib
import io
import posixpath
import re
import zipfile
from collections.abc import Iterable, Iterator, Mapping
from typing import Protocol

from lxml import etree

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
_STORY = re.compile(r"^word/(document|header\d*|footer\d*|footnotes|endnotes|comments)\.xml$")
_RUN_PROPS = ("b", "i", "u", "strike", "dstrike", "color", "highlight", "shd", "sz", "vertAlign")
_OFF = {"0", "false", "off", "none"}
_ALIGN = {"start": "left", "end": "right", "justify": "both"}
"""Strict OOXML's names for the transitional ones: the same alignment."""
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
MAX_PART = 64 * 1024 * 1024
"""An XML part larger than this unpacked is no draft of ours (nor any real report): a file
holding one gets no fingerprint, so it counts as not ours and is never replaced."""


class _Package(Protocol):
    """Read access to the parts of a package: a zip archive, or parts still in memory."""

    def names(self) -> set[str]: ...
    def size(self, name: str) -> int: ...
    def read(self, name: str) -> bytes: ...
    def digest(self, name: str) -> str: ...


class _Archive:
    def __init__(self, archive: zipfile.ZipFile) -> None:
        self.archive = archive

    def names(self) -> set[str]:
        return set(self.archive.namelist())

    def size(self, name: str) -> int:
        return self.archive.getinfo(name).file_size

    def read(self, name: str) -> bytes:
        return self.archive.read(name)

    def digest(self, name: str) -> str:
        """SHA-256 of a member, read in pieces (an image may be large; memory stays small)."""
        digest = hashlib.sha256()
        with self.archive.open(name) as member:
            while piece := member.read(1 << 20):
                digest.update(piece)
        return digest.hexdigest()


class _Parts:
    def __init__(self, parts: Mapping[str, bytes]) -> None:
        self.parts = parts

    def names(self) -> set[str]:
        return set(self.parts)

    def size(self, name: str) -> int:
        return len(self.parts[name])

    def read(self, name: str) -> bytes:
        return self.parts[name]

    def digest(self, name: str) -> str:
        return hashlib.sha256(self.parts[name]).hexdigest()


def docx_fingerprint(docx: bytes) -> str | None:
    """The content hash of a .docx given as bytes; None when it is not a readable .docx."""
    try:
        with zipfile.ZipFile(io.BytesIO(docx)) as archive:
            return _fingerprint(_Archive(archive))
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError, ValueError):
        return None


def parts_fingerprint(parts: Mapping[str, bytes]) -> str | None:
    """The same hash as :func:`docx_fingerprint`, from a package's parts before zipping."""
    try:
        return _fingerprint(_Parts(parts))
    except (KeyError, etree.XMLSyntaxError, ValueError):
        return None


def package_digest(parts: Iterable[tuple[str, bytes]]) -> str:
    """SHA-256 of a package's parts exactly as they are: names and bytes, in name order.

    Unlike the fingerprint, any rewrite changes it; equal digests mean byte-identical parts,
    so a file whose parts still have the digest taken when it was written has, without
    being parsed, the fingerprint it had then.
    """
    digest = hashlib.sha256()
    for name, data in sorted(parts):
        encoded = name.encode("utf-8")
        digest.update(len(encoded).to_bytes(4, "big") + encoded)
        digest.update(len(data).to_bytes(8, "big"))
        digest.update(data)
    return digest.hexdigest()


def _fingerprint(package: _Package) -> str | None:
    names = package.names()
    if "word/document.xml" not in names:
        return None
    stories: dict[str, str] = {}
    for name in sorted(n for n in names if _STORY.match(n)):
        if package.size(name) > MAX_PART:
            return None
        root = etree.fromstring(package.read(name), parser=_PARSER)
        stories[name] = "\n".join(_story(root, _media(package, name, names)))
    body = stories.pop("word/document.xml")
    rest = sorted(text for text in stories.values() if text.strip())
    return hashlib.sha256("\x00".join([body, *rest]).encode("utf-8")).hexdigest()


def _media(package: _Package, part: str, names: set[str]) -> dict[str, str]:
    """Relationship id → SHA-256 of the image it points to, for one story part."""
    folder, base = posixpath.split(part)
    rels = f"{folder}/_rels/{base}.rels"
    if rels not in names:
        return {}
    found = {}
    if package.size(rels) > MAX_PART:
        raise ValueError("oversized relationships part")
    root = etree.fromstring(package.read(rels), parser=_PARSER)
    for rel in root:
        target = rel.get("Target", "")
        if rel.get("TargetMode") == "External":
            found[rel.get("Id", "")] = "link:" + target
            continue
        path = posixpath.normpath(posixpath.join(folder, target)).lstrip("/")
        if path in names and not path.endswith(".xml"):
            if package.size(path) > 4 * MAX_PART:
                raise ValueError("oversized media part")  # a zip bomb, not a picture
            found[rel.get("Id", "")] = package.digest(path)
    return found


def _story(root: etree._Element, media: dict[str, str]) -> Iterator[str]:
    """One line per paragraph (and per comment): alignment, then formatted pieces."""
    for paragraph in root.iter(_P):
        pieces: list[tuple[str, str]] = []
        for kind, text, props in _content(paragraph, media):
            key = f"{kind}|{props}"
            if pieces and pieces[-1][0] == key:
                pieces[-1] = (key, pieces[-1][1] + text)
            else:
                pieces.append((key, text))
        if not pieces:
            continue
        jc = paragraph.find(f"{{{W}}}pPr/{{{W}}}jc")
        align = jc.get(f"{{{W}}}val", "") if jc is not None else ""
        align = _ALIGN.get(align, align)
        cell = "cell " if paragraph.getparent() is not None and _in_cell(paragraph) else ""
        yield cell + align + "¶" + "".join(f"[{key}]{text}" for key, text in pieces)
    for table in root.iter(f"{{{W}}}tbl"):  # rows and cells, even empty ones
        rows = table.findall(f"{{{W}}}tr")
        yield "table:" + ",".join(str(len(row.findall(f"{{{W}}}tc"))) for row in rows)


_P = f"{{{W}}}p"
_R = f"{{{W}}}r"
_TEXT = {f"{{{W}}}t", f"{{{W}}}delText"}
_MARKS = {f"{{{W}}}{name}": f"<{name}>" for name in ("tab", "br", "cr", "sym")}
_REFERENCES = {
    f"{{{W}}}{name}" for name in ("commentReference", "footnoteReference", "endnoteReference")
}
_IMAGES = (
    "{http://schemas.openxmlformats.org/drawingml/2006/main}blip",
    "{urn:schemas-microsoft-com:vml}imagedata",
)
_FIELD_CHAR, _FIELD_SIMPLE, _INSTRUCTION = (
    f"{{{W}}}{name}" for name in ("fldChar", "fldSimple", "instrText")
)
_INTERESTING = (*_TEXT, *_MARKS, *_REFERENCES, *_IMAGES, _FIELD_CHAR, _FIELD_SIMPLE, _INSTRUCTION)


def _content(paragraph: etree._Element, media: dict[str, str]) -> Iterator[tuple[str, str, str]]:
    """(kind, text, formatting) for each character-like thing that belongs to ``paragraph``.

    A field (page number, date) counts as the field, not as its last shown result, which
    every program recomputes when it saves.
    """
    nested = any(inner is not paragraph for inner in paragraph.iter(_P))
    in_result = False
    for node in paragraph.iter(*_INTERESTING):
        if nested and _ancestor(node, _P) is not paragraph:
            continue  # a text box's paragraph: it has a line of its own
        tag = node.tag
        if tag == _FIELD_CHAR:
            kind = node.get(f"{{{W}}}fldCharType")
            in_result = kind == "separate"
            if kind == "begin":
                yield "field", "", ""
        elif tag == _FIELD_SIMPLE:
            yield "field", _instruction(node.get(f"{{{W}}}instr", "")), ""
        elif tag == _INSTRUCTION:
            yield "field", _instruction(node.text or ""), ""
        elif tag in _REFERENCES:
            yield etree.QName(tag).localname, "*", ""
        elif tag in _IMAGES:
            ref = node.get(f"{{{R}}}embed") or node.get(f"{{{R}}}id") or node.get(f"{{{R}}}link")
            yield "image", media.get(ref or "", "?"), ""
        elif not in_result:
            run = node.getparent()
            wrappers = _wrappers(run, paragraph)
            if "fldSimple" in wrappers:
                continue
            text = node.text or "" if tag in _TEXT else _MARKS[tag]
            kind = "del" if "del" in wrappers else "ins" if "ins" in wrappers else ""
            yield kind, text, _run_props(run) if run is not None and run.tag == _R else ""


def _wrappers(run: etree._Element | None, paragraph: etree._Element) -> set[str]:
    """Local names of the elements between a run and its paragraph (``ins``, ``fldSimple`` …)."""
    found = set()
    parent = run.getparent() if run is not None else None
    while parent is not None and parent is not paragraph and parent.tag != _P:
        found.add(etree.QName(parent).localname)
        parent = parent.getparent()
    return found


def _in_cell(paragraph: etree._Element) -> bool:
    return _ancestor(paragraph, f"{{{W}}}tc") is not None


def _instruction(text: str) -> str:
    """A field instruction without the formatting switches programs add (``\\* MERGEFORMAT``)."""
    return "".join(re.sub(r"\\\*\s*\w+", "", text).split()).upper()


def _ancestor(node: etree._Element, tag: str) -> etree._Element | None:
    parent = node.getparent()
    while parent is not None and parent.tag != tag:
        parent = parent.getparent()
    return parent


_TOGGLES = {"b", "i", "strike", "dstrike"}
_PROP_TAGS = {f"{{{W}}}{name}": name for name in (*_RUN_PROPS, "rFonts")}
_RPR = f"{{{W}}}rPr"
_VAL, _FILL = f"{{{W}}}val", f"{{{W}}}fill"
_FONTS = (("eastAsia", f"{{{W}}}eastAsia"), ("ascii", f"{{{W}}}ascii"))
_PLAIN = _OFF | {"auto", "000000", "clear"}


def _run_props(run: etree._Element) -> str:
    """The visible direct formatting of a run, normalised: ``b;color=ff0000;sz=32``."""
    rpr = run.find(_RPR)
    if rpr is None:
        return ""
    found = []
    for element in rpr.iterchildren():
        name = _PROP_TAGS.get(element.tag)
        if name is None:
            continue
        if name == "rFonts":
            found += [f"{which}={font}" for which, key in _FONTS if (font := element.get(key))]
            continue
        value = (element.get(_VAL) or element.get(_FILL) or "").lower()
        if name in _TOGGLES:
            if value not in _OFF:
                found.append(name)
        elif value not in _PLAIN:
            found.append(f"{name}={value}")
    return ";".join(sorted(found))
