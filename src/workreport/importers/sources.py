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
from .frontmatter import TitleBlock, read_title_block, title_like
from .prose import split_heading_number
from .textform import Dropped, is_chrome, shape, unnumbered_parts
from .wordbody import body_items
from .wordnum import NumberingState, paragraph_numbering

if TYPE_CHECKING:
    from docx.text.paragraph import Paragraph as DocxParagraph

MAX_HEADING_CHARS = 60
MAX_CRUMBS = 4
MAX_LEVEL = 4
_APPENDIX = re.compile(
    r"^(?P<label>附件\s*[\d一二三四五六七八九十]{0,2}\s*[：:]?)?\s*(?P<title>名词解释|名词注释)?$"
)
_GENRE = re.compile(r"报告|总结|计划|要点")
MAX_RUN_IN_CHARS = 40
"""A numbered first sentence this long or shorter, with text after it, is a run-in heading."""
_TITLE_STYLES = ("title", "标题")
_HEADING_STYLE = re.compile(r"^(?:heading|标题)\s*(\d)$", re.IGNORECASE)


Run = Text
"""A piece of paragraph text, bold or not: the document tree's own text inline."""


@dataclass(frozen=True)
class Block:
    """A heading (level 1–4, its printed number apart), a body paragraph, a table, or the
    title of an appendix after the body (名词解释, 附件; its label such as 附件1 in ``number``).

    A table's rows are in ``cells`` (the first row is its header); its ``runs`` hold all its
    cells' text, so that measures of text and figures see a table like any other text.
    """

    kind: Literal["heading", "paragraph", "appendix", "table"]
    runs: tuple[Run, ...]
    level: int = 0
    number: str = ""
    line: int = 0
    """1-based line (.txt) or paragraph (.docx) it came from."""
    run_in: bool = False
    """A heading printed at the start of its first paragraph (（一）标题。正文……), or that
    paragraph, which continues the heading's line."""
    cells: tuple[tuple[str, ...], ...] = ()
    """A table's rows of cell texts, the header row first; empty for other blocks."""

    @property
    def text(self) -> str:
        return "".join(run.text for run in self.runs)


def table_block(rows: list[list[str]], line: int) -> Block:
    """A table block: ``rows`` (header first) with their text as one run, rows on lines."""
    cells = tuple(tuple(row) for row in rows)
    text = "\n".join(" ".join(row) for row in cells)
    return Block("table", (Run(text),), line=line, cells=cells)


@dataclass(frozen=True)
class SourceDoc:
    """A report as a title block and a sequence of headings and paragraphs."""

    path: Path
    title: str = ""
    notes: tuple[str, ...] = ()
    blocks: tuple[Block, ...] = field(default_factory=tuple)
    tables: int = 0
    """Tables in the file (each is a ``table`` block where it stood)."""
    front: TitleBlock = field(default_factory=TitleBlock)
    """The title block: title lines, subtitle, date line, byline, salutation."""
    dropped: tuple[Dropped, ...] = ()
    """Page chrome left out of the report (menus, share links, page numbers, photo credits)."""

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
    cells: list[list[str]] | None = None
    """A table's rows (header first) instead of text."""

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
    shaped, dropped = shape(list(enumerate(text.splitlines(), start=1)))
    lines = [
        _Line([Run(item.text)], item.line, cells=[list(row) for row in item.cells])
        if item.cells
        else _Line([Run(item.text)], item.line)
        for item in shaped
    ]
    doc = _classify(path, lines)
    return replace(doc, dropped=tuple(dropped) + doc.dropped)


def read_docx(path: Path) -> SourceDoc:
    """A Word report: heading styles, Word numbering and bold runs are all taken into account;
    tables stay tables at their place in the body (see :mod:`.wordbody`)."""
    document = open_docx(path, SourceError)
    state = NumberingState(document)
    lines: list[_Line] = []
    dropped: list[Dropped] = []
    index = 0
    for content in body_items(document):
        if isinstance(content, list):
            text = "".join("".join(row) for row in content)
            lines.append(_Line([Run(text)], index + 1, cells=content))
            continue
        index += 1
        paragraph = content
        runs = list(_runs(paragraph))
        text = "".join(r.text for r in runs).strip()
        if not text:
            continue
        reason = is_chrome(text)
        if reason:
            dropped.append(Dropped(text, index, reason))
            continue
        numbering = paragraph_numbering(paragraph, state)
        style = paragraph.style.name if paragraph.style is not None else ""
        lines.append(
            _Line(_strip_runs(runs), index, numbering.number, numbering.outline, style or "")
        )
    doc = _classify(path, lines)
    return replace(doc, dropped=tuple(dropped) + doc.dropped)


