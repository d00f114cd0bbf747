"""``workreport watch``: input YAML, its templates and style → a draft rebuilt on every save.

The first build runs at once; after that each save of the input (or of last year's file,
which figures are compared with), of a template or of a ``style.yaml`` rebuilds the draft in
the same process, so a rebuild skips start-up and takes a few hundredths of a second. A
mistake prints its located message and the watch goes on; Ctrl+C ends it.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from pathlib import Path

import click

from .options import strict_option, templates_option

Echo = Callable[..., None]
READY_AFTER_MS = 300
"""How often the watch wakes when nothing changes; the first wake-up announces it is ready."""


@click.command("watch")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="输出的 .docx 文件；默认用报告标题命名，写在当前文件夹。",
)
@templates_option
@strict_option
def command(
    input_path: Path, output: Path | None, templates: tuple[Path, ...], strict: bool
) -> None:
    """保存即重新生成：INPUT、它的模板或样式文件一有改动，就重新生成草稿。按 Ctrl+C 结束。"""
    watch(input_path, output, templates, strict)


def watch(
    input_path: Path,
    output: Path | None = None,
    templates: tuple[Path, ...] = (),
    strict: bool = False,
    *,
    stop_event: threading.Event | None = None,
    echo: Echo = click.echo,
) -> int:
    """Build, then rebuild after every relevant change until Ctrl+C or ``stop_event``.

    Returns the number of builds attempted. Errors in a build are printed, never raised,
    except a missing input at the start.
    """
    from watchfiles import watch as changes_of

    from ..errors import InputError

    if not input_path.is_file():
        raise InputError(f"找不到输入文件“{input_path}”。", hint="检查文件名和所在文件夹是否正确。")
    builds = 1
    _rebuild(input_path, output, templates, strict, echo, first=True)
    watching = False
    try:
        for changes in changes_of(
            *_folders(input_path, templates),
            watch_filter=lambda _change, path: _relevant(Path(path), input_path, templates),
            stop_event=stop_event,
            raise_interrupt=True,
            rust_timeout=READY_AFTER_MS,
            yield_on_timeout=True,  # the first (empty) yield says the watch is in place
        ):
            if not watching:
                watching = True
                echo(f"正在监视“{input_path}”及其模板和样式文件，保存即重新生成；按 Ctrl+C 结束。")
            if not changes:
                continue
            names = "、".join(sorted({Path(path).name for _, path in changes}))
            echo(f"{time.strftime('%H:%M:%S')} {names} 已修改")
            builds += 1
            _rebuild(input_path, output, templates, strict, echo, first=False)
    except KeyboardInterrupt:
        pass
    echo("已停止监视。")
    return builds


def _rebuild(
    input_path: Path,
    output: Path | None,
    templates: tuple[Path, ...],
    strict: bool,
    echo: Echo,
    *,
    first: bool,
) -> None:
    from ..api import build
    from ..errors import WorkreportError
    from ..render import clear_caches
    from ..styles import clear_profile_cache

    # Every rebuild reads styles and templates afresh: a template added to a folder earlier in
    # the search path must replace the one compiled before (the disk cache keeps compiling cheap).
    clear_profile_cache()
    clear_caches()
    started = time.perf_counter()
    try:
        result = build(input_path, output, templates=templates, strict=strict)
    except WorkreportError as exc:
        echo(exc.render(), err=True)
        echo("改正后保存，会再次生成。", err=True)
        return
    seconds = time.perf_counter() - started
    count = len(result.placeholders)
    todo = f"，还有 {count} 处【待补充】" if count else ""
    verb = "已生成" if first else "已重新生成"
    echo(f"{verb}：{result.output}（{seconds:.2f} 秒{todo}）")


def _template_dirs(input_path: Path, templates: tuple[Path, ...]) -> list[Path]:
    from ..render import template_dirs, unit_key

    return template_dirs(input_path, unit_key(input_path), list(templates))


def _folders(input_path: Path, templates: tuple[Path, ...]) -> list[Path]:
    """Folders to watch: the project the input belongs to (so a new ``templates/<unit>/``
    is noticed too), the ``-t`` folders and the built-in templates and style."""
    from ..render import BUILTIN_TEMPLATES, project_root
    from ..styles import DEFAULT_PROFILE

    folders = [project_root(input_path), *templates, BUILTIN_TEMPLATES, DEFAULT_PROFILE.parent]
    unique: list[Path] = []
    for folder in (Path(f).resolve() for f in folders):
        if folder.is_dir() and not any(folder.is_relative_to(u) for u in unique):
            unique = [u for u in unique if not u.is_relative_to(folder)] + [folder]
    return unique


def _relevant(path: Path, input_path: Path, templates: tuple[Path, ...]) -> bool:
    """Whether a change to ``path`` can change the draft of ``input_path``."""
    from ..styles import DEFAULT_PROFILE

    path = path.resolve()
    source = input_path.resolve()
    if path.parent == source.parent and path.suffix == source.suffix:
        # the input itself, or last year's file its figures are compared with
        return path.stem == source.stem or (
            source.stem.isdigit() and path.stem == str(int(source.stem) - 1)
        )
    if path == DEFAULT_PROFILE.resolve():
        return True
    from ..render import project_root, unit_key

    roots = _template_dirs(input_path, templates)
    roots.append(project_root(input_path) / "templates" / unit_key(input_path))  # may be new
    roots = [root.resolve() for root in roots]
    if path.is_dir():  # a template folder copied in: its files may have no events of their own
        return any(root.is_relative_to(path) or path.is_relative_to(root) for root in roots)
    if path.suffix != ".j2" and path.name != "style.yaml":
        return False
    return any(path.is_relative_to(root) for root in roots)
