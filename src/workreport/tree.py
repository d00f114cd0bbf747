"""The document tree: the contract between the markup parser, the writers and lint.

Nodes are small frozen dataclasses. Every block keeps the markup line it came from, so errors
and proofreading findings can point back at it. Heading numbers are not part of the text: they
are computed from the tree (:func:`number_headings`), so reordering sections never breaks them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field, replace

from .numbers import PLACEHOLDER_OPEN, heading_number

PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_OPEN) + r"[^】]*】")


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
    """The report title; ``notes`` are the centred lines under it (subtitle, stage mark, date
    line, byline).

    ``lines`` are the title's lines when the input breaks it itself (``text`` is then their
    concatenation); empty, the writer breaks a long title at word boundaries. ``salutation``
    (各位代表：) is the first line of the body, flush left.
    """

    text: str
    notes: tuple[str, ...] = ()
    line: int = 1
    lines: tuple[str, ...] = ()
    salutation: str = ""


RUN_IN_ENDS = "。！？：；"
"""Marks a run-in heading may end with itself; otherwise 。 closes it."""


@dataclass(frozen=True)
class Heading:
    """A heading of level 1–4; ``number`` is its label (一、 （一） 1. （1）) once numbered.

    A run-in heading (``run_in``) opens its section's first paragraph instead of standing on
    its own line: （一）党建引领持续深化。坚持…… — ``body`` holds that paragraph's text and
    :attr:`mark` the 。 that closes the heading. An unnumbered heading (``numbered`` false,
    such as an appendix's 名词解释) takes no number and leaves the counters alone.
    """

    level: int
    inlines: tuple[Inline, ...]
    line: int = 0
    number: str = ""
    run_in: bool = False
    body: tuple[Inline, ...] = ()
    numbered: bool = True

    @property
    def text(self) -> str:
        return inline_text(self.inlines)

    @property
    def mark(self) -> str:
        """The mark after a run-in heading's text: 。 unless the text ends in a mark itself."""
        if not self.run_in or self.text[-1:] in RUN_IN_ENDS:
            return ""
        return "。"

    @property
    def full_text(self) -> str:
        """Number, text and, for a run-in heading, its mark and body: the paragraph as printed."""
        return self.number + self.text + self.mark + inline_text(self.body)


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


Block = Title | Heading | Paragraph | Table | PageBreak


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
        """Texts of all placeholders, in order (title block and tables included)."""
        found = []
        for block in self.blocks:
            if isinstance(block, Title):
                for line in title_block_lines(block):
                    found += PLACEHOLDER.findall(line)
        for inlines in self._all_inlines():
            found += [i.text for i in inlines if isinstance(i, Placeholder)]
        return found

    def _all_inlines(self) -> Iterator[tuple[Inline, ...]]:
        for block in self.blocks:
            if isinstance(block, Heading):
                yield block.inlines
                yield block.body
            elif isinstance(block, Paragraph):
                yield block.inlines
            elif isinstance(block, Table):
                for row in (block.header, *block.rows):
                    yield from row


def title_block_lines(title: Title) -> tuple[str, ...]:
    """The title block's lines as printed: the title's lines, the notes, the salutation."""
    salutation = (title.salutation,) if title.salutation else ()
    return (*(title.lines or (title.text,)), *title.notes, *salutation)


def split_placeholders(text: str, bold: bool = False) -> list[Inline]:
    """Text with 【待补充：…】 spans as :class:`Placeholder` runs between :class:`Text` runs."""
    parts: list[Inline] = []
    pos = 0
    for match in PLACEHOLDER.finditer(text):
        if match.start() > pos:
            parts.append(Text(text[pos : match.start()], bold))
        parts.append(Placeholder(match.group(), bold))
        pos = match.end()
    if pos < len(text):
        parts.append(Text(text[pos:], bold))
    return parts


def inline_text(inlines: tuple[Inline, ...]) -> str:
    return "".join(i.text for i in inlines)


def number_headings(blocks: tuple[Block, ...]) -> tuple[Block, ...]:
    """Give each heading its label; counters below a level restart when that level advances.

    A heading that skips a level (1. right under 一、) keeps its own level's number; an
    unnumbered heading gets none and changes no counter.
    """
    counters = [0, 0, 0, 0]
    result: list[Block] = []
    for block in blocks:
        if isinstance(block, Heading) and block.numbered:
            level = block.level
            counters[level - 1] += 1
            counters[level:] = [0] * (4 - level)
            block = replace(block, number=heading_number(level, counters[level - 1]))
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
    """The draft as plain-text lines, one per block (a title's lines, notes and salutation and a
    table's rows add lines). A run-in heading is one line with its body, as printed."""
    lines: list[TextLine] = []
    for index, block in enumerate(document.blocks):
        if isinstance(block, Title):
            lines += [TextLine(index, 0, t) for t in title_block_lines(block)]
        elif isinstance(block, Heading):
            lines.append(TextLine(index, len(block.number), block.full_text))
        elif isinstance(block, Paragraph):
            lines.append(TextLine(index, 0, block.text))
        elif isinstance(block, Table):
            for row in (block.header, *block.rows) if block.header else block.rows:
                lines.append(TextLine(index, 0, "\t".join(inline_text(cell) for cell in row)))
    return lines


def to_text(document: Document) -> str:
    """Plain text of the draft, one block per line, headings with their numbers."""
    return "\n".join(line.text for line in text_lines(document)) + "\n"
