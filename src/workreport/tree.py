"""The document tree: the contract between the markup parser, the writers and lint.

Nodes are small frozen dataclasses. Every block keeps the markup line it came from, so errors
and proofreading findings can point back at it. Heading numbers are not part of the text: they
are computed from the tree (:func:`number_headings`), so reordering sections never breaks them.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from .numbers import heading_number


@dataclass(frozen=True)
class Text:
    """A run of text, bold or not."""

    text: str
    bold: bool = False


@dataclass(frozen=True)
class Placeholder:
    """Something still to be filled in, shown highlighted: 【待补充：…】."""

    text: str
    bold: bool = False


Inline = Text | Placeholder


@dataclass(frozen=True)
class Title:
    """The report title; ``notes`` are the centred lines under it (stage mark, date)."""

    text: str
    notes: tuple[str, ...] = ()
    line: int = 1


@dataclass(frozen=True)
class Heading:
    """A heading of level 1–4; ``number`` is its label (一、 （一） 1. （1）) once numbered."""

    level: int
    inlines: tuple[Inline, ...]
    line: int = 0
    number: str = ""

    @property
    def text(self) -> str:
        return inline_text(self.inlines)


@dataclass(frozen=True)
class Paragraph:
    """A body paragraph."""

    inlines: tuple[Inline, ...]
    line: int = 0

    @property
    def text(self) -> str:
        return inline_text(self.inlines)


@dataclass(frozen=True)
class Table:
    """A simple table: a header row and body rows of inline cells."""

    header: tuple[tuple[Inline, ...], ...]
    rows: tuple[tuple[tuple[Inline, ...], ...], ...]
    line: int = 0


@dataclass(frozen=True)
class ChartSeries:
    """One series of a chart: a value per category, ``None`` for a gap."""

    name: str
    unit: str
    values: tuple[float | None, ...]
    type: str = "bar"
    """``bar`` or ``line``."""
    secondary: bool = False
    """Drawn against a second value axis on the right (a growth rate beside amounts)."""


@dataclass(frozen=True)
class Chart:
    """A chart of series over categories (years), with its caption, source and what is missing."""

    title: str
    categories: tuple[str, ...]
    series: tuple[ChartSeries, ...]
    unit: str = ""
    source: str = ""
    note: str = ""
    line: int = 0


@dataclass(frozen=True)
class Annotation:
    """A remark on a span of one block's text (characters ``start`` to ``end``), such as a
    proofreading finding that the writer turns into a Word comment."""

    block: int
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class PageBreak:
    """Start a new page."""

    line: int = 0


Block = Title | Heading | Paragraph | Table | Chart | PageBreak


@dataclass(frozen=True)
class Document:
    """A whole draft: its blocks in reading order."""

    blocks: tuple[Block, ...]
    source: str = ""
    meta: dict[str, str] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return next((b.text for b in self.blocks if isinstance(b, Title)), "")

    def placeholders(self) -> list[str]:
        """Texts of all placeholders, in order (tables included)."""
        found = []
        for inlines in self._all_inlines():
            found += [i.text for i in inlines if isinstance(i, Placeholder)]
        return found

    def _all_inlines(self) -> Iterator[tuple[Inline, ...]]:
        for block in self.blocks:
            if isinstance(block, Heading | Paragraph):
                yield block.inlines
            elif isinstance(block, Table):
                for row in (block.header, *block.rows):
                    yield from row


def inline_text(inlines: tuple[Inline, ...]) -> str:
    return "".join(i.text for i in inlines)


def number_headings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Give each heading its label; counters below a level restart when that level advances."""
    counters = [0, 0, 0, 0]
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading):
            level = block.level
            counters[level - 1] += 1
            counters[level:] = [0] * (4 - level)
            block = Heading(
                block.level, block.inlines, block.line, heading_number(level, counters[level - 1])
            )
        result.append(block)
    return tuple(result)


@dataclass(frozen=True)
class TextLine:
    """One line of the plain-text form: which block it shows, and where the block's own text
    starts in it (after a heading's number)."""

    block: int
    offset: int
    text: str


def text_lines(document: Document) -> list[TextLine]:
    """The draft as plain-text lines, one per block (a title's notes and table rows add lines)."""
    lines: list[TextLine] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Title):
            lines += [TextLine(index, 0, t) for t in (block.text, *block.notes)]
        elif isinstance(block, Heading):
            lines.append(TextLine(index, len(block.number), block.number + block.text))
        elif isinstance(block, Paragraph):
            lines.append(TextLine(index, 0, block.text))
        elif isinstance(block, Table):
            for row in (block.header, *block.rows) if block.header else block.rows:
                lines.append(TextLine(index, 0, "\t".join(inline_text(cell) for cell in row)))
        elif isinstance(block, Chart):
            lines.append(TextLine(index, 0, f"〔图：{block.title}〕"))
    return lines


def to_text(document: Document) -> str:
    """Plain text of the draft, one block per line, headings with their numbers."""
    return "\n".join(line.text for line in text_lines(document)) + "\n"
