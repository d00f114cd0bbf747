"""Report → YAML input → draft, for the real source reports: the draft reproduces the source.

The .txt seeds are extracted, built to .docx and compared with the source (heading tree,
figure recall, character similarity). The same texts are also laid out by LibreOffice as
.docx with bold lead sentences and real Word outline numbering, and must extract as well.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path
from xml.sax.saxutils import escape

import docx
import pytest
from click.testing import CliRunner

from workreport.api import build, make_draft
from workreport.cli import cli
from workreport.importers import SourceError
from workreport.importers.extract import Extraction, extract, to_yaml
from workreport.importers.fidelity import Fidelity, compare
from workreport.importers.sources import read_document, read_txt

from .conftest import FIXTURES, require_program

SEEDS = FIXTURES / "seeds"
WAIHAI = SEEDS / "001_5996cca815c49451.txt"
XIQU = SEEDS / "003_42fcde09c7cc2a48.txt"
# Lead sentences of 外海's review as the printed report sets them in bold, inside paragraphs.
WAIHAI_REVIEW_LEADS = (
    "经济运行稳中有进",
    "工业优势进一步巩固",
    "产业发展量质齐升",
    "创新驱动成效显著",
    "人才引育成果丰硕",
    "重点项目加快推进",
    "基础设施建设加快完善",
    "生态环境显著改善",
    "民生保障持续强化",
    "治理基础不断夯实",
    "治理体系建设扎实推进",
    "平急转换能力快速提升",
    "城市党建提质增效",
    "两新党建出新出彩",
    "从严治党一刻不停",
)


def write_input(extraction: Extraction, root: Path, unit: str) -> Path:
    path = root / "inputs" / unit / f"{extraction.data['year']}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(to_yaml(extraction), encoding="utf-8")
    return path


def round_trip(source: Path, root: Path, unit: str) -> tuple[Extraction, Fidelity]:
    """Extract ``source``, build the draft .docx, compare the draft with the source."""
    extraction = extract(source)
    result = build(write_input(extraction, root, unit), root / f"{unit}.docx")
    return extraction, compare(read_document(source), read_document(result.output))


@pytest.fixture(scope="module")
def seed_round_trips(
    tmp_path_factory: pytest.TempPathFactory,
) -> dict[str, tuple[Extraction, Fidelity]]:
    root = tmp_path_factory.mktemp("txt")
    return {"001": round_trip(WAIHAI, root, "waihai"), "003": round_trip(XIQU, root, "xiqu")}


@pytest.mark.parametrize("seed", ["001", "003"])
def test_seed_round_trip_reproduces_the_source(seed_round_trips, seed: str) -> None:
    _, fidelity = seed_round_trips[seed]
    assert fidelity.tree_match, fidelity.first_tree_difference()
    assert fidelity.recall == 1.0, fidelity.missing_figures
    assert fidelity.figures_found == fidelity.figures_total > 10
    assert fidelity.similarity >= 0.98
    # Beyond the thresholds: every paragraph comes back, in order, word for word.
    assert fidelity.paragraphs_equal == fidelity.paragraphs_source == fidelity.paragraphs_draft


def test_waihai_structure_parts_sections_leads_and_closing(seed_round_trips) -> None:
    extraction, fidelity = seed_round_trips["001"]
    data = extraction.data
    assert data["unit"] == {"name": "外海街道", "short_name": "外海", "level": "街道"}
    assert data["year"] == 2022
    review, plan = data["review"], data["plan"]
    assert "title" not in review and "title" not in plan  # the default titles 2022年工作情况 …
    assert len(review["sections"]) == 6 and len(plan["sections"]) == 4
    assert review["closing"].startswith("此外，基层武装部规范化建设、{{ todo(")
    assert [item["lead"] for item in plan["sections"][0]["items"]] == [
        "持续壮大经济基本盘",
        "锻造制造业优势长板",
        "全力推进产业链招商",
    ]
    assert plan["sections"][2]["items"][2]["lead"] == '{{ todo("原文删节") }}园区综合整治'
    assert (
        fidelity.source.title == ""
        and fidelity.draft.title == "外海街道2022年工作情况和2023年工作谋划"
    )
    assert fidelity.source_tree[0] == (1, "2022年工作情况")
    assert fidelity.source_tree[1] == (2, "坚决有力防疫情,人民生命安全有效保障")


def test_waihai_figures_become_indicators_cited_from_the_prose(seed_round_trips) -> None:
    extraction, _ = seed_round_trips["001"]
    indicators = extraction.data["indicators"]
    assert indicators["above_scale_industrial_value_added"] == {
        "name": "规模以上工业增加值",
        "value": 104.86,
        "unit": "亿元",
        "source": WAIHAI.name,
    }
    output = indicators["above_scale_industrial_output"]
    assert (output["value"], output["unit"], output["approx"]) == (400, "亿元", "超")
    intro = extraction.data["review"]["sections"][1]["intro"]
    assert "实现规模以上工业产值{{ ind.above_scale_industrial_output }}，" in intro
    # 约50.44%: two decimals are exact, so 约 stays in the prose and the indicator holds 50.44.
    assert "投资比重约{{ ind.fixed_investment_share }}" in intro
    # A growth rate right after its amount is that indicator's growth, not a % indicator.
    assert indicators["industrial_investment"] == {
        "name": "工业投资",
        "growth": 35.7,
        "source": WAIHAI.name,
    }
    assert "工业投资{{ ind.industrial_investment.growth }}，" in intro
    # A number whose unit was redacted is an indicator without unit, then the placeholder.
    assert indicators["opened_clinics"] == {
        "name": "开放医疗机构",
        "value": 34,
        "source": WAIHAI.name,
    }
    # Years, plot numbers and numbers inside quotation marks stay as written.
    assert "高新区17号、18号地" in intro and "“1+3”" in intro
    assert all(re.fullmatch(r"[a-z_][a-z0-9_]*", key) for key in indicators)
    assert len(extraction.indicators) == len(indicators) == 33


def test_xiqu_plan_only_sections_at_level_one_with_enumerated_items(seed_round_trips) -> None:
    extraction, fidelity = seed_round_trips["003"]
    data = extraction.data
    assert data["unit"]["name"] == "西区街道" and data["year"] == 2022
    assert "review" not in data
    plan = data["plan"]
    assert plan["show_title"] is False
    assert plan["intro"].startswith("2023年是全面贯彻落实党的二十大精神的开局之年，")
    first = plan["sections"][0]
    assert first["title"] == "实施“党建引领强根基”工程，奋力在塑造基层特色党建品牌上闯新路树标杆"
    assert first["intro"].startswith("始终毫不动摇坚持和加强党的全面领导")
    assert first["enumerate"] is True and len(first["items"]) == 3
    assert first["items"][0]["lead"] == "强化理论导航，持续深入学习贯彻党的二十大精神"
    assert [level for level, _ in fidelity.draft_tree] == [1] * 6
    targets = plan["sections"][2]["intro"]
    # A growth rate after its subject is that indicator's growth, written by the template.
    assert "力争2023年地区生产总值同比{{ ind.gdp.growth }}以上" in targets
    assert data["indicators"]["gdp"] == {"name": "地区生产总值", "growth": 6.0, "source": XIQU.name}


def test_extracted_files_pass_check_and_build(seed_round_trips, tmp_path: Path) -> None:
    runner = CliRunner()
    waihai = write_input(seed_round_trips["001"][0], tmp_path, "waihai")
    xiqu = write_input(seed_round_trips["003"][0], tmp_path, "xiqu")
    # 外海's public copy is redacted: the placeholders are warnings (exit 1), never errors (2).
    assert runner.invoke(cli, ["check", str(waihai)]).exit_code == 1
    assert runner.invoke(cli, ["check", str(xiqu)]).exit_code == 0
    draft = make_draft(waihai)
    assert draft.placeholders == ["【待补充：原文删节】"] * 81
    assert make_draft(xiqu).placeholders == []


def soffice_convert(source: Path, target_format: str, *, infilter: str | None = None) -> Path:
    """Convert with LibreOffice in its own profile (so concurrent runs do not collide)."""
    soffice = require_program("soffice")
    profile = source.parent / ".lo-profile"
    command = [soffice, f"-env:UserInstallation={profile.as_uri()}", "--headless", "--norestore"]
    if infilter:
        command.append(f"--infilter={infilter}")
    command += ["--convert-to", target_format, "--outdir", str(source.parent), str(source)]
    subprocess.run(command, check=True, capture_output=True, timeout=120, stdin=subprocess.DEVNULL)
    shutil.rmtree(profile, ignore_errors=True)
    result = source.with_suffix("." + target_format.split(":")[0])
    assert result.is_file(), f"LibreOffice did not write {result.name}"
    return result


FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:styles>
 <style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph" style:default-outline-level="1"/>
 <style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph" style:default-outline-level="2"/>
 <text:outline-style style:name="Outline">
  <text:outline-level-style text:level="1" style:num-format="一, 二, 三, ..." style:num-suffix="、"/>
  <text:outline-level-style text:level="2" style:num-format="一, 二, 三, ..." style:num-prefix="（" style:num-suffix="）"/>
 </text:outline-style>
</office:styles>
<office:automatic-styles>
 <style:style style:name="B" style:family="text"><style:text-properties fo:font-weight="bold" style:font-weight-asian="bold"/></style:style>
</office:automatic-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"


def word_layout(text: str, bold_spans) -> str:
    """The report as a Flat ODT: headings numbered by the outline style (not typed), bold leads."""
    out = [FODT_HEAD]
    for line in text.splitlines():
        heading = re.match(r"^(?:[一二三四五六七八九十]+、|\([一二三四五六七八九十]+\))(.*)$", line)
        if heading:
            level = 1 if "、" in line[:3] else 2
            out.append(
                f'<text:h text:style-name="Heading_20_{level}" text:outline-level="{level}">'
                f"{escape(heading.group(1))}</text:h>\n"
            )
            continue
        pieces = []
        pos = 0
        for start, end in bold_spans(line):
            pieces.append(escape(line[pos:start]))
            pieces.append(f'<text:span text:style-name="B">{escape(line[start:end])}</text:span>')
            pos = end
        pieces.append(escape(line[pos:]))
        out.append(f"<text:p>{''.join(pieces)}</text:p>\n")
    out.append(FODT_TAIL)
    return "".join(out)


def waihai_bold(line: str) -> list[tuple[int, int]]:
    """Review leads inside paragraphs (with their comma); a plan item's first short sentence."""
    spans = []
    for lead in WAIHAI_REVIEW_LEADS:
        at = line.find(lead + ",")
        if at >= 0:
            spans.append((at, at + len(lead) + 1))
    first = line.find("。")
    if not spans and 0 < first < 15:
        spans.append((0, first + 1))
    return sorted(spans)


