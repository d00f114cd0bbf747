"""``workreport figures``: an input → the figure check sheet (数据核对表) as .xlsx, .csv or JSON."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Location, WriteError
from .options import templates_option


@click.command("figures")
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="写到这个文件；不指定时写到当前文件夹的“<单位><年份>年数据核对表.xlsx”"
    "（json 输出到屏幕）。",
)
@click.option(
    "--format",
    "output_format",
    type=click.Choice(["xlsx", "csv", "json"]),
    default=None,
    help="xlsx（默认，或按 -o 的扩展名）、csv（UTF-8，Excel 可直接打开）、json。",
)
@click.option("--force", is_flag=True, help="覆盖已有的同名文件。")
@templates_option
def command(
    input_file: Path,
    output: Path | None,
    output_format: str | None,
    force: bool,
    templates: tuple[Path, ...],
) -> None:
    """列出草稿中的每个数字：指标、数值、单位、上年数值、增速、来源，以及它在草稿中的位置。

    \b
    另外列出：定义了却没有引用的指标、正文中直接写出的数字、与指标数据不一致的数字。
    表格冻结了表头、设好了列宽和筛选，“来源”为空的单元格标成黄色，便于与统计部门逐项核对。
    \b
    例：
      workreport figures inputs/<单位>/2022.yaml -o 数据核对表.xlsx
      workreport figures inputs/<单位>/2022.yaml --format json
    """
    from .. import figuresheet
    from ..api import atomic_write, figures, read_input

    chosen = output_format or (output.suffix.lower().lstrip(".") if output is not None else "xlsx")
    if chosen not in figuresheet.FORMATS:
        raise click.BadParameter(f"不认识的扩展名“{chosen}”：可用 .xlsx、.csv、.json。")
    records = figures(input_file, templates=templates)
    if chosen == "json" and output is None:
        click.echo(figuresheet.to_json(records), nl=False)
        return
    report = read_input(input_file)[1]
    title = f"{report.unit.name}{report.year}年数据核对表"
    target = output or Path(f"{title}.{chosen}")
    if target.exists() and not force:
        raise WriteError(
            "已有同名文件，没有覆盖（其中可能有核对时记下的内容）",
            at=Location(str(target)),
            hint="换一个文件名（-o），或加 --force 覆盖。",
        )
    if chosen == "xlsx":
        data = figuresheet.to_xlsx(records, title=title)
    elif chosen == "csv":
        data = figuresheet.to_csv(records)
    else:
        data = figuresheet.to_json(records).encode("utf-8")
    atomic_write(target, data)
    cited = sum(1 for r in records if r.kind == "引用")
    unsourced = sum(1 for r in records if r.kind == "引用" and not r.source)
    click.echo(f"已写出：{target}（引用的数字 {cited} 处，未注明来源 {unsourced} 处）")
    others = {
        kind: sum(1 for r in records if r.kind == kind)
        for kind in ("未引用", "直接写出", "数值不一致")
    }
    shown = "，".join(f"{kind} {count} 处" for kind, count in others.items() if count)
    if shown:
        click.echo(f"另有：{shown}，见表中“类别”一列。")
