"""The .docx writer, checked by reopening the file: styles, fonts, page, numbering, footers."""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workreport.api import build
from workreport.write.docx import split_title

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


@pytest.fixture
def demo_docx(demo_project: Path, tmp_path: Path) -> docx.document.Document:
    out = tmp_path / "demo.docx"
    build(demo_project / "inputs" / "demo" / "2022.yaml", out)
    return docx.Document(str(out))


def fonts_of(style: docx.styles.style.BaseStyle) -> dict[str, str | None]:
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    return {k: rfonts.get(qn(f"w:{k}")) for k in ("ascii", "hAnsi", "eastAsia")}


def test_page_setup_follows_gbt9704(demo_docx: docx.document.Document) -> None:
    section = demo_docx.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    margins = [section.top_margin, section.bottom_margin, section.left_margin, section.right_margin]
    assert [round(m.mm) for m in margins] == [37, 35, 28, 26]
    assert abs(section.top_margin - Mm(37)) < Mm(0.1)


@pytest.mark.parametrize(
    ("style_id", "east_asia", "size", "bold"),
    [
        ("Normal", "仿宋_GB2312", 16, False),
        ("Title", "方正小标宋简体", 22, False),
        ("Subtitle", "楷体_GB2312", 16, False),
        ("Heading1", "黑体", 16, False),
        ("Heading2", "楷体_GB2312", 16, False),
        ("Heading3", "仿宋_GB2312", 16, True),
        ("Heading4", "仿宋_GB2312", 16, False),
    ],
)
def test_role_fonts_and_sizes(
    demo_docx: docx.document.Document, style_id: str, east_asia: str, size: int, bold: bool
) -> None:
    style = next(s for s in demo_docx.styles if s.style_id == style_id)
    assert fonts_of(style) == {
        "ascii": "Times New Roman",
        "hAnsi": "Times New Roman",
        "eastAsia": east_asia,
    }
    assert style.font.size == Pt(size)
    assert bool(style.font.bold) is bold
    rfonts = style.element.rPr.find(qn("w:rFonts"))
    assert not [a for a in rfonts.attrib if "Theme" in a], "theme fonts would override eastAsia"


def test_body_paragraph_format(demo_docx: docx.document.Document) -> None:
    normal = demo_docx.styles["Normal"]
    fmt = normal.paragraph_format
    assert fmt.line_spacing == Pt(28)
    assert fmt.line_spacing_rule == docx.enum.text.WD_LINE_SPACING.EXACTLY
    assert fmt.space_before == 0 and fmt.space_after == 0
    ind = normal.element.pPr.find(qn("w:ind"))
    assert ind.get(qn("w:firstLineChars")) == "200"
    assert fmt.alignment == docx.enum.text.WD_ALIGN_PARAGRAPH.JUSTIFY


def test_headings_use_word_styles_with_outline_levels_and_numbering(
    demo_docx: docx.document.Document,
) -> None:
    paragraphs = [
        (p.style.style_id, p.text)
        for p in demo_docx.paragraphs
        if p.style.style_id.startswith("Heading")
    ]
    assert paragraphs == [
        ("Heading1", "2022年工作情况"),
        ("Heading2", "全力以赴稳经济，稳中向好态势不断巩固"),
        ("Heading1", "2023年工作谋划"),
        ("Heading2", "着力聚焦工业兴街，实现高水平高质量发展"),
    ]
    for level in range(1, 5):
        ppr = demo_docx.styles[f"Heading {level}"].element.pPr
        assert ppr.find(qn("w:outlineLvl")).get(qn("w:val")) == str(level - 1)
        assert ppr.find(qn("w:numPr")).find(qn("w:ilvl")).get(qn("w:val")) == str(level - 1)
    numbering = demo_docx.part.numbering_part.element
    levels = numbering.findall(f".//{W}lvl")
    formats = [
        (lv.find(f"{W}numFmt").get(f"{W}val"), lv.find(f"{W}lvlText").get(f"{W}val"))
        for lv in levels
    ]
    assert formats == [
        ("chineseCounting", "%1、"),
        ("chineseCounting", "（%2）"),
        ("decimal", "%3."),
        ("decimal", "（%4）"),
    ]


