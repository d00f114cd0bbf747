"""Markup text → :class:`~workreport.tree.Document`, with markdown-it-py.

The markup is a small Markdown subset, and only that subset is enabled in the parser:

- ``% 标题`` lines at the very top: the title, then its notes (subtitle, stage mark, date line,
  byline); ``%+ 行`` continues the title on a line of its own, ``%: 各位代表：`` is the
  salutation that opens the body;
- ``#`` … ``####``: headings of levels 1–4 (numbered by the writer, never by hand); a heading
  ending in ``{.run-in}`` runs into the paragraph on the very next line (（一）标题。正文……),
  one ending in ``{.unnumbered}`` takes no number (an appendix's title);
- paragraphs, with ``**加粗**`` for lead sentences;
- pipe tables; ``---`` on its own line for a page break.

Text of the form 【待补充：…】 becomes a :class:`~workreport.tree.Placeholder`.
"""

from __future__ import annotations

import re
from dataclasses import replace
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import Location, MarkupError
from .tree import (
    Block,
    Document,
    Heading,
    Inline,
    PageBreak,
    Paragraph,
    Table,
    Text,
    Title,
    number_headings,
    split_placeholders,
)

_TITLE_LINE = re.compile(r"^%(?P<kind>[+:]?) (?P<text>.*)$")
_ATTRIBUTES = re.compile(r"[ \t]*\{(?P<names>(?:[ \t]*\.[A-Za-z][\w-]*)+)[ \t]*\}[ \t]*$")
HEADING_CLASSES = ("run-in", "unnumbered")
_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)"
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["heading", "table", "emphasis", "hr", "newline"])


def parse(markup: str, source: str = "<markup>") -> Document:
    """Parse rendered markup into a numbered document tree."""
    lines = markup.split("\n")
    title, consumed = _title_block(lines, source)
    blocks: list[Block] = [title] if title is not None else []
    tokens = _parser().parse("\n".join(lines[consumed:]))
    blocks += _blocks(tokens, consumed, source)
    return Document(number_headings(tuple(blocks)), source=source)


def _title_block(lines: list[str], source: str) -> tuple[Title | None, int]:
    """The title block at the top (``%`` lines, blank lines between them allowed) and the
    number of lines it takes."""
    title_lines: list[str] = []
    notes: list[str] = []
    salutation = ""
    consumed = 0
    for number, line in enumerate(lines, 1):
        match = _TITLE_LINE.match(line)
        if match is None:
            if line.strip():
                break
            consumed = number
            continue
        consumed = number
        text, kind = match["text"].strip(), match["kind"]
        if kind == ":":
            salutation = text
        elif kind == "+" or not title_lines:
            if notes or salutation:
                raise MarkupError(
                    "标题的下一行（%+）要紧接在标题之后。", at=Location(source, number)
                )
            title_lines.append(text)
        elif text:
            notes.append(text)
    if not title_lines:
        if salutation or notes:
            raise MarkupError("标题块缺少标题（以“% ”开头的第一行）。", at=Location(source, 1))
        return None, 0
    lines_given = tuple(title_lines) if len(title_lines) > 1 else ()
    title = Title("".join(title_lines), tuple(notes), 1, lines_given, salutation)
    return title, consumed


def _blocks(tokens: list[Token], offset: int, source: str) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        line = (token.map[0] if token.map else 0) + offset + 1
        if token.type == "heading_open":
            level = int(token.tag[1:])
            inlines, classes = _heading_classes(_inlines(tokens[i + 1]), Location(source, line))
            _check_heading(inlines, level, Location(source, line))
            heading = Heading(
                level,
                inlines,
                line,
                run_in="run-in" in classes,
                numbered="unnumbered" not in classes,
            )
            blocks.append(heading)
            i += 3
        elif token.type == "paragraph_open":
            paragraph = Paragraph(_inlines(tokens[i + 1]), line)
            last = blocks[-1] if blocks else None
            if (
                isinstance(last, Heading)
                and last.run_in
                and not last.body
                and line == last.line + 1
            ):
                blocks[-1] = replace(last, body=paragraph.inlines)  # the run-in heading's text
            else:
                blocks.append(paragraph)
            i += 3
        elif token.type == "table_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
            blocks.append(_table(tokens[i:end], line))
            i = end + 1
        elif token.type == "hr":
            blocks.append(PageBreak(line))
            i += 1
        else:
            raise MarkupError(
                f"标记中出现了不支持的内容（{token.type}）。", at=Location(source, line)
            )
    return blocks


