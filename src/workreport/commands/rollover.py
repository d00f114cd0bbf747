"""``workreport rollover``: this year's input YAML → next year's, ready to fill in."""

from __future__ import annotations

from pathlib import Path

import click

from ..rollover import rollover


@click.command("rollover")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="写到哪个文件；默认与 INPUT 同一文件夹，文件名为下一年，如 2023.yaml。",
)
def command(input_path: Path, output: Path | None) -> None:
    """由 INPUT（今年的 inputs/<单位>/<年份>.yaml）生成下一年的数据文件。

    \b
    单位、指标定义和注释照旧；今年的数值移到 previous，新数值留空；
    今年定下的主要目标成为明年逐项写明“完成”“未完成”的依据；
    今年工作谋划的各项成为明年工作情况的框架（标题作提示，内容待补充）。
    已有的文件不会被覆盖。
    """
    target = rollover(input_path, output)
    click.echo(f"已生成：{target}")
    click.echo("指标的数值已移到 previous，新的数值待填；工作情况已按工作谋划搭好框架。")
    click.echo(f"下一步：填好数据后运行 workreport build {target}")
