"""Per-unit customisation without touching src/: outline, template lookup, style, title block.

All on a made-up unit (样例镇); the layout is checked in the written .docx.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from workreport.api import build, make_draft
from workreport.errors import InputError, ProfileError
from workreport.scaffold import NewUnit, create_unit

UNIT = """\
unit: {name: 样例镇, level: 镇}
year: 2024
indicators:
  gdp: {name: 地区生产总值, value: 52.3, unit: 亿元, previous: 50}
review:
  intro: 总述。
  targets:
    - {indicator: gdp, growth: 4}
  sections:
    - {title: 稳经济, paragraphs: [{lead: 抓项目, text: 项目落地。}]}
    - {title: 惠民生, intro: 民生导语。, paragraphs: [民生段落。]}
  closing: 此外，其他工作进一步加强。
  problems: [{text: 短板仍然存在。}]
plan:
  intro: 谋划总述。
  requirements: 总体要求。
  targets:
    - {indicator: gdp, growth: 5}
  sections:
    - {title: 强基工程, items: [{lead: 强化理论导航, text: 继续坚持。}]}
    - {title: 拼经济工程, intro: 拼经济导语。, items: [{lead: 做强制造业, text: 立足优势。}]}
"""


def project(tmp_path: Path, text: str = UNIT) -> Path:
    path = tmp_path / "inputs" / "yangli" / "2024.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def headings(path: Path, **kwargs: object) -> list[str]:
    draft = make_draft(path, **kwargs)  # type: ignore[arg-type]
    return [f"{b.number}{b.text}" for b in draft.document.blocks if hasattr(b, "number")]


def paragraphs(path: Path) -> list[str]:
    return [line for line in make_draft(path).markup.splitlines() if line and line[0] not in "#%"]


def test_default_outline_is_review_then_plan_with_every_block(tmp_path: Path) -> None:
    path = project(tmp_path)
    assert headings(path) == ["一、2024年工作情况", "（一）稳经济", "（二）惠民生",
                              "二、2025年工作谋划", "（一）强基工程", "（二）拼经济工程"]  # fmt: skip
    assert paragraphs(path) == [
        "总述。",
        "年度主要目标完成情况：地区生产总值增长4.6%，超额完成年度目标。",
        "**抓项目**，项目落地。", "民生导语。", "民生段落。",
        "此外，其他工作进一步加强。",
        "在肯定成绩的同时，我们也清醒地看到，工作中还存在一些问题和不足：一是短板仍然存在。",
        "谋划总述。", "总体要求。", "主要预期目标是：力争地区生产总值增长5%以上。",
        "**强化理论导航**。继续坚持。", "拼经济导语。", "**做强制造业**。立足优势。",
    ]  # fmt: skip


def test_outline_renames_reorders_and_drops(tmp_path: Path) -> None:
    path = project(tmp_path, UNIT + (
        "outline:\n"
        "  - part: plan\n    title: \"{{ next_year }}年工作安排\"\n"
        "    blocks: [targets, sections]\n"
        "  - part: review\n    title: \"{{ year }}年工作回顾\"\n"
        "    blocks: [sections, intro]\n"
    ))  # fmt: skip
    assert headings(path) == ["一、2025年工作安排", "（一）强基工程", "（二）拼经济工程",
                              "二、2024年工作回顾", "（一）稳经济", "（二）惠民生"]  # fmt: skip
    assert paragraphs(path) == [
        "主要预期目标是：力争地区生产总值增长5%以上。",
        "**强化理论导航**。继续坚持。", "拼经济导语。", "**做强制造业**。立足优势。",
        "**抓项目**，项目落地。", "民生导语。", "民生段落。", "总述。",
    ]  # fmt: skip


def test_outline_can_split_a_part_and_leave_a_part_untitled(tmp_path: Path) -> None:
    path = project(tmp_path, UNIT + (
        "outline:\n"
        "  - {part: review, title: '', blocks: [intro, sections]}\n"
        "  - {part: review, title: 存在的问题, blocks: [problems]}\n"
    ))  # fmt: skip
    assert headings(path) == ["一、稳经济", "二、惠民生", "三、存在的问题"]
    assert paragraphs(path)[-1].startswith("在肯定成绩的同时")
    assert "谋划总述。" not in paragraphs(path)  # the plan is not in the outline


def test_outline_part_without_data_is_skipped(tmp_path: Path) -> None:
    text = UNIT[: UNIT.index("plan:")] + "outline: [{part: review}, {part: plan}]\n"
    assert headings(project(tmp_path, text))[0] == "一、2024年工作情况"
    assert headings(project(tmp_path, text))[-1] == "（二）惠民生"


@pytest.mark.parametrize(
    ("outline", "message"),
    [
        (
            "[{part: plan, blocks: [intro, problems]}]",
            "可选：intro、requirements、targets、sections、closing",
        ),
        ("[{part: appendix}]", "outline 中的部分“appendix”不存在"),
        ("[{part: review, blocks: [intro, summary]}]", "“summary”不是可选的值"),
    ],
)
def test_bad_outline_is_a_located_input_error(tmp_path: Path, outline: str, message: str) -> None:
    path = project(tmp_path, UNIT + f"outline: {outline}\n")
    with pytest.raises(InputError) as info:
        make_draft(path)
    assert message in info.value.render()
    assert info.value.at is not None and info.value.at.line == UNIT.count("\n") + 1


def test_targets_can_follow_a_sections_intro(tmp_path: Path) -> None:
    text = UNIT.replace("{title: 拼经济工程,", "{title: 拼经济工程, with_targets: true,")
    text = text.replace("{title: 稳经济,", "{title: 稳经济, with_targets: true,")
    lines = [x for x in make_draft(project(tmp_path, text)).markup.splitlines() if x]
    review_goal = "年度主要目标完成情况：地区生产总值增长4.6%，超额完成年度目标。"
    plan_goal = "主要预期目标是：力争地区生产总值增长5%以上。"
    assert lines.count(review_goal) == 1 and lines.count(plan_goal) == 1
    # no section intro: right under the heading; with one: after it
    assert lines[lines.index("## 稳经济") + 1] == review_goal
    assert lines[lines.index("## 拼经济工程") + 1 : lines.index("## 拼经济工程") + 3] == [
        "拼经济导语。",
        plan_goal,
    ]


def test_template_lookup_order(tmp_path: Path) -> None:
    path = project(tmp_path)
    extra = tmp_path / "mine"
    places = {
        "extra": extra,
        "unit": tmp_path / "templates" / "yangli",
        "default": tmp_path / "templates" / "default",
    }
    for name, folder in places.items():
        folder.mkdir(parents=True)
        (folder / "targets.md.j2").write_text(f"{name}：{{{{ targets | join('；') }}}}\n", "utf-8")

    def targets_line() -> str:
        markup = make_draft(path, templates=[extra]).markup
        return next(x for x in markup.splitlines() if "力争地区生产总值" in x)

    assert targets_line() == "extra：力争地区生产总值增长5%以上"
    (extra / "targets.md.j2").unlink()
    assert targets_line() == "unit：力争地区生产总值增长5%以上"
    (places["unit"] / "targets.md.j2").unlink()
    assert targets_line() == "default：力争地区生产总值增长5%以上"
    (places["default"] / "targets.md.j2").unlink()
    assert targets_line() == "主要预期目标是：力争地区生产总值增长5%以上。"


def test_unit_style_override_shows_up_in_the_docx(tmp_path: Path) -> None:
    path = project(tmp_path)
    style = tmp_path / "templates" / "yangli" / "style.yaml"
    style.parent.mkdir(parents=True)
    style.write_text(
        "grid: {line_pitch_pt: 29}\n"
        "roles:\n  body: {font: 方正仿宋_GBK}\n  heading1: {font: 方正黑体_GBK, size_pt: 16}\n"
        "page: {left_mm: 27}\n"
        "page_number: {position: center}\n",
        encoding="utf-8",
    )
    document = docx.Document(str(build(path, tmp_path / "out.docx").output))
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing == Pt(29)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正仿宋_GBK"
    assert normal.font.size == Pt(16)  # only the font was overridden; the size stays 3 号
    heading1 = document.styles["Heading 1"]
    assert heading1.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正黑体_GBK"
    assert abs(document.sections[0].left_margin - Mm(27)) < Mm(0.1)
    footer = document.sections[0].footer.paragraphs[0]
    assert footer._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "center"


def test_templates_folder_style_wins_over_the_units(tmp_path: Path) -> None:
    path = project(tmp_path)
    unit_style = tmp_path / "templates" / "yangli" / "style.yaml"
    unit_style.parent.mkdir(parents=True)
    unit_style.write_text("grid: {line_pitch_pt: 29}\nroles: {body: {font: 楷体}}\n", "utf-8")
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "style.yaml").write_text("grid: {line_pitch_pt: 28.95}\n", encoding="utf-8")
    profile = make_draft(path, templates=[mine]).profile
    assert profile.grid.line_pitch_pt == 28.95 and profile.roles.body.font == "楷体"


@pytest.mark.parametrize(
    ("style", "message"),
    [
        ("grid: {line_pitch_pt: 5}\n", "样式设置“grid.line_pitch_pt”无效：数值 5 应大于 10。"),
        ("page: {widthmm: 200}\n", "样式设置“page.widthmm”无效：没有这一项，检查键名。"),
        ("roles: {body: {bold: 是}}\n", "样式设置“roles.body.bold”无效：应当是 true 或 false"),
    ],
)
def test_bad_unit_style_is_named_in_chinese(tmp_path: Path, style: str, message: str) -> None:
    path = project(tmp_path)
    unit_style = tmp_path / "templates" / "yangli" / "style.yaml"
    unit_style.parent.mkdir(parents=True)
    unit_style.write_text(style, encoding="utf-8")
    with pytest.raises(ProfileError) as info:
        make_draft(path)
    assert message in info.value.render()
    assert str(unit_style) in info.value.render()


def test_title_block_stage_issuer_and_date(tmp_path: Path) -> None:
    text = UNIT.replace("year: 2024\n", "year: 2024\nstage: 征求意见稿\nissuer: 样例镇人民政府\n"
                        "date: 2025-01-06\n")  # fmt: skip
    document = docx.Document(str(build(project(tmp_path, text), tmp_path / "t.docx").output))
    block = [(p.style.style_id, p.text) for p in document.paragraphs[:4]]
    assert block == [
        ("Title", "样例镇2024年工作情况\n和2025年工作谋划"),
        ("Subtitle", "（征求意见稿）"),
        ("Subtitle", "样例镇人民政府"),
        ("Subtitle", "（2025年1月6日）"),
    ]


def test_stage_can_be_left_out(tmp_path: Path) -> None:
    draft = make_draft(project(tmp_path, UNIT.replace("year: 2024\n", "year: 2024\nstage:\n")))
    assert draft.markup.splitlines()[:2] == ["% 样例镇2024年工作情况和2025年工作谋划", ""]
    assert draft.default_filename() == "样例镇2024年工作情况和2025年工作谋划.docx"


def test_new_units_commented_outline_works_when_uncommented(tmp_path: Path) -> None:
    [source, *_] = create_unit(tmp_path, NewUnit("yangli", "样例镇", 2024, level="镇"))
    lines = source.read_text(encoding="utf-8").splitlines(keepends=True)
    start = next(i for i, x in enumerate(lines) if x.startswith("# outline:"))
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("#"))
    lines[start:end] = [x.removeprefix("# ") for x in lines[start:end]]
    source.write_text("".join(lines), encoding="utf-8")
    draft = make_draft(source)
    numbered = [f"{b.number}{b.text}" for b in draft.document.blocks if hasattr(b, "number")]
    assert numbered[0] == "一、2024年工作回顾" and "二、2025年工作安排" in numbered
    plan = draft.markup.split("# 2025年工作安排", 1)[1]
    assert plan.strip().startswith("主要预期目标是：")  # targets first, as the example says
    assert "在肯定成绩的同时" not in draft.markup  # problems left out