def _heading_classes(
    inlines: tuple[Inline, ...], at: Location
) -> tuple[tuple[Inline, ...], frozenset[str]]:
    """A heading's text without its trailing ``{.class …}``, and those classes."""
    last = inlines[-1] if inlines else None
    match = _ATTRIBUTES.search(last.text) if isinstance(last, Text) else None
    if last is None or match is None:
        return inlines, frozenset()
    classes = frozenset(name.strip() for name in match["names"].split(".") if name.strip())
    unknown = sorted(classes - set(HEADING_CLASSES))
    if unknown:
        raise MarkupError(
            f"标题后的“{{.{unknown[0]}}}”不认识。",
            at=at,
            hint="可用：{.run-in}（标题接正文）、{.unnumbered}（不编号）。",
        )
    rest = last.text[: match.start()]
    kept = (*inlines[:-1], Text(rest, last.bold)) if rest else inlines[:-1]
    return kept, classes


def _check_heading(inlines: tuple[Inline, ...], level: int, at: Location) -> None:
    if level > 4:
        raise MarkupError("标题最多四级（# 到 ####）。", at=at)
    text = "".join(i.text for i in inlines)
    if _TYPED_NUMBER.match(text):
        raise MarkupError(
            f"标题“{text}”手写了序号。",
            at=at,
            hint="删去序号：一、（一）1.（1）由程序按层级自动编排。",
        )


def _table(tokens: list[Token], line: int) -> Table:
    rows: list[tuple[tuple[Inline, ...], ...]] = []
    header_rows = 0
    current: list[tuple[Inline, ...]] = []
    for token in tokens:
        if token.type == "tr_open":
            current = []
        elif token.type == "inline":
            current.append(_unescape_pipes(_inlines(token)))
        elif token.type == "tr_close":
            rows.append(tuple(current))
        elif token.type == "thead_close":
            header_rows = len(rows)
    header = rows[0] if header_rows else ()
    if not any(cell for cell in header):
        header = ()  # a table without a header row still needs one in the markup: left empty
    return Table(header, tuple(rows[header_rows:]), line)


def _unescape_pipes(inlines: tuple[Inline, ...]) -> tuple[Inline, ...]:
    """A ``|`` inside a cell is written ``\\|`` in the markup."""
    return tuple(
        Text(i.text.replace("\\|", "|"), i.bold) if isinstance(i, Text) else i for i in inlines
    )


def _inlines(token: Token) -> tuple[Inline, ...]:
    result: list[Inline] = []
    bold = 0
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "text":
            result += split_placeholders(child.content, bold > 0)
        elif child.type in ("softbreak", "hardbreak"):
            continue  # a line break inside a Chinese paragraph is not a space
        else:
            result += split_placeholders(child.content, bold > 0)
    return _merge(result)


_LEAD_MARKS = "，。；：！？"


def _merge(inlines: list[Inline]) -> tuple[Inline, ...]:
    """Join neighbouring runs of the same kind, so the writer emits as few runs as possible.

    A mark of punctuation right after a bold run (or bold placeholder) belongs to it
    (``**经济运行稳中有进**，…`` is a bold lead sentence with its comma, as printed reports
    set it).
    """
    merged: list[Inline] = []
    for item in inlines:
        last = merged[-1] if merged else None
        if (
            isinstance(item, Text)
            and last is not None
            and last.bold
            and not item.bold
            and item.text[:1] in _LEAD_MARKS
        ):
            if isinstance(last, Text):
                merged[-1] = Text(last.text + item.text[0], True)
            else:  # a bold placeholder standing for the lead: its mark is bold too
                merged.append(Text(item.text[0], True))
            item = Text(item.text[1:], False)
            if not item.text:
                continue
        last = merged[-1] if merged else None
        if isinstance(item, Text) and isinstance(last, Text) and last.bold == item.bold:
            merged[-1] = Text(last.text + item.text, item.bold)
        else:
            merged.append(item)
    return tuple(merged)
