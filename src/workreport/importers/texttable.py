"""Tables of the report in a text copy: rows of cells between ``|`` marks.

A web page copied as text writes its tables a row a line, cells between ``|``. Most such rows
are the page's own: a metadata table (索引号, 发文字号 …) above the title, a menu, a footer.
A run of rows is taken as a table of the report only when nothing of that kind can be meant:

- two or more rows in a row (blank lines between them allowed), the first (the header) with
  at least two cells and none wider; no sentence punctuation and no metadata label;
- a figure in a row below the first (a table of the report states figures);
- the report's body both above it (a sentence ending in 。 or a numbered heading) and below
  it (a sentence), so it stands inside the body, not in the page's header or footer.

Anything else stays page chrome, as before.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prose import split_heading_number

_SENTENCE = re.compile(r"[。，；！？]")
_SENTENCE_END = re.compile(r"[。！？]")
_RULE = re.compile(r"^[\s|:：\-—－]+$")
_DIGIT = re.compile(r"\d")
MIN_ROWS = 2
MIN_COLUMNS = 2


@dataclass(frozen=True)
class TextTable:
    """A table found in the raw lines: ``end`` is the index after its last row."""

    end: int
    rows: tuple[tuple[str, ...], ...]


def row_cells(text: str) -> list[str] | None:
    """The cells of a ``a | b | c`` row (empty inner cells kept), or None for other text."""
    text = text.strip()
    if "|" not in text or _SENTENCE.search(text):
        return None
    cells = [cell.strip() for cell in text.split("|")]
    if cells and not cells[0]:
        cells = cells[1:]
    if cells and not cells[-1]:
        cells = cells[:-1]
    return cells if len(cells) >= MIN_COLUMNS else None


def report_tables(raw: list[tuple[int, str]], metadata: re.Pattern[str]) -> dict[int, TextTable]:
    """The tables of the report among ``raw`` lines, by the index of their first row."""
    found: dict[int, TextTable] = {}
    ends = [i for i, (_, text) in enumerate(raw) if _SENTENCE_END.search(text)]
    heads = (i for i, (_, text) in enumerate(raw) if split_heading_number(text.strip()))
    first_body = min([*ends[:1], next(heads, len(raw))])
    last_end = ends[-1] if ends else -1
    index = 0
    while index < len(raw):
        rows, end = _rows_from(raw, index, metadata)
        if rows and _is_report_table(rows) and first_body < index and last_end >= end:
            width = len(rows[0])  # a row whose last cells are empty may lack their marks
            found[index] = TextTable(
                end, tuple(tuple(row + [""] * (width - len(row))) for row in rows)
            )
            index = end
            continue
        index = max(end, index + 1)
    return found


def _rows_from(
    raw: list[tuple[int, str]], start: int, metadata: re.Pattern[str]
) -> tuple[list[list[str]], int]:
    """The rows of cells from ``start`` on (a rule line such as ``---|---`` left out) and the
    index after the last of them."""
    rows: list[list[str]] = []
    index = end = start
    while index < len(raw):
        text = raw[index][1].strip()
        if not text:
            index += 1
            continue
        cells = row_cells(text)
        if cells is None or metadata.search(text):
            break
        if not _RULE.match(text):
            rows.append(cells)
        index += 1
        end = index
    return rows, end


def _is_report_table(rows: list[list[str]]) -> bool:
    width = len(rows[0])
    return (
        len(rows) >= MIN_ROWS
        and all(len(row) <= width for row in rows)
        and any(_DIGIT.search(cell) for row in rows[1:] for cell in row)
    )
