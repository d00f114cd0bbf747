"""WordprocessingML building blocks: the only place that spells raw ``w:`` XML.

Elements are plain lxml elements, so writing a draft never imports python-docx (which only
builds the styled base document, once per profile). The package helpers at the end edit the
small XML parts a draft changes: the document properties and the content-type and
relationship lists. Units: twips (1/20 pt) for spacing and indents, half-points for font sizes.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Mapping
from functools import cache
from pathlib import Path

from lxml import etree
from lxml.etree import _Element

NAMESPACES = {
    "w": "http://schemas.openxmlformats.org/wordprocessingml/2006/main",
    "r": "http://schemas.openxmlformats.org/officeDocument/2006/relationships",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "cp": "http://schemas.openxmlformats.org/package/2006/metadata/core-properties",
    "dc": "http://purl.org/dc/elements/1.1/",
    "dcterms": "http://purl.org/dc/terms/",
    "xsi": "http://www.w3.org/2001/XMLSchema-instance",
    "ct": "http://schemas.openxmlformats.org/package/2006/content-types",
    "pr": "http://schemas.openxmlformats.org/package/2006/relationships",
}
TWIPS_PER_MM = 56.6929
TWIPS_PER_PT = 20


@cache
def qn(tag: str) -> str:
    """``w:p`` → ``{http://…/wordprocessingml/2006/main}p`` (Clark notation)."""
    prefix, local = tag.split(":")
    return f"{{{NAMESPACES[prefix]}}}{local}"


def el(tag: str, children: tuple[_Element, ...] = (), **attrs: str | int) -> _Element:
    """``el("w:spacing", line=560)`` → ``<w:spacing w:line="560"/>``."""
    prefix = tag.partition(":")[0]
    element = etree.Element(qn(tag), nsmap=_NSMAPS[prefix])
    for name, value in attrs.items():
        element.set(_attribute(prefix, name), str(value))
    element.extend(children)
    return element


_NSMAPS = {prefix: {prefix: uri} for prefix, uri in NAMESPACES.items()}


@cache
def _attribute(prefix: str, name: str) -> str:
    """Keyword → attribute: ``val`` → ``w:val``; ``xml_space`` → ``xml:space``."""
    return qn(name.replace("_", ":") if "_" in name else f"{prefix}:{name}")


def replace_child(parent: _Element, child: _Element) -> _Element:
    """Put ``child`` into ``parent``, replacing any element with the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    parent.append(child)
    return child


def run_properties(
    east_asia: str,
    latin: str,
    size_pt: float,
    *,
    bold: bool = False,
    highlight: str | None = None,
    spacing_pt: float = 0,
) -> _Element:
    """``w:rPr`` with the East Asian font in ``w:eastAsia`` and Latin/digits in ``latin``.

    Theme-font attributes are deliberately absent: they would override the named fonts.
    """
    half_points = str(round(size_pt * 2))
    children = [
        el("w:rFonts", ascii=latin, hAnsi=latin, eastAsia=east_asia, cs=latin),
        el("w:b") if bold else el("w:b", val=0),
        el("w:bCs") if bold else el("w:bCs", val=0),
        el("w:color", val="000000"),
    ]
    if spacing_pt:
        children.append(el("w:spacing", val=round(spacing_pt * TWIPS_PER_PT)))
    children += [
        el("w:sz", val=half_points),
        el("w:szCs", val=half_points),
    ]
    if highlight:
        children.append(el("w:highlight", val=highlight))
    children.append(el("w:lang", val="en-US", eastAsia="zh-CN"))
    return el("w:rPr", tuple(children))


def paragraph_properties(
    *,
    line_twips: int,
    align: str,
    first_line_chars: int = 0,
    first_line_twips: int = 0,
    outline_level: int | None = None,
    keep_next: bool = False,
    numbering: tuple[int, int] | None = None,
) -> _Element:
    """``w:pPr`` with exact line spacing, no space before/after, and a first-line indent.

    ``numbering`` is ``(num_id, level)`` for list-numbered headings. Children follow the
    schema's order, which Word enforces. Automatic CJK/Latin spacing is off: 公文 never adds
    space between Chinese and digits.
    """
    children: list[_Element] = []
    if keep_next:
        children.append(el("w:keepNext"))
    if numbering is not None:
        num_id, level = numbering
        children.append(el("w:numPr", (el("w:ilvl", val=level), el("w:numId", val=num_id))))
    children += [el("w:autoSpaceDE", val=0), el("w:autoSpaceDN", val=0)]
    children.append(el("w:spacing", before=0, after=0, line=line_twips, lineRule="exact"))
    if first_line_chars:
        children.append(
            el(
                "w:ind",
                firstLineChars=first_line_chars * 100,
                firstLine=first_line_twips,
                left=0,
                right=0,
            )
        )
    else:
        children.append(el("w:ind", firstLineChars=0, firstLine=0, left=0, right=0))
    children.append(el("w:jc", val=align))
    if outline_level is not None:
        children.append(el("w:outlineLvl", val=outline_level))
    return el("w:pPr", tuple(children))


# WordprocessingML as text, for the blocks of a draft: it is spliced into the base document's
# body, whose root element declares the ``w`` prefix.
BOLD = "<w:b/><w:bCs/>"
LINE_BREAK = "<w:r><w:br/></w:r>"
PAGE_BREAK = '<w:r><w:br w:type="page"/></w:r>'
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;"})


def escape(text: str) -> str:
    """Text for XML content or a quoted attribute; characters XML cannot hold are dropped."""
    return _NOT_XML.sub("", text).translate(_ESCAPES)


def run(text: str, properties: str = "") -> str:
    """``w:r`` holding ``text`` (spaces preserved), with ``w:rPr`` children when given."""
    rpr = f"<w:rPr>{properties}</w:rPr>" if properties else ""
    return f'<w:r>{rpr}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'


def paragraph(style_id: str, runs: str = "", properties: str = "") -> str:
    """``w:p`` in the paragraph style ``style_id`` holding ``runs``; ``properties`` are further
    ``w:pPr`` children, in the schema's order, that override the style."""
    return f'<w:p><w:pPr><w:pStyle w:val="{escape(style_id)}"/>{properties}</w:pPr>{runs}</w:p>'


def table(width: int, columns: int, rows: list[tuple[list[str], bool]]) -> str:
    """A centred, fully bordered table of fixed layout; ``rows`` are (cell paragraphs, header)."""
    column = width // columns
    borders = "".join(
        f'<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    parts = [
        f'<w:tbl><w:tblPr><w:tblW w:w="{width}" w:type="dxa"/><w:jc w:val="center"/>'
        f'<w:tblBorders>{borders}</w:tblBorders><w:tblLayout w:type="fixed"/></w:tblPr>'
        "<w:tblGrid>" + f'<w:gridCol w:w="{column}"/>' * columns + "</w:tblGrid>"
    ]
    cell_properties = (
        f'<w:tcPr><w:tcW w:w="{column}" w:type="dxa"/><w:vAlign w:val="center"/></w:tcPr>'
    )
    for cells, header in rows:
        parts.append("<w:tr>" + ("<w:trPr><w:tblHeader/></w:trPr>" if header else ""))
        parts += [f"<w:tc>{cell_properties}{cell}</w:tc>" for cell in cells]
        parts.append("</w:tr>")
    return "".join(parts) + "</w:tbl>"


def page_number_paragraph(style_id: str, align: str, dash: str, indent_twips: int) -> _Element:
    """A footer paragraph ``— PAGE —`` with the page number as a real field."""
    side = "right" if align == "right" else "left"
    ind = el("w:ind", left=0) if align == "center" else el("w:ind")
    if align != "center":
        ind.set(qn(f"w:{side}"), str(indent_twips))
    p = el("w:p", (el("w:pPr", (el("w:pStyle", val=style_id), ind, el("w:jc", val=align))),))
    p.append(text_run(f"{dash} "))
    p.append(el("w:r", (el("w:fldChar", fldCharType="begin"),)))
    instr = el("w:instrText", xml_space="preserve")
    instr.text = " PAGE "
    p.append(el("w:r", (instr,)))
    p.append(el("w:r", (el("w:fldChar", fldCharType="separate"),)))
    p.append(text_run("1"))
    p.append(el("w:r", (el("w:fldChar", fldCharType="end"),)))
    p.append(text_run(f" {dash}"))
    return p


def text_run(text: str, rpr: _Element | None = None) -> _Element:
    """``w:r`` holding ``text`` (spaces preserved)."""
    run = el("w:r")
    if rpr is not None:
        run.append(rpr)
    t = el("w:t", xml_space="preserve")
    t.text = text
    run.append(t)
    return run


def numbering_level(
    level: int, fmt: str, text: str, style_id: str, rpr: _Element, indent: _Element
) -> _Element:
    """One ``w:lvl`` of the heading list: ``chineseCounting`` 一、 or ``decimal`` 1. …"""
    return el(
        "w:lvl",
        (
            el("w:start", val=1),
            el("w:numFmt", val=fmt),
            el("w:pStyle", val=style_id),
            el("w:suff", val="nothing"),
            el("w:lvlText", val=text),
            el("w:lvlJc", val="left"),
            el("w:pPr", (indent,)),
            rpr,
        ),
        ilvl=level,
    )


CUSTOM_PROPERTIES_PART = "/docProps/custom.xml"
CUSTOM_PROPERTIES_TYPE = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
CUSTOM_PROPERTIES_REL = (
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/custom-properties"
)
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the id Word gives user properties


def to_part(root: _Element) -> bytes:
    """An XML part as Word writes it: UTF-8 with a standalone declaration."""
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)


