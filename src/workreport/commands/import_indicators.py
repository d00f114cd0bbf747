"""``workreport import-indicators``: Excel/CSV table → indicators of an input YAML file."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from ..errors import StrictError
from ..importers.grid import Limits


@click.command("import-indicators")
@click.argument("table", type=click.Path(path_type=Path))
@click.option(
    "--into",
    "target",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="要更新的数据文件，如 inputs/<单位>/2022.yaml。",
)
@click.option("--sheet", help="工作表名称；默认第一个工作表。")
@click.option("--header-row", type=click.IntRange(1), help="表头所在的行号；默认自动查找。")
@click.option(
    "--column",
    "columns",
    multiple=True,
    metavar="字段=表头",
    help="表头与默认不同时说明对应关系，可多次使用，如 --column 数值=2022年 --column 指标=项目。"
    "字段：指标、数值、单位、上年、增长(%)、来源、id。",
)
@click.option(
    "--new",
    "new_names",
    multiple=True,
    metavar="名称",
    help="这个名称确是新指标（与已有指标的名称相近时，默认不导入而询问“是否是…”），可多次使用。",
)
@click.option(
    "--allow-unit-change",
    is_flag=True,
    help="允许把指标的单位改成不能换算的另一种单位（如“个”改为“亿元”）；默认不导入这样的行。",
)
@click.option(
    "--max-rows",
    type=click.IntRange(1),
    default=Limits.rows,
    show_default=True,
    help="最多读取的非空行数。",
)
@click.option(
    "--max-columns",
    type=click.IntRange(1),
    default=Limits.columns,
    show_default=True,
    help="最多读取的列数。",
)
@click.option(
    "--max-cells",
    type=click.IntRange(1),
    default=Limits.cells,
    show_default=True,
    help="最多读取的非空单元格数。",
)
@click.option(
    "--max-cell-chars",
    type=click.IntRange(1),
    default=Limits.field_chars,
    show_default=True,
    help="一个单元格最多的字数。",
)
@click.option("--dry-run", is_flag=True, help="只显示会有哪些变化，不写文件。")
@click.option("--strict", is_flag=True, help="有无法导入的行时报错，不写文件。")
def command(
    table: Path,
    target: Path,
    sheet: str | None,
    header_row: int | None,
    columns: tuple[str, ...],
    new_names: tuple[str, ...],
    allow_unit_change: bool,
    max_rows: int,
    max_columns: int,
    max_cells: int,
    max_cell_chars: int,
    dry_run: bool,
    strict: bool,
) -> None:
    """从 Excel（.xlsx）或 CSV 表格 TABLE 导入指标到数据文件。

    \b
    表头默认识别：指标、数值、单位、上年、增长(%)、来源（也认“指标名称”“本年”“增速”等常见写法，
    合并单元格的两行表头也可以）。按名称（有 id 列时按 id）对应已有指标并更新数值；
    没有的指标追加到 indicators 末尾，自动生成英文 id。文件中的注释和顺序保持不变。
    文本格式的数字、合计行、空行都能处理；无法识别的行按行号列出，不导入。

    \b
    每一处变化都列出原值和新值。单位不会悄悄改变：表格用“万元”而文件用“亿元”时换算后写入并注明；
    “个”和“亿元”这样不能换算的，不导入该行（确要改单位加 --allow-unit-change）。
    名称与已有指标只差一个字（或只是“规上”“规模以上”之别）时，不当作新指标，
    而是问“是否是…”（确是新指标加 --new 名称）。
    """
    from ..importers.merge import Options, ensure_unchanged, merge
    from ..importers.names import normalise_name
    from ..importers.table import parse_mapping, read_table
    from ..safewrite import read_with_snapshot, write_bytes

    limits = Limits(max_rows, max_columns, max_cells, max_cell_chars)
    sheet_data = read_table(
        table, sheet=sheet, header_row=header_row, columns=parse_mapping(columns), limits=limits
    )
    try:  # what the file was before merge reads it: a save made meanwhile is never lost
        _, before = read_with_snapshot(target)
    except OSError:
        before = None  # merge reports the missing or unreadable file in its own words
    options = Options(allow_unit_change, frozenset(normalise_name(n) for n in new_names))
    result = merge(sheet_data, target, options)
    bad = [p for p in result.problems if not p.skipped]
    _show(result, target)
    if strict and bad:
        raise StrictError(
            f"有 {len(bad)} 行无法导入（第 {'、'.join(str(p.row) for p in bad)} 行），未写入文件。",
            hint="修改表格中的这些行，或去掉 --strict 只导入其余的行。",
        )
    if dry_run:
        click.echo("（--dry-run：未写入文件）")
    elif result.changes:
        ensure_unchanged(result, target)
        write_bytes(target, result.text.encode("utf-8"), expect=before)
        click.echo(f"已写入：{target}")


def _show(result: Any, target: Path) -> None:
    from rich.console import Console

    console = Console(file=sys.stdout, highlight=False, width=None if sys.stdout.isatty() else 120)
    if len(result.changes) <= TABLE_ROWS:
        _change_table(console, result, target)
    else:  # a drawn table of thousands of rows is slow and unreadable: one line each
        lines = [f"{target} 的指标变化：", *(_change_line(c) for c in result.changes)]
        click.echo("\n".join(lines))
    counts = (
        f"新增 {len(result.added)} 个指标，更新 {len(result.updated)} 个，"
        f"未变 {len(result.unchanged)} 个。"
    )
    console.print(counts)
    for problem in result.problems:
        style = "yellow" if problem.skipped else "red"
        label = "跳过" if problem.skipped else "未导入"
        console.print(
            f"{problem.rows}：{problem.message}（{label}）",
            style=style,
            markup=False,
            soft_wrap=True,
        )


TABLE_ROWS = 500
"""Changes shown as a drawn table; more are listed one per line."""


def _change_table(console: Any, result: Any, target: Path) -> None:
    from rich.table import Table

    from ..importers.merge import FIELD_LABELS

    if not result.changes:
        return
    table = Table(title=f"{target} 的指标变化", title_justify="left")
    for header in ("行", "指标", "名称", "项目", "原值", "新值", "说明"):
        table.add_column(header, overflow="fold")
    previous = None
    for change in result.changes:
        first = (change.row, change.id) != previous
        previous = (change.row, change.id)
        table.add_row(
            str(change.row) if first else "",
            (change.id + ("（新增）" if change.added else "")) if first else "",
            change.name if first else "",
            FIELD_LABELS.get(change.field, change.field),
            "" if change.old is None else str(change.old),
            str(change.new),
            change.note,
        )
    console.print(table)


def _change_line(change: Any) -> str:
    from ..importers.merge import FIELD_LABELS

    label = FIELD_LABELS.get(change.field, change.field)
    old = "（无）" if change.old is None else str(change.old)
    added = "（新增）" if change.added else ""
    note = f"（{change.note}）" if change.note else ""
    return (
        f"第 {change.row} 行 {change.id}{added} {change.name} {label}：{old} → {change.new}{note}"
    )
