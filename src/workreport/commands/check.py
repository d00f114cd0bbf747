"""``workreport check``: input YAML files (and the templates they use) → located messages.

Writes nothing. Prints one message per problem, ``FILE:LINE:COL: 错误：… 建议：…`` with the
offending line and a caret, or a JSON list for tools (``--format json``). Exit status: 0 when
clean, 1 when there are only warnings (such as placeholders left), 2 when there are errors.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import click

from .options import format_option, templates_option


@click.command("check")
@click.argument(
    "inputs", metavar="INPUT...", nargs=-1, required=True, type=click.Path(path_type=Path)
)
@templates_option
@format_option
def command(inputs: tuple[Path, ...], templates: tuple[Path, ...], output_format: str) -> None:
    """检查 INPUT（数据文件或文件夹）及其用到的模板，不生成任何文件。

    \b
    退出码：0 没有问题；1 只有警告（如还有【待补充】）；2 有错误。
    """
    from ..api import check
    from ..errors import InputWarning, WorkreportError

    problems: list[WorkreportError] = []
    files: list[Path] = []
    for path in inputs:
        try:
            files += _expand(path)
        except WorkreportError as exc:
            problems.append(exc)
    for path in files:
        problems += check(path, templates=templates).problems
    errors = sum(not isinstance(p, InputWarning) for p in problems)
    warnings = len(problems) - errors
    if output_format == "json":
        click.echo(
            json.dumps([p.to_dict() for p in problems], ensure_ascii=_ascii_only(), indent=2)
        )
    else:
        for problem in problems:
            click.echo(problem.render())
        click.echo(_summary(len(files), errors, warnings))
    click.get_current_context().exit(2 if errors else 1 if warnings else 0)


def _expand(path: Path) -> list[Path]:
    """A folder stands for the year files in it (as for ``build``); a file for itself."""
    if not path.is_dir():
        return [path]
    from ..batch import find_inputs

    return find_inputs([path])


def _summary(files: int, errors: int, warnings: int) -> str:
    if not errors and not warnings:
        return f"检查了 {files} 个文件，没有发现问题。"
    return f"检查了 {files} 个文件：{errors} 个错误，{warnings} 个警告。"


def _ascii_only() -> bool:
    """Escape Chinese in JSON unless stdout is UTF-8: escaped JSON is valid in any console."""
    encoding = (getattr(sys.stdout, "encoding", None) or "ascii").lower().replace("_", "-")
    return encoding not in ("utf-8", "utf8")
