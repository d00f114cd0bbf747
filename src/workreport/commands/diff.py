"""``workreport diff``: source report + draft → how faithfully the draft reproduces the source."""

from __future__ import annotations

from pathlib import Path

import click


@click.command("diff")
@click.argument("source", type=click.Path(path_type=Path))
@click.argument("draft", type=click.Path(path_type=Path))
@click.option(
    "--min-similarity",
    type=click.FloatRange(0, 1),
    default=0.98,
    show_default=True,
    help="与 --check 一起使用：字符相似度的下限。",
)
@click.option(
    "--check",
    is_flag=True,
    help="标题块、工作情况与工作谋划的划分或标题层级不一致、数字不全、"
    "相似度低于下限时以退出码 1 结束。",
)
def command(source: Path, draft: Path, min_similarity: float, check: bool) -> None:
    """比较 DRAFT 与原报告 SOURCE：标题块、工作情况与工作谋划、标题层级、数字、字符。

    \b
    SOURCE 是原报告（.txt 或 .docx）；DRAFT 是生成的草稿（.docx），也可以直接给出
    数据文件（.yaml），在内存中生成草稿后比较，这时还比较工作情况与工作谋划的划分。
    标题块是第一个标题之前的各行（标题、副标题、署名、称呼、开头语），逐行比较。
    标点全角半角、标题序号写法、原文删节（****）与【待补充】视为相同。
    """
    from ..importers.fidelity import compare
    from ..importers.sources import read_document

    result = compare(read_document(source), read_document(draft))
    click.echo(f"原文：{source}")
    click.echo(f"草稿：{draft}")
    for line in result.describe():
        click.echo(line)
    if check and not result.passed(min_similarity):
        click.echo(
            "未达到要求：标题块、工作情况与工作谋划的划分和标题层级一致、数字召回 100%、"
            f"字符相似度不低于 {min_similarity:.0%}。"
        )
        raise click.exceptions.Exit(1)
