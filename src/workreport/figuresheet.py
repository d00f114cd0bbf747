"""Figure records → the figure check sheet (数据核对表) as .xlsx, .csv or JSON.

The sheet is made for the statistics office's check: one row per figure with where it stands in
the draft, a frozen header, fitted column widths, a filter on every column, and the source cell
highlighted where it is empty.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from dataclasses import asdict

from .trace import FigureRecord

COLUMNS: tuple[tuple[str, str, int], ...] = (
    ("kind", "类别", 10),
    ("indicator_id", "指标id", 24),
    ("name", "指标名称", 22),
    ("value", "数值", 10),
    ("unit", "单位", 8),
    ("approx", "约数用语", 8),
    ("previous", "上年数值", 10),
    ("growth", "增速（%）", 10),
    ("source", "来源", 24),
    ("text", "草稿中的写法", 16),
    ("part", "部分", 18),
    ("section", "分项", 26),
    ("paragraph", "段", 5),
    ("sentence", "所在句子", 60),
    ("input_line", "数据文件位置", 30),
    ("note", "说明", 30),
)
"""(field, Chinese header, column width in characters)."""
FORMATS = ("xlsx", "csv", "json")


def _cells(record: FigureRecord) -> list[object]:
    row = asdict(record)
    return [row[field] if row[field] is not None else "" for field, _, _ in COLUMNS]


def to_json(records: Sequence[FigureRecord]) -> str:
    """The records as a JSON list of objects keyed by the column names in English."""
    fields = [field for field, _, _ in COLUMNS]
    rows = [{f: asdict(r)[f] for f in fields} for r in records]
    return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"


def to_csv(records: Sequence[FigureRecord]) -> bytes:
    """The sheet as CSV in UTF-8 with a byte-order mark, so Excel reads the Chinese right."""
    out = io.StringIO(newline="")
    writer = csv.writer(out)
    writer.writerow([header for _, header, _ in COLUMNS])
    writer.writerows(_cells(r) for r in records)
    return out.getvalue().encode("utf-8-sig")


def to_xlsx(records: Sequence[FigureRecord], *, title: str) -> bytes:
    """The sheet as an .xlsx workbook: frozen header, widths, a filter, empty sources marked."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "数据核对表"
    sheet.append([header for _, header, _ in COLUMNS])
    for record in records:
        sheet.append(_cells(record))
    bold = Font(bold=True)
    for cell in sheet[1]:
        cell.font = bold
    for index, (_, _, width) in enumerate(COLUMNS, 1):
        sheet.column_dimensions[get_column_letter(index)].width = width
    wrap = Alignment(wrap_text=True, vertical="top")
    sentence_column = [f for f, _, _ in COLUMNS].index("sentence") + 1
    source_column = [f for f, _, _ in COLUMNS].index("source") + 1
    kind_column = [f for f, _, _ in COLUMNS].index("kind") + 1
    empty = PatternFill(fill_type="solid", start_color="FFFF00", end_color="FFFF00")
    for row in range(2, sheet.max_row + 1):
        sheet.cell(row, sentence_column).alignment = wrap
        kind = sheet.cell(row, kind_column).value
        if kind != "直接写出" and not sheet.cell(row, source_column).value:
            sheet.cell(row, source_column).fill = empty
    sheet.freeze_panes = "A2"
    sheet.auto_filter.ref = sheet.dimensions
    book.properties.title = title
    book.properties.creator = "workreport"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()
