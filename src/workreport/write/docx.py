"""Document tree + style profile → .docx bytes, written with lxml and text into the base.

The styled base document comes from :mod:`.base` (built with python-docx once per profile);
a draft's blocks become ``word/document.xml`` (styles assigned by id), its comments and charts
their own parts, and the base's other parts are copied.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Callable, Mapping, Sequence
from itertools import pairwise
from typing import TYPE_CHECKING

from ..styles import Profile
from ..tree import (
    Annotation,
    Block,
    Chart,
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
from . import _chart, _xml
from ._xml import TWIPS_PER_MM
from ._zip import zip_parts
from .base import (
    CORE_PART,
    DOCUMENT_PART,
    FLUSH_LEFT,
    HEADING_NUM_ID,
    PLACEHOLDER_HIGHLIGHT,
    RUN_IN_STYLE,
    STYLE_IDS,
    UNNUMBERED_STYLE,
    base_parts,
)

if TYPE_CHECKING:
    pass

Stamp = Callable[[Mapping[str, bytes]], Mapping[str, str]]
"""Custom properties computed from the package's other parts."""

COMMENT_AUTHOR = "workreport 审校"
COMMENT_INITIALS = "WR"


def write_docx(
    document: Document,
    profile: Profile,
    properties: Mapping[str, str]
    | Callable[[Mapping[str, bytes]], Mapping[str, str]]
    | None = None,
    annotations: Sequence[Annotation] = (),
) -> bytes:
    """Lay out ``document`` with ``profile``; return the .docx file's bytes.

    ``properties`` are stored as the document's custom properties (文件属性 → 自定义), where
    :func:`read_custom_properties` finds them again. A callable is given every other part of
    the package as it will be written (part name → bytes) and returns them, so a property
    computed from the written package (such as a hash) needs no second rendering.

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
    if writer.charts:
        _add_charts(parts, writer.charts, profile)
    parts[CORE_PART] = _xml.core_properties(
        parts[CORE_PART], title=document.title or "", timestamp=now
    )
    if callable(properties) or properties:
        parts["[Content_Types].xml"] = _xml.with_override(
            parts["[Content_Types].xml"],
            _xml.CUSTOM_PROPERTIES_PART,
            _xml.CUSTOM_PROPERTIES_TYPE,
        )
        parts["_rels/.rels"] = _xml.with_relationship(
            parts["_rels/.rels"], _xml.CUSTOM_PROPERTIES_REL, _xml.CUSTOM_PROPERTIES_PART[1:]
        )
        if callable(properties):
            parts.pop(_xml.CUSTOM_PROPERTIES_PART.lstrip("/"), None)
            properties = properties(parts)
        parts[_xml.CUSTOM_PROPERTIES_PART.lstrip("/")] = _xml.custom_properties_part(properties)
    return zip_parts(parts)


def _add_comments(parts: dict[str, bytes], comments: list[str], timestamp: str) -> None:
    parts[_xml.COMMENTS_PART.lstrip("/")] = _xml.comments_part(
        comments, author=COMMENT_AUTHOR, initials=COMMENT_INITIALS, timestamp=timestamp
    )
    parts["[Content_Types].xml"] = _xml.with_override(
        parts["[Content_Types].xml"], _xml.COMMENTS_PART, _xml.COMMENTS_TYPE
    )
    rels = "word/_rels/document.xml.rels"
    parts[rels] = _xml.with_relationship(parts[rels], _xml.COMMENTS_REL, "comments.xml")


def _add_charts(parts: dict[str, bytes], charts: list[Chart], profile: Profile) -> None:
    """Each chart's part, embedded workbook and relationships (``rIdChart<n>`` from the text)."""
    rels: list[tuple[str, str, str]] = []
    types = parts["[Content_Types].xml"]
    for number, chart in enumerate(charts, 1):
        book = f"Microsoft_Excel_Worksheet{number}.xlsx"
        parts[f"word/charts/chart{number}.xml"] = _chart.chart_part(
            chart, profile.roles.body.font, profile.latin_font
        )
        parts[f"word/charts/_rels/chart{number}.xml.rels"] = _chart.chart_rels(book)
        parts[f"word/embeddings/{book}"] = _chart.workbook(chart)
        types = _xml.with_override(types, f"/word/charts/chart{number}.xml", _chart.CHART_TYPE)
        rels.append((f"rIdChart{number}", _chart.CHART_REL, f"charts/chart{number}.xml"))
    parts["[Content_Types].xml"] = _xml.with_default(types, "xlsx", _chart.XLSX_TYPE)
    name = "word/_rels/document.xml.rels"
    parts[name] = _xml.with_relationships(parts[name], rels)


def _split_body(document_xml: bytes) -> tuple[bytes, bytes]:
    """The base ``document.xml`` around the point where the blocks go: before ``w:sectPr``."""
    at = document_xml.rindex(b"<w:sectPr")
    return document_xml[:at], document_xml[at:]


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
        self.charts: list[Chart] = []
        self.handlers: dict[type, Callable[..., str]] = {
            Chart: self._chart,
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
        if not block.numbered:  # an appendix's title: centred, without a number
            style = UNNUMBERED_STYLE.format(level=block.level)
            return _xml.paragraph(style, runs, FLUSH_LEFT + '<w:jc w:val="center"/>')
        return _xml.paragraph(STYLE_IDS[f"heading{block.level}"], runs)

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

    def _chart(self, block: Chart) -> str:
        """The chart as an inline drawing, its caption 图N and a line with source and gaps."""
        self.charts.append(block)
        number = len(self.charts)
        page = self.profile.page
        width = page.width_mm - page.left_mm - page.right_mm
        drawing = _chart.drawing_run(f"rIdChart{number}", 1000 + number, width, width * 0.55)
        caption = _xml.paragraph("Caption", _xml.run(f"图{number}　{block.title}"))
        notes = [f"数据来源：{block.source}"] if block.source else []
        notes += [f"注：{block.note}"] if block.note else []
        shown = "。".join(notes)
        below = _xml.paragraph("FigureSource", _xml.run(shown + "。")) if shown else ""
        return _xml.paragraph("Figure", drawing) + caption + below

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
