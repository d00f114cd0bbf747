"""A report file (.txt, .docx, or a YAML input read as its draft) → title, headings, paragraphs.

Headings are recognised the same way in every format: by a GB/T 9704 number (一、 （一） 1.
（1）) typed in the text or produced by Word numbering, or by a heading style. In Word files
the number is computed from ``numbering.xml`` (``w:numPr`` on the paragraph or its style),
since it is not part of the paragraph's text. Bold runs are kept: they are lead sentences.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from ..errors import Location
from ..safeio import open_docx, read_text, strip_controls
from ..tree import Text
from . import SourceError
from .prose import split_heading_number
from .wordnum import NumberingState, paragraph_numbering

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph as DocxParagraph

MAX_HEADING_CHARS = 60
_TITLE_STYLES = ("title", "标题")
_SUBTITLE_STYLES = ("subtitle", "副标题")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


Run = Text
"""A piece of paragraph text, bold or not: the document tree's own text inline."""


@dataclass(frozen=True)
class Block:
    """A heading (level 1–4, its printed number apart) or a body paragraph."""

    kind: Literal["heading", "paragraph"]
    runs: tuple[Run, ...]
    level: int = 0
    number: str = ""
    line: int = 0
    """1-based line (.txt) or paragraph (.docx) it came from."""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


@dataclass(frozen=True)
class SourceDoc:
    """A report as a title block and a sequence of headings and paragraphs."""

    path: Path
    title: str = ""
    notes: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    tables: int = 0
    """Tables in the file, which are not read."""

    def headings(self) -> list[Block]:
        return [b for b in self.blocks if b.kind == "heading"]


@dataclass
class _Line:
    """A paragraph before classification: its runs and what its formatting says."""

    runs: list[Run]
    line: int
    number: str = ""
    outline: int | None = None
    """Outline level 0–8 from a heading style or ``w:outlineLvl``; None for body text."""
    style: str = ""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def read_document(path: Path | str) -> SourceDoc:
    """Read a report or draft by its suffix: .docx, .yaml/.yml (built in memory), else text."""
    path = Path(path)
    if not path.is_file():
        raise SourceError("文件不存在，或不是文件。", at=Location(str(path)))
    suffix = path.suffix.lower()
    if suffix == ".docx":
        return read_docx(path)
    if suffix == ".doc":
        raise SourceError(
            "不支持旧版 .doc 文件。", at=Location(str(path)), hint="在 Word 或 WPS 中另存为 .docx。"
        )
    if suffix in (".yaml", ".yml"):
        return read_draft(path)
    return read_txt(path)


def read_txt(path: Path) -> SourceDoc:
    """A plain-text report: one paragraph a line (UTF-8 or GB18030), numbers typed in the text."""
    text = strip_controls(read_text(path, SourceError)[0])
    lines = [
        _Line([Run(stripped)], number)
        for number, raw in enumerate(text.splitlines(), start=1)
        if (stripped := raw.strip().strip("\u3000").strip())
    ]
    return _classify(path, lines)


def read_docx(path: Path) -> SourceDoc:
    """A Word report: heading styles, Word numbering and bold runs are all taken into account."""
    document = open_docx(path, SourceError)
    state = NumberingState(document)
    lines: list[_Line] = []
    for index, paragraph in enumerate(document.paragraphs, start=1):
        runs = list(_runs(paragraph))
        if not "".join(r.text for r in runs).strip():
            continue
        numbering = paragraph_numbering(paragraph, state)
        style = paragraph.style.name if paragraph.style is not None else ""
        lines.append(
            _Line(_strip_runs(runs), index, numbering.number, numbering.outline, style or "")
        )
    return replace(_classify(path, lines), tables=len(document.tables))


def read_draft(path: Path) -> SourceDoc:
    """The draft a YAML input builds, without writing it: its document tree as blocks."""
    from ..api import make_draft
    from ..tree import Heading, Paragraph, Title

    draft = make_draft(path)
    title = ""
    notes: tuple[str, ...] = ()
    blocks: list[Block] = []
    for item in draft.document.blocks:
        if isinstance(item, Title):
            title, notes = item.text, item.notes
        elif isinstance(item, Heading):
            runs = tuple(Run(i.text, i.bold) for i in item.inlines)
            blocks.append(Block("heading", runs, item.level, item.number, item.line))
        elif isinstance(item, Paragraph):
            runs = tuple(Run(i.text, i.bold) for i in item.inlines)
            blocks.append(Block("paragraph", runs, line=item.line))
    return SourceDoc(path, title, tuple(notes), tuple(blocks))


