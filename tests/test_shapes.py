"""Shapes of real reports in the yearly YAML, built and reopened: the title block, run-in
headings, inline 一是/二是, tables, skipped levels, further parts and appendices."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import docx
import pytest
from docx.oxml.ns import qn
from docx.text.paragraph import Paragraph as DocxParagraph

from tests.conftest import FIXTURES, require_program
from tests.conftest import run_cli as run
from workreport.api import build, check, draft_text, make_draft
from workreport.errors import MarkupError
from workreport.markup import parse
from workreport.pdf import to_pdf
from workreport.rollover import rollover
from workreport.tree import PLACEHOLDER, Heading, Paragraph, Table, Title
from workreport.write.docx import NOTE_BREAKS, split_title

SHAPES = FIXTURES / "shapes"
BASE = "unit: {name: 样例街道}\nyear: 2024\n"
EVERY = SHAPES / "every_shape.yaml"
GOVERNMENT = SHAPES / "government_report.yaml"


@pytest.fixture(scope="module")
def every_docx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("shapes") / "every.docx"
    build(EVERY, out)
    return out


@pytest.fixture(scope="module")
def every(every_docx: Path) -> docx.document.Document:
    return docx.Document(str(every_docx))


def paragraph_with(document: docx.document.Document, start: str) -> DocxParagraph:
    return next(p for p in document.paragraphs if p.text.startswith(start))


def style_fonts(document: docx.document.Document, style_id: str) -> tuple[str | None, bool]:
    """East Asian font and boldness of a style."""
    style = next(s for s in document.styles if s.style_id == style_id)
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return fonts.get(qn("w:eastAsia")), bool(style.font.bold)


def run_style(run: docx.text.run.Run) -> str | None:
    rpr = run._r.rPr
    found = rpr.find(qn("w:rStyle")) if rpr is not None else None
    return found.get(qn("w:val")) if found is not None else None


def numbering(paragraph: DocxParagraph) -> tuple[str, str] | None:
    """``(numId, ilvl)`` set directly on the paragraph, or None."""
    ppr = paragraph._p.pPr
    num = ppr.find(qn("w:numPr")) if ppr is not None else None
    if num is None:
        return None
    return num.find(qn("w:numId")).get(qn("w:val")), (
        num.find(qn("w:ilvl")).get(qn("w:val")) if num.find(qn("w:ilvl")) is not None else ""
    )


# ---- title block --------------------------------------------------------------------------


def test_title_block_lines_in_gbt9704_form(every: docx.document.Document) -> None:
    paragraphs = every.paragraphs
    assert paragraphs[0].style.style_id == "Title"
    assert paragraphs[0].text == "未央湖街道办事处\n2024年工作报告"  # two lines, one paragraph
    notes = [(p.style.style_id, p.text) for p in paragraphs[1:4]]
    assert notes == [
        ("Subtitle", "——2025年1月8日在未央湖街道居民代表会议上"),
        ("Subtitle", "（2025年1月8日）"),
        ("Subtitle", "街道办事处主任  ×××"),
    ]
    assert style_fonts(every, "Subtitle") == ("楷体_GB2312", False)
    assert paragraphs[4].text == ""  # the empty line between title block and text
    salutation = paragraphs[5]
    assert (salutation.style.style_id, salutation.text) == ("Normal", "各位代表：")
    indent = salutation._p.pPr.find(qn("w:ind"))
    assert (indent.get(qn("w:firstLineChars")), indent.get(qn("w:firstLine"))) == ("0", "0")
    preface = paragraphs[6]
    assert preface.text == "现在，我代表街道办事处，向大会报告工作，请予审议。"
    assert preface._p.pPr.find(qn("w:ind")) is None  # the body's two-character indent
    assert every.core_properties.title == "未央湖街道办事处2024年工作报告"


def test_title_block_of_a_government_report(tmp_path: Path) -> None:
    document = docx.Document(str(build(GOVERNMENT, tmp_path / "gov.docx").output))
    texts = [(p.style.style_id, p.text) for p in document.paragraphs[:6]]
    assert texts == [
        ("Title", "政府工作报告"),
        ("Subtitle", "——2026年1月28日在云南省第十四届\n人民代表大会第四次会议上"),
        ("Subtitle", "省长　王予波"),
        ("Normal", ""),
        ("Normal", "各位代表："),
        ("Normal", "现在，我代表省人民政府，向大会报告工作，请予审议，并请省政协委员提出意见。"),
    ]


@pytest.mark.parametrize(
    ("note", "lines"),
    [
        (
            "——2024年1月10日在重庆市巴南区木洞镇第十九届人民代表大会第四次会议上",
            ["——2024年1月10日在重庆市巴南区木洞镇第十九届", "人民代表大会第四次会议上"],
        ),
        (
            "——2025年1月8日在未央湖街道第三届居民代表大会第二次会议上",
            ["——2025年1月8日在未央湖街道第三届", "居民代表大会第二次会议上"],
        ),
        ("——锚定“首善之区”，建强“四大体系”", ["——锚定“首善之区”，建强“四大体系”"]),
    ],
)
def test_a_long_subtitle_breaks_before_the_congress(note: str, lines: list[str]) -> None:
    assert split_title(note, 28, NOTE_BREAKS) == lines


# ---- run-in headings ----------------------------------------------------------------------


def test_run_in_heading_is_one_paragraph_in_two_fonts(every: docx.document.Document) -> None:
    paragraph = paragraph_with(every, "党建引领持续深化")
    assert paragraph.text == "党建引领持续深化。坚持以党建引领基层治理，实现地区生产总值100亿元。"
    assert paragraph.style.style_id == "Normal"
    heading_runs = [r for r in paragraph.runs if run_style(r) == "RunInHeading2"]
    assert "".join(r.text for r in heading_runs) == "党建引领持续深化。"
    assert paragraph.runs[0].text.startswith("党建") and run_style(paragraph.runs[0])
    body_runs = [r for r in paragraph.runs if run_style(r) is None]
    assert "".join(r.text for r in body_runs).startswith("坚持以党建引领")
    # the heading text in the level's font (楷体), the body in the body font (仿宋)
    assert style_fonts(every, "RunInHeading2") == ("楷体_GB2312", False)
    assert style_fonts(every, "Normal") == ("仿宋_GB2312", False)
    assert style_fonts(every, "RunInHeading3") == ("仿宋_GB2312", True)
    # numbered by the heading list at level 2, not by typed text; kept out of the outline
    assert numbering(paragraph) == ("1", "1")
    assert paragraph._p.pPr.find(qn("w:outlineLvl")) is None


def test_run_in_and_standalone_sections_share_one_count(every: docx.document.Document) -> None:
    review = [
        p for p in every.paragraphs if p.text.startswith(("党建引领", "民生保障", "城市更新提速"))
    ]
    assert [p.style.style_id for p in review] == ["Normal", "Normal", "Heading2"]
    assert [numbering(p) for p in review] == [("1", "1"), ("1", "1"), None]  # Heading2: by style
    heading2 = next(s for s in every.styles if s.style_id == "Heading2")
    ilvl = heading2.element.pPr.find(qn("w:numPr")).find(qn("w:ilvl")).get(qn("w:val"))
    assert ilvl == "1"
    tree = make_draft(EVERY).document
    numbers = [(b.number, b.text, b.run_in) for b in tree.blocks if isinstance(b, Heading)]
    assert numbers[1:4] == [
        ("（一）", "党建引领持续深化", True),
        ("（二）", "民生保障更加有力", True),
        ("（三）", "城市更新提速", False),
    ]


def test_run_in_body_is_the_first_text_a_section_has(tmp_path: Path) -> None:
    path = tmp_path / "2024.yaml"
    path.write_text(
        BASE + "indicators:\n  gdp: {name: 地区生产总值, unit: 亿元}\n"
        "plan:\n  run_in: true\n  targets: [{indicator: gdp, growth: 6}]\n  sections:\n"
        "    - {title: 稳增长, with_targets: true, items: [抓投资。]}\n"
        "    - title: 强项目\n      enumerate: true\n      items: [抓招商。, 抓建设。]\n"
        "    - {title: 优服务, paragraphs: [{table: {rows: [[甲, 乙]]}}, 办实事。]}\n",
        encoding="utf-8",
    )
    lines = draft_text(path).splitlines()
    assert "（一）稳增长。主要预期目标是：力争地区生产总值增长6%以上。" in lines
    assert lines[lines.index("（二）强项目。一是抓招商。") + 1] == "二是抓建设。"
    index = lines.index("（三）优服务。")  # a table cannot run in: the heading stands alone
    assert lines[index + 1 : index + 3] == ["甲\t乙", "办实事。"]


def test_libreoffice_prints_the_numbers_the_tree_gives(every_docx: Path, tmp_path: Path) -> None:
    require_program("soffice")
    pdftotext = require_program("pdftotext")
    source = tmp_path / "every.docx"
    shutil.copy(every_docx, source)
    (pdf,) = to_pdf([source])
    text = subprocess.run(
        [pdftotext, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.replace(" ", "")
    for line in (
        "一、2024年工作回顾",
        "（一）党建引领持续深化。坚持以党建引领",
        "（二）民生保障更加有力。新建社区食堂",
        "（三）城市更新提速",
        "二、2025年工作安排",
        "1.加快项目建设",
        "2.提升治理效能。深化网格化管理。",
        "三、全面加强自身建设",
    ):
        assert line in text, line
    assert "四、" not in text  # the appendix title takes no number
    assert text.index("名词解释") > text.index("再创佳绩")


# ---- paragraphs: inline items, tables -----------------------------------------------------


def test_inline_items_stay_in_one_paragraph(every: docx.document.Document) -> None:
    paragraph = paragraph_with(every, "重点抓了三件事")
    assert (
        paragraph.text == "重点抓了三件事：一是推进党群服务中心建设；二是稳投资，新增市场主体57家。"
    )
    bold = "".join(r.text for r in paragraph.runs if r.bold)
    assert bold == "二是稳投资，"
    plain = paragraph_with(every, "着力做好")
    assert plain.text == "着力做好：完善网格。配强队伍。"  # enumerate: false, own marks kept


def test_tables_keep_their_cells(every: docx.document.Document) -> None:
    first, second = every.tables
    assert [[c.text for c in row.cells] for row in first.rows] == [
        ["指标", "数值"],
        ["地区生产总值", "100亿元"],
        ["增速", "6.5"],
    ]
    assert first.rows[0]._tr.find(qn("w:trPr")) is not None  # repeated header row
    assert [[c.text for c in row.cells] for row in second.rows] == [
        ["人大代表建议", "877件"],
        ["政协提案", "1309件"],
    ]  # no header given: no empty header row either
    assert second.rows[0]._tr.find(qn("w:trPr")) is None


def test_a_sections_items_may_hold_items_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "2024.yaml"
    path.write_text(
        BASE + "plan:\n  sections:\n    - title: 甲\n      enumerate: true\n      items:\n"
        "        - {lead: 抓项目, text: 重点是：, items: [招商, 建设]}\n"
        "        - {text: 目标如下。, table: {rows: [[投资, 10亿元]]}}\n",
        encoding="utf-8",
    )
    document = make_draft(path).document
    texts = [b.text for b in document.blocks if isinstance(b, Paragraph)]
    assert "一是抓项目。重点是：一是招商；二是建设。" in texts
    assert "二是目标如下。" in texts
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert [[c[0].text for c in row] for row in table.rows] == [["投资", "10亿元"]]


def test_a_cell_may_hold_a_pipe(tmp_path: Path) -> None:
    document = parse("% 标题\n\n|  |  |\n| --- | --- |\n| a\\|b | c |\n")
    (table,) = [b for b in document.blocks if isinstance(b, Table)]
    assert table.header == ()
    assert [[c[0].text for c in row] for row in table.rows] == [["a|b", "c"]]


# ---- levels, parts, appendices ------------------------------------------------------------


def test_a_skipped_level_keeps_its_number(every: docx.document.Document) -> None:
    paragraphs = every.paragraphs
    plan = next(i for i, p in enumerate(paragraphs) if p.text == "2025年工作安排")
    assert paragraphs[plan].style.style_id == "Heading1"
    following = paragraphs[plan + 2]
    assert (following.style.style_id, following.text) == ("Heading3", "加快项目建设")
    tree = make_draft(EVERY).document
    headings = [(b.level, b.number + b.text) for b in tree.blocks if isinstance(b, Heading)]
    assert (3, "1.加快项目建设") in headings
    assert (3, "2.提升治理效能") in headings
    assert "struct.heading-order" not in draft_lint(EVERY)


def draft_lint(path: Path) -> str:
    from workreport.lint import lint_text

    return " ".join(f.rule_id for f in lint_text(draft_text(path)))


def test_further_parts_follow_the_outline(tmp_path: Path) -> None:
    tree = make_draft(GOVERNMENT).document
    top = [b.number + b.text for b in tree.blocks if isinstance(b, Heading) and b.level == 1]
    assert top == [
        "一、“十四五”时期和2025年工作回顾",
        "二、“十五五”时期主要目标任务",
        "三、2026年重点工作",
        "名词解释",  # the self-building part is untitled; the appendix is unnumbered
    ]
    text = draft_text(GOVERNMENT)
    assert "（一）现代化产业体系建设取得决定性进展。发展产业才能强省富民" in text
    assert (
        "各位代表！建设人民满意的政府，必须坚持以学铸魂、以学增智、以学正风、以学促干。"
        "要加强政治建设。持续用党的创新理论统一思想、统一意志、统一行动。要加强法治建设。"
    ) in text
    assert text.index("（二）促进消费和投资良性互动") < text.index("建设人民满意的政府")


def test_appendix_starts_a_new_page_with_a_centred_unnumbered_title(
    every: docx.document.Document,
) -> None:
    paragraphs = every.paragraphs
    index = next(i for i, p in enumerate(paragraphs) if p.text == "名词解释")
    title = paragraphs[index]
    breaks = paragraphs[index - 1]._p.findall(".//" + qn("w:br"))
    assert [b.get(qn("w:type")) for b in breaks] == ["page"]
    assert paragraphs[index - 2].text == "各位代表！实干成就未来。让我们团结一心，再创佳绩！"
    assert title.style.style_id == "Heading1"  # in the navigation pane
    assert numbering(title) == ("0", "0")  # but without a number
    assert title._p.pPr.find(qn("w:jc")).get(qn("w:val")) == "center"
    entry = paragraphs[index + 1]
    assert entry.text == "专精特新：指具备专业化、精细化、特色化、新颖化特征的中小企业。"
    assert [r.text for r in entry.runs if r.bold] == ["专精特新："]
    assert paragraphs[index + 2].text == "十五运会：第十五届全国运动会。"


def test_draft_text_shows_every_new_element() -> None:
    lines = draft_text(EVERY).splitlines()
    assert lines[:7] == [
        "未央湖街道办事处",
        "2024年工作报告",
        "——2025年1月8日在未央湖街道居民代表会议上",
        "（2025年1月8日）",
        "街道办事处主任  ×××",
        "各位代表：",
        "现在，我代表街道办事处，向大会报告工作，请予审议。",
    ]
    assert "（一）党建引领持续深化。坚持以党建引领基层治理，实现地区生产总值100亿元。" in lines
    assert "人大代表建议\t877件" in lines
    assert lines[-3:] == [
        "名词解释",
        "专精特新：指具备专业化、精细化、特色化、新颖化特征的中小企业。",
        "十五运会：第十五届全国运动会。",
    ]


# ---- markup ------------------------------------------------------------------------------


def test_run_in_takes_only_the_very_next_line() -> None:
    joined = parse("% 标题\n\n## 甲 {.run-in}\n正文。\n\n另一段。\n").blocks
    assert isinstance(joined[1], Heading) and joined[1].body[0].text == "正文。"
    assert isinstance(joined[2], Paragraph) and joined[2].text == "另一段。"
    apart = parse("% 标题\n\n## 甲 {.run-in}\n\n正文。\n").blocks
    assert isinstance(apart[1], Heading) and apart[1].body == ()
    assert isinstance(apart[2], Paragraph)
    ends = parse("## 甲？ {.run-in}\n正文。\n").blocks[0]
    assert isinstance(ends, Heading) and ends.mark == ""  # ends in its own mark


def test_title_block_markup() -> None:
    title = parse("% 甲\n%+ 乙\n% ——副标题\n\n% 署名\n%: 各位代表：\n\n正文。\n").blocks[0]
    assert title == Title("甲乙", ("——副标题", "署名"), 1, ("甲", "乙"), "各位代表：")
    spaced = parse("% 政 府 工 作 报 告\n").blocks[0]
    assert isinstance(spaced, Title) and spaced.text == "政 府 工 作 报 告"


@pytest.mark.parametrize(
    ("markup", "line", "words"),
    [
        ("% 甲\n\n# 乙 {.runin}\n", 3, "{.runin}"),
        ("% 甲\n% 注\n%+ 乙\n", 3, "%+"),
    ],
)
def test_markup_mistakes_are_located(markup: str, line: int, words: str) -> None:
    with pytest.raises(MarkupError) as caught:
        parse(markup, "t.md")
    assert caught.value.at is not None and caught.value.at.line == line
    assert words in caught.value.message


# ---- validation -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        ("parts:\n  - id: extra\n    titel: 其他\n", 5, "不认识的键“titel”"),
        ("parts:\n  - id: review\n    title: 其他\n", 4, "不能用“review”"),
        ("parts:\n  - id: 自身建设\n    title: 其他\n", 4, "只能由英文字母"),
        ("title: [一, 二, 三]\n", 3, "一至两行"),
        ("review:\n  intro: {a: 1}\n", 4, "文字或文字列表"),
        ("review:\n  sections:\n    - title: 甲\n      level: 5\n", 6, "不能大于 4"),
        (
            "review:\n  sections:\n    - title: 甲\n      paragraphs:\n        - table: {rowz: []}\n",
            7,
            "不认识的键“rowz”",
        ),
        ("appendices:\n  - paragraphs: [甲]\n", 4, "缺少必填项“title”"),
        (
            "review:\n  sections:\n    - title: 甲\n      level: 4\n      subsections:\n"
            "        - title: 乙\n",
            8,
            "标题最多四级",
        ),
        ("review: {}\noutline:\n  - part: selfbuilding\n", 5, "不存在"),
        ("parts:\n  - {id: a, title: 甲}\n  - {id: a, title: 乙}\n", 5, "两个部分的 id"),
        ("review: {}\noutline:\n  - {part: review, blocks: [paragraphs]}\n", 5, "不是可选的值"),
    ],
)
def test_wrong_shapes_give_located_chinese_messages(
    tmp_path: Path, body: str, line: int, words: str
) -> None:
    path = tmp_path / "2024.yaml"
    path.write_text(BASE + body, encoding="utf-8")
    result = check(path)
    assert result.exit_code == 2
    first = result.errors[0].render(excerpt=False)
    assert first.startswith(f"{path}:{line}:"), first
    assert words in first, first


def test_a_wrong_shape_exits_2_on_the_command_line(tmp_path: Path) -> None:
    (tmp_path / "2024.yaml").write_text(
        BASE + "parts:\n  - id: extra\n    titel: 其他\n", encoding="utf-8"
    )
    result = run("build", "2024.yaml", cwd=tmp_path)
    assert result.returncode == 2
    assert "2024.yaml:5:" in result.stderr and "不认识的键“titel”" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_an_outline_may_name_a_further_part(tmp_path: Path) -> None:
    path = tmp_path / "2024.yaml"
    path.write_text(
        BASE + "parts:\n  - {id: extra, title: 其他工作}\n"
        "review: {intro: 甲。}\noutline:\n  - {part: extra}\n  - {part: review}\n",
        encoding="utf-8",
    )
    tree = make_draft(path).document
    assert [b.number + b.text for b in tree.blocks if isinstance(b, Heading)] == [
        "一、其他工作",
        "二、2024年工作情况",
    ]


def test_schema_accepts_the_shapes() -> None:
    import jsonschema
    import yaml

    from workreport.commands.schema import schema_text

    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    for path in (EVERY, GOVERNMENT):
        errors = list(validator.iter_errors(yaml.safe_load(path.read_text(encoding="utf-8"))))
        assert errors == [], f"{path.name}: {errors[0].message}"


# ---- rollover -----------------------------------------------------------------------------


def test_rollover_keeps_the_shape_and_drops_last_years_facts(tmp_path: Path) -> None:
    import yaml

    source = tmp_path / "inputs" / "wy" / "2024.yaml"
    source.parent.mkdir(parents=True)
    shutil.copy(EVERY, source)
    target = rollover(source)
    data = yaml.safe_load(target.read_text(encoding="utf-8"))
    assert data["title"] == ["未央湖街道办事处", "2025年工作报告"]
    assert (data["byline"], data["salutation"], data["genre"]) == (
        "街道办事处主任  ×××",
        "各位代表：",
        "工作报告",
    )
    for key in ("subtitle", "date_line", "preface", "closing_remarks"):
        assert data[key].startswith("{{ todo("), key
    assert data["review"]["run_in"] is True
    assert [s.get("level") for s in data["review"]["sections"]] == [3, 3]
    assert data["outline"] == [{"part": "review"}, {"part": "plan"}, {"part": "self_building"}]
    part = data["parts"][0]
    assert (part["id"], part["title"]) == ("self_building", "全面加强自身建设")
    assert part["paragraphs"][1]["table"]["rows"] == [
        ["人大代表建议", "{{ todo('数值') }}"],
        ["政协提案", "{{ todo('数值') }}"],
    ]
    appendix = data["appendices"][0]
    assert appendix["title"] == "名词解释"
    assert appendix["paragraphs"][0]["lead"] == "专精特新"
    text = draft_text(target)
    outside_placeholders = PLACEHOLDER.sub("", text)  # a hint may quote last year's words
    for fact in ("1月8日在", "请予审议", "877件", "再创佳绩", "新颖化特征"):
        assert fact in source.read_text(encoding="utf-8")
        assert fact not in outside_placeholders, fact
    assert "【待补充：副标题（会议名称和日期）" in text
    draft = make_draft(target)
    assert any("副标题" in p for p in draft.placeholders)  # counted, so --strict sees them
