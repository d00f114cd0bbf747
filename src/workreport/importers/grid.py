"""A .xlsx sheet or a CSV file → its rows as lists of cell values, within fixed limits.

A table of indicators has some dozens of rows. A damaged or hostile file may claim a million
rows, a merged range over the whole sheet, or a CSV field of hundreds of megabytes; reading
one must still end quickly, in little memory, with a message. So both readers stream:

- .xlsx through openpyxl's read-only parser, which yields only the rows stored in the file
  (a single cell at row 1 048 576 costs one row, not a million) and no cell objects;
- CSV line by line, with a bound on the length of a line and of a field.

Rows, columns and non-empty cells are counted as they are read; passing a limit stops the read
with a :class:`~workreport.importers.SourceError` that names the limit and the option raising it.
Empty rows are not kept: a run of them is one ``(first row, [])`` entry, and empty rows at the
end of the table are dropped.
"""

from __future__ import annotations

import codecs
import csv
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from ..errors import Location
from ..textfile import decode
from . import SourceError

Grid = list[tuple[int, list[Any]]]
"""(row number as the user sees it, cell values); ``[]`` starts a run of empty rows."""


@dataclass(frozen=True)
class Limits:
    """The largest table read. The defaults are far beyond any real table of indicators."""

    rows: int = 5_000
    """Non-empty rows."""
    columns: int = 200
    """The right-most column that may hold a value."""
    cells: int = 100_000
    """Non-empty cells in all."""
    field_chars: int = 32_767
    """Characters in one cell: Excel's own limit."""


_PREFIX_BYTES = 1 << 20
"""The start of a CSV file read whole to recognise its encoding and delimiter."""


def _limit_error(path: Path, what: str, limit: int, option: str, row: int) -> SourceError:
    # No line in the location: showing the line would read the whole (huge) file again.
    return SourceError(
        f"表格到第 {row} 行超出了{what}的上限（{limit}），已停止读取。",
        at=Location(str(path)),
        hint=f"指标表不会这么大，请检查是否选错了文件或工作表；确实需要时用 {option} 提高上限。",
    )


def row_location(path: Path, row: int) -> tuple[Location, str]:
    """Where row ``row`` is, and words naming it for a message when the location cannot.

    A CSV row is a line of text that a message can show; a .xlsx file is a zip archive, so
    its row number goes into the message instead.
    """
    if path.suffix.lower() in (".csv", ".txt"):
        return Location(str(path), row), ""
    return Location(str(path)), f"（第 {row} 行）"


class _Counter:
    """Counts what has been read against :class:`Limits`."""

    def __init__(self, path: Path, limits: Limits) -> None:
        self.path, self.limits = path, limits
        self.rows = self.cells = 0

    def row(self, number: int, values: list[Any]) -> list[Any]:
        """``values`` without trailing empty cells, after checking it against the limits."""
        while values and _empty(values[-1]):
            values.pop()
        if not values:
            return values
        self.rows += 1
        self.cells += sum(1 for v in values if not _empty(v))
        limits = self.limits
        if self.rows > limits.rows:
            raise _limit_error(self.path, "行数", limits.rows, "--max-rows", number)
        if len(values) > limits.columns:
            raise _limit_error(self.path, "列数", limits.columns, "--max-columns", number)
        if self.cells > limits.cells:
            raise _limit_error(self.path, "单元格数", limits.cells, "--max-cells", number)
        for value in values:
            if isinstance(value, str) and len(value) > limits.field_chars:
                raise _limit_error(
                    self.path, "单元格字数", limits.field_chars, "--max-cell-chars", number
                )
        return values


def _empty(value: Any) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _GridBuilder:
    """Collects rows, folding each run of empty rows into one entry."""

    def __init__(self, counter: _Counter) -> None:
        self.counter = counter
        self.grid: Grid = []
        self.last = 0

    def add(self, number: int, values: list[Any]) -> None:
        values = self.counter.row(number, values)
        if number > self.last + 1 and (not self.grid or self.grid[-1][1]):
            self.grid.append((self.last + 1, []))  # rows missing from the file are empty
        if values or not self.grid or self.grid[-1][1]:
            self.grid.append((number, values))
        self.last = number

    def finish(self) -> Grid:
        while self.grid and not self.grid[-1][1]:
            self.grid.pop()
        return self.grid