def _runs(paragraph: DocxParagraph) -> Iterator[Run]:
    """Runs with bold resolved from direct formatting, then the run's character style."""
    for run in paragraph.runs:
        text = run.text.replace("\t", "").replace("\n", "")
        if not text:
            continue
        bold = run.bold
        if bold is None and run.style is not None:
            bold = run.style.font.bold
        yield Run(text, bool(bold))


def _strip_runs(runs: list[Run]) -> list[Run]:
    """Merge neighbouring runs of the same weight; trim the paragraph's outer spaces."""
    merged: list[Run] = []
    for run in runs:
        if merged and merged[-1].bold == run.bold:
            merged[-1] = Run(merged[-1].text + run.text, run.bold)
        else:
            merged.append(run)
    if merged:
        merged[0] = Run(merged[0].text.lstrip(" \u3000"), merged[0].bold)
        merged[-1] = Run(merged[-1].text.rstrip(" \u3000"), merged[-1].bold)
    return [r for r in merged if r.text]


def _classify(path: Path, lines: list[_Line]) -> SourceDoc:
    title, notes, lines = _title_block(lines)
    counters = [0, 0, 0, 0]
    blocks: list[Block] = []
    for item in lines:
        heading = _heading(item, counters)
        if heading is None:
            runs = _with_number(item)
            blocks.append(Block("paragraph", tuple(runs), line=item.line))
            continue
        level, number, rest = heading
        counters[level - 1] += 1
        counters[level:] = [0] * (4 - level)
        blocks.append(Block("heading", (Run(rest),), level, number, item.line))
    return SourceDoc(path, title, notes, tuple(blocks))


def _heading(item: _Line, counters: list[int]) -> tuple[int, str, str] | None:
    """(level, printed number, title) when ``item`` is a heading, else None.

    A typed number must continue its level's count (so ``17、26、27号地……`` is not a heading)
    and the text must be heading-like: short, with no full stop inside.
    """
    full = item.number + item.text
    split = split_heading_number(full)
    styled = item.outline is not None and item.outline < 4
    if split is not None:
        level, value, number, rest = split
        if not styled and not _heading_like(rest):
            return None
        if not item.number and not styled and value != counters[level - 1] + 1:
            return None
        return level, number, rest
    if styled:
        return (item.outline or 0) + 1, item.number, item.text
    return None


def _heading_like(text: str) -> bool:
    body = text.rstrip("。")
    return bool(body) and len(text) <= MAX_HEADING_CHARS and not any(ch in body for ch in "。；")


def _with_number(item: _Line) -> list[Run]:
    """A numbered body paragraph keeps its number as text (it is part of what was printed)."""
    if not item.number:
        return item.runs
    first = item.runs[0] if item.runs else Run("")
    return [Run(item.number + first.text, first.bold), *item.runs[1:]]


def _title_block(lines: list[_Line]) -> tuple[str, tuple[str, ...], list[_Line]]:
    """The title (a Title style, or a short unpunctuated first line) and the lines under it."""
    if not lines:
        return "", (), lines
    first = lines[0]
    style = first.style.lower()
    looks_like_title = (
        not first.number
        and first.outline is None
        and split_heading_number(first.text) is None
        and len(first.text) <= 50
        and not any(ch in first.text for ch in "。，,；;：:")
        and len(lines) > 1
    )
    if not (style in _TITLE_STYLES or looks_like_title):
        return "", (), lines
    notes: list[str] = []
    rest = lines[1:]
    while rest and _is_note(rest[0]):
        notes.append(rest[0].text)
        rest = rest[1:]
    return first.text, tuple(notes), rest


def _is_note(item: _Line) -> bool:
    """A line of the title block: a Subtitle, or a short bracketed line such as （草稿）."""
    if item.style.lower() in _SUBTITLE_STYLES:
        return True
    text = item.text
    return len(text) <= 30 and text[:1] in "（(" and text[-1:] in "）)" and "。" not in text