def test_title_block(demo_docx: docx.document.Document) -> None:
    title = demo_docx.paragraphs[0]
    assert title.style.style_id == "Title"
    assert title.text == "示例街道2022年工作情况\n和2023年工作谋划"
    assert demo_docx.paragraphs[1].style.style_id == "Subtitle"
    assert demo_docx.paragraphs[1].text == "（草稿）"
    assert demo_docx.core_properties.title == "示例街道2022年工作情况和2023年工作谋划"


def test_lead_sentence_is_bold(demo_docx: docx.document.Document) -> None:
    paragraph = next(p for p in demo_docx.paragraphs if p.text.startswith("经济运行稳中有进"))
    assert paragraph.runs[0].text == "经济运行稳中有进，" and paragraph.runs[0].bold
    assert not paragraph.runs[1].bold


def test_placeholders_are_highlighted(demo_docx: docx.document.Document) -> None:
    runs = [r for p in demo_docx.paragraphs for r in p.runs if r.text.startswith("【待补充")]
    assert [r.text for r in runs] == ["【待补充：规上企业】"]
    assert runs[0].font.highlight_color == docx.enum.text.WD_COLOR_INDEX.YELLOW
    assert runs[0].style.style_id == "Placeholder"


def test_page_numbers_outside_with_dashes(demo_docx: docx.document.Document) -> None:
    assert demo_docx.settings.odd_and_even_pages_header_footer
    section = demo_docx.sections[0]
    odd, even = section.footer.paragraphs[0], section.even_page_footer.paragraphs[0]
    for paragraph, align in ((odd, "right"), (even, "left")):
        assert paragraph.text == "— 1 —"
        assert paragraph._p.pPr.find(qn("w:jc")).get(qn("w:val")) == align
        instr = paragraph._p.findall(f".//{W}instrText")
        assert [i.text.strip() for i in instr] == ["PAGE"]
    footer_style = demo_docx.styles["Footer"]
    assert fonts_of(footer_style)["eastAsia"] == "宋体" and footer_style.font.size == Pt(14)


def test_no_cjk_latin_autospace(demo_docx: docx.document.Document) -> None:
    ppr = demo_docx.styles["Normal"].element.pPr
    assert ppr.find(qn("w:autoSpaceDE")).get(qn("w:val")) == "0"


@pytest.mark.parametrize(
    ("title", "lines"),
    [
        ("外海街道2022年工作情况和2023年工作谋划", ["外海街道2022年工作情况", "和2023年工作谋划"]),
        ("西区街道2023年工作谋划", ["西区街道2023年工作谋划"]),
        (
            "中山市西区街道2022年工作总结和2023年工作计划",
            ["中山市西区街道2022年工作总结", "和2023年工作计划"],
        ),
        (
            "江城区2022年工作情况及2023年工作谋划的报告",
            ["江城区2022年工作情况", "及2023年工作谋划的报告"],
        ),
    ],
)
def test_split_title_at_word_boundaries(title: str, lines: list[str]) -> None:
    assert split_title(title, 20) == lines
    assert all(len(line) <= 20 for line in lines)


def test_split_title_never_breaks_inside_a_number() -> None:
    lines = split_title("某某某某某某某某某某某某某某某某2022年工作情况报告", 20)
    assert all("202" not in line or "2022" in line for line in lines)


def test_custom_properties_round_trip(demo_project: Path, tmp_path: Path) -> None:
    from workreport.api import make_draft
    from workreport.write._xml import read_custom_properties
    from workreport.write.docx import write_docx

    draft = make_draft(demo_project / "inputs" / "demo" / "2022.yaml")
    out = tmp_path / "props.docx"
    out.write_bytes(
        write_docx(draft.document, draft.profile, {"workreport-hash": "abc", "单位": "示例"})
    )
    assert read_custom_properties(out) == {"workreport-hash": "abc", "单位": "示例"}
    assert docx.Document(str(out)).paragraphs[0].text.startswith("示例街道")
    assert read_custom_properties(tmp_path / "missing.docx") == {}