def read_draft(path: Path) -> SourceDoc:
    """The draft a YAML input builds, without writing it: its document tree as blocks.

    A run-in heading gives a heading block and its body as the paragraph after it, as a run-in
    heading of a source report does; an unnumbered heading after the body (名词解释) is an
    appendix title; the title block's lines are read back into their fields.
    """
    from ..api import make_draft
    from ..tree import Heading, Paragraph, Table, Title, inline_text

    draft = make_draft(path)
    front = TitleBlock()
    blocks: list[Block] = []
    for item in draft.document.blocks:
        if isinstance(item, Title):
            texts = [*(item.lines or (item.text,)), *item.notes]
            front, _ = read_title_block(
                [*texts, item.salutation] if item.salutation else texts, styled_title=True
            )
        elif isinstance(item, Heading) and not item.numbered:
            blocks.append(Block("appendix", (Run(item.text),), line=item.line))
        elif isinstance(item, Heading):
            runs = tuple(Run(i.text, i.bold) for i in item.inlines)
            blocks.append(Block("heading", runs, item.level, item.number, item.line, item.run_in))
            if item.run_in and item.body:
                body = tuple(Run(i.text, i.bold) for i in item.body)
                blocks.append(Block("paragraph", body, line=item.line, run_in=True))
        elif isinstance(item, Paragraph):
            runs = tuple(Run(i.text, i.bold) for i in item.inlines)
            blocks.append(Block("paragraph", runs, line=item.line))
        elif isinstance(item, Table):
            rows = [list(item.header), *(list(row) for row in item.rows)]
            cells = [[inline_text(cell) for cell in row] for row in rows if row]
            blocks.append(table_block(cells, item.line))
    title = "\n".join(front.title_lines)
    return SourceDoc(path, title, front.lines_under_title, tuple(blocks), front=front)


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
    front, lines, crumbs = _front(lines)
    counters = [0, 0, 0, 0]
    blocks: list[Block] = []
    appendix = False
    parts = unnumbered_parts([i.text for i in lines if not i.number and i.cells is None])
    shift = 1 if parts else 0
    for item in lines:
        if item.cells is not None:
            blocks.append(table_block(item.cells, item.line))
            continue
        if item.text in parts and not item.number:
            blocks.append(Block("heading", (Run(item.text),), 1, "", item.line))
            counters = [0, 0, 0, 0]  # each part numbers its sections from 一、
            continue
        if counters[0] and _APPENDIX.match(item.text):
            appendix = True
            label, title = _appendix_title(item.text)
            if blocks[-1].kind == "appendix" and not blocks[-1].text and not label:
                blocks[-1] = replace(blocks[-1], runs=(Run(title),))
                continue
            blocks.append(Block("appendix", (Run(title),), number=label, line=item.line))
            continue
        if appendix:
            last = blocks[-1]
            short = len(item.text) <= 40 and not any(ch in item.text for ch in "。；：:，")
            if last.kind == "appendix" and not last.text and short:
                blocks[-1] = replace(blocks[-1], runs=(Run(item.text),))
            else:
                blocks.append(Block("paragraph", tuple(_with_number(item)), line=item.line))
            continue
        heading = _heading(item, counters)
        if heading is None:
            runs = _with_number(item)
            blocks.append(Block("paragraph", tuple(runs), line=item.line))
            continue
        level, number, rest, body = heading
        counters[level - 1] = max(counters[level - 1] + 1, _value(number))
        counters[level:] = [0] * (4 - level)
        run_in = body is not None
        shown = min(MAX_LEVEL, level + shift)
        blocks.append(Block("heading", (Run(rest),), shown, number, item.line, run_in))
        if body:
            blocks.append(Block("paragraph", tuple(body), line=item.line, run_in=True))
    title = "\n".join(front.title_lines)
    notes = front.lines_under_title
    tables = sum(1 for block in blocks if block.kind == "table")
    return SourceDoc(path, title, notes, tuple(blocks), tables, front, tuple(crumbs))


def _appendix_title(text: str) -> tuple[str, str]:
    """(label, title): ``附件1`` → ("附件1", ""), its title is the next line; ``名词解释`` →
    ("", "名词解释")."""
    match = _APPENDIX.match(text)
    label = (match.group("label") or "") if match else ""
    title = (match.group("title") or "") if match else text
    if label and not title:
        return label.rstrip("：: "), ""
    return label.rstrip("：: "), title


