"""Options several commands share, defined once so their names and help stay the same."""

from __future__ import annotations

from pathlib import Path

import click

templates_option = click.option(
    "-t",
    "--templates",
    "templates",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="优先使用的模板文件夹，可多次指定。",
)

strict_option = click.option(
    "--strict", is_flag=True, help="还有【待补充】内容时报错，不生成草稿。"
)

format_option = click.option(
    "--format",
    "output_format",
    type=click.Choice(["text", "json"]),
    default="text",
    show_default=True,
    help="text 给人看，每条一行；json 给编辑器和其他程序读取。",
)
