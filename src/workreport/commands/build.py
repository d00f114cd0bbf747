"""``workreport build``: input YAML (one file, several, or folders of them) → .docx drafts.

One input file keeps the short output of a single build. A folder or several files are a
batch: built on every core with a progress display, then summed up in a table; a unit that
fails is reported and the others are still built. Heavy modules are imported inside the
command, so ``workreport build --help`` stays instant.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import click

from .options import strict_option, templates_option

if TYPE_CHECKING:
    from ..batch import Outcome


@click.command("build")
@click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path),
    help="一个数据文件时为输出的 .docx 文件；多个文件或文件夹时为输出文件夹。"
    "默认写在当前文件夹，用报告标题命名。",
)
@templates_option
@strict_option
@click.option("--pdf", is_flag=True, help="同时用 LibreOffice 转成 PDF，放在草稿旁边。")
@click.option(
    "--pdf-timeout",
    type=click.FloatRange(min=0, min_open=True),
    default=600,
    show_default=True,
    metavar="秒",
    help="LibreOffice 转换 PDF 最多等待的秒数，超时即停止它。",
)
@click.option("--force", is_flag=True, help="覆盖已被修改过的草稿或别的文件（默认另存新名）。")
@click.option("--review", is_flag=True, help="校对草稿，把每条意见作为 Word 批注标在对应文字上。")
@click.option(
    "-j",
    "--jobs",
    type=click.IntRange(min=1),
    help="批量生成时同时运行的进程数；默认等于 CPU 核数。",
)
def command(
    inputs: tuple[Path, ...],
    output: Path | None,
    templates: tuple[Path, ...],
    strict: bool,
    pdf: bool,
    pdf_timeout: float,
    jobs: int | None,
    force: bool,
    review: bool,
) -> None:
    """根据 INPUT 生成 Word 草稿。

    INPUT 是数据文件（inputs/<单位>/<年份>.yaml），可以写多个；也可以是文件夹（如 inputs/），
    其中每个单位、每一年的数据文件都会生成草稿。
    """
    if pdf:
        from ..pdf import find_soffice

        find_soffice()  # before building anything: say at once that LibreOffice is missing
    single = len(inputs) == 1 and not inputs[0].is_dir()
    if single and output is not None and _is_dir(output) and output.suffix.lower() == ".docx":
        from ..errors import Location, WriteError

        raise WriteError(
            f"“{output}”是一个文件夹，不能把草稿写成这个名字。",
            at=Location(str(output)),
            hint=f"换一个草稿文件名，或写 -o {output / '草稿.docx'} 把草稿放进这个文件夹。",
        )
    batch = len(inputs) > 1 or inputs[0].is_dir() or (output is not None and _is_dir(output))
    if not batch:
        _build_one(inputs[0], output, templates, strict, pdf_timeout if pdf else 0, force, review)
        return
    if output is not None and output.suffix.lower() == ".docx":
        raise click.UsageError("批量生成时 -o 应当是文件夹，草稿在其中按报告标题命名。")
    failed = _build_batch(
        inputs,
        output or Path.cwd(),
        templates,
        strict,
        pdf_timeout if pdf else 0,
        jobs,
        force,
        review,
    )
    if failed:
        from ..errors import WorkreportError

        raise WorkreportError(f"有 {failed} 份未能生成，原因见上。")


def _is_dir(path: Path) -> bool:
    """Whether ``path`` is a folder; False for a name the system refuses (too long), which
    the build then shortens."""
    try:
        return path.is_dir()
    except OSError:
        return False


def _build_one(
    path: Path,
    output: Path | None,
    templates: tuple[Path, ...],
    strict: bool,
    pdf: float,
    force: bool = False,
    review: bool = False,
) -> None:
    """Build one draft; ``pdf`` is the LibreOffice timeout in seconds (0: no PDF)."""
    from ..api import build
    from ..errors import PlaceholderWarning

    result = build(path, output, templates=templates, strict=strict, force=force, review=review)
    if result.notice:
        click.echo(result.notice, err=True)
    for warning in result.warnings:
        if not isinstance(warning, PlaceholderWarning):  # placeholders are counted below
            click.echo(warning.render(), err=True)
    click.echo(f"已生成：{result.output}")
    count = len(result.placeholders)
    if count:
        click.echo(f"还有 {count} 处【待补充】内容，已在草稿中用黄色标出。")
    else:
        click.echo("没有待补充的内容。")
    if review:
        figures = f"，数字来源 {result.figure_comments} 处" if result.figure_comments else ""
        click.echo(
            f"校对意见 {result.comments} 条{figures}，已作为批注写入草稿（作者“workreport 审校”）。"
        )
    if pdf:
        from ..pdf import to_pdf

        click.echo("正在用 LibreOffice 转换 PDF……", err=True)
        click.echo(f"已生成 PDF：{to_pdf([result.output], timeout=pdf)[0]}")


def _build_batch(
    paths: Sequence[Path],
    outdir: Path,
    templates: tuple[Path, ...],
    strict: bool,
    pdf: float,
    jobs: int | None,
    force: bool = False,
    review: bool = False,
) -> int:
    """Build every input found; print progress, the table and the errors. Returns the failures.

    ``pdf`` is the LibreOffice timeout in seconds, 0 for no PDFs."""
    from ..batch import build_many, find_inputs

    files = find_inputs(paths)
    progress = _Progress(sys.stderr.isatty())
    started = time.perf_counter()
    try:
        outcomes = build_many(
            files,
            outdir,
            templates=templates,
            strict=strict,
            force=force,
            review=review,
            workers=jobs,
            on_start=progress.start,
            on_done=progress.advance,
        )
    finally:
        progress.stop()
    elapsed = time.perf_counter() - started
    built = [o for o in outcomes if o.ok]
    footer = (
        f"共 {len(outcomes)} 份：成功 {len(built)} 份，失败 {len(outcomes) - len(built)} 份；"
        f"用时 {elapsed:.2f} 秒（每秒 {len(outcomes) / max(elapsed, 1e-9):.0f} 份）。"
    )
    pdf_problem = None
    if pdf and built:
        from ..pdf import ConversionError

        try:
            outcomes, pdf_note = _convert(outcomes, pdf)
            footer += pdf_note
        except ConversionError as exc:  # LibreOffice stopped: the drafts are still reported
            pdf_problem = exc
    _print_table(outcomes)
    for outcome in outcomes:
        for message in (*outcome.warnings, outcome.notice, outcome.error):
            if message:
                click.echo(message, err=True)
    click.echo(footer)
    if built:
        click.echo(f"草稿在：{Path(outdir).resolve()}")
    if pdf_problem is not None:
        raise pdf_problem
    return sum(not o.ok for o in outcomes)


def _convert(outcomes: list[Outcome], timeout: float) -> tuple[list[Outcome], str]:
    """PDFs for the built drafts in one LibreOffice run; exact page counts from the PDFs."""
    from dataclasses import replace

    from ..pdf import convert, pdf_pages

    started = time.perf_counter()
    click.echo(f"正在用 LibreOffice 转换 {sum(o.ok for o in outcomes)} 份 PDF……", err=True)
    drafts = [o.output for o in outcomes if o.ok and o.output is not None]
    results = iter(convert(drafts, timeout=timeout))
    converted = 0
    updated = []
    for outcome in outcomes:
        if outcome.ok and outcome.output is not None:
            pdf, problem = next(results)
            if pdf is None:
                outcome = replace(outcome, error=f"{outcome.output}: 错误：PDF 转换失败。{problem}")
            else:
                converted += 1
                pages = pdf_pages(pdf)
                if pages is not None:
                    outcome = replace(outcome, pages=pages, pages_exact=True)
        updated.append(outcome)
    seconds = time.perf_counter() - started
    return updated, f"PDF {converted} 份，LibreOffice 用时 {seconds:.1f} 秒。"


class _Progress:
    """A rich progress bar on a terminal; one plain line per finished unit otherwise."""

    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal
        self.total = 0
        self.done = 0
        self.bar: Any = None
        self.task: Any = None

    def start(self, total: int) -> None:
        self.total = total
        if not self.terminal:
            click.echo(f"共 {total} 份数据，开始生成……", err=True)
            return
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeElapsedColumn

        self.bar = Progress(
            "[progress.description]{task.description}",
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            console=Console(stderr=True),
        )
        self.bar.start()
        self.task = self.bar.add_task("生成草稿", total=total)

    def advance(self, outcome: Outcome) -> None:
        self.done += 1
        state = "已生成" if outcome.ok else "失败"
        label = f"{outcome.unit} {outcome.year or ''}".strip()
        if self.bar is not None:
            self.bar.update(self.task, advance=1, description=f"{label} {state}")
        else:
            click.echo(f"[{self.done}/{self.total}] {label}：{state}", err=True)

    def stop(self) -> None:
        if self.bar is not None:
            self.bar.stop()
            self.bar = None


def _print_table(outcomes: list[Outcome]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table

    terminal = sys.stdout.isatty()
    console = Console(highlight=False, width=None if terminal else 160, soft_wrap=False)
    table = Table(box=box.SIMPLE_HEAD if terminal else box.ASCII2, show_edge=terminal)
    # Numbers and units never wrap; on a narrow terminal, file names and errors fold instead.
    for name, wraps in (
        ("单位", False),
        ("文件", True),
        ("页数", False),
        ("待补充", False),
        ("校对提示", False),
        ("错误", True),
    ):
        justify = "right" if name in ("页数", "待补充", "校对提示") else "left"
        table.add_column(name, justify=justify, no_wrap=not wraps, overflow="fold")  # type: ignore[arg-type]
    for o in outcomes:
        pages = "—" if o.pages is None else (str(o.pages) if o.pages_exact else f"≈{o.pages}")
        table.add_row(
            f"{o.unit} {o.year or ''}".strip(),
            o.output.name if o.output and o.ok else "—",
            pages if o.ok else "—",
            str(o.placeholders) if o.ok else "—",
            "—" if o.lint_findings is None or not o.ok else str(o.lint_findings),
            _short_error(o),
            style=None if o.ok else "red",
        )
    console.print(table)


def _short_error(outcome: Outcome) -> str:
    """The first line of the message without the file name (the row already says which)."""
    if outcome.error is None:
        return "—"
    first = outcome.error.splitlines()[0].split(" 建议：")[0]
    for prefix in (str(outcome.input), str(outcome.input.resolve())):
        first = first.removeprefix(prefix).removeprefix(":")
    first = first.replace("错误：", "", 1).strip()
    return first if len(first) <= 50 else first[:49] + "…"
