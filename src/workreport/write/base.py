"""Style profile → the styled, empty base document every draft is written into.

Page set-up, Word's own Title/Heading 1–4/Normal styles with East Asian fonts, heading
numbering, figure and comment styles and page-number footers are built with python-docx once
per profile and kept as package parts, in memory and in a verified disk cache, so a draft is
written (:mod:`.docx`) without importing python-docx.
"""

from __future__ import annotations

import hashlib
import importlib.util
import io
import zipfile
import zlib
from collections.abc import Mapping
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import msgspec
from lxml import etree
from lxml.etree import _Element

from ..cache import cache_folder, discard, read_verified, store_verified
from ..styles import Profile, Role
from . import _xml
from ._xml import TWIPS_PER_MM, TWIPS_PER_PT, el, replace_child
from ._zip import zip_parts

if TYPE_CHECKING:
    from docx.document import Document as DocxDocument

STYLE_IDS = {
    "body": "Normal",
    "title": "Title",
    "title_note": "Subtitle",
    "heading1": "Heading1",
    "heading2": "Heading2",
    "heading3": "Heading3",
    "heading4": "Heading4",
    "table": "TableText",
}
HEADING_FORMATS = [
    ("chineseCounting", "%1、"),
    ("chineseCounting", "（%2）"),
    ("decimal", "%3."),
    ("decimal", "（%4）"),
]
HEADING_NUM_ID = 1
RUN_IN_STYLE = "RunInHeading{level}"
"""Character styles of run-in headings: each heading level's font, for text in a body paragraph."""
FLUSH_LEFT = '<w:ind w:left="0" w:right="0" w:firstLineChars="0" w:firstLine="0"/>'
UNNUMBERED_STYLE = "Heading{level}Unnumbered"
PLACEHOLDER_HIGHLIGHT = "yellow"
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"


@cache
def base_parts(profile: Profile) -> Mapping[str, bytes]:
    """The styled, empty base document for ``profile`` as ``{part name: bytes}``, in zip order.

    Built once per process, and read from the disk cache when an earlier run built the same
    profile with the same writer and python-docx.
    """
    cached = _cache_file(profile)
    data = read_verified(cached, "Word 底稿") if cached is not None else None
    if cached is not None and data is not None:
        try:
            return _unzip(data)
        except (zipfile.BadZipFile, KeyError, ValueError, EOFError, zlib.error):
            discard(cached, "Word 底稿")  # verified but unusable: written by a broken run
    parts = _unzip(_build_base(profile))
    # The default template's thumbnail shows a page of another document; drop it.
    parts.pop("docProps/thumbnail.jpeg", None)
    root = etree.fromstring(parts["_rels/.rels"])
    for rel in root.findall(_xml.qn("pr:Relationship")):
        if rel.get("Type", "").endswith("/thumbnail"):
            root.remove(rel)
    parts["_rels/.rels"] = _xml.to_part(root)
    parts["[Content_Types].xml"] = _xml.without_unused_defaults(
        parts["[Content_Types].xml"], parts.keys()
    )
    if cached is not None:
        store_verified(cached, zip_parts(parts))
    return parts


