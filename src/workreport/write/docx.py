"""Document tree + style profile → .docx bytes: lxml for each draft, python-docx for the base.

The styled base document (page set-up, Word's own Title/Heading 1–4/Normal styles with
East Asian fonts, heading numbering, page-number footers) is built with python-docx once per
profile and kept as package parts, in memory and in a small disk cache, so a draft is written
without importing python-docx: its blocks become ``word/document.xml`` (styles assigned by id)
and the other parts are copied.
"""

from __future__ import annotations

import datetime
import hashlib
import importlib.util
import io
import os
import re
import tempfile
import zipfile
from collections.abc import Callable, Mapping, Sequence
from functools import cache
from itertools import pairwise
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree
from lxml.etree import _Element

from ..cache import cache_folder
from ..styles import Profile, Role
from ..tree import (
    Annotation,
    Block,
    Document,
    Heading,
    Inline,
    PageBreak,
    Paragraph,
    Placeholder,
    Table,
    Text,
    Title,
    split_placeholders,
)
from . import _xml
from ._xml import TWIPS_PER_MM, TWIPS_PER_PT, el, replace_child

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
UNNUMBERED = '<w:numPr><w:ilvl w:val="0"/><w:numId w:val="0"/></w:numPr>'
PLACEHOLDER_HIGHLIGHT = "yellow"
DOCUMENT_PART = "word/document.xml"
CORE_PART = "docProps/core.xml"
COMMENT_AUTHOR = "workreport 审校"
COMMENT_INITIALS = "WR"


def write_docx(
    document: Document,
    profile: Profile,
    properties: Mapping[str, str] | Callable[[bytes], Mapping[str, str]] | None = None,
    annotations: Sequence[Annotation] = (),
) -> bytes:
    """Lay out ``document`` with ``profile``; return the .docx file's bytes.

    ``properties`` are stored as the document's custom properties (文件属性 → 自定义), where
    :func:`read_custom_properties` finds them again. A callable is given the finished
    ``word/document.xml`` and returns them, so a property computed from the written text
    (such as a hash) needs no second rendering.

    ``annotations`` become Word comments (审校意见) anchored on their spans of text.
    """
    parts = dict(base_parts(profile))
    head, tail = _split_body(parts[DOCUMENT_PART])
    writer = _BlockWriter(profile, annotations)
    body = "".join(writer.write(block, index) for index, block in enumerate(document.blocks))
    parts[DOCUMENT_PART] = head + body.encode("utf-8") + tail
    now = datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    if writer.comments:
        _add_comments(parts, writer.comments, now)
    parts[CORE_PART] = _xml.core_properties(
        parts[CORE_PART], title=document.title or "", timestamp=now
    )
    if callable(properties):
        properties = properties(parts[DOCUMENT_PART])
    if properties:
        parts[_xml.CUSTOM_PROPERTIES_PART.lstrip("/")] = _xml.custom_properties_part(properties)
        parts["[Content_Types].xml"] = _xml.with_override(
            parts["[Content_Types].xml"],
            _xml.CUSTOM_PROPERTIES_PART,
            _xml.CUSTOM_PROPERTIES_TYPE,
        )
        parts["_rels/.rels"] = _xml.with_relationship(
            parts["_rels/.rels"], _xml.CUSTOM_PROPERTIES_REL, _xml.CUSTOM_PROPERTIES_PART[1:]
        )
    return _zip(parts)


def _add_comments(parts: dict[str, bytes], comments: list[str], timestamp: str) -> None:
    parts[_xml.COMMENTS_PART.lstrip("/")] = _xml.comments_part(
        comments, author=COMMENT_AUTHOR, initials=COMMENT_INITIALS, timestamp=timestamp
    )
    parts["[Content_Types].xml"] = _xml.with_override(
        parts["[Content_Types].xml"], _xml.COMMENTS_PART, _xml.COMMENTS_TYPE
    )
    rels = "word/_rels/document.xml.rels"
    parts[rels] = _xml.with_relationship(parts[rels], _xml.COMMENTS_REL, "comments.xml")


