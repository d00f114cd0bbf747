"""``workreport highlights``: an input's headline figures → 数读 (.docx and text) and 一图读懂."""

from __future__ import annotations

from pathlib import Path

import click

from ..errors import Location, WriteError
from .options import templates_option


@click.command("highlights")
@click.argument("input_file", metavar="INPUT", type=click.Path(path_type=Path, dir_okay=False))
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="“数读”的 Word 文件；不指定时为当前文件夹的“数读<单位简称><年份>.docx”。",
)
@click.option(
    "--image",
    is_flag=True,
    help="同时画“一图读懂”：手机竖屏用的 PNG（宽 1080 像素）和 A4 的 PDF，放在 Word 文件旁边。",
)
@click.option("--force", is_flag=True, help="覆盖已有的同名文件。")
@templates_option
def command(
    input_file: Path, output: Path | None, image: bool, force: bool, templates: tuple[Path, ...]
) -> None:
    """把数据文件 highlights 中选定的数字写成“数读”：一份 Word 文件，屏幕上另输出可直接粘贴的文字。

    \b
    数据文件中这样选：
      highlights:
        - {indicator: industrial_output, caption: 规上工业产值创历史新高}
    加 --image 再画一张“一图读懂”。样子（颜色、字体、每行几张卡片）可在
    templates/<单位>/infographic.yaml 中修改。
    """
    from ..api import atomic_write, highlights, make_draft
    from ..write.highlights import highlights_docx

    result = highlights(input_file, templates=templates)
    if not result.figures:
        raise WriteError(
            "数据文件中没有选定要突出的数字（highlights）",
            at=Location(str(input_file)),
            hint="在数据文件中加上 highlights: [{indicator: 指标id, caption: 一行说明}]。",
        )
    draft = make_draft(input_file, templates=templates)
    target = output or Path(f"{result.heading}{result.year}.docx")
    files: dict[Path, bytes] = {target: highlights_docx(result, draft.profile)}
    if image:
        from ..write.infographic import draw, load_look

        picture = draw(result, load_look(draft.template_dirs))
        stem = target.with_name(f"一图读懂{target.stem.removeprefix('数读')}")
        files[stem.with_suffix(".png")] = picture.png
        files[stem.with_suffix(".pdf")] = picture.pdf
    existing = [path for path in files if path.exists()]
    if existing and not force:
        raise WriteError(
            "已有同名文件，没有覆盖",
            at=Location(str(existing[0])),
            hint="换一个文件名（-o），或加 --force 覆盖。",
        )
    for path, data in files.items():
        atomic_write(path, data)
        click.echo(f"已写出：{path}", err=True)
    missing = [item.caption for item in result.figures if item.missing]
    if missing:
        click.echo(f"还有 {len(missing)} 个数字待补充：{'、'.join(missing)}", err=True)
    click.echo(result.text(), nl=False)
