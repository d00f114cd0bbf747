"""``workreport extract``: last year's report (.docx/.txt) → ``inputs/<unit>/<year>.yaml``."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from ..errors import WorkreportError, WriteError
from ..importers import SourceError

if TYPE_CHECKING:
    from ..importers.textform import Dropped


@click.command("extract")
@click.argument("report", type=click.Path(path_type=Path))
@click.option(
    "-o",
    "--output",
    required=True,
    type=click.Path(path_type=Path, dir_okay=False),
    help="要写出的数据文件，如 inputs/<单位>/2022.yaml。",
)
@click.option("--year", type=click.IntRange(1949, 2100), help="回顾的年份；默认从报告中识别。")
@click.option("--unit", "unit_name", help="单位名称，如“××街道”；默认从报告中识别。")
@click.option(
    "--kind",
    type=click.Choice(["review", "plan"]),
    help="报告没有部分标题时，说明它是工作情况（review）还是工作谋划（plan）。",
)
@click.option("--force", is_flag=True, help="覆盖已存在的数据文件。")
@click.option("--verify", is_flag=True, help="提取后生成草稿并与原报告比较（同 workreport diff）。")
@click.option("--show-dropped", is_flag=True, help="逐行列出略去的网页或版面内容。")
def command(
    report: Path,
    output: Path,
    year: int | None,
    unit_name: str | None,
    kind: str | None,
    force: bool,
    verify: bool,
    show_dropped: bool,
) -> None:
    """从已有报告 REPORT（.docx 或 .txt）提取数据文件。

    \b
    识别标题块（标题、副标题、日期、署名、称呼、开头语）、标题层级（一、（一）1.（1），
    包括标题接正文）、一是二是、引领句、各部分（工作回顾、谋划/计划/安排、五年目标、
    政府自身建设等）及单位、年份；网页和 PDF 复制来的文字按标点重新分段，网页栏目、
    页码、页眉略去并列出。带单位、有名称的数字写成指标，用 {{ ind.id }} 引用；
    原文删节（****）写成 {{ todo("原文删节") }}。生成的文件可直接 check、build。
    """
    from ..importers.extract import extract, to_yaml

    if output.exists() and not force:
        raise WriteError(f"“{output}”已存在。", hint="换一个文件名，或加 --force 覆盖。")
    named = int(output.stem) if output.stem.isdigit() and len(output.stem) == 4 else None
    result = extract(report, year=year, unit_name=unit_name, kind=kind, fallback_year=named)  # type: ignore[arg-type]
    found = result.data["year"]
    if named is not None and found != named:
        raise SourceError(
            f"报告回顾的是 {found} 年（谋划的是 {found + 1} 年），数据文件却叫 {output.name}。",
            hint=f"改写到 {output.with_name(f'{found}.yaml')}；"
            f"确需写成 {named} 年时加 --year {named}。",
        )
    _write_checked(output, to_yaml(result), force=force)
    gaps = str(result.data).count('todo("原文删节")')
    click.echo(f"已提取：{output}（{len(result.indicators)} 个指标，{gaps} 处原文删节）")
    _echo_dropped(result.dropped, show_dropped)
    for note in result.notes:
        click.echo(f"提示：{note}")
    if verify:
        from ..importers.fidelity import compare
        from ..importers.sources import read_draft

        fidelity = compare(result.source, read_draft(output))
        for line in fidelity.describe():
            click.echo(line)
        if not fidelity.passed():
            raise click.exceptions.Exit(1)


MAX_DROPPED_SHOWN = 12
"""Dropped lines listed one by one; the rest are counted."""


def _echo_dropped(dropped: tuple[Dropped, ...], show_all: bool) -> None:
    """Say what was left out as page chrome, so that nothing disappears silently."""
    if not dropped:
        return
    click.echo(f"已略去 {len(dropped)} 行网页或版面内容（不属于报告正文）：")
    shown = dropped if show_all else dropped[:MAX_DROPPED_SHOWN]
    for item in shown:
        text = item.text if len(item.text) <= 40 else item.text[:40] + "……"
        click.echo(f"  第 {item.line} 行（{item.reason}）：{text}")
    if len(dropped) > len(shown):
        rest = len(dropped) - len(shown)
        click.echo(f"  ……另有 {rest} 行，可加 --show-dropped 全部列出。")


def _write_checked(output: Path, text: str, *, force: bool = False) -> None:
    """Write ``text`` only once it has been built into a draft: a file that does not build is
    never left behind. Without ``force`` an existing file (even one made meanwhile) is kept."""
    from ..api import make_draft
    from ..safewrite import temp_name, write_bytes

    data = text.encode("utf-8")
    trial = output.parent / (temp_name() + ".yaml")  # beside it: relative template paths work
    write_bytes(trial, data, exclusive=True)
    try:
        try:
            make_draft(trial)
        except WorkreportError as exc:
            raise WorkreportError(
                f"提取结果无法生成草稿：{exc.message}",
                hint="请用 --debug 重试并报告这个问题，附上原报告。",
            ) from exc
        write_bytes(output, data, exclusive=not force)
    finally:
        trial.unlink(missing_ok=True)