def sheet_grid(path: Path, ws: Any, limits: Limits) -> Grid:
    """The rows of the read-only worksheet ``ws``, merged ranges filled with their value."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    builder = _GridBuilder(_Counter(path, limits))
    try:
        # The parser read-only sheets use, called directly: it yields only the rows stored
        # in the file, each as its stored cells, so empty stretches cost nothing.
        with ws._get_source() as source:  # no public streaming API
            parser = WorkSheetParser(source, ws._shared_strings, data_only=True)
            for number, cells in parser.parse():
                values: list[Any] = []
                for cell in cells:
                    if cell["value"] is None:
                        continue
                    column = cell["column"]
                    if column > limits.columns:
                        raise _limit_error(path, "列数", limits.columns, "--max-columns", number)
                    values.extend([None] * (column - len(values)))
                    values[column - 1] = cell["value"]
                builder.add(number, values)
            merged = parser.merged_cells.mergeCell if parser.merged_cells else []
            ranges = [range_boundaries(m.ref) for m in merged if m.ref]
    except (KeyError, ValueError, TypeError, SyntaxError) as exc:
        raise SourceError(f"Excel 文件已损坏，无法读取：{exc}", at=Location(str(path))) from None
    grid = builder.finish()
    _fill_merged(grid, ranges, path, limits)
    return grid


def _fill_merged(
    grid: Grid, ranges: list[tuple[int | None, ...]], path: Path, limits: Limits
) -> None:
    """A merged cell holds its value in the top-left cell only; give it to the rows read.

    Only rows and columns already read are filled, so a range reaching XFD1048576 costs no
    more than the table itself; all ranges together fill at most ``limits.cells`` cells.
    """
    numbers = [number for number, values in grid if values]
    rows = {number: values for number, values in grid if values}
    budget = limits.cells
    for min_col, min_row, max_col, max_row in ranges:
        if min_col is None or min_row is None or max_col is None or max_row is None:
            continue
        top = rows.get(min_row)
        if top is None or min_col > len(top) or top[min_col - 1] is None:
            continue
        value = top[min_col - 1]
        for number in numbers[bisect_left(numbers, min_row) : bisect_right(numbers, max_row)]:
            values = rows[number]
            right = min(max_col, len(values))
            budget -= max(0, right - min_col + 1)
            if budget < 0:
                raise _limit_error(
                    path, "合并单元格展开后的单元格数", limits.cells, "--max-cells", number
                )
            for column in range(min_col, right + 1):
                values[column - 1] = value


def csv_grid(path: Path, limits: Limits) -> Grid:
    """The records of a CSV file in UTF-8 (with or without BOM) or GB18030, read as a stream."""
    try:
        with path.open("rb") as raw:
            prefix = raw.read(_PREFIX_BYTES)
    except OSError as exc:
        raise SourceError(f"无法读取表格文件：{exc.strerror}。", at=Location(str(path))) from None
    encoding = _encoding(prefix, path)
    head = prefix.decode(encoding, errors="replace").lstrip("\ufeff")
    first = head.split("\n", 1)[0]
    delimiter = max(",\t;，", key=first.count)
    builder = _GridBuilder(_Counter(path, limits))
    old_limit = csv.field_size_limit()
    csv.field_size_limit(limits.field_chars)  # the csv module's limit is process-wide
    line = 1
    try:
        with path.open(encoding=encoding, errors="replace", newline="") as handle:
            reader = csv.reader(_lines(handle, limits, path), delimiter=delimiter)
            for record in reader:
                builder.add(line, list(record))
                line = reader.line_num + 1
    except csv.Error as exc:
        if "field larger than field limit" in str(exc):
            raise _limit_error(
                path, "单元格字数", limits.field_chars, "--max-cell-chars", line
            ) from None
        raise SourceError(f"CSV 格式有误：{exc}", at=Location(str(path), line)) from None
    finally:
        csv.field_size_limit(old_limit)
    return builder.finish()


def _encoding(prefix: bytes, path: Path) -> str:
    """The codec name for the whole file, judged on its first megabyte."""
    if len(prefix) == _PREFIX_BYTES and b"\n" in prefix:
        prefix = prefix[: prefix.rindex(b"\n") + 1]  # whole lines: no character cut in two
    _, encoding = decode(prefix)
    if encoding == "unknown":
        raise SourceError(
            "CSV 文件的编码无法识别。",
            at=Location(str(path)),
            hint="请另存为 UTF-8 或 GB18030 编码。",
        )
    if prefix.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    return {"utf-8-damaged": "utf-8"}.get(encoding, encoding)


def _lines(handle: IO[str], limits: Limits, path: Path) -> Iterator[str]:
    """The lines of ``handle``, refusing one longer than a row of full cells could be."""
    longest = limits.field_chars * 4 + 1024
    number = 0
    while True:
        line = handle.readline(longest + 1)
        if not line:
            return
        number += 1
        if len(line) > longest:
            raise _limit_error(path, "单元格字数", limits.field_chars, "--max-cell-chars", number)
        yield line
