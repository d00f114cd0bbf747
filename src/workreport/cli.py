"""Command line → library calls. Each command lives in ``commands/`` and is imported only when run.

This module is the single catch point: a :class:`~workreport.errors.WorkreportError` is printed
as its Chinese message and ends the process with its exit code (2 for bad input); ``--debug``
re-raises it with the traceback instead.
"""

from __future__ import annotations

import atexit
import errno
import gc
import importlib
import importlib.util
import re
import sys
from typing import NoReturn

import click

COMMANDS = {
    "new": ("workreport.commands.new", "为新单位建立数据文件和模板文件夹"),
    "check": ("workreport.commands.check", "检查数据和模板，不生成文件"),
    "build": ("workreport.commands.build", "生成 Word 草稿"),
    "watch": ("workreport.commands.watch", "保存即重新生成草稿"),
    "preview": ("workreport.commands.preview", "在浏览器里预览草稿的页面，保存即更新"),
    "lint": ("workreport.commands.lint", "校对草稿或已有报告"),
    "rollover": ("workreport.commands.rollover", "由今年的数据生成明年的数据文件"),
    "import-indicators": ("workreport.commands.import_indicators", "从 Excel/CSV 导入指标"),
    "extract": ("workreport.commands.extract", "从已有报告（.docx/.txt）提取数据文件"),
    "diff": ("workreport.commands.diff", "比较草稿与原报告的还原程度"),
    "figures": ("workreport.commands.figures", "列出草稿中的每个数字，生成数据核对表"),
    "highlights": ("workreport.commands.highlights", "数读与一图读懂：突出几个数字"),
    "schema": ("workreport.commands.schema", "输出数据文件的 JSON Schema（供编辑器补全）"),
}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use, so ``--help`` stays fast."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return [name for name in COMMANDS if _available(name)]

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS or not _available(name):
            return None
        module = importlib.import_module(COMMANDS[name][0])
        command: click.Command = module.command
        return command

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        rows = [(name, COMMANDS[name][1]) for name in self.list_commands(ctx)]
        with formatter.section("命令"):
            formatter.write_dl(rows)


def _available(name: str) -> bool:
    return importlib.util.find_spec(COMMANDS[name][0]) is not None


CONTEXT_SETTINGS = {"help_option_names": ["-h", "--help"]}