def xiqu_bold(line: str) -> list[tuple[int, int]]:
    """一是…: the first clause, up to its comma (shorter than what plain-text rules take)."""
    if re.match(r"^[一二三四五六七八九十]是", line):
        return [(0, line.index(",") + 1)]
    return []


@pytest.fixture(scope="module")
def word_sources(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("word")
    sources = {}
    for name, seed, bold in (("waihai", WAIHAI, waihai_bold), ("xiqu", XIQU, xiqu_bold)):
        fodt = folder / f"{name}.fodt"
        fodt.write_text(word_layout(seed.read_text(encoding="utf-8"), bold), encoding="utf-8")
        sources[name] = soffice_convert(fodt, "docx")
    return sources


def test_libreoffice_docx_has_real_numbering_and_bold_runs(word_sources) -> None:
    document = docx.Document(str(word_sources["xiqu"]))
    headings = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert len(headings) == 6
    assert headings[0].text.startswith("实施“党建引领强根基”工程")  # no typed 一、
    assert "chinese" in document.part.numbering_part.blob.decode().lower() or (
        "taiwaneseCounting" in document.part.numbering_part.blob.decode()
    )
    assert any(r.bold for p in document.paragraphs for r in p.runs)


@pytest.mark.parametrize(("name", "seed"), [("waihai", WAIHAI), ("xiqu", XIQU)])
def test_libreoffice_docx_extracts_as_well_as_the_txt(
    word_sources, seed_round_trips, tmp_path: Path, name: str, seed: Path
) -> None:
    source = word_sources[name]
    read = read_document(source)
    assert [(b.level, b.number) for b in read.headings()][:2] == (
        [(1, "一、"), (2, "（一）")] if name == "waihai" else [(1, "一、"), (1, "二、")]
    )
    extraction, fidelity = round_trip(source, tmp_path, name)
    against_txt = compare(read_txt(seed), fidelity.draft)
    for result in (fidelity, against_txt):
        assert result.tree_match, result.first_tree_difference()
        assert result.recall == 1.0, result.missing_figures
        assert result.similarity >= 0.98
    txt_extraction, txt_fidelity = seed_round_trips["001" if name == "waihai" else "003"]
    assert fidelity.source_tree == txt_fidelity.source_tree

    def without_source(data: dict) -> dict:
        return {
            key: {k: v for k, v in value.items() if k != "source"} for key, value in data.items()
        }

    assert without_source(extraction.data["indicators"]) == without_source(
        txt_extraction.data["indicators"]
    )


def test_docx_leads_come_from_bold_runs(word_sources, tmp_path: Path) -> None:
    xiqu = extract(word_sources["xiqu"]).data["plan"]["sections"][0]["items"]
    # Bold is authoritative: the lead is the bold clause, not the plain-text first sentence.
    assert [item["lead"] for item in xiqu] == ["强化理论导航，", "强化党建领航，", "强化作风护航，"]
    waihai = extract(word_sources["waihai"])
    intro = waihai.data["review"]["sections"][1]["intro"]
    assert "擦亮。**经济运行稳中有进**，实现规模以上工业产值" in intro
    result = build(write_input(waihai, tmp_path, "waihai"), tmp_path / "out.docx")
    bold = [r.text for p in docx.Document(str(result.output)).paragraphs for r in p.runs if r.bold]
    assert "经济运行稳中有进，" in bold and "持续壮大经济基本盘。" in bold


def test_extract_command_verifies_and_refuses_to_overwrite(tmp_path: Path) -> None:
    runner = CliRunner()
    target = tmp_path / "inputs" / "xiqu" / "2022.yaml"
    result = runner.invoke(cli, ["extract", str(XIQU), "-o", str(target), "--verify"])
    assert result.exit_code == 0, result.output
    assert f"已提取：{target}（6 个指标，0 处原文删节）" in result.output
    assert "标题层级：一致（6 个标题）" in result.output
    assert "数字召回：100.0%（19/19）" in result.output
    assert "字符相似度：100.00%" in result.output
    again = runner.invoke(cli, ["extract", str(XIQU), "-o", str(target)])
    assert again.exit_code != 0 and "已存在" in str(again.exception)


def test_extract_command_names_the_year_file(tmp_path: Path) -> None:
    wrong = tmp_path / "inputs" / "xiqu" / "2023.yaml"
    result = CliRunner().invoke(cli, ["extract", str(XIQU), "-o", str(wrong)])
    assert isinstance(result.exception, SourceError)
    assert "报告回顾的是 2022 年（谋划的是 2023 年），数据文件却叫 2023.yaml" in str(
        result.exception
    )
    assert not wrong.exists()


def test_plain_text_structures(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(
        "示例镇2022年工作情况\n"
        "2022年，示例镇全年实现地区生产总值12.50亿元。\n"
        "一、稳经济\n"
        "经济运行稳中有进，实现工业产值超40亿元。\n"
        "项目建设加快推进，新增项目3个。\n"
        "招商引资成效明显，引进企业12家。\n"
        "（一）重点项目\n"
        "服务群众1.2万余人次。\n"
        "二、惠民生\n"
        "17、26、27号地完成收地。\n",
        encoding="gb18030",
    )
    extraction = extract(report)
    data = extraction.data
    assert data["title"] == "示例镇2022年工作情况"
    assert data["unit"]["name"] == "示例镇" and data["year"] == 2022
    review = data["review"]
    assert review["show_title"] is False
    first = review["sections"][0]
    assert [p["lead"] for p in first["paragraphs"]] == [
        "经济运行稳中有进",
        "项目建设加快推进",
        "招商引资成效明显",
    ]
    assert first["subsections"][0]["title"] == "重点项目"
    assert review["sections"][1]["intro"] == "17、26、27号地完成收地。"
    indicators = {i.name: i for i in extraction.indicators}
    assert indicators["地区生产总值"].decimals == 2
    served = indicators["服务群众"]
    assert (served.value, served.unit, served.approx) == (1.2, "万人次", "余")
    path = write_input(extraction, tmp_path, "demo")
    draft = compare(read_document(report), read_document(path))
    assert draft.tree_match and draft.recall == 1.0 and draft.similarity == 1.0
    assert extraction.notes == [
        "报告没有“工作情况”“工作谋划”这样的部分标题，按工作情况处理，分项升为一级标题（show_title: false）。"
    ]


def test_a_skipped_heading_level_keeps_its_number(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(
        "一、2022年工作情况\n2022年，示例镇稳中求进。\n1.稳经济\n经济平稳。\n", encoding="utf-8"
    )
    extraction = extract(report)
    assert "标题“稳经济”比上一级标题低了不止一级" in extraction.notes[-1]
    assert extraction.data["review"]["sections"][0]["level"] == 3
    path = write_input(extraction, tmp_path, "demo")
    fidelity = compare(read_document(report), read_document(path))
    assert fidelity.tree_match and fidelity.similarity == 1.0 and fidelity.passed()


def numbered_docx(path: Path) -> Path:
    """A Word file numbered the way list buttons do it: ``w:numPr`` on each paragraph."""
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {nsdecls("w")} w:abstractNumId="90">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>'
            '<w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCountingThousand"/>'
            '<w:lvlText w:val="（%2）"/></w:lvl></w:abstractNum>'
        )
    )
    numbering.append(
        parse_xml(f'<w:num {nsdecls("w")} w:numId="90"><w:abstractNumId w:val="90"/></w:num>')
    )

    def numbered(text: str, level: int) -> None:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(
                f'<w:numPr {nsdecls("w")}><w:ilvl w:val="{level}"/><w:numId w:val="90"/></w:numPr>'
            )
        )

    document.add_paragraph("示例街道2022年工作情况和2023年工作谋划", style="Title")
    numbered("2022年工作情况", 0)
    document.add_paragraph("2022年，示例街道稳中求进。")
    numbered("稳经济", 1)
    lead = document.add_paragraph()
    lead.add_run("经济运行稳中有进，").bold = True
    lead.add_run("新增企业12家。")
    document.add_table(rows=1, cols=2)
    numbered("2023年工作谋划", 0)
    numbered("抓项目", 1)
    item = document.add_paragraph()
    item.add_run("一是扩大投资。").bold = True
    item.add_run("力争增长10%以上。")
    document.save(str(path))
    return path