def _split_body(document_xml: bytes) -> tuple[bytes, bytes]:
    """The base ``document.xml`` around the point where the blocks go: before ``w:sectPr``."""
    at = document_xml.rindex(b"<w:sectPr")
    return document_xml[:at], document_xml[at:]


def _zip(parts: Mapping[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    return out.getvalue()


class _BlockWriter:
    """Maps each tree node type to a handler; an unknown node is an error, never skipped.

    Handlers return WordprocessingML text (see :mod:`._xml`): a draft's body is written as
    text, which is several times faster than building lxml elements for it.
    """

    def __init__(self, profile: Profile, annotations: Sequence[Annotation] = ()) -> None:
        self.profile = profile
        self.annotations: dict[int, list[Annotation]] = {}
        for note in annotations:
            self.annotations.setdefault(note.block, []).append(note)
        self.comments: list[str] = []
        self.handlers: dict[type, Callable[..., str]] = {
            Title: self._title,
            Heading: self._heading,
            Paragraph: self._paragraph,
            Table: self._table,
            PageBreak: self._page_break,
        }

    def write(self, block: Block, index: int = -1) -> str:
        try:
            handler = self.handlers[type(block)]
        except KeyError:
            raise TypeError(f"no writer for {type(block).__name__}") from None
        self.index = index
        return handler(block)

    def _title(self, block: Title) -> str:
        limit = self.profile.title_max_chars
        lines = [part for line in block.lines or (block.text,) for part in split_title(line, limit)]
        title = _xml.paragraph("Title", _xml.LINE_BREAK.join(map(self._line, lines)))
        width = self.profile.grid.chars_per_line
        notes = "".join(
            _xml.paragraph(
                "Subtitle",
                _xml.LINE_BREAK.join(
                    self._line(part) for part in split_title(note, width, NOTE_BREAKS)
                ),
            )
            for note in block.notes
        )
        # An empty line between the title block and the text, as in printed reports.
        blank = _xml.paragraph("Normal")
        salutation = (
            _xml.paragraph("Normal", self._line(block.salutation), FLUSH_LEFT)
            if block.salutation
            else ""
        )
        return title + notes + blank + salutation

    def _line(self, text: str) -> str:
        """One line of the title block, its placeholders highlighted."""
        return self._runs(tuple(split_placeholders(text)))

    def _heading(self, block: Heading) -> str:
        if block.run_in:
            return self._run_in(block)
        runs = self._annotated_runs(block.inlines)
        style = STYLE_IDS[f"heading{block.level}"]
        if not block.numbered:  # an appendix's title: centred, without a number
            return _xml.paragraph(style, runs, UNNUMBERED + FLUSH_LEFT + '<w:jc w:val="center"/>')
        return _xml.paragraph(style, runs)

    def _run_in(self, block: Heading) -> str:
        """A run-in heading: one body paragraph whose first runs are the heading in its level's
        character style, numbered by the heading list so that numbers follow the tree.

        The paragraph has no outline level: an outline level would put the whole paragraph,
        body and all, into Word's navigation pane and any table of contents. Word's own way of
        running a heading into its text (a hidden paragraph mark, the "style separator") is
        laid out as two paragraphs by LibreOffice, so it is not used either.
        """
        mark = (Text(block.mark),) if block.mark else ()
        inlines = (*block.inlines, *mark, *block.body)
        split = len(block.text) + len(block.mark)
        numbering = (
            f'<w:numPr><w:ilvl w:val="{block.level - 1}"/>'
            f'<w:numId w:val="{HEADING_NUM_ID}"/></w:numPr>'
            if block.numbered
            else ""
        )
        runs = self._annotated_runs(inlines, heading=(split, block.level))
        return _xml.paragraph("Normal", runs, numbering)

    def _paragraph(self, block: Paragraph) -> str:
        return _xml.paragraph("Normal", self._annotated_runs(block.inlines))

    def _annotated_runs(
        self, inlines: tuple[Inline, ...], heading: tuple[int, int] | None = None
    ) -> str:
        """Runs of a block, with comment ranges around the spans its annotations name.

        ``heading`` is ``(characters, level)`` for a run-in heading: its first characters are
        set in that heading level's character style.
        """
        notes = self.annotations.get(self.index, [])
        if not notes and heading is None:
            return self._runs(inlines)
        starts: dict[int, list[int]] = {}
        ends: dict[int, list[int]] = {}
        for note in sorted(notes, key=lambda n: (n.start, n.end)):
            comment_id = len(self.comments)
            self.comments.append(note.text)
            starts.setdefault(note.start, []).append(comment_id)
            ends.setdefault(note.end, []).append(comment_id)
        split, level = heading if heading is not None else (0, 0)
        cuts = sorted({0, *starts, *ends, split})
        pieces = []
        for offset, piece in _split_inlines(inlines, cuts):
            pieces.append("".join(_xml.comment_end(i) for i in ends.get(offset, [])))
            pieces.append("".join(_xml.comment_start(i) for i in starts.get(offset, [])))
            pieces.append(
                self._runs(piece, style=RUN_IN_STYLE.format(level=level))
                if offset < split
                else self._runs(piece)
            )
        return "".join(pieces)

    def _page_break(self, block: PageBreak) -> str:
        return _xml.paragraph("Normal", _xml.PAGE_BREAK)

    def _table(self, block: Table) -> str:
        rows = ([block.header] if block.header else []) + list(block.rows)
        columns = max((len(r) for r in rows), default=1)
        page = self.profile.page
        width = int((page.width_mm - page.left_mm - page.right_mm) * TWIPS_PER_MM)
        cells = []
        for index, row in enumerate(rows):
            header = index == 0 and bool(block.header)
            texts = [
                _xml.paragraph("TableText", self._runs(cell, bold=header))
                for cell in (*row, *([()] * (columns - len(row))))
            ]
            cells.append((texts, header))
        return _xml.table(width, columns, cells) + _xml.paragraph("Normal")

    def _runs(self, inlines: tuple[Inline, ...], *, bold: bool = False, style: str = "") -> str:
        runs = []
        for inline in inlines:
            marks = _xml.BOLD if inline.bold or bold else ""
            if isinstance(inline, Placeholder):
                # Direct highlight too: LibreOffice ignores highlight set in a character style.
                highlight = f'<w:highlight w:val="{PLACEHOLDER_HIGHLIGHT}"/>'
                marks = f'<w:rStyle w:val="Placeholder"/>{marks}{highlight}'
            elif style:
                marks = f'<w:rStyle w:val="{style}"/>{marks}'
            runs.append(_xml.run(inline.text, marks))
        return "".join(runs)


def _split_inlines(
    inlines: tuple[Inline, ...], cuts: list[int]
) -> list[tuple[int, tuple[Inline, ...]]]:
    """Cut a block's inlines at character offsets: one ``(offset, inlines)`` per cut.

    A placeholder is never cut; it stays whole in the segment where it starts.
    """
    segments: dict[int, list[Inline]] = {cut: [] for cut in cuts}

    def segment(at: int) -> list[Inline]:
        return segments[max(c for c in cuts if c <= at)]

    position = 0
    for inline in inlines:
        start, end = position, position + len(inline.text)
        if isinstance(inline, Placeholder):
            segment(start).append(inline)
        else:
            edges = [start, *(c for c in cuts if start < c < end), end]
            for a, b in pairwise(edges):
                segment(a).append(Text(inline.text[a - start : b - start], inline.bold))
        position = end
    return [(cut, tuple(segments[cut])) for cut in cuts]


# Where a title may break, best first: before a conjunction, after a punctuation mark, after
# a phrase that ends a noun group, after a place or year word.
_BREAKS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"(?=和|及|与|暨|关于)")),
    (0, re.compile(r"(?<=[、，：])")),
    (1, re.compile(r"(?<=工作情况|工作总结|工作报告|工作计划|工作谋划)")),
    (2, re.compile(r"(?<=街道)|(?<=[镇区县乡市年])")),
)


