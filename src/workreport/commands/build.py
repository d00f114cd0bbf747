"""``workreport build``: input YAML → .docx draft."""

from __future__ import annotations

from pathlib import Path

import click

from ..api import build


@click.command("build")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="输出的 .docx 文件；默认用报告标题命名，写在当前文件夹。",
)
@click.option(
    "-t",
    "--templates",
    "templates",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="优先使用的模板文件夹，可多次指定。",
)
@click.option("--strict", is_flag=True, help="还有【待补充】内容时报错，不生成草稿。")
def command(
    input_path: Path, output: Path | None, templates: tuple[Path, ...], strict: bool
) -> None:
    """根据 INPUT（inputs/<单位>/<年份>.yaml）生成 Word 草稿。"""
    result = build(input_path, output, templates=templates, strict=strict)
    click.echo(f"已生成：{result.output}")
    count = len(result.placeholders)
    if count:
        click.echo(f"还有 {count} 处【待补充】内容，已在草稿中用黄色标出。")
    else:
        click.echo("没有待补充的内容。")