def _unzip(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    if DOCUMENT_PART not in parts or CORE_PART not in parts:
        raise KeyError(DOCUMENT_PART)
    return parts


def _cache_file(profile: Profile) -> Path | None:
    """Where the base for ``profile`` is cached, or None when the disk cache is off.

    The name hashes everything the base depends on: the profile, this writer's source and the
    python-docx default template, so a change to any of them builds a fresh base.
    """
    folder = cache_folder()
    if folder is None:
        return None
    digest = hashlib.sha256(msgspec.json.encode(profile))
    for source in (Path(__file__), Path(_xml.__file__)):
        digest.update(source.read_bytes())
    spec = importlib.util.find_spec("docx")
    if spec is not None and spec.origin:
        template = Path(spec.origin).parent / "templates" / "default.docx"
        try:
            stat = template.stat()
            digest.update(f"{stat.st_size}:{stat.st_mtime_ns}".encode())
        except OSError:
            pass
    return folder / f"base-{digest.hexdigest()[:24]}.docx"


def _build_base(profile: Profile) -> bytes:
    """The base document built with python-docx from its default template."""
    import docx  # only here: a draft itself is written with lxml

    doc = docx.Document()
    body = doc.element.body
    for child in list(body):
        if child.tag != body.sectPr.tag:
            body.remove(child)
    _trim_styles(doc)
    _set_styles(doc, profile)
    _set_numbering(doc, profile)
    _set_page(doc, profile)
    _set_footers(doc, profile)
    # python-docx's template has <w:zoom> without the percent ISO 29500 requires.
    zoom = doc.settings.element.find(_xml.qn("w:zoom"))
    if zoom is not None and zoom.get(_xml.qn("w:percent")) is None:
        zoom.set(_xml.qn("w:percent"), "100")
    doc.core_properties.author = "workreport"
    doc.core_properties.comments = ""
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


KEPT_STYLES = {
    "Normal",
    "DefaultParagraphFont",
    "TableNormal",
    "NoList",
    "Header",
    "Footer",
    "Title",
    "Subtitle",
    "Heading1",
    "Heading2",
    "Heading3",
    "Heading4",
}


def _trim_styles(doc: DocxDocument) -> None:
    """Drop the default template's hundreds of unused styles and its stylesWithEffects copy.

    They make up most of the package's size and of the time spent reading and writing it.
    """
    styles = doc.styles.element
    for style in styles.findall(_xml.qn("w:style")):
        if style.get(_xml.qn("w:styleId")) not in KEPT_STYLES:
            styles.remove(style)
        else:
            for link in style.findall(_xml.qn("w:link")):
                style.remove(link)
    latent = styles.find(_xml.qn("w:latentStyles"))
    if latent is not None:
        styles.remove(latent)
    drop_styles_with_effects(doc)


def drop_styles_with_effects(doc: DocxDocument) -> None:
    """Drop the default template's stylesWithEffects copy of the styles, which Word checks
    against styles.xml: every change to the styles would have to be made twice."""
    part = doc.part
    for rel_id, rel in list(part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            part.drop_rel(rel_id)


def _line_twips(profile: Profile) -> int:
    return round(profile.grid.line_pitch_pt * TWIPS_PER_PT)


def _style_element(
    doc: DocxDocument, style_id: str, name: str, kind: str = "paragraph"
) -> _Element:
    styles = doc.styles.element
    for style in styles.findall(_xml.qn("w:style")):
        if style.get(_xml.qn("w:styleId")) == style_id:
            return style  # type: ignore[no-any-return]  # python-docx's oxml is untyped
    style = el(
        "w:style",
        (
            el("w:name", val=name),
            el("w:basedOn", val="Normal" if kind == "paragraph" else "DefaultParagraphFont"),
            el("w:qFormat"),
        ),
        type=kind,
        styleId=style_id,
    )
    styles.append(style)
    return style


def _apply_role(
    style: _Element,
    role: Role,
    profile: Profile,
    *,
    outline_level: int | None = None,
    keep_next: bool = False,
    numbered: bool = True,
) -> None:
    numbering = (HEADING_NUM_ID, outline_level) if numbered and outline_level is not None else None
    first_chars = profile.first_line_chars if role.indent else 0
    first_twips = round(first_chars * role.size_pt * TWIPS_PER_PT)
    ppr = _xml.paragraph_properties(
        line_twips=_line_twips(profile),
        align=role.align,
        first_line_chars=first_chars,
        first_line_twips=first_twips,
        outline_level=outline_level,
        keep_next=keep_next,
        numbering=numbering,
    )
    for old in style.findall(_xml.qn("w:pPr")) + style.findall(_xml.qn("w:rPr")):
        style.remove(old)
    style.append(ppr)
    style.append(
        _xml.run_properties(
            role.font, profile.latin_font, role.size_pt, bold=role.bold, spacing_pt=role.spacing_pt
        )
    )


def _set_styles(doc: DocxDocument, profile: Profile) -> None:
    roles = profile.roles
    styles = doc.styles.element
    # Document defaults: the body font everywhere, no theme fonts that would override it.
    defaults = styles.find(_xml.qn("w:docDefaults"))
    rpr_default = defaults.find(_xml.qn("w:rPrDefault"))
    for child in list(rpr_default):
        rpr_default.remove(child)
    rpr_default.append(_xml.run_properties(roles.body.font, profile.latin_font, roles.body.size_pt))
    ppr_default = defaults.find(_xml.qn("w:pPrDefault"))
    if ppr_default is None:
        ppr_default = el("w:pPrDefault")
        defaults.append(ppr_default)
    replace_child(
        ppr_default, el("w:pPr", (el("w:autoSpaceDE", val=0), el("w:autoSpaceDN", val=0)))
    )
    for style_key, style_id in STYLE_IDS.items():
        role = getattr(roles, style_key)
        style = _style_element(doc, style_id, "Table Text" if style_id == "TableText" else style_id)
        level = int(style_id[-1]) - 1 if style_id.startswith("Heading") else None
        _apply_role(
            style,
            role,
            profile,
            outline_level=level,
            keep_next=level is not None or style_id == "Title",
        )
    for level in range(1, 5):
        role = getattr(roles, f"heading{level}")
        # An unnumbered heading (an appendix's title) has a style of its own rather than
        # numId 0 on the paragraph, which the Office rule checks reject.
        unnumbered = _style_element(
            doc, UNNUMBERED_STYLE.format(level=level), f"Heading {level} Unnumbered"
        )
        _apply_role(
            unnumbered, role, profile, outline_level=level - 1, keep_next=True, numbered=False
        )
        run_in = _style_element(
            doc, RUN_IN_STYLE.format(level=level), f"Run-in Heading {level}", kind="character"
        )
        replace_child(
            run_in,
            _xml.run_properties(
                role.font,
                profile.latin_font,
                role.size_pt,
                bold=role.bold,
                spacing_pt=role.spacing_pt,
            ),
        )
    # Word allows no highlight in a style ([MS-OI29500] 2.1.260): the style shades the text, and
    # each placeholder run carries the highlight itself.
    placeholder = _style_element(doc, "Placeholder", "Placeholder", kind="character")
    replace_child(
        placeholder, el("w:rPr", (el("w:shd", val="clear", color="auto", fill="FFFF00"),))
    )
    # The style of the mark a Word comment leaves in the text (drafts built with --review).
    reference = _style_element(doc, "CommentReference", "annotation reference", kind="character")
    replace_child(reference, el("w:rPr", (el("w:sz", val=16), el("w:szCs", val=16))))
    _set_figure_styles(doc, profile)
    for footer_id in ("Footer",):
        style = _style_element(doc, footer_id, footer_id)
        pn = profile.page_number
        for old in style.findall(_xml.qn("w:pPr")) + style.findall(_xml.qn("w:rPr")):
            style.remove(old)
        style.append(el("w:pPr", (el("w:spacing", before=0, after=0, line=240, lineRule="auto"),)))
        style.append(_xml.run_properties(pn.font, pn.font, pn.size_pt))


def _set_figure_styles(doc: DocxDocument, profile: Profile) -> None:
    """A chart's paragraph (centred, line height free for the picture), its caption and source."""
    body = profile.roles.body
    figure = _style_element(doc, "Figure", "Figure")
    for old in figure.findall(_xml.qn("w:pPr")):
        figure.remove(old)
    figure.append(
        el(
            "w:pPr",
            (
                el("w:keepNext"),
                el("w:spacing", before=0, after=0, line=240, lineRule="auto"),
                el("w:ind", firstLineChars=0, firstLine=0, left=0, right=0),
                el("w:jc", val="center"),
            ),
        )
    )
    caption = Role(font=body.font, size_pt=body.size_pt, bold=True, align="center", indent=False)
    _apply_role(_style_element(doc, "Caption", "caption"), caption, profile, keep_next=True)
    source = Role(font=body.font, size_pt=14, align="center", indent=False)
    _apply_role(_style_element(doc, "FigureSource", "Figure Source"), source, profile)


def _set_numbering(doc: DocxDocument, profile: Profile) -> None:
    numbering = doc.part.numbering_part.element
    for child in list(numbering):
        numbering.remove(child)
    levels = []
    for level, (fmt, text) in enumerate(HEADING_FORMATS):
        role = getattr(profile.roles, f"heading{level + 1}")
        indent = el(
            "w:ind",
            left=0,
            firstLineChars=profile.first_line_chars * 100,
            firstLine=round(profile.first_line_chars * role.size_pt * TWIPS_PER_PT),
        )
        rpr = _xml.run_properties(role.font, profile.latin_font, role.size_pt, bold=role.bold)
        levels.append(_xml.numbering_level(level, fmt, text, f"Heading{level + 1}", rpr, indent))
    abstract = el(
        "w:abstractNum", (el("w:multiLevelType", val="multilevel"), *levels), abstractNumId=0
    )
    numbering.append(abstract)
    numbering.append(el("w:num", (el("w:abstractNumId", val=0),), numId=HEADING_NUM_ID))


def _set_page(doc: DocxDocument, profile: Profile) -> None:
    page = profile.page
    sect = doc.element.body.sectPr
    for child in list(sect):
        if not child.tag.endswith("Reference"):
            sect.remove(child)

    def mm(value: float) -> int:
        return round(value * TWIPS_PER_MM)

    sect.append(el("w:pgSz", w=mm(page.width_mm), h=mm(page.height_mm)))
    sect.append(
        el(
            "w:pgMar",
            top=mm(page.top_mm),
            bottom=mm(page.bottom_mm),
            left=mm(page.left_mm),
            right=mm(page.right_mm),
            header=851,
            footer=mm(page.bottom_mm) - 560,
            gutter=0,
        )
    )
    sect.append(el("w:pgNumType", start=1))
    # A line grid only: a character grid (linesAndChars) is laid out differently by Word, WPS and
    # LibreOffice; the roles' character spacing gives 28 characters a line everywhere instead.
    sect.append(el("w:docGrid", type="lines", linePitch=_line_twips(profile)))


def _set_footers(doc: DocxDocument, profile: Profile) -> None:
    pn = profile.page_number
    indent = round(pn.size_pt * TWIPS_PER_PT)  # one character in from the edge
    section = doc.sections[0]
    outside = pn.position == "outside"
    doc.settings.odd_and_even_pages_header_footer = outside
    footers = [(section.footer, "right" if outside else "center")]
    if outside:
        footers.append((section.even_page_footer, "left"))
    for footer, align in footers:
        footer.is_linked_to_previous = False
        element = footer._element
        for child in list(element):
            element.remove(child)
        element.append(_xml.page_number_paragraph("Footer", align, pn.dash, indent))