def custom_properties_part(properties: Mapping[str, str]) -> bytes:
    """``docProps/custom.xml`` holding ``properties`` as text custom properties."""
    namespaces = {None: _CUSTOM_NS, "vt": _VT_NS}  # None: the default namespace
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap=namespaces)  # type: ignore[arg-type]
    for pid, (name, value) in enumerate(properties.items(), start=2):
        prop = etree.SubElement(
            root, f"{{{_CUSTOM_NS}}}property", fmtid=_PROPERTY_FMTID, pid=str(pid), name=name
        )
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    return to_part(root)


def with_override(content_types: bytes, part_name: str, content_type: str) -> bytes:
    """``[Content_Types].xml`` with an ``Override`` for ``part_name`` (replacing any old one)."""
    root = etree.fromstring(content_types)
    for old in root.findall(qn("ct:Override")):
        if old.get("PartName") == part_name:
            root.remove(old)
    etree.SubElement(root, qn("ct:Override"), PartName=part_name, ContentType=content_type)
    return to_part(root)


def with_relationship(rels: bytes, rel_type: str, target: str) -> bytes:
    """A ``.rels`` part with a relationship of ``rel_type`` to ``target`` (one per type)."""
    root = etree.fromstring(rels)
    for old in root.findall(qn("pr:Relationship")):
        if old.get("Type") == rel_type:
            root.remove(old)
    taken = {rel.get("Id") for rel in root}
    rel_id = next(f"rId{n}" for n in range(1, len(taken) + 2) if f"rId{n}" not in taken)
    etree.SubElement(root, qn("pr:Relationship"), Id=rel_id, Type=rel_type, Target=target)
    return to_part(root)


