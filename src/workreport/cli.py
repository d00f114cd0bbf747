"""Command line → library calls. Each command lives in ``commands/`` and is imported only when run.

This module is the single catch point: a :class:`~workreport.errors.WorkreportError` is printed
as its Chinese message and ends the process with its exit code (2 for bad input); ``--debug``
re-raises it with the traceback instead.
"""

from __future__ import annotations

import atexit
import gc
import importlib
import importlib.util
import sys
from typing import NoReturn

import click

COMMANDS = {
    "new": ("workreport.commands.new", "为新单位建立数据文件和模板文件夹"),
    "check": ("workreport.commands.check", "检查数据和模板，不生成文件"),
    "build": ("workreport.commands.build", "生成 Word 草稿"),
    "watch": ("workreport.commands.watch", "保存即重新生成草稿"),
    "lint": ("workreport.commands.lint", "校对草稿或已有报告"),
    "rollover": ("workreport.commands.rollover", "由今年的数据生成明年的数据文件"),
    "import-indicators": ("workreport.commands.import_indicators", "从 Excel/CSV 导入指标"),
    "extract": ("workreport.commands.extract", "从已有报告（.docx/.txt）提取数据文件"),
    "diff": ("workreport.commands.diff", "比较草稿与原报告的还原程度"),
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
@click.pass_context
def cli(ctx: click.Context, debug: bool) -> None:
    """workreport：用 YAML 数据和模板生成街道、镇、区年度工作报告的 Word 草稿。

    \b
    常用：
      workreport build inputs/<单位>/2022.yaml      生成草稿
      workreport lint 草稿.docx                      校对
    """
    ctx.obj = {"debug": debug}


def main(argv: list[str] | None = None) -> NoReturn:
    """Console entry point: runs the group and turns every outcome into a message and exit code.

    0 success, 1 warnings or findings (``check``, ``lint``), 2 bad input, 70 an internal error,
    130 interrupted. Only ``--debug`` shows a Python traceback.
    """
    from .errors import WorkreportError

    # Objects alive at exit are frozen, so the interpreter's final collection skips them: it
    # would spend tens of milliseconds tearing down what the process is about to drop anyway.
    atexit.register(gc.freeze)
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
    except click.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Exit as exc:
        sys.exit(exc.exit_code)
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


def _safe_streams() -> None:
    """A console that cannot show Chinese (GBK is fine, ASCII is not) gets escapes, not a crash."""
    for stream in (sys.stdout, sys.stderr):
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            reconfigure(errors="backslashreplace")
