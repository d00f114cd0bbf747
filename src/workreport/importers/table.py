"""Spreadsheet (.xlsx/.csv) of indicators → rows checked one by one, with their row numbers.

The sheet has a header row with Chinese column names (指标, 数值, 单位, 上年, 增长(%), 来源; a few
common variants are recognised, others are mapped with ``--column``). The header may span
two rows with merged cells (``2022年`` over ``数值`` and ``增长(%)``). Data rows are read
leniently: numbers typed as text (``"1,234.5"``, ``１２３``, ``35.7%``, ``超400``) are numbers;
empty rows and 合计 rows are skipped; anything else that is not a number makes the row
*bad*, reported by its row number and left out. The file is read by :mod:`.grid`, as a stream
within :class:`~.grid.Limits`, so a damaged or hostile table ends quickly with a message.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location
from ..model import APPROX_WORDS
from ..safeio import open_workbook
from . import SourceError
from .figures import UNIT_CATEGORY
from .grid import Grid, Limits, csv_grid, row_location, sheet_grid

FIELDS = ("id", "name", "value", "unit", "previous", "growth", "source")
FIELD_NAMES = {
    "id": "id",
    "指标": "name",
    "数值": "value",
    "单位": "unit",
    "上年": "previous",
    "增长(%)": "growth",
    "来源": "source",
}
"""Field names a user may give to ``--column``, Chinese (as the headers) or English."""
HEADERS: dict[str, tuple[str, ...]] = {
    "id": ("id", "指标id", "代码", "指标代码"),
    "name": ("指标", "指标名称", "名称", "项目", "指标项"),
    "value": ("数值", "本年", "本期", "本年数", "本期数", "数据", "值", "绝对值", "实绩"),
    "unit": ("单位", "计量单位"),
    "previous": ("上年", "上年数", "上年同期", "去年", "上年实绩"),
    "growth": (
        "增长(%)",
        "增长",
        "增速",
        "增速(%)",
        "增长率",
        "增长率(%)",
        "同比增长(%)",
        "同比(%)",
    ),
    "source": ("来源", "数据来源", "出处"),
}
SUMMARY_ROW = re.compile(r"^(?:合\s*计|总\s*计|小\s*计|总\s*体|全部)")
_MISSING = {"", "-", "—", "–", "/", "－", "暂缺", "无", "待补充", "n/a", "na", "null"}
MAX_HEADER_SCAN = 20


@dataclass(frozen=True)
class Row:
    """One data row, parsed: the fields it gives (missing ones are absent)."""

    number: int
    values: dict[str, Any]
    approx: str | None = None


@dataclass(frozen=True)
class Problem:
    """A row that was skipped or rejected, and why."""

    row: int
    message: str
    skipped: bool = False
    """True for rows skipped on purpose (empty, 合计); False for rows that are wrong."""
    last: int = 0
    """The last row of a run of rows with the same problem (empty rows); 0 for one row."""

    @property
    def rows(self) -> str:
        """``第 6 行`` or ``第 6—9 行``."""
        if self.last > self.row:
            return f"第 {self.row}—{self.last} 行"
        return f"第 {self.row} 行"


@dataclass
class Sheet:
    """What was read from a table: its rows, the columns used and what was left out."""

    path: Path
    rows: list[Row] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    columns: dict[str, str] = field(default_factory=dict)
    """Field → the header it was read from."""


def normalise_header(text: object) -> str:
    """Width, case and spaces out of a header: ``增长（%）`` and ``增长 (%)`` are the same."""
    text = unicodedata.normalize("NFKC", str(text or ""))
    return "".join(text.split()).lower()


def parse_mapping(pairs: Iterable[str]) -> dict[str, str]:
    """``--column 数值=2022年`` options → {"value": "2022年"}."""
    mapping: dict[str, str] = {}
    for pair in pairs:
        key, sep, header = pair.partition("=")
        field_name = FIELD_NAMES.get(key.strip(), key.strip().lower())
        if not sep or not header.strip() or field_name not in FIELDS:
            known = "、".join(FIELD_NAMES)
            raise SourceError(
                f"列对应“{pair}”写法不对。",
                hint=f"写成 字段=表头，字段是 {known} 之一，如 数值=2022年。",
            )
        mapping[field_name] = header.strip()
    return mapping


def read_table(
    path: Path | str,
    *,
    sheet: str | None = None,
    header_row: int | None = None,
    columns: Mapping[str, str] | None = None,
    limits: Limits | None = None,
) -> Sheet:
    """Read a .xlsx or .csv table of indicators (see the module docstring).

    ``limits`` bounds the rows, columns and cells read (see :class:`~.grid.Limits`).
    """
    limits = limits or Limits()
    path = Path(path)
    if not path.is_file():
        raise SourceError("表格文件不存在。", at=Location(str(path)))
    suffix = path.suffix.lower()
    if suffix in (".xlsx", ".xlsm"):
        grid = _xlsx_grid(path, sheet, limits)
    elif suffix in (".csv", ".txt"):
        grid = csv_grid(path, limits)
    else:
        raise SourceError(
            f"不支持 {suffix or '无扩展名'} 文件。",
            at=Location(str(path)),
            hint="请另存为 .xlsx 或 .csv（UTF-8 或 GB18030 编码）。",
        )
    return _read_grid(path, grid, header_row, dict(columns or {}))


def _xlsx_grid(path: Path, sheet: str | None, limits: Limits) -> Grid:
    # The archive is checked first; rows are then streamed from the file (see .grid).
    book = open_workbook(path, SourceError, read_only=True)
    try:
        if sheet is not None and sheet not in book.sheetnames:
            raise SourceError(
                f"没有名为“{sheet}”的工作表。",
                at=Location(str(path)),
                hint=f"可用的工作表：{'、'.join(book.sheetnames)}。",
            )
        ws = book[sheet] if sheet is not None else book.worksheets[0]
        return sheet_grid(path, ws, limits)
    finally:
        book.close()


def _read_grid(path: Path, grid: Grid, header_row: int | None, mapping: dict[str, str]) -> Sheet:
    table = Sheet(path)
    start = _find_header(grid, header_row, mapping, path)
    header_rows = [start]
    while start + len(header_rows) < len(grid) and _is_header_continuation(
        grid[start + len(header_rows)][1]
    ):
        header_rows.append(start + len(header_rows))
    labels: dict[int, list[str]] = {}
    for index in header_rows:
        for col, cell in enumerate(grid[index][1]):
            if cell is not None and str(cell).strip():
                labels.setdefault(col, []).append(normalise_header(cell))
    table.columns, positions = _match_columns(labels, mapping, path, grid[start][0])
    body = grid[header_rows[-1] + 1 :]
    for index, (number, cells) in enumerate(body):
        if cells:
            _read_row(table, number, cells, positions)
        elif index + 1 < len(body):  # a run of empty rows, up to the next row with content
            last = body[index + 1][0] - 1
            table.problems.append(Problem(number, "空行，已跳过", skipped=True, last=last))
    return table


def _find_header(grid: Grid, header_row: int | None, mapping: dict[str, str], path: Path) -> int:
    if header_row is not None:
        for index, (number, _) in enumerate(grid):
            if number == header_row:
                return index
        raise SourceError(f"表格没有第 {header_row} 行。", at=Location(str(path)))
    names = {normalise_header(h) for h in (*HEADERS["name"], *HEADERS["id"])}
    if "name" in mapping:
        names.add(normalise_header(mapping["name"]))
    for index, (_, cells) in enumerate(grid[:MAX_HEADER_SCAN]):
        if any(normalise_header(c) in names for c in cells):
            return index
    raise SourceError(
        f"在前 {MAX_HEADER_SCAN} 行中找不到表头（应有“指标”一列）。",
        at=Location(str(path)),
        hint="用 --header-row 指定表头所在行，或用 --column 指标=实际表头 说明各列。",
    )


def _is_header_continuation(cells: list[Any]) -> bool:
    """A second header row: no numbers, and at least one cell naming a value column."""
    known = {normalise_header(h) for f in ("value", "previous", "growth") for h in HEADERS[f]}
    texts = [c for c in cells if c is not None and str(c).strip()]
    if not texts or any(isinstance(c, int | float) for c in texts):
        return False
    return any(normalise_header(c) in known for c in texts)


def _match_columns(
    labels: dict[int, list[str]], mapping: dict[str, str], path: Path, line: int
) -> tuple[dict[str, str], dict[str, int]]:
    positions: dict[str, int] = {}
    shown: dict[str, str] = {}
    at, row = row_location(path, line)
    for field_name in FIELDS:
        wanted = (
            [normalise_header(mapping[field_name])]
            if field_name in mapping
            else [normalise_header(h) for h in HEADERS[field_name]]
        )
        # The lowest header row names a column most precisely (数值 under a merged 2022年).
        for col, names in sorted(labels.items()):
            if col in positions.values():
                continue
            if any(name in wanted for name in reversed(names)):
                positions[field_name] = col
                shown[field_name] = names[-1]
                break
        if field_name in mapping and field_name not in positions:
            raise SourceError(f"表头{row}中没有“{mapping[field_name]}”这一列。", at=at)
    if "name" not in positions and "id" not in positions:
        raise SourceError(f"表头{row}中没有“指标”列。", at=at)
    if not {"value", "previous", "growth"} & positions.keys():
        raise SourceError(
            f"表头{row}中没有“数值”“上年”或“增长(%)”列。",
            at=at,
            hint="用 --column 数值=实际表头 说明哪一列是数值。",
        )
    return shown, positions


def _read_row(table: Sheet, number: int, cells: list[Any], positions: dict[str, int]) -> None:
    def cell(field_name: str) -> Any:
        col = positions.get(field_name)
        return cells[col] if col is not None and col < len(cells) else None

    name = _text(cell("name"))
    if name and SUMMARY_ROW.match(name):
        table.problems.append(Problem(number, f"“{name}”是合计行，已跳过", skipped=True))
        return
    ident = _text(cell("id"))
    if not name and not ident:
        table.problems.append(Problem(number, "没有指标名称"))
        return
    values: dict[str, Any] = {}
    if name:
        values["name"] = name
    if ident:
        values["id"] = ident
    errors: list[str] = []
    approx = None
    unit = _text(cell("unit"))
    for field_name in ("value", "previous", "growth"):
        raw = cell(field_name)
        try:
            parsed = parse_number(raw)
        except ValueError:
            errors.append(f"“{_header(table, field_name)}”列的“{raw}”不是数字")
            continue
        if parsed is None:
            continue
        number_value, word, written_unit = parsed
        values[field_name] = number_value
        if field_name == "value":
            approx = word
            if written_unit and not unit:
                unit = written_unit
            elif written_unit and written_unit != unit:
                errors.append(f"数值写的单位“{written_unit}”与单位列“{unit}”不一致")
    if unit:
        values["unit"] = unit
    source = _text(cell("source"))
    if source:
        values["source"] = source
    if errors:
        table.problems.append(Problem(number, "；".join(errors)))
        return
    table.rows.append(Row(number, values, approx))


def _header(table: Sheet, field_name: str) -> str:
    return table.columns.get(field_name, field_name)


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return unicodedata.normalize("NFKC", str(value)).strip()


def parse_number(value: Any) -> tuple[int | float, str | None, str] | None:
    """A cell → (number, approximation word, unit written in the cell); None when empty.

    Accepts real numbers and numbers typed as text: ``"1,234.5"``, ``"１２３"``, ``"−3.2"``,
    ``"35.7%"``, ``"超400"``, ``"40余"``, ``"104.86亿元"``. Raises ValueError otherwise.
    """
    if value is None or isinstance(value, bool):
        if isinstance(value, bool):
            raise ValueError(value)
        return None
    if isinstance(value, int | float):
        return _tidy(float(value)), None, ""
    text = unicodedata.normalize("NFKC", str(value)).strip().replace("−", "-")
    if text.lower() in _MISSING:
        return None
    approx = None
    if text[:1] in APPROX_WORDS and text[:1] != "余":
        approx, text = text[0], text[1:]
    match = re.fullmatch(r"([+-]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(余)?(.*)", text)
    if match is None:
        raise ValueError(value)
    unit = match.group(3).strip()
    if unit and unit not in UNIT_CATEGORY:
        raise ValueError(value)
    if match.group(2):
        approx = "余"
    return _tidy(float(match.group(1).replace(",", ""))), approx, unit


def _tidy(number: float) -> int | float:
    """400.0 → 400, so the YAML says ``value: 400``; binary noise of spreadsheets is rounded."""
    if number.is_integer():
        return int(number)
    return float(f"{number:.10g}")
