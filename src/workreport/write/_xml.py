"""WordprocessingML building blocks: the only place that spells raw ``w:`` XML.

Everything here takes and returns lxml elements from python-docx's ``oxml`` layer; the writer
composes them. Units: twips (1/20 pt) for spacing and indents, half-points for font sizes.
"""

from __future__ import annotations

import zipfile
from collections.abc import Mapping
from pathlib import Path

from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.package import OpcPackage
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from lxml import etree
from lxml.etree import _Element

__all__ = ["qn"]

TWIPS_PER_MM = 56.6929
TWIPS_PER_PT = 20


def el(tag: str, children: tuple[_Element, ...] = (), **attrs: str | int) -> _Element:
    """``el("w:spacing", line=560)`` → ``<w:spacing w:line="560"/>``."""
    element = OxmlElement(tag)
    prefix = tag.split(":")[0]
    for name, value in attrs.items():
        attr = name.replace("_", ":") if ":" in name or "_" in name else f"{prefix}:{name}"
        element.set(qn(attr), str(value))
    for child in children:
        element.append(child)
    return element


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


def page_number_paragraph(style_id: str, align: str, dash: str, indent_twips: int) -> _Element:
    """A footer paragraph ``— PAGE —`` with the page number as a real field."""
    side = "right" if align == "right" else "left"
    ind = el("w:ind", **{side: indent_twips}) if align != "center" else el("w:ind", left=0)
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
_CUSTOM_NS = "http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"
_VT_NS = "http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes"
_PROPERTY_FMTID = "{D5CDD505-2E9C-101B-9397-08002B2CF9AE}"  # the id Word gives user properties


def add_custom_properties(package: OpcPackage, properties: Mapping[str, str]) -> None:
    """Store ``properties`` as text custom properties (``docProps/custom.xml``)."""
    root = etree.Element(f"{{{_CUSTOM_NS}}}Properties", nsmap={None: _CUSTOM_NS, "vt": _VT_NS})
    for pid, (name, value) in enumerate(properties.items(), start=2):
        prop = etree.SubElement(
            root, f"{{{_CUSTOM_NS}}}property", fmtid=_PROPERTY_FMTID, pid=str(pid), name=name
        )
        etree.SubElement(prop, f"{{{_VT_NS}}}lpwstr").text = value
    blob = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    part = Part(PackURI(CUSTOM_PROPERTIES_PART), CT.OFC_CUSTOM_PROPERTIES, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


def read_custom_properties(path: str | Path) -> dict[str, str]:
    """Custom text properties of a .docx file; {} when it has none or is not a .docx."""
    try:
        with zipfile.ZipFile(path) as archive:
            blob = archive.read(CUSTOM_PROPERTIES_PART.lstrip("/"))
    except (OSError, KeyError, zipfile.BadZipFile):
        return {}
    root = etree.fromstring(blob)
    return {
        prop.get("name", ""): "".join(prop.itertext())
        for prop in root.findall(f"{{{_CUSTOM_NS}}}property")
    }