def core_properties(core: bytes, *, title: str, timestamp: str) -> bytes:
    """``docProps/core.xml`` with the title and the created/modified time (W3CDTF, UTC)."""
    root = etree.fromstring(core)
    _core_child(root, "dc:title").text = title
    for name in ("dcterms:created", "dcterms:modified"):
        stamp = _core_child(root, name)
        stamp.set(qn("xsi:type"), "dcterms:W3CDTF")
        stamp.text = timestamp
    return to_part(root)


def _core_child(root: _Element, tag: str) -> _Element:
    child = root.find(qn(tag))
    if child is None:
        child = etree.SubElement(root, qn(tag))
    return child


def read_custom_properties(path: str | Path) -> dict[str, str]:
    """Custom text properties of a .docx file; {} when it has none or is not a .docx."""
    try:
        with zipfile.ZipFile(path) as archive:
            blob = archive.read(CUSTOM_PROPERTIES_PART.lstrip("/"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
    root = etree.fromstring(blob)
    return {
        prop.get("name", ""): "".join(str(text) for text in prop.itertext())
        for prop in root.findall(f"{{{_CUSTOM_NS}}}property")
    }


COMMENTS_PART = "/word/comments.xml"
COMMENTS_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.comments+xml"
COMMENTS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/comments"
_W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def comment_start(comment_id: int) -> str:
    return f'<w:commentRangeStart w:id="{comment_id}"/>'


def comment_end(comment_id: int) -> str:
    """End of a comment's range and the reference mark Word shows in the text."""
    return (
        f'<w:commentRangeEnd w:id="{comment_id}"/>'
        f'<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr>'
        f'<w:commentReference w:id="{comment_id}"/></w:r>'
    )


def comments_part(comments: list[str], *, author: str, initials: str, timestamp: str) -> bytes:
    """``word/comments.xml``: comment ``i`` holds the text ``comments[i]``, one paragraph each."""
    body = "".join(
        f'<w:comment w:id="{i}" w:author="{escape(author)}" w:date="{timestamp}"'
        f' w:initials="{escape(initials)}"><w:p>{run(text)}</w:p></w:comment>'
        for i, text in enumerate(comments)
    )
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<w:comments xmlns:w="{_W_NS}">{body}</w:comments>'
    ).encode()
