"""``workreport preview``: the draft's pages in the browser, refreshed on every save."""

from __future__ import annotations

import signal
import tempfile
import time
import webbrowser
from pathlib import Path
from typing import TYPE_CHECKING

import click

from .options import templates_option

if TYPE_CHECKING:
    from ..preview.refresh import Preview


@click.command("preview")
@click.argument("input_path", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "--port", type=click.IntRange(0, 65535), default=0, help="端口；默认自动选一个空闲端口。"
)
@click.option("--no-open", is_flag=True, help="不自动打开浏览器，只显示地址。")
@templates_option
def command(input_path: Path, port: int, no_open: bool, templates: tuple[Path, ...]) -> None:
    """在浏览器里看草稿的页面：保存数据文件、去年的文件、模板或样式文件，页面随即更新。

    \b
    页面旁边列出还要处理的【待补充】、检查提示和校对意见，每条写明数据文件的行和所在的页。
    数据写错时在页面上显示错误，保留上一次的页面并标为过时；改正后保存即恢复。
    只在本机（127.0.0.1）可以访问，按 Ctrl+C 结束。
    """
    from watchfiles import watch as changes_of

    from ..errors import InputError
    from ..preview.office import Office
    from ..preview.refresh import Preview
    from ..preview.server import make_server, serve_in_background
    from .watch import _folders, _relevant

    if not input_path.is_file():
        raise InputError(f"找不到输入文件“{input_path}”。", hint="检查文件名和所在文件夹是否正确。")
    # Stopped by the system rather than Ctrl+C, it still stops LibreOffice on the way out.
    signal.signal(signal.SIGTERM, _interrupt)
    with tempfile.TemporaryDirectory(prefix="workreport-preview-") as folder, Office() as office:
        preview = Preview(input_path, templates, office, Path(folder))
        server = make_server(preview, port)
        serve_in_background(server)
        address = f"http://127.0.0.1:{server.server_address[1]}/"
        click.echo(f"预览地址：{address}", err=False)
        if office.missing is not None:
            click.echo(office.missing.render(excerpt=False), err=True)
            click.echo(f"没有页面预览；生成的草稿可在 {address}draft.docx 下载。", err=True)
        elif not office.warm:
            click.echo("没有找到带 uno 模块的 Python：每次更新都要重新启动 LibreOffice，会慢一些。")
        try:
            preview.refresh()
            _report(preview)
            if not no_open:
                webbrowser.open(address)
            for changes in changes_of(
                *_folders(input_path, templates),
                watch_filter=lambda _c, path: _relevant(Path(path), input_path, templates),
                raise_interrupt=True,
            ):
                layout = any(Path(path).name == "style.yaml" for _, path in changes)
                preview.refresh(layout_changed=layout)
                _report(preview)
        except KeyboardInterrupt:
            pass
        finally:
            server.shutdown()
            server.server_close()
    click.echo("预览已停止。")


def _interrupt(signal_number: int, frame: object) -> None:
    raise KeyboardInterrupt


def _report(preview: Preview) -> None:
    state = preview.snapshot()
    stamp = time.strftime("%H:%M:%S")
    if state["error"]:
        click.echo(f"{stamp} 出错，页面保留上一次的结果：\n{state['error']}", err=True)
    else:
        click.echo(
            f"{stamp} 已更新：{len(state['pages'])} 页，重画 {state['drawn']} 页，"
            f"用时 {state['seconds']} 秒，还要处理 {len(state['problems'])} 条。"
        )
