"""``workreport new``: unit key, name and year → the unit's first input file and template folder."""

from __future__ import annotations

from pathlib import Path

import click

from ..scaffold import NewUnit, create_unit


@click.command("new")
@click.argument("unit")
@click.option("--name", required=True, help="单位全称，如 ××街道。")
@click.option("--year", required=True, type=int, help="回顾的年份，如 2023（谋划的是下一年）。")
@click.option("--level", default="街道", show_default=True, help="层级：街道、镇、乡、区、县……")
@click.option("--short-name", help="简称；默认为全称去掉层级，如 ××。")
@click.option("--parent", help="上级，如 ××市。")
@click.option(
    "-C",
    "--project",
    type=click.Path(path_type=Path, file_okay=False),
    default=Path("."),
    help="项目文件夹（inputs/ 和 templates/ 所在处）；默认当前文件夹。",
)
def command(
    unit: str,
    name: str,
    year: int,
    level: str,
    short_name: str | None,
    parent: str | None,
    project: Path,
) -> None:
    """为新单位建立 inputs/UNIT/<年份>.yaml 和 templates/UNIT/。

    UNIT 是单位的文件夹名，如 shili。已有的文件不会被改动。

    数据文件带有逐项的中文注释，不改也能生成草稿，未填的地方显示为【待补充】。

    \b
    例：workreport new shili --name 示例街道 --year 2023
    """
    new = NewUnit(unit, name, year, level=level, short_name=short_name, parent=parent)
    written = create_unit(project, new)
    for path in written:
        click.echo(f"已创建：{path}")
    click.echo(f"下一步：按注释填写 {written[0]}，然后运行 workreport build {written[0]}")