@click.group(cls=LazyGroup, context_settings=CONTEXT_SETTINGS)
@click.version_option(package_name="workreport", message="workreport %(version)s")
@click.option("--debug", is_flag=True, help="出错时显示完整的 Python 调用栈（供开发者排查）。")
@click.option(
    "--limit",
    "limit_pairs",
    multiple=True,
    metavar="NAME=VALUE",
    help="放宽（或收紧）一项读取或渲染限制，如 text_mb=50；可多次指定。见 README 的“限制”。",
)
@click.pass_context
def cli(ctx: click.Context, debug: bool, limit_pairs: tuple[str, ...]) -> None:
    """workreport：用 YAML 数据和模板生成街道、镇、区年度工作报告的 Word 草稿。

    \b
    常用：
      workreport build inputs/<单位>/2022.yaml      生成草稿
      workreport lint 草稿.docx                      校对
    """
    ctx.obj = {"debug": debug}
    if limit_pairs:
        from . import limits

        try:
            limits.apply(limit_pairs)
        except ValueError as exc:
            raise click.BadParameter(str(exc), param_hint="--limit") from None


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: runs the group and turns every outcome into a message and exit code.

    0 success, 1 warnings or findings (``check``, ``lint``), 2 bad input, 70 an internal error,
    130 interrupted. Only ``--debug`` shows a Python traceback.
    """
    from .errors import WorkreportError

    # Objects alive at exit are frozen, so the interpreter's final collection skips them: it
    # would spend tens of milliseconds tearing down what the process is about to drop anyway.
    atexit.register(gc.freeze)
    if argv is None:
        _utf8_file_names()
    _safe_streams()
    debug = "--debug" in (argv if argv is not None else sys.argv[1:])
    try:
        code = cli.main(args=argv, prog_name="workreport", standalone_mode=False)
    except WorkreportError as exc:
        if debug:
            raise
        click.echo(exc.render(), err=True)
        sys.exit(exc.exit_code)
    except (click.exceptions.Abort, KeyboardInterrupt):
        click.echo("已取消。", err=True)
        sys.exit(130)
    except click.UsageError as exc:
        click.echo(_usage_message(exc), err=True)
        sys.exit(exc.exit_code)
    except click.ClickException as exc:
        click.echo(f"错误：{_chinese(exc.format_message())}", err=True)
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
    except OSError as exc:
        if debug or exc.filename is None:
            raise
        # The system refused a file (a name too long, a full disk, no permission): the
        # environment's doing, said in Chinese with the file's name.
        reason = _OS_REASONS.get(exc.errno or 0, exc.strerror or str(exc))
        click.echo(f"错误：无法访问“{exc.filename}”：{reason}。", err=True)
        sys.exit(2)
    except Exception as exc:
        if debug:
            raise
        click.echo(
            f"内部错误：{type(exc).__name__}: {exc}\n"
            "这不是输入的问题，而是 workreport 自身的缺陷。请加 --debug 重新运行，"
            "把完整输出发给维护者。",
            err=True,
        )
        sys.exit(70)
    # With standalone_mode=False click returns ``ctx.exit(code)``'s code instead of exiting.
    sys.exit(code if isinstance(code, int) else 0)


_OS_REASONS = {
    errno.ENAMETOOLONG: "文件名太长（一般不能超过 255 字节，约 85 个汉字）",
    errno.ENOSPC: "磁盘空间不足",
    errno.EACCES: "没有权限",
    errno.EPERM: "没有权限",
    errno.EROFS: "磁盘是只读的",
    errno.ENOENT: "文件或文件夹不存在",
    errno.EISDIR: "这是一个文件夹",
}


# Click's own messages are English; the people who run workreport read Chinese.
_CLICK_MESSAGES: tuple[tuple[re.Pattern[str], str], ...] = tuple(
    (re.compile(pattern), chinese)
    for pattern, chinese in (
        (r"^No such command '(.+)'\.$", r"没有“\1”这个命令。"),
        (r"^No such option:? '?([^' ]+)'?\.?$", r"没有 \1 这个选项。"),
        (
            r"^No such option:? '?([^' ]+)'?\.? Did you mean '?([^' ?]+)'?\?$",
            r"没有 \1 这个选项，是否想写 \2？",
        ),
        (r"^Missing argument '(.+)'\.$", r"缺少参数 \1。"),
        (r"^Missing option '(.+)'\.$", r"缺少选项 \1。"),
        (r"^Option '(.+)' requires an argument\.$", r"选项 \1 后面要写一个值。"),
        (r"^Got unexpected extra arguments? \((.+)\)$", r"多了参数：\1。"),
        (r"^Invalid value for '([^']+)': (.+)$", r"\1 的值无效：\2"),
        (r"^Invalid value for (.+?): (.+)$", r"\1 的值无效：\2"),
        (r"^Path '(.+)' does not exist\.$", r"找不到“\1”。"),
        (r"^File '(.+)' does not exist\.$", r"找不到文件“\1”。"),
        (r"^Directory '(.+)' does not exist\.$", r"找不到文件夹“\1”。"),
        (r"^File '(.+)' is a directory\.$", r"“\1”是文件夹，不是文件。"),
        (r"^Directory '(.+)' is a file\.$", r"“\1”是文件，不是文件夹。"),
        (r"^'(.+)' is not a valid integer\.$", r"“\1”不是整数。"),
        (r"^'(.+)' is not one of (.+)\.$", r"“\1”不在可选值 \2 之中。"),
        (r"^'(.+)' is not (?:a valid )?(?:one of )?(.+)\.$", r"“\1”不是 \2。"),
        (r"^(.+) is not in the range (.+)\.$", r"\1 超出允许的范围（\2）。"),
    )
)


def _chinese(message: str) -> str:
    """Click's message in Chinese where it is one of the known ones; else unchanged.

    Nested messages (``Invalid value for 'INPUT': Path 'x' does not exist.``) are translated
    from the inside out.
    """
    for pattern, chinese in _CLICK_MESSAGES:
        match = pattern.match(message)
        if match:
            result = chinese
            for index, group in enumerate(match.groups(), start=1):
                result = result.replace(f"\\{index}", _chinese(group))
            return result
    return message


def _usage_message(exc: click.UsageError) -> str:
    command = exc.ctx.command_path if exc.ctx else "workreport"
    return f"错误：{_chinese(exc.format_message())}\n运行“{command} --help”查看用法。"


def _utf8_file_names() -> None:
    """Under a C/POSIX locale with UTF-8 mode off, file names can only be ASCII, and every
    draft's name is Chinese: run again in UTF-8 mode, the encoding Linux file names use."""
    import codecs
    import os

    if os.name != "posix" or sys.flags.utf8_mode:
        return
    if codecs.lookup(sys.getfilesystemencoding()).name != "ascii":
        return
    argv = getattr(sys, "orig_argv", None)
    if argv:
        os.execv(sys.executable, [sys.executable, "-X", "utf8", *argv[1:]])


def _safe_streams() -> None:
    """A console that cannot show Chinese (GBK is fine, ASCII is not) gets escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
