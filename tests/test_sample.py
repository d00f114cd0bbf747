"""The bundled 外海街道 sample, built and reopened: structure, figures, placeholders, PDF."""

from __future__ import annotations

import subprocess
from pathlib import Path

import docx
import pytest

from tests.conftest import require_program
from workreport.api import BuildResult, build
from workreport.pdf import to_pdf

# Every figure the source report's review part states, with its unit. Two are written as the
# layout rules require: 超百亿 → 超100亿元, and 约50.44% loses 约 (no approximation word on a
# precise decimal).
REVIEW_FIGURES = [
    "超400亿元", "104.86亿元", "近70%", "增长35.7%", "50.44%", "60家", "57家", "40%", "70%",
    "78%", "79%", "87%", "超100亿元", "超57%", "2家", "16家", "15人", "111人", "超40人", "5名",
    "904亩", "连续4年", "21项", "30年", "各1只", "6个", "39亩", "77个", "1008个", "22项", "21个",
    "57场次", "32个", "6家",
]  # fmt: skip

REVIEW_TITLES = [
    "坚决有力防疫情，人民生命安全有效保障",
    "全力以赴稳经济，稳中向好态势不断巩固",
    "全域统筹优布局，区域发展更趋均衡协调",
    "用心用情办实事，民生福祉显著增进提升",
    "党建引领深赋能，基层治理基础不断夯实",
    "坚定不移强党建，全面从严治党纵深推进",
]
PLAN_TITLES = [
    "着力聚焦工业兴街，实现高水平高质量发展",
    "着力实施城市更新，推动产城人文深度融合",
    "着力实现规范治理，防范化解重【待补充：原文删节：大安】全风险",
    "着力加强党的建设，为高质量发展提供保障",
]


def body_text(document: docx.document.Document) -> str:
    return "\n".join(p.text for p in document.paragraphs)


def test_heading_tree(sample_build: BuildResult, sample_docx: docx.document.Document) -> None:
    headings = [
        (p.style.style_id, p.text)
        for p in sample_docx.paragraphs
        if p.style.style_id.startswith("Heading")
    ]
    assert headings == [
        ("Heading1", "2022年工作情况"),
        *[("Heading2", t) for t in REVIEW_TITLES],
        ("Heading1", "2023年工作谋划"),
        *[("Heading2", t) for t in PLAN_TITLES],
    ]
    numbered = [
        b.number + b.text for b in sample_build.draft.document.blocks if hasattr(b, "number")
    ]
    assert numbered[0] == "一、2022年工作情况"
    assert numbered[1] == "（一）坚决有力防疫情，人民生命安全有效保障"
    assert numbered[6] == "（六）坚定不移强党建，全面从严治党纵深推进"
    assert numbered[7] == "二、2023年工作谋划"
    assert numbered[11] == "（四）着力加强党的建设，为高质量发展提供保障"


@pytest.mark.parametrize("figure", REVIEW_FIGURES)
def test_every_review_figure_is_present_with_its_unit(
    sample_docx: docx.document.Document, figure: str
) -> None:
    review = body_text(sample_docx).split("\n2023年工作谋划\n")[0]
    assert figure in review


def test_lead_sentences_are_bold(sample_docx: docx.document.Document) -> None:
    paragraph = next(p for p in sample_docx.paragraphs if p.text.startswith("经济运行稳中有进"))
    assert paragraph.runs[0].bold and paragraph.runs[0].text == "经济运行稳中有进，"
    item = next(p for p in sample_docx.paragraphs if p.text.startswith("持续壮大经济基本盘"))
    assert item.runs[0].bold and item.runs[0].text == "持续壮大经济基本盘。"


def test_redactions_are_highlighted_placeholders(
    sample_build: BuildResult, sample_docx: docx.document.Document
) -> None:
    text = body_text(sample_docx)
    assert "*" not in text
    runs = [r for p in sample_docx.paragraphs for r in p.runs if r.text.startswith("【待补充")]
    assert len(runs) == len(sample_build.placeholders) == 81
    assert all(r.font.highlight_color == docx.enum.text.WD_COLOR_INDEX.YELLOW for r in runs)


def test_source_slips_are_not_copied(sample_docx: docx.document.Document) -> None:
    text = body_text(sample_docx)
    assert "落实落实" not in text
    assert not set(",;:()?!") & set(text.replace("1+5+3", "").replace("1+3", ""))


def test_figure_change_in_yaml_reaches_every_citation(tmp_path: Path) -> None:
    project = tmp_path / "inputs" / "waihai"
    project.mkdir(parents=True)
    source = Path(__file__).resolve().parent.parent / "inputs" / "waihai" / "2022.yaml"
    text = source.read_text(encoding="utf-8").replace("value: 104.86", "value: 111.11")
    (project / "2022.yaml").write_text(text, encoding="utf-8")
    result = build(project / "2022.yaml", tmp_path / "out.docx")
    draft = body_text(docx.Document(str(result.output)))
    assert "104.86" not in draft and "规模以上工业增加值111.11亿元" in draft


def test_libreoffice_converts_the_draft(sample_build: BuildResult, tmp_path: Path) -> None:
    require_program("soffice")
    pdftotext = require_program("pdftotext")
    pdf = to_pdf([sample_build.output], tmp_path)[0]
    info = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    pages = int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))
    assert 7 <= pages <= 12
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    flat = "".join(text.split())
    assert "外海街道2022年工作情况" in flat
    # numbering comes from Word's list numbering and shows up in the rendered PDF
    assert "一、2022年工作情况" in flat and "二、2023年工作谋划" in flat
    assert "（六）坚定不移强党建" in flat
    assert "—1—" in flat and "—2—" in flat
    assert "规模以上工业增加值104.86亿元" in flat
