"""Markup text → :class:`~workreport.tree.Document`, with markdown-it-py.

The markup is a small Markdown subset, and only that subset is enabled in the parser:

- ``% 标题`` lines at the very top: the title, then its notes (stage mark, date line);
- ``#`` … ``####``: headings of levels 1–4 (numbered by the writer, never by hand);
- paragraphs, with ``**加粗**`` for lead sentences;
- pipe tables; ``---`` on its own line for a page break;
- a fenced ``chart`` block holding a chart as JSON (written by the ``chart()`` template function).

Text of the form 【待补充：…】 becomes a :class:`~workreport.tree.Placeholder`.
"""

from __future__ import annotations

import json
import re
from functools import cache

from markdown_it import MarkdownIt
from markdown_it.token import Token

from .errors import Location, MarkupError
from .numbers import PLACEHOLDER_OPEN
from .tree import (
    Block,
    Chart,
    ChartSeries,
    Document,
    Heading,
    Inline,
    PageBreak,
    Paragraph,
    Placeholder,
    Table,
    Text,
    Title,
    number_headings,
)

_PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_OPEN) + r"[^】]*】")
_TYPED_NUMBER = re.compile(
    r"^\s*(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．、]|（\d+）)"
)


@cache
def _parser() -> MarkdownIt:
    return MarkdownIt("zero").enable(["heading", "table", "emphasis", "hr", "newline", "fence"])


def parse(markup: str, source: str = "<markup>") -> Document:
    """Parse rendered markup into a numbered document tree."""
    lines = markup.split("\n")
    title_lines: list[str] = []
    while lines and (lines[0].startswith("% ") or (not lines[0].strip() and not title_lines)):
        if lines[0].strip():
            title_lines.append(lines[0][2:].strip())
        lines.pop(0)
    offset = len(markup.split("\n")) - len(lines)
    blocks: list[Block] = []
    if title_lines:
        blocks.append(Title(title_lines[0], tuple(t for t in title_lines[1:] if t), 1))
    tokens = _parser().parse("\n".join(lines))
    blocks += _blocks(tokens, offset, source)
    return Document(number_headings(tuple(blocks)), source=source)


def _blocks(tokens: list[Token], offset: int, source: str) -> list[Block]:
    blocks: list[Block] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        line = (token.map[0] if token.map else 0) + offset + 1
        if token.type == "heading_open":
            level = int(token.tag[1:])
            inlines = _inlines(tokens[i + 1])
            _check_heading(inlines, level, Location(source, line))
            blocks.append(Heading(level, inlines, line))
            i += 3
        elif token.type == "paragraph_open":
            blocks.append(Paragraph(_inlines(tokens[i + 1]), line))
            i += 3
        elif token.type == "table_open":
            end = next(j for j in range(i, len(tokens)) if tokens[j].type == "table_close")
            blocks.append(_table(tokens[i:end], line))
            i = end + 1
        elif token.type == "hr":
            blocks.append(PageBreak(line))
            i += 1
        elif token.type == "fence" and token.info.strip() == "chart":
            blocks.append(_chart(token.content, Location(source, line)))
            i += 1
        else:
            raise MarkupError(
                f"标记中出现了不支持的内容（{token.type}）。", at=Location(source, line)
            )
    return blocks


def _chart(content: str, at: Location) -> Chart:
    try:
        spec = json.loads(content)
        series = tuple(
            ChartSeries(
                str(s["name"]),
                str(s.get("unit", "")),
                tuple(None if v is None else float(v) for v in s["values"]),
                "line" if s.get("type") == "line" else "bar",
                bool(s.get("secondary", False)),
            )
            for s in spec["series"]
        )
        categories = tuple(str(c) for c in spec["categories"])
    except (ValueError, KeyError, TypeError) as exc:
        raise MarkupError(
            f"图表数据有误：{exc}",
            at=at,
            hint="图表请用模板函数 chart(ind.指标id) 或分项的 charts 生成，不要手写。",
        ) from None
    if not series or any(len(s.values) != len(categories) for s in series):
        raise MarkupError("图表的数值个数与年份个数不一致。", at=at)
    return Chart(
        str(spec.get("title", "")),
        categories,
        series,
        str(spec.get("unit", "")),
        str(spec.get("source", "")),
        str(spec.get("note", "")),
        at.line or 0,
    )


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
            current.append(_inlines(token))
        elif token.type == "tr_close":
            rows.append(tuple(current))
        elif token.type == "thead_close":
            header_rows = len(rows)
    header = rows[0] if header_rows else ()
    return Table(header, tuple(rows[header_rows:]), line)


def _inlines(token: Token) -> tuple[Inline, ...]:
    result: list[Inline] = []
    bold = 0
    for child in token.children or []:
        if child.type == "strong_open":
            bold += 1
        elif child.type == "strong_close":
            bold -= 1
        elif child.type == "text":
            result += _split_placeholders(child.content, bold > 0)
        elif child.type in ("softbreak", "hardbreak"):
            continue  # a line break inside a Chinese paragraph is not a space
        else:
            result += _split_placeholders(child.content, bold > 0)
    return _merge(result)


def _split_placeholders(text: str, bold: bool) -> list[Inline]:
    parts: list[Inline] = []
    pos = 0
    for match in _PLACEHOLDER.finditer(text):
        if match.start() > pos:
            parts.append(Text(text[pos : match.start()], bold))
        parts.append(Placeholder(match.group(), bold))
        pos = match.end()
    if pos < len(text):
        parts.append(Text(text[pos:], bold))
    return parts


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
