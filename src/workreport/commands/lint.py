"""``workreport lint``: .txt / .docx / .yaml files → proofreading findings, optionally fixed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import click

from .. import lint
from ..errors import Location, WorkreportError
from .options import format_option


@click.command("lint")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@format_option
@click.option(
    "--select",
    multiple=True,
    metavar="PREFIX",
    help="只检查编号以此开头的规则，如 punct、dup.word；可多次指定或用逗号分隔。",
)
@click.option(
    "--ignore",
    multiple=True,
    metavar="PREFIX",
    help="不检查编号以此开头的规则；可多次指定或用逗号分隔。",
)
@click.option(
    "--fix",
    is_flag=True,
    help="修正能安全修正的问题，另存为 X.fixed.txt（X.docx 存为 X.docx.fixed.txt）。",
)
@click.option("--in-place", is_flag=True, help="修正并直接改写 .txt 原文件（.docx 不支持）。")
@click.option("--list-rules", is_flag=True, help="列出规则的编号、级别和说明。")
@click.option(
    "--rules-dir",
    "rules_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="单位自己的词表文件夹（如 inputs/<单位>/lint），补充内置词表；可多次指定。",
)
def command(
    files: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    in_place: bool,
    list_rules: bool,
    rules_dirs: tuple[Path, ...],
) -> None:
    """检查工作报告（.txt、.docx，或 .yaml 生成的草稿）的标点、用字、数字和残留问题。

    发现问题时退出码为 1，没有问题为 0，有文件无法读取时为 2。
    """
    if list_rules:
        rules = lint.select_rules(select=select, ignore=ignore)
        click.echo(
            lint.rules_to_json(rules) if output_format == "json" else lint.format_rules(rules)
        )
        return
    if not files:
        raise click.UsageError("请给出要检查的文件（或用 --list-rules 查看规则）。")
    options = _Options(select, ignore, tuple(str(d) for d in rules_dirs))
    try:
        lint.load_data(options.data_dirs)  # a bad word list is one error, not one per file
    except WorkreportError as exc:
        click.echo(exc.render(excerpt=False), err=True)
        click.get_current_context().exit(2)
    findings: list[lint.Finding] = []
    unreadable = 0
    for path in files:
        try:
            findings += _lint_one(path, options, fix=fix or in_place, in_place=in_place)
        except WorkreportError as exc:
            click.echo(exc.render(excerpt=False), err=True)
            unreadable += 1
    if output_format == "json":
        click.echo(lint.findings_to_json(findings))
    else:
        for finding in findings:
            click.echo(lint.format_finding(finding))
        click.echo(lint.summary_line(findings, len(files) - unreadable, unreadable))
    click.get_current_context().exit(2 if unreadable else 1 if findings else 0)


@dataclass(frozen=True)
class _Options:
    """Rule selection and word-list folders, the same for every file of one run."""

    select: Sequence[str]
    ignore: Sequence[str]
    data_dirs: tuple[str, ...]

    def lint(self, text: str, source: str, *, draft: bool = False) -> list[lint.Finding]:
        return lint.lint_text(
            text,
            source=source,
            select=self.select,
            ignore=self.ignore,
            data_dirs=self.data_dirs,
            draft=draft,
        )


def _lint_one(path: Path, options: _Options, *, fix: bool, in_place: bool) -> list[lint.Finding]:
    """Findings for one file; with ``fix``, those left in the corrected text once it is written."""
    source = lint.read_source(path)
    found = options.lint(source.text, source.label, draft=source.draft)
    if not fix:
        return found
    if in_place and not source.editable:
        raise lint.LintInputError(
            "只能原地修正完好的纯文本文件（如 .txt）",
            at=Location(str(path)),
            hint="去掉 --in-place，修正结果会另存一份（.fixed.txt）。",
        )
    target = path if in_place else lint.fixed_path(path)
    fixed, count = lint.fix_text(source.text, found)
    lint.write_text_atomic(target, fixed, source.encoding)
    click.echo(f"{path}：已修正 {count} 处，写入 {target}", err=True)
    return options.lint(fixed, str(target), draft=source.draft)