def _value(number: str) -> int:
    split = split_heading_number(number + "题")
    return split[1] if split else 0


def _heading(item: _Line, counters: list[int]) -> tuple[int, str, str, list[Run] | None] | None:
    """(level, printed number, title, run-on body or None) when ``item`` is a heading.

    A typed number must continue its level's count (so ``17、26、27号地……`` is not a heading;
    一、 and （一） may skip, as a copy can lose a heading) and the text must be heading-like:
    short, with no full stop inside; or a short numbered first sentence followed by the
    section's first paragraph on the same line (a run-in heading).
    """
    full = item.number + item.text
    split = split_heading_number(full)
    styled = item.outline is not None and item.outline < 4
    if split is not None:
        level, value, number, rest = split
        expected = counters[level - 1] + 1
        if (
            not item.number
            and not styled
            and not (value == expected or (level <= 2 and expected < value <= expected + 2))
        ):
            return None
        if styled or _heading_like(rest):
            return level, number, rest, None
        body = _run_in(item, len(full) - len(rest))
        if body is None:
            return None
        title = rest[: len(rest) - len("".join(r.text for r in body))]
        return level, number, title[:-1] if title.endswith("。") else title, body
    if styled:
        return (item.outline or 0) + 1, item.number, item.text, None
    return None


def _run_in(item: _Line, skip: int) -> list[Run] | None:
    """The body after a run-in heading's first sentence, or None when there is none."""
    text = (item.number + item.text)[skip:]
    end = text.find("。")
    if end < 2 or end + 1 > MAX_RUN_IN_CHARS or end + 1 >= len(text):
        return None
    if any(ch in text[:end] for ch in "；：:"):
        return None
    runs = [Run(item.number + item.runs[0].text, item.runs[0].bold), *item.runs[1:]]
    return drop_chars(runs, skip + end + 1)


def drop_chars(runs: list[Run], count: int) -> list[Run]:
    """``runs`` without their first ``count`` characters."""
    out: list[Run] = []
    for run in runs:
        if count >= len(run.text):
            count -= len(run.text)
            continue
        out.append(Run(run.text[count:], run.bold))
        count = 0
    return out


def _heading_like(text: str) -> bool:
    body = text.rstrip("。")
    return bool(body) and len(text) <= MAX_HEADING_CHARS and not any(ch in body for ch in "。；")


def _with_number(item: _Line) -> list[Run]:
    """A numbered body paragraph keeps its number as text (it is part of what was printed)."""
    if not item.number:
        return item.runs
    first = item.runs[0] if item.runs else Run("")
    return [Run(item.number + first.text, first.bold), *item.runs[1:]]


def _front(lines: list[_Line]) -> tuple[TitleBlock, list[_Line], list[Dropped]]:
    """The title block (title lines, subtitle, byline, salutation …) and the lines under it.

    A first line in a Title style, or a short unpunctuated first line followed by more text,
    is a title line whatever its wording; the rest is recognised by wording.
    """
    if not lines:
        return TitleBlock(), lines, []
    first = lines[0]
    looks_like_title = first.cells is None and (
        not first.number
        and first.outline is None
        and split_heading_number(first.text) is None
        and len(first.text) <= 50
        and not any(ch in first.text for ch in "。，,；;：:")
        and len(lines) > 1
    )
    styled = first.style.lower() in _TITLE_STYLES or looks_like_title
    count = _breadcrumbs(lines)
    crumbs = [Dropped(item.text, item.line, "网页栏目") for item in lines[:count]]
    if count:
        lines = lines[count:]
        styled = False
    texts = []
    for item in lines:
        if item.number or (item.outline is not None and item.outline < 4) or item.cells:
            break
        texts.append(item.text)
    front, taken = read_title_block(texts, styled_title=styled)
    if front.page_title:
        crumbs.append(Dropped(front.page_title, lines[0].line, "网页标题"))
    return front, lines[taken:], crumbs


def _breadcrumbs(lines: list[_Line]) -> int:
    """How many short lines (a site's section names) stand above a line naming the report."""
    for index, item in enumerate(lines[: MAX_CRUMBS + 1]):
        if title_like(item.text) and _GENRE.search(item.text):
            return index
        if len(item.text) > 12 or any(ch in item.text for ch in "。，；：") or item.number:
            return 0
    return 0