# Where a line under the title may break: the subtitle of a report made to a congress reads
# ——<date>在<place>第<n>届<congress>第<n>次会议上, and breaks before the congress's name.
NOTE_BREAKS: tuple[tuple[int, re.Pattern[str]], ...] = (
    (0, re.compile(r"(?<=届)|(?=(?<!人民)代表大会)|(?=人民代表大会)")),
    (1, re.compile(r"(?<=[，、：；])")),
    (2, re.compile(r"(?<=在)|(?=第[一二三四五六七八九十\d]+次)")),
)


def split_title(
    title: str,
    max_chars: int = 20,
    breaks: tuple[tuple[int, re.Pattern[str]], ...] = _BREAKS,
) -> list[str]:
    """Split a long title into lines of at most ``max_chars`` at word boundaries.

    ``breaks`` are the boundaries to choose from, with their rank (a lower rank is better);
    the title's own by default, :data:`NOTE_BREAKS` for a line under the title.

    Fewest lines first, then the best kind of boundary (before 和/及/与/暨 beats after 街道 or
    年), then the most even lines; a title never breaks inside a word or a number.
    """
    if len(title) <= max_chars:
        return [title]
    cuts: dict[int, int] = {}
    for rank, pattern in breaks:
        for match in pattern.finditer(title):
            position = match.start()
            if 0 < position < len(title) and not (
                title[position - 1].isdigit() and title[position].isdigit()
            ):
                cuts[position] = min(rank, cuts.get(position, rank))
    best: tuple[tuple[int, int, int], list[str]] | None = None
    for cut, rank in cuts.items():
        head, tail = title[:cut], title[cut:]
        if len(head) > max_chars:
            continue
        lines = [head, *split_title(tail, max_chars, breaks)]
        if any(len(line) > max_chars for line in lines):
            continue
        score = (len(lines), rank, max(map(len, lines)) - min(map(len, lines)))
        if best is None or score < best[0]:
            best = (score, lines)
    if best is None:  # no boundary fits: fixed-width lines are the last resort
        return [title[i : i + max_chars] for i in range(0, len(title), max_chars)]
    return best[1]


