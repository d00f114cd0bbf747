"""``workreport lint``: .txt / .docx / .yaml files → proofreading findings, optionally fixed."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .. import lint
from ..errors import Location, WorkreportError
from .options import format_option

if TYPE_CHECKING:
    from ..safewrite import Snapshot


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
@click.option(
    "--profile",
    type=click.Choice(["default", "strict"]),
    default=None,
    help="校对档位：default 只报编辑一定会改的问题；strict 再加上国家标准中的建议"
    "（如引号之间的顿号、阿拉伯数字后的“千”“百”）。不写时用单位词表文件夹里 settings.yaml 的设置。",
)
@click.option("--list-rules", is_flag=True, help="列出规则的编号、级别和说明。")
@click.option(
    "--rules-dir",
    "rules_dirs",
    multiple=True,
    type=click.Path(path_type=Path, file_okay=False),
    help="单位自己的词表文件夹（如 inputs/<单位>/lint），补充内置词表；可多次指定。",
)
@click.option(
    "--last-year",
    type=click.Path(path_type=Path, dir_okay=False),
    help="去年的数据文件（.yaml）或报告（.docx、.txt）：找出与去年几乎相同的段落和没有变化的数字。"
    "检查 .yaml 时默认用同一文件夹里上一年的文件。",
)
@click.option(
    "--year",
    type=int,
    help="报告回顾的年份（.txt、.docx），用于检查过时的提法；不写则取标题中的年份。",
)
@click.option(
    "--similarity",
    type=click.FloatRange(0.5, 1.0),
    default=0.85,
    show_default=True,
    help="与去年的段落相同到多少（不计年份和数字）算作照抄。",
)
def command(
    files: tuple[Path, ...],
    output_format: str,
    select: tuple[str, ...],
    ignore: tuple[str, ...],
    fix: bool,
    in_place: bool,
    profile: str | None,
    list_rules: bool,
    rules_dirs: tuple[Path, ...],
    last_year: Path | None,
    year: int | None,
    similarity: float,
) -> None:
    """检查工作报告（.txt、.docx，或 .yaml 生成的草稿）的标点、用字、数字和残留问题。

    同一原因的问题合成一行，列出其余位置。网页残留（按钮、来源、信息公开表）整块报告一处，
    其中的空格和符号不逐处报告，--fix 也不改动它们。
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
    data_dirs = tuple(str(d) for d in rules_dirs)
    try:
        lint.load_data(data_dirs)  # a bad word list is one error, not one per file
        settings = lint.read_settings(data_dirs)
    except WorkreportError as exc:
        click.echo(exc.render(excerpt=False), err=True)
        click.get_current_context().exit(2)
    options = _Options(
        select or settings.select,
        (*settings.ignore, *ignore),
        data_dirs,
        "strict" if (profile or settings.profile) == "strict" else "default",
        last_year,
        year,
        similarity,
    )
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
        for group in lint.group_by_cause(findings):
            click.echo(lint.format_group(group))
        click.echo(lint.summary_line(findings, len(files) - unreadable, unreadable))
    click.get_current_context().exit(2 if unreadable else 1 if findings else 0)


@dataclass(frozen=True)
class _Options:
    """Rule selection and word-list folders, the same for every file of one run."""

    select: Sequence[str]
    ignore: Sequence[str]
    data_dirs: tuple[str, ...]
    profile: lint.Profile
    last_year: Path | None
    year: int | None
    similarity: float

    def lint(self, text: str, source: str, *, draft: bool = False) -> list[lint.Finding]:
        return lint.lint_text(
            text,
            source=source,
            select=self.select,
            ignore=self.ignore,
            data_dirs=self.data_dirs,
            profile=self.profile,
            draft=draft,
        )


def _draft_text(path: Path) -> str:
    """A YAML input's draft as text; the build pipeline loads only when one is given."""
    from ..api import draft_text

    return draft_text(path)


def _lint_one(path: Path, options: _Options, *, fix: bool, in_place: bool) -> list[lint.Finding]:
    """Findings for one file; with ``fix``, those left in the corrected text once it is written."""
    before = _snapshot(path) if in_place else None  # an edit saved meanwhile is never lost
    source = lint.read_source(path, _draft_text)
    found = options.lint(source.text, source.label, draft=source.draft)
    found += _year_findings(path, options)
    if not fix:
        return found
    if in_place and not source.editable:
        raise lint.LintInputError(
            "只能原地修正完好的纯文本文件（如 .txt）",
            at=Location(str(path)),
            hint="去掉 --in-place，修正结果会另存一份（.fixed.txt）。",
        )
    fixed, count = lint.fix_text(source.text, found)
    target = path if in_place else lint.fixed_path(path)
    target, note = _write_fixed(target, fixed, source.encoding, in_place=in_place, expect=before)
    click.echo(f"{path}：已修正 {count} 处，写入 {target}{note}", err=True)
    return options.lint(fixed, str(target), draft=source.draft)


def _year_findings(path: Path, options: _Options) -> list[lint.Finding]:
    """The cross-year checks (copied paragraphs, unchanged figures, outdated wording)."""
    from ..api import year_check

    found = year_check(
        path, last_year=options.last_year, year=options.year, threshold=options.similarity
    )
    return [
        f for f in found if lint.selected(f.rule_id, select=options.select, ignore=options.ignore)
    ]


def _snapshot(path: Path) -> Snapshot | None:
    from ..safewrite import read_with_snapshot

    try:
        return read_with_snapshot(path)[1]
    except OSError:
        return None  # reading it again reports the problem in its own words


def _write_fixed(
    target: Path, text: str, encoding: str, *, in_place: bool, expect: Snapshot | None = None
) -> tuple[Path, str]:
    """Write a corrected text; a copy never replaces an earlier one (``X.fixed（2）.txt``).

    In place, the file is not written when it changed since ``expect`` was taken.
    """
    from ..safewrite import ExistsError, write_text

    if in_place:
        write_text(target, text, encoding, expect=expect)
        return target, ""
    candidate = target
    for number in range(2, 1000):
        try:
            write_text(candidate, text, encoding, exclusive=True)
        except ExistsError:
            candidate = target.with_name(f"{target.stem}（{number}）{target.suffix}")
            continue
        return candidate, "" if candidate == target else f"（“{target.name}”已存在，没有改动）"
    write_text(candidate, text, encoding, exclusive=True)  # raises: say that it exists
    return candidate, ""
