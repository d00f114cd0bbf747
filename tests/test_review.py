"""``build --review``: proofreading findings as Word comments anchored on their spans."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn

from workreport.api import make_draft
from workreport.markup import parse
from workreport.review import review_annotations
from workreport.styles import load_profile
from workreport.tree import Annotation, Paragraph
from workreport.write.docx import write_docx

MARKUP = """% 示例街道2022年工作情况

# 2022年工作情况

**经济运行稳中有进**，全面贯彻落实落实党的二十大精神,推动【待补充：产值】发展。
"""


def commented_text(paragraph: docx.text.paragraph.Paragraph, comment_id: str) -> str:
    """The text between a comment's range start and end marks in ``paragraph``."""
    inside, text = False, []
    for element in paragraph._p.iter():
        tag = element.tag.rsplit("}", 1)[-1]
        if (
            tag in ("commentRangeStart", "commentRangeEnd")
            and element.get(qn("w:id")) == comment_id
        ):
            inside = tag == "commentRangeStart"
        elif tag == "t" and inside:
            text.append(element.text or "")
    return "".join(text)


def test_annotations_come_from_lint_and_point_at_their_span() -> None:
    document = parse(MARKUP)
    notes = review_annotations(document)
    paragraph = next(i for i, b in enumerate(document.blocks) if isinstance(b, Paragraph))
    spans = {(n.block, document.blocks[n.block].text[n.start : n.end]) for n in notes}
    assert (paragraph, "落实落实") in spans
    assert (paragraph, ",") in spans
    assert all("leftover.placeholder" not in n.text for n in notes)
    assert any(n.text.startswith("词语重复：“落实落实”（dup.word）建议：") for n in notes)


def test_writer_anchors_comments_on_the_spans(tmp_path: Path) -> None:
    document = parse(MARKUP)
    block = next(i for i, b in enumerate(document.blocks) if isinstance(b, Paragraph))
    text = document.blocks[block].text
    start = text.index("落实落实")
    notes = [
        Annotation(block, start, start + 4, "词语重复"),
        Annotation(block, 0, 2, "开头"),
        Annotation(block, text.index("【"), text.index("】") + 1, "占位"),
    ]
    out = tmp_path / "review.docx"
    out.write_bytes(write_docx(document, load_profile(), annotations=notes))
    reopened = docx.Document(str(out))
    assert [(c.author, c.text) for c in reopened.comments] == [
        ("workreport 审校", "开头"),
        ("workreport 审校", "词语重复"),
        ("workreport 审校", "占位"),
    ]
    paragraph = next(p for p in reopened.paragraphs if p.text.startswith("经济运行"))
    assert paragraph.text == text  # ranges and reference marks add no text
    assert commented_text(paragraph, "1") == "落实落实"
    assert commented_text(paragraph, "0") == "经济"
    assert commented_text(paragraph, "2") == "【待补充：产值】"
    # bold of the lead survives the cut at offset 2
    assert paragraph.runs[0].bold and paragraph.runs[0].text == "经济"


@pytest.mark.parametrize("notes", [[], [Annotation(0, 0, 1, "x")]])
def test_no_comments_part_without_annotations_on_paragraphs(
    tmp_path: Path, notes: list[Annotation]
) -> None:
    out = tmp_path / "plain.docx"
    # block 0 is the title: annotations only anchor on headings and paragraphs
    out.write_bytes(write_docx(parse(MARKUP), load_profile(), annotations=notes))
    assert len(docx.Document(str(out)).comments) == 0


def test_review_of_the_sample_draft_is_quiet_but_not_empty(demo_project: Path) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("坚持稳字当头。", "坚持稳字当头当头。"),
        encoding="utf-8",
    )
    notes = review_annotations(make_draft(path).document)
    assert [n.text.split("（")[0] for n in notes] == ["词语重复：“当头当头”"]


def _with_slips(project: Path) -> Path:
    path = project / "inputs" / "demo" / "2022.yaml"
    text = path.read_text(encoding="utf-8").replace("坚持稳字当头。", "坚持稳字当头当头,推进。")
    path.write_text(text, encoding="utf-8")
    return path


def test_build_review_through_the_cli(demo_project: Path) -> None:
    import subprocess
    import sys

    _with_slips(demo_project)
    done = subprocess.run(
        [sys.executable, "-c", "from workreport.cli import main; main()", "build", "inputs/demo/2022.yaml", "-o", "r.docx", "--review"],
        cwd=demo_project, capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "校对意见 2 条，数字来源 5 处，已作为批注写入草稿" in done.stdout
    comments = docx.Document(str(demo_project / "r.docx")).comments
    proofreading = [c.text for c in comments if not c.text.startswith(("指标：", "目标："))]
    assert [text.split("（")[0] for text in proofreading] == [
        "词语重复：“当头当头”",
        "中文语境中使用了半角“,”",
    ]
    figures = [c.text for c in comments if c.text.startswith("指标：")]
    assert len(figures) == 3 and all("来源：" in text and "2022.yaml:" in text for text in figures)
    targets = [c.text for c in comments if c.text.startswith("目标：")]
    assert targets == [
        "目标：力争地区生产总值增长6%以上；数据文件：inputs/demo/2022.yaml:19",
        "目标：居民消费价格涨幅控制在3%以内；数据文件：inputs/demo/2022.yaml:20",
    ]


def test_batch_review_and_libreoffice_reads_the_comments(
    demo_project: Path, tmp_path: Path
) -> None:
    from tests.conftest import require_program
    from workreport.batch import build_many
    from workreport.pdf import to_pdf

    require_program("soffice")
    _with_slips(demo_project)
    outcomes = build_many(
        [demo_project / "inputs" / "demo" / "2022.yaml"], tmp_path / "out", review=True, workers=1
    )
    assert [o.error for o in outcomes] == [None]
    draft = next((tmp_path / "out").glob("*.docx"))
    assert (
        len(docx.Document(str(draft)).comments) == 2 + 5
    )  # proofreading, then one per figure and target
    pdf = to_pdf([draft], tmp_path)[0]
    assert pdf.stat().st_size > 1000