@cache
def base_parts(profile: Profile) -> Mapping[str, bytes]:
    """The styled, empty base document for ``profile`` as ``{part name: bytes}``, in zip order.

    Built once per process, and read from the disk cache when an earlier run built the same
    profile with the same writer and python-docx.
    """
    cached = _cache_file(profile)
    if cached is not None:
        try:
            return _unzip(cached.read_bytes())
        except (OSError, zipfile.BadZipFile, KeyError):
            pass  # missing or damaged: build it again
    parts = _unzip(_build_base(profile))
    # The default template's thumbnail shows a page of another document; drop it.
    parts.pop("docProps/thumbnail.jpeg", None)
    root = etree.fromstring(parts["_rels/.rels"])
    for rel in root.findall(_xml.qn("pr:Relationship")):
        if rel.get("Type", "").endswith("/thumbnail"):
            root.remove(rel)
    parts["_rels/.rels"] = _xml.to_part(root)
    if cached is not None:
        _store(cached, _zip(parts))
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
    digest = hashlib.sha256(profile.model_dump_json().encode())
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


def _store(target: Path, data: bytes) -> None:
    """Write the cache file atomically; a cache that cannot be written is simply not used."""
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".base-", suffix=".tmp", dir=target.parent)
    except OSError:
        return
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, target)
    except OSError:
        Path(tmp).unlink(missing_ok=True)


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
) -> None:
    numbering = (HEADING_NUM_ID, outline_level) if outline_level is not None else None
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
    placeholder = _style_element(doc, "Placeholder", "Placeholder", kind="character")
    replace_child(placeholder, el("w:rPr", (el("w:highlight", val=PLACEHOLDER_HIGHLIGHT),)))
    for footer_id in ("Footer",):
        style = _style_element(doc, footer_id, footer_id)
        pn = profile.page_number
        for old in style.findall(_xml.qn("w:pPr")) + style.findall(_xml.qn("w:rPr")):
            style.remove(old)
        style.append(el("w:pPr", (el("w:spacing", before=0, after=0, line=240, lineRule="auto"),)))
        style.append(_xml.run_properties(pn.font, pn.font, pn.size_pt))


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
