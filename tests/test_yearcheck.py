"""What a reviewer checks across years: copied paragraphs, unchanged figures, outdated wording."""

from __future__ import annotations

import re
import shutil
import zipfile
from pathlib import Path

import pytest
from lxml import etree

from workreport.api import build, year_check
from workreport.lint.outdated import line_years, load_phrases, outdated_findings

from .conftest import ROOT, run_cli

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"

COPIED_FROM_2022 = [
    # Two review paragraphs of 2022, copied into 2023 with only the figures' years changed.
    "坚持“工业立街”，年内新增{{ ind.new_specialized_firms }}专精特新企业、{{ ind.new_above_scale_firms }}规上企业，在全区{{ ind.land_share }}的土地{{ todo('原文删节') }}上创造了{{ ind.economy_share }}的经济体量，集聚了全区{{ ind.above_scale_firms_share }}的规上工业企业、{{ ind.specialized_firms_share }}的专精特新企业、{{ ind.high_tech_firms_share }}的国家高新技术企业，实体经济数量质量位居全市镇（街）第一。推动“1+3”战略性产业集群发展壮大，高端装备制造、新一代电子信息技术产业产值{{ ind.key_industries_output }}，占全街道规上工业总产值{{ ind.key_industries_output_share }}。",
    "代表全区参加市镇（街）“人才强基工程”验收，获得良好等次。积极引进博士（后）{{ ind.postdocs_introduced }}，新增认定高层次人才{{ ind.high_level_talents }}，累计引进境外高端人才{{ ind.overseas_talents }}。完成第三批“龙溪传人”评定，{{ ind.longxi_craftsmen }}一线产业工人被评为能工巧匠型传人。",
]
NEW_2023 = "围绕新能源汽车零部件和储能产业链开展精准招商，全年签约落地项目一批，新引进的两个总部项目已经开工建设，园区配套道路和厂房同步推进。"


@pytest.fixture
def waihai_pair(tmp_path: Path) -> Path:
    """inputs/waihai/2022.yaml and its 2023 rollover with two paragraphs copied from 2022, one
    new paragraph, one figure equal to 2022's and one figure that changed."""
    folder = tmp_path / "inputs" / "waihai"
    folder.mkdir(parents=True)
    shutil.copy(ROOT / "inputs" / "waihai" / "2022.yaml", folder / "2022.yaml")
    text = (ROOT / "inputs" / "waihai" / "2023.yaml").read_text(encoding="utf-8")
    placeholder = "text: \"{{ todo('工作情况和成效') }}\""
    for paragraph in [*COPIED_FROM_2022, NEW_2023]:
        assert placeholder in text
        text = text.replace(placeholder, "text: " + _quoted(paragraph), 1)
    text = _set_value(text, "industrial_value_added", "104.86")  # 2022: 104.86
    text = _set_value(text, "industrial_output", "420")  # 2022: 400
    (folder / "2023.yaml").write_text(text, encoding="utf-8")
    return folder / "2023.yaml"


def _quoted(text: str) -> str:
    return '"' + text.replace('"', '\\"') + '"'


def _set_value(text: str, indicator: str, value: str) -> str:
    pattern = re.compile(rf"(  {indicator}:\n    name: [^\n]*\n    value:)[^\n]*")
    assert pattern.search(text), indicator
    return pattern.sub(rf"\g<1> {value}", text, count=1)


def _line_of(path: Path, needle: str) -> int:
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if needle in line:
            return number
    raise AssertionError(needle)


def test_copied_paragraphs_and_unchanged_figures_are_reported_with_their_lines(
    waihai_pair: Path,
) -> None:
    found = year_check(waihai_pair)
    got = sorted((f.rule_id, f.line) for f in found)
    assert got == sorted(
        [
            ("year.copied-paragraph", _line_of(waihai_pair, "坚持“工业立街”")),
            ("year.copied-paragraph", _line_of(waihai_pair, "代表全区参加市镇")),
            ("year.unchanged-figure", _line_of(waihai_pair, "value: 104.86")),
        ]
    )
    assert all(f.source == str(waihai_pair) for f in found)
    figure = next(f for f in found if f.rule_id == "year.unchanged-figure")
    assert "规模以上工业增加值" in figure.message and "104.86亿元" in figure.message


def test_lint_reports_them_on_the_yaml_and_the_threshold_is_a_setting(waihai_pair: Path) -> None:
    result = run_cli("lint", str(waihai_pair), "--select", "year", cwd=waihai_pair.parent)
    assert result.returncode == 1, result.stderr
    lines = [line for line in result.stdout.splitlines() if "year." in line]
    assert len(lines) == 3
    assert f"2023.yaml:{_line_of(waihai_pair, '代表全区参加市镇')}:" in result.stdout
    strict = run_cli(
        "lint", str(waihai_pair), "--select", "year", "--similarity", "1.0", cwd=waihai_pair.parent
    )
    assert "year.copied-paragraph" not in strict.stdout
    assert "year.unchanged-figure" in strict.stdout