def test_paragraph_numbering_title_and_tables_in_word(tmp_path: Path) -> None:
    source = numbered_docx(tmp_path / "报告.docx")
    read = read_document(source)
    assert read.title == "示例街道2022年工作情况和2023年工作谋划"
    assert [(b.level, b.number, b.text) for b in read.headings()] == [
        (1, "一、", "2022年工作情况"),
        (2, "（一）", "稳经济"),
        (1, "二、", "2023年工作谋划"),
        (2, "（一）", "抓项目"),
    ]
    extraction = extract(source)
    # The table has no text: nothing of it to keep, nothing to say about it.
    assert read.tables == 0 and extraction.notes == []
    data = extraction.data
    assert data["review"]["sections"][0]["paragraphs"] == [
        {"lead": "经济运行稳中有进", "text": "新增企业{{ ind.new_firms }}。"}
    ]
    assert data["plan"]["sections"][0]["items"] == [
        # 增长10% with no subject of its own is not a metric: it stays in the prose.
        {"lead": "扩大投资", "text": "力争增长10%以上。"}
    ]
    assert data["plan"]["sections"][0]["enumerate"] is True
    fidelity = compare(read, read_document(write_input(extraction, tmp_path, "demo")))
    assert fidelity.passed() and fidelity.similarity == 1.0
    assert fidelity.draft.title == fidelity.source.title