def test_a_clean_rollover_reports_nothing() -> None:
    assert year_check(ROOT / "inputs" / "waihai" / "2023.yaml") == []


def test_last_years_report_as_text_serves_too(waihai_pair: Path, tmp_path: Path) -> None:
    from workreport.api import draft_text

    last = tmp_path / "2022年报告.txt"
    last.write_text(draft_text(waihai_pair.with_name("2022.yaml")), encoding="utf-8")
    waihai_pair.with_name("2022.yaml").unlink()
    found = year_check(waihai_pair, last_year=last)
    assert sorted(f.rule_id for f in found) == ["year.copied-paragraph"] * 2


def test_build_review_comments_on_the_copied_paragraphs(waihai_pair: Path, tmp_path: Path) -> None:
    result = build(waihai_pair, tmp_path / "draft.docx", review=True)
    with zipfile.ZipFile(result.output) as archive:
        comments = etree.fromstring(archive.read("word/comments.xml"))
        document = etree.fromstring(archive.read("word/document.xml"))
    notes = ["".join(c.itertext()) for c in comments.findall(f"{W}comment")]
    copied = [n for n in notes if "year.copied-paragraph" in n]
    assert len(copied) == 2
    # Each is anchored on its paragraph: the commented range holds the copied words.
    for ref in document.iter(f"{W}commentRangeStart"):
        comment_id = ref.get(f"{W}id")
        note = notes[int(comment_id)]
        if "year.copied-paragraph" in note:
            paragraph = "".join(ref.getparent().itertext())
            assert "“工业立街”" in paragraph or "人才强基工程" in paragraph


# --- outdated wording ---------------------------------------------------------------------

OUTDATED = ["常态化疫情防控", "新冠肺炎", "党的十九大精神", "国家乡村振兴局", "党史学习教育"]


def _input(year: int) -> str:
    return f"""unit: {{name: 示例街道, level: 街道}}
year: {year}
review:
  intro: "{year}年，街道坚持常态化疫情防控，有效应对新冠肺炎疫情，深入学习贯彻党的十九大精神。"
  sections:
    - title: 巩固拓展成果
      paragraphs:
        - 配合国家乡村振兴局开展调研，完成年度任务。
plan:
  intro: "{year + 1}年，深入开展党史学习教育，推动各项工作再上新台阶。"
  sections:
    - title: 加强党的建设
      items:
        - 持续推进基层党组织建设。
"""


def test_five_outdated_phrases_in_a_later_year_are_all_found(tmp_path: Path) -> None:
    folder = tmp_path / "inputs" / "shili"
    folder.mkdir(parents=True)
    (folder / "2024.yaml").write_text(_input(2024), encoding="utf-8")
    found = [f for f in year_check(folder / "2024.yaml") if f.rule_id == "dated.wording"]
    assert sorted(f.message.split("”")[0].lstrip("“") for f in found) == sorted(OUTDATED)
    assert all("依据" in f.advice for f in found)


def test_the_same_phrases_in_a_year_they_were_current_are_not(tmp_path: Path) -> None:
    folder = tmp_path / "inputs" / "shili"
    folder.mkdir(parents=True)
    (folder / "2021.yaml").write_text(_input(2021), encoding="utf-8")
    assert year_check(folder / "2021.yaml") == []


def test_history_recalled_in_a_five_year_review_is_not_outdated() -> None:
    lines = [
        "一、“十四五”时期和2025年工作回顾",
        "过去五年，我们扎实开展党史学习教育，统筹疫情防控和经济社会发展，打赢脱贫攻坚战后接续推进乡村振兴。",
        "二、2026年工作安排",
        "今年是“十五五”开局之年。深入开展党史学习教育。",
    ]
    found = outdated_findings(lines, line_years(lines, 2025), 2025)
    assert [(f.line, lines[f.line - 1][f.col - 1 : f.end_col - 1]) for f in found] == [
        (4, "党史学习教育")
    ]


def test_every_entry_is_dated_and_sourced() -> None:
    phrases = load_phrases()
    assert len(phrases) >= 30
    for phrase in phrases:
        assert phrase.first is not None or phrase.last is not None
        assert len(phrase.source) >= 10 and re.search(r"\d{4}年", phrase.source), phrase.wording


def test_a_unit_extends_and_removes_entries(tmp_path: Path) -> None:
    folder = tmp_path / "lint"
    folder.mkdir()
    (folder / "outdated.tsv").write_text(
        "示例区城管局\t-2022\t全文\t示例区综合行政执法局\t示例区机构改革方案（2022年12月）\n!党史学习教育\n",
        encoding="utf-8",
    )
    phrases = {p.wording for p in load_phrases((str(folder),))}
    assert "示例区城管局" in phrases and "党史学习教育" not in phrases
    found = outdated_findings(
        ["示例区城管局开展整治。"], [(2023, 2023)], 2023, folders=(str(folder),)
    )
    assert [f.advice.split("（")[0] for f in found] == ["改为“示例区综合行政执法局”"]
