"""Real report shapes → extract: genres, title blocks, text forms, run-in headings, inline items,
unit names and which figures become indicators.

Every text here is a snippet of a real public report (the files of tests/fixtures/real and the
provincial reports of 2026), cut short but otherwise as published, page chrome included. Each
extraction is also built back into its draft and compared with its source.
"""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner

from workreport.cli import cli
from workreport.importers import SourceError
from workreport.importers.extract import Extraction, extract, to_yaml
from workreport.importers.fidelity import compare
from workreport.importers.identify import UNIT_PLACEHOLDER
from workreport.importers.sources import read_document, read_draft

from .conftest import run_cli

GOVERNMENT = """下载
打印
【字号：
加大
还原
减小
】
2026年浙江省政府工作报告
2026年1月14日在浙江省第十四届人民代表大会第四次会议上
来源：浙江日报
时间：2026-01-22
浙江省省长 刘捷
各位代表：
现在，我代表省人民政府向大会作政府工作报告，请予审议，并请省政协委员和其他列席同志提出意见。
一、2025年主要工作和“十四五”发展成就
2025年是极不平凡的一年，全省生产总值增长5.5%，一般公共预算收入增长1.8%，城镇和农村居民人均可支配收入分别增长4.3%、5.5%，十方面民生实事圆满完成。
（一）强化创新驱动发展，创新浙江建设成效明显。提升科技创新质效。完善全口径科技创新投入机制，全省科技创新投入7232亿元、增长5.6%。首期规模500亿元的浙江社保科创基金签约落地。
（二）巩固实体经济根基，现代化产业体系建设步伐加快。规上工业增加值增长6.9%。新增制造业单项冠军企业45家、专精特新“小巨人”企业397家。
二、“十五五”时期的主要目标任务
（一）聚焦加快建设创新浙江，因地制宜发展新质生产力。坚持教育科技人才一体推进。
三、2026年重点工作
（一）着力提振市场信心增强社会预期
坚持稳中求进工作总基调，落实更加积极有为的宏观政策。
四、全面加强政府自身建设
全面加强政治建设。深刻领悟“两个确立”的决定性意义，坚决做到“两个维护”。
自觉做到勤政为民。始终牢记政府前面“人民”二字，坚持在发展中保障和改善民生。
各位代表！新征程充满光荣和梦想，新图景召唤实干和担当。
附件
名词解释
1.“四上”企业：
指规模以上工业企业、有资质的建筑业企业、限额以上批零住餐企业和规模以上服务业企业。
相关报道：
浙江省两会专题
"""

SUMMARY_AND_PLAN = """未央湖街道2023年工作总结及2024年工作计划

2023年，是全面贯彻党的二十大精神的开局之年，也是未央湖街道在西安“北跨”战略中砥砺前行、奋勇争先的一年。现将有关情况报告如下：

一、2023年工作完成情况

（一）加快追赶超越，经济发展持续向好。坚持“项目为王”理念，不断为企业投资营造良好发展环境。一是经济实现长足发展；二是项目建设加快推进；三是招商引资成效明显；四是营商环境持续优化。

（二）聚力民生保障，民生福祉持续提升。坚持民生优先原则，牢固树立以人民为中心的发展思想。

二、2024年工作计划

（一）聚焦项目建设，推动经济高质量发展。全力做好项目服务保障。
"""

PLAN_ONLY = """首页 > 政务公开 > 政府信息公开目录 > 乡镇信息公开目录 > 菁芜洲镇 > 文件通知

菁芜洲镇2024年度政府工作计划

发布时间:2024-01-18 15:22 信息来源:通道县菁芜洲镇

2024年是中华人民共和国成立75周年，是实施“十四五”规划关键一年。

（一）加快招商引资步伐，打造特色品牌。立足本地优势资源，积极招商引资。

（二）增进民生福祉，提高生活品质。深化民生服务与社会兜底。
"""

HALF_YEAR = """下沙街道2022年半年度工作总结
发布日期:2022-12-02 10:55 信息来源:下沙街道
2022年是党的二十大召开之年，也是钱塘区全面展现高能级战略平台政治担当的重要一年。
一、上半年主要工作回顾
（一）聚合力、筑防线，齐心协力抗疫情
1.全过程推进常规防控。始终坚持“外防输入、内防反弹”总策略。
2.全链条做好精密智控。优化调整“五包一”防疫网格。
"""

NOTICE_AND_TWO_TITLE_LINES = """[ 索引号 ] | 115001130093083510/2024-00007 | [ 发文字号 ] | 木洞府发〔2024〕2号 |
[ 发布机构 ] | 巴南区木洞镇 | [ 有效性 ] | |
重庆市巴南区木洞镇人民政府关于印发2024年政府工作报告的通知
各村(居)民委员会、镇属各岗位、驻镇相关单位:
2024年《政府工作报告》已经镇二十届人民代表大会第八次会议审议通过，现印发给你们，请认真贯彻实施。
重庆市巴南区木洞镇人民政府
2024年2月22日
(此件公开发布)
重庆市巴南区木洞镇人民政府
2024年政府工作报告
——2024年1月23日在重庆市巴南区木洞镇第二十届
人民代表大会第八次会议上
重庆市巴南区木洞镇人民政府镇长 邓迎春
各位代表:
现在，我代表木洞镇人民政府向大会作工作报告，请予审议，并请各位列席会议的同志提出意见。
一、2023年工作回顾
刚刚过去的2023年，是全面贯彻党的二十大精神的开局之年。
经济总量持续增长。规模以上工业总产值84亿元，同比增长1.2%。
"""

SPACED_TITLE = """孙庙乡2025年政府工作报告
政 府 工 作 报 告
——在孙庙乡第十二届人民代表大会第五次会议上
于 亮
(2024年12月23日)
各位代表，同志们:
现在，我代表孙庙乡人民政府向大会作工作报告，请予审议。
一、2024年工作回顾
2024年是中华人民共和国成立75周年，全乡各项工作稳步推进。
"""


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def round_trip(extraction: Extraction, tmp_path: Path) -> None:
    """The extraction builds, and its draft keeps the source's text, figures and headings."""
    target = tmp_path / "inputs" / "unit" / f"{extraction.data['year']}.yaml"
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(to_yaml(extraction), encoding="utf-8")
    fidelity = compare(extraction.source, read_draft(target))
    assert fidelity.tree_match, fidelity.first_tree_difference()
    assert fidelity.recall == 1.0, fidelity.missing_figures
    assert fidelity.kept >= 0.99 and fidelity.similarity >= 0.99


def test_government_report_title_block_parts_and_appendix(tmp_path: Path) -> None:
    extraction = extract(write(tmp_path, "zj.txt", GOVERNMENT))
    data = extraction.data
    assert data["unit"] == {"name": "浙江省", "short_name": "浙江", "level": "省"}
    assert (data["year"], data["genre"]) == (2025, "政府工作报告")
    assert data["title"] == "2026年浙江省政府工作报告"
    assert data["subtitle"] == "2026年1月14日在浙江省第十四届人民代表大会第四次会议上"
    assert (data["byline"], data["salutation"]) == ("浙江省省长 刘捷", "各位代表：")
    assert data["preface"][0].startswith("现在，我代表省人民政府")
    # 过去一年 → review, 十五五 → a five-year part, 今年 → plan, 政府自身建设 → its own part.
    assert data["outline"] == [
        {"part": "review"},
        {"part": "five_year"},
        {"part": "plan"},
        {"part": "self_building"},
    ]
    assert [p["id"] for p in data["parts"]] == ["five_year", "self_building"]
    assert data["review"]["title"] == "2025年主要工作和“十四五”发展成就"
    assert data["plan"]["title"] == "2026年重点工作"
    # A further part without sections keeps its paragraphs' lead sentences.
    assert [p["lead"] for p in data["parts"][1]["paragraphs"]] == [
        "全面加强政治建设。",
        "自觉做到勤政为民。",
    ]
    assert data["closing_remarks"][0].startswith("各位代表！新征程")
    assert data["appendices"][0]["title"] == "名词解释"
    assert data["appendices"][0]["paragraphs"][0]["lead"] == "1.“四上”企业："
    # Page chrome is left out and listed, the related links at the end too.
    reasons = {d.text: d.reason for d in extraction.dropped}
    assert reasons["来源：浙江日报"] == "网页信息栏" and reasons["下载"] == "网页栏目"
    assert reasons["浙江省两会专题"] == "网页末尾的相关链接"
    round_trip(extraction, tmp_path)


def test_run_in_sections_and_inline_items_of_a_summary_and_plan(tmp_path: Path) -> None:
    extraction = extract(write(tmp_path, "wyh.txt", SUMMARY_AND_PLAN))
    data = extraction.data
    # Every character of the name, level word included.
    assert data["unit"] == {"name": "未央湖街道", "short_name": "未央湖", "level": "街道"}
    assert (data["year"], data["genre"]) == (2023, "总结和计划")
    assert data["preface"][0].endswith("现将有关情况报告如下：")
    first = data["review"]["sections"][0]
    assert first["title"] == "加快追赶超越，经济发展持续向好"
    assert first["run_in"] is True
    assert (
        first["intro"]
        == "坚持“项目为王”理念，不断为企业投资营造良好发展环境。一是经济实现长足发展；二是项目建设加快推进；三是招商引资成效明显；四是营商环境持续优化。"
    )
    assert data["review"]["title"] == "2023年工作完成情况"
    assert data["plan"]["title"] == "2024年工作计划"
    round_trip(extraction, tmp_path)


def test_inline_items_inside_one_paragraph(tmp_path: Path) -> None:
    text = (
        "一、2022年工作回顾\n（一）激发主体活力\n坚持稳中求进。\n"
        "一年来，面对经济下行挑战，我们迎难而上。一是激发主体活力，推动城乡共兴；"
        "二是扩大人才招引，加快项目推进；三是优化营商环境，释放城市活力。\n"
    )
    extraction = extract(write(tmp_path, "cs.txt", text), unit_name="昌硕街道")
    paragraph = extraction.data["review"]["sections"][0]["paragraphs"][0]
    assert paragraph["text"] == "一年来，面对经济下行挑战，我们迎难而上。"
    assert paragraph["items"] == [
        "激发主体活力，推动城乡共兴；",
        "扩大人才招引，加快项目推进；",
        "优化营商环境，释放城市活力。",
    ]
    round_trip(extraction, tmp_path)


def test_plan_only_half_year_and_the_year_they_review(tmp_path: Path) -> None:
    plan = extract(write(tmp_path, "plan.txt", PLAN_ONLY))
    assert plan.data["unit"]["name"] == "菁芜洲镇"
    # A plan for 2024 reviews 2023: the YAML year is the year before the plan.
    assert (plan.data["year"], plan.data["genre"]) == (2023, "工作计划")
    assert plan.data["plan"]["show_title"] is False
    assert [s["title"] for s in plan.data["plan"]["sections"]] == [
        "加快招商引资步伐，打造特色品牌",
        "增进民生福祉，提高生活品质",
    ]
    assert any(d.reason == "网页栏目" and d.text.startswith("首页 >") for d in plan.dropped)
    round_trip(plan, tmp_path)
    half = extract(write(tmp_path, "half.txt", HALF_YEAR))
    assert (half.data["unit"]["name"], half.data["year"]) == ("下沙街道", 2022)
    assert half.data["genre"] == "半年总结"
    subsection = half.data["review"]["sections"][0]["subsections"][0]
    assert subsection["title"] == "全过程推进常规防控" and subsection["run_in"] is True
    round_trip(half, tmp_path / "half")


def test_notice_metadata_two_title_lines_and_a_broken_subtitle(tmp_path: Path) -> None:
    extraction = extract(write(tmp_path, "md.txt", NOTICE_AND_TWO_TITLE_LINES))
    data = extraction.data
    assert data["unit"] == {
        "name": "木洞镇",
        "short_name": "木洞",
        "level": "镇",
        "parent": "重庆市巴南区",
    }
    assert data["year"] == 2023
    assert data["title"] == ["重庆市巴南区木洞镇人民政府", "2024年政府工作报告"]
    assert data["subtitle"] == "——2024年1月23日在重庆市巴南区木洞镇第二十届人民代表大会第八次会议上"
    assert data["byline"] == "重庆市巴南区木洞镇人民政府镇长 邓迎春"
    notice = [d.text for d in extraction.dropped if d.reason == "印发通知"]
    assert notice[0].endswith("关于印发2024年政府工作报告的通知") and notice[-1] == "(此件公开发布)"
    assert [d.reason for d in extraction.dropped[:2]] == ["网页信息栏", "网页信息栏"]
    round_trip(extraction, tmp_path)


def test_page_title_spaced_title_bare_byline_and_date_line(tmp_path: Path) -> None:
    extraction = extract(write(tmp_path, "sm.txt", SPACED_TITLE))
    data = extraction.data
    assert data["title"] == "政 府 工 作 报 告"
    assert data["subtitle"] == "——在孙庙乡第十二届人民代表大会第五次会议上"
    assert (data["byline"], data["date_line"]) == ("于 亮", "(2024年12月23日)")
    assert data["salutation"] == "各位代表，同志们:"
    # The page's own heading names the unit and year; it is not printed again.
    assert (data["unit"]["name"], data["year"]) == ("孙庙乡", 2024)
    assert [d.reason for d in extraction.dropped] == ["网页标题"]
    round_trip(extraction, tmp_path)


def test_web_copy_heading_number_alone_and_heading_joined_to_its_body(tmp_path: Path) -> None:
    text = (
        "东柳街道2023年工作总结和2024年工作思路 |\n"
        "一、2023年工作回顾 2023年是全面贯彻党的二十大精神开局之年。 "
        "(一)坚持“谋发展、促增长”,全力提振经济活力。 紧盯关键指标。完成固定资产投资32.5亿元。\n"
        "（\n二）聚力民生保障，民生福祉持续提升。坚持民生优先。\n"
    )
    extraction = extract(write(tmp_path, "dl.txt", text))
    review = extraction.data["review"]
    assert review["title"] == "2023年工作回顾"
    assert review["intro"] == "2023年是全面贯彻党的二十大精神开局之年。"
    assert [s["title"] for s in review["sections"]] == [
        "坚持“谋发展、促增长”，全力提振经济活力。",
        "聚力民生保障，民生福祉持续提升",
    ]
    round_trip(extraction, tmp_path)


def test_pdf_copy_hard_wrapped_with_page_numbers_and_running_heads(tmp_path: Path) -> None:
    # pdftotext -layout of a report page: indented lines wrapped at the page width, spaces
    # between Chinese and digits, the running head and the page number between pages.
    text = """          2026 年河南省政府工作报告

  2026 年河南省政府工作报告

  ——2026 年 1 月 26 日在河南省第十四届人民代表大会第四
次会议上

  河南省人民政府省长 王凯

  各位代表：

  一、“十四五”时期和 2025 年工作回顾

  过去一年，面对外部压力加大、内部困难增多的复杂严峻形势，我
们坚持稳中求进工作总基调，全省经济运行稳中有进，地区生产总值
增长 5.6%，一般公共预算收入 4705.8 亿元，规上工业增加值增长
7.2%，社会消费品零售总额增长 6.1%，城镇新增就业 114.6 万人，粮

                                — 1 —
\f          2026 年河南省政府工作报告
食总产量 1343.4 亿斤，居民人均可支配收入增长 5.5%，我们全力以
赴稳就业稳企业稳市场稳预期，经济社会发展取得新成效。

  （一）千方百计稳就业稳企业稳市场稳预期。出台实施一揽子增量政
策，全年新增减税降费及退税缓费超过 1000 亿元。

                                — 2 —
\f          2026 年河南省政府工作报告
"""
    extraction = extract(write(tmp_path, "hn.txt", text))
    data = extraction.data
    assert data["title"] == "2026年河南省政府工作报告"
    assert data["subtitle"] == "——2026年1月26日在河南省第十四届人民代表大会第四次会议上"
    intro = data["review"]["intro"]
    assert "地区生产总值增长5.6%" in intro or "{{ ind.gdp.growth }}" in intro
    assert "我们坚持稳中求进工作总基调" in intro and "全力以赴稳就业" in intro
    section = data["review"]["sections"][0]
    assert section["title"] == "千方百计稳就业稳企业稳市场稳预期" and section["run_in"] is True
    assert section["intro"].startswith(
        "出台实施一揽子增量政策，全年新增减税降费及退税缓费超过{{ ind."
    )
    reasons = [d.reason for d in extraction.dropped]
    assert reasons.count("页码") == 2 and reasons.count("页眉") == 3
    round_trip(extraction, tmp_path)


def test_word_numbering_and_bold_run_in_headings(tmp_path: Path) -> None:
    """A python-docx file as offices type it: title in bold, heading numbers typed, run-in
    headings as a bold first sentence of the paragraph."""
    document = docx.Document()
    document.add_paragraph().add_run("菁芜洲镇2024年度政府工作计划").bold = True
    document.add_paragraph("2024年是中华人民共和国成立75周年，是实施“十四五”规划关键一年。")
    for heading, body in (
        ("（一）加快招商引资步伐，打造特色品牌。", "立足本地优势资源，积极招商引资。"),
        ("（二）增进民生福祉，提高生活品质。", "深化民生服务与社会兜底。"),
    ):
        paragraph = document.add_paragraph()
        paragraph.add_run(heading).bold = True
        paragraph.add_run(body)
    path = tmp_path / "plan.docx"
    document.save(str(path))
    extraction = extract(path)
    data = extraction.data
    assert (data["unit"]["name"], data["year"], data["title"]) == (
        "菁芜洲镇",
        2023,
        "菁芜洲镇2024年度政府工作计划",
    )
    sections = data["plan"]["sections"]
    assert [(s["title"], s["run_in"], s["intro"]) for s in sections] == [
        ("加快招商引资步伐，打造特色品牌", True, "立足本地优势资源，积极招商引资。"),
        ("增进民生福祉，提高生活品质", True, "深化民生服务与社会兜底。"),
    ]
    round_trip(extraction, tmp_path)


def test_only_metrics_become_indicators(tmp_path: Path) -> None:
    # A paragraph of the 2026 浙江 report: figures of every kind.
    text = (
        "一、2025年主要工作\n"
        "（一）强化创新驱动发展，创新浙江建设成效明显。完善全口径科技创新投入机制，"
        "全省科技创新投入7232亿元、增长5.6%。首期规模500亿元的浙江社保科创基金签约落地。"
        "布局建设省级概念验证中心67家、省级中试平台11家。城镇和农村居民人均可支配收入分别增长"
        "4.3%、5.5%。省重大科技计划项目中企业牵头或参与占比超过80%。深入实施“十项重大工程”，"
        "推进“1+3+N”产业体系，森林覆盖率达61.3%，第3次获评优秀。2025年1月14日，"
        "平台企业营收增长7%以上。\n"
    )
    extraction = extract(write(tmp_path, "zj.txt", text), unit_name="浙江省")
    indicators = {i.name: i for i in extraction.indicators}
    # A growth rate after its amount is that indicator's growth, not a % indicator of its own.
    # 全省 is left out of names: next year's report may not write it.
    invested = indicators["科技创新投入"]
    assert (invested.value, invested.unit, invested.growth) == (7232, "亿元", 5.6)
    assert indicators["省级中试平台"].value == 11
    assert indicators["森林覆盖率"].value == 61.3
    # A subject with only a growth rate is an indicator holding just the growth.
    assert (indicators["平台企业营收"].value, indicators["平台企业营收"].growth) == (None, 7.0)
    # Never: lists of rates, rates without a ratio name, attributes, years, dates, ordinals,
    # 十项, 1+3+N; every name is words, never a bracket or a growth phrase.
    assert len(indicators) == 5
    assert all(re.fullmatch(r"[\u4e00-\u9fff“”]+", name) for name in indicators)
    intro = extraction.data["review"]["sections"][0]["intro"]
    assert "科技创新投入{{ ind." in intro and ".growth }}。首期规模500亿元的" in intro
    assert "分别增长4.3%、5.5%" in intro and "占比超过80%" in intro
    assert "“1+3+N”" in intro and "第3次" in intro and "2025年1月14日" in intro
    # Ids are readable and come from the name only, so next year's file gets the same ones.
    again = extract(write(tmp_path, "again.txt", text), unit_name="浙江省")
    assert [i.id for i in again.indicators] == [i.id for i in extraction.indicators]
    assert all(re.fullmatch(r"[a-z][a-z0-9_]*", i.id) for i in extraction.indicators)
    round_trip(extraction, tmp_path)


def test_unit_or_year_absent_gives_placeholders_and_notes(tmp_path: Path) -> None:
    text = (
        "各项工作稳步推进，群众满意度不断提高，基层治理水平持续提升。\n下一步，我们将继续努力。\n"
    )
    extraction = extract(write(tmp_path, "plain.txt", text))
    assert extraction.data["unit"] == {"name": UNIT_PLACEHOLDER}
    assert any("找不到单位名称" in note and "--unit" in note for note in extraction.notes)
    assert any("找不到回顾的年份" in note and "--year" in note for note in extraction.notes)
    named = extract(write(tmp_path, "plain2.txt", text), unit_name="未央湖街道", year=2023)
    assert named.data["unit"]["name"] == "未央湖街道" and named.data["year"] == 2023


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("english.txt", "The quick brown fox jumps over the lazy dog. " * 20, "几乎没有汉字"),
        ("sheet.txt", "指标,数值,单位\n地区生产总值,100,亿元\n税收,5,亿元\n人口,3,万人\n", "表格"),
        ("empty.txt", "", "没有正文"),
        ("blank.txt", "\n \n\u3000\n", "没有正文"),
        ("scan.pdf", "%PDF-1.4\n", "不直接读取 PDF"),
    ],
)
def test_bad_input_ends_in_a_chinese_message(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = write(tmp_path, name, content)
    with pytest.raises(SourceError, match=message):
        extract(path)
    result = run_cli("extract", str(path), "-o", str(tmp_path / "2022.yaml"), cwd=tmp_path)
    assert result.returncode == 2 and message in result.stderr
    assert "Traceback" not in result.stderr and not (tmp_path / "2022.yaml").exists()


def test_word_file_without_body_and_existing_output(tmp_path: Path) -> None:
    empty = tmp_path / "empty.docx"
    docx.Document().save(str(empty))
    result = run_cli("extract", str(empty), "-o", str(tmp_path / "x.yaml"), cwd=tmp_path)
    assert result.returncode == 2 and "报告中没有正文" in result.stderr
    source = write(tmp_path, "wyh.txt", SUMMARY_AND_PLAN)
    target = tmp_path / "inputs" / "weiyanghu" / "2023.yaml"
    target.parent.mkdir(parents=True)
    target.write_text("# 用户自己的文件\n", encoding="utf-8")
    refused = run_cli("extract", str(source), "-o", str(target), cwd=tmp_path)
    assert refused.returncode == 2 and "已存在" in refused.stderr
    assert target.read_text(encoding="utf-8") == "# 用户自己的文件\n"
    forced = CliRunner().invoke(cli, ["extract", str(source), "-o", str(target), "--force"])
    assert forced.exit_code == 0, forced.output
    assert "unit:\n  name: 未央湖街道" in target.read_text(encoding="utf-8")


def test_the_command_lists_what_it_left_out(tmp_path: Path) -> None:
    source = write(tmp_path, "zj.txt", GOVERNMENT)
    target = tmp_path / "2025.yaml"
    text = "".join(f"栏目{n}\n" for n in range(1, 4)).replace("栏目", "分享到：栏目") + GOVERNMENT
    source = write(tmp_path, "zj2.txt", text)
    result = CliRunner().invoke(cli, ["extract", str(source), "-o", str(target)])
    assert result.exit_code == 0, result.output
    assert "已略去 14 行网页或版面内容（不属于报告正文）：" in result.output
    assert "第 1 行（网页信息栏）：分享到：栏目1" in result.output
    assert "第 4 行（网页栏目）：下载" in result.output
    assert "……另有 2 行，可加 --show-dropped 全部列出。" in result.output
    assert "浙江省两会专题" not in result.output
    shown = CliRunner().invoke(
        cli, ["extract", str(source), "-o", str(target), "--force", "--show-dropped"]
    )
    assert "第 36 行（网页末尾的相关链接）：浙江省两会专题" in shown.output


def test_real_reports_extract_and_build_back(tmp_path: Path) -> None:
    """Whole real reports of every level in the conformance set: each builds back whole."""
    real = Path(__file__).parent / "fixtures" / "real"
    for name in ("sheng-hubei-2026.txt", "zhen-mutang-2024.txt", "qu-hanbin-2025.txt"):
        extraction = extract(real / name)
        assert not extraction.data["unit"]["name"].startswith("【")
        round_trip(extraction, tmp_path / name)
        assert read_document(real / name).front.salutation.startswith("各位代表")


def test_years_in_chinese_numerals(tmp_path: Path) -> None:
    text = (
        "菁芜洲镇二〇二三年工作总结和二〇二四年工作计划\n（二〇二四年一月十日）\n"
        "一、二〇二三年工作回顾\n二〇二三年，菁芜洲镇各项工作稳步推进。\n"
        "二、二〇二四年工作计划\n二〇二四年是关键之年，菁芜洲镇将持续发力。\n"
    )
    extraction = extract(write(tmp_path, "cn.txt", text))
    data = extraction.data
    assert (data["unit"]["name"], data["year"], data["genre"]) == ("菁芜洲镇", 2023, "总结和计划")
    assert data["date_line"] == "（二〇二四年一月十日）"
    assert (data["review"]["title"], data["plan"]["title"]) == (
        "二〇二三年工作回顾",
        "二〇二四年工作计划",
    )
    round_trip(extraction, tmp_path)


def test_part_headings_without_numbers_above_numbered_sections(tmp_path: Path) -> None:
    # The 2026 内蒙古 report: two unnumbered part headings, the plan's sections numbered 一、.
    text = (
        "2026年内蒙古自治区政府工作报告\n"
        "——2026年2月4日在内蒙古自治区第十四届人民代表大会第五次会议上\n"
        "自治区人民政府主席 包钢\n各位代表：\n"
        "现在，我代表自治区人民政府向大会报告工作，请予审议。\n"
        "“十四五”时期发展成就和2025年工作回顾\n"
        "过去五年，全区经济总量迈上新台阶。\n"
        "“十五五”时期主要目标和2026年重点工作\n"
        "今年是“十五五”开局之年。\n"
        "一、把铸牢中华民族共同体意识作为民族地区各项工作的主线\n"
        "（一）加强中华民族共有精神家园建设。坚持用党的创新理论凝心铸魂。\n"
        "二、全力抓好重点工作\n"
        "（一）立足壮大实体经济。加快建设现代化产业体系。\n"
    )
    extraction = extract(write(tmp_path, "nm.txt", text))
    data = extraction.data
    assert data["unit"]["name"] == "内蒙古自治区" and data["unit"]["level"] == "自治区"
    assert data["review"]["title"] == "“十四五”时期发展成就和2025年工作回顾"
    assert "sections" not in data["review"]
    assert data["plan"]["title"] == "“十五五”时期主要目标和2026年重点工作"
    assert [s["title"] for s in data["plan"]["sections"]] == [
        "把铸牢中华民族共同体意识作为民族地区各项工作的主线",
        "全力抓好重点工作",
    ]
    assert data["plan"]["sections"][0]["subsections"][0]["run_in"] is True
    round_trip(extraction, tmp_path)


def test_parts_marked_first_part_second_part(tmp_path: Path) -> None:
    text = (
        "城南街道2023年工作总结和2024年工作打算\n第一部分 主要工作完成情况\n"
        "2023年，城南街道各项工作稳步推进。\n一、经济发展稳中向好\n完成固定资产投资12亿元。\n"
        "二、民生保障持续加强\n新增就业500人。\n第二部分 2024年工作打算\n2024年是关键之年。\n"
        "一、抓项目促发展\n力争引进项目10个。\n"
    )
    extraction = extract(write(tmp_path, "cn.txt", text))
    data = extraction.data
    assert data["title"] == "城南街道2023年工作总结和2024年工作打算"
    assert (data["year"], data["genre"]) == (2023, "总结和计划")
    assert data["review"]["title"] == "第一部分 主要工作完成情况"
    assert len(data["review"]["sections"]) == 2
    assert data["plan"]["title"] == "第二部分 2024年工作打算"
    assert [s["title"] for s in data["plan"]["sections"]] == ["抓项目促发展"]
    round_trip(extraction, tmp_path)


def test_a_figure_on_a_line_of_its_own_and_page_furniture(tmp_path: Path) -> None:
    # A web page that put a figure in a span of its own (as 广东's PM\n2.5\n does), buttons
    # in brackets, a “1/2” page count, and a bracketed lead that is report text.
    text = (
        "【打印】【关闭】\n一、2023年工作回顾\n全年新增企业\n15\n家，某某镇经济平稳，某某镇发展向好。\n"
        "1/2\n【党建引领】\n全镇党组织建设持续加强。\n2/2\n"
    )
    extraction = extract(write(tmp_path, "web.txt", text))
    blocks = [b.text for b in extraction.source.blocks]
    assert blocks == [
        "2023年工作回顾",
        "全年新增企业15家，某某镇经济平稳，某某镇发展向好。",
        "【党建引领】",
        "全镇党组织建设持续加强。",
    ]
    assert [(d.text, d.reason) for d in extraction.dropped] == [
        ("【打印】【关闭】", "网页栏目"),
        ("1/2", "页码"),
        ("2/2", "页码"),
    ]
    round_trip(extraction, tmp_path)


# From the 外海街道 report and the 数读外海 figures of the same year (seeds 001 and 000).
WAIHAI_REVIEW = (
    "坚决扛起全区经济发展主战场的责任担当，有力应对经济下行超预期冲击，"
    "有效实现经济运行企稳向好，经济重镇招牌进一步擦亮。"
)
WAIHAI_LEAD = "经济运行稳中有进，"
WAIHAI_BODY = "实现规模以上工业产值超400亿元，规模以上工业增加值104.86亿元。"
WAIHAI_TABLE = [
    ["指标", "2022年", "说明"],
    ["新增规上企业", "57家", "全街道"],
    ["规上企业", "379家", ""],
    ["高新技术企业", "574家", ""],
    ["专精特新“小巨人”企业", "16家", "全区均落户外海"],
    ["实体经济数量质量均位居全市各镇(街)第一", "", ""],
]


def indicator_table_docx(path: Path) -> Path:
    """A report whose indicator table has a cell merged down (说明) and one merged across."""
    document = docx.Document()
    document.add_paragraph("外海街道2022年工作情况和2023年工作谋划", style="Title")
    document.add_paragraph("一、2022年工作情况")
    document.add_paragraph("2022年，全街道主要经济指标如下：")
    opening = document.add_table(rows=2, cols=2)
    for column, text in enumerate(("规上工业增加值", "104.86亿元")):
        opening.cell(0, column).text = ["指标", "数值"][column]
        opening.cell(1, column).text = text
    document.add_paragraph("（一）全力以赴稳经济，稳中向好态势不断巩固")
    document.add_paragraph(WAIHAI_REVIEW)
    paragraph = document.add_paragraph()
    paragraph.add_run(WAIHAI_LEAD).bold = True
    paragraph.add_run(WAIHAI_BODY)
    table = document.add_table(rows=len(WAIHAI_TABLE), cols=3)
    table.cell(1, 2).merge(table.cell(3, 2))
    table.cell(5, 0).merge(table.cell(5, 2))
    for row, cells in enumerate(WAIHAI_TABLE):
        for column, text in enumerate(cells):
            if text:
                table.cell(row, column).text = text
    document.add_paragraph("二、2023年工作谋划")
    document.add_paragraph("（一）着力聚焦工业兴街，实现高水平高质量发展")
    document.add_paragraph("持续壮大经济基本盘。坚持稳字当头、稳中求进，加快经济结构优化升级。")
    document.save(str(path))
    return path


def test_word_tables_become_tables_of_the_data_and_the_draft(tmp_path: Path) -> None:
    source = indicator_table_docx(tmp_path / "外海街道.docx")
    read = read_document(source)
    tables = [block.cells for block in read.blocks if block.kind == "table"]
    # Merged cells are read once: the cells they cover are empty.
    expected = [tuple(row) for row in WAIHAI_TABLE]
    assert tables == [(("指标", "数值"), ("规上工业增加值", "104.86亿元")), tuple(expected)]
    extraction = extract(source)
    section = extraction.data["review"]["sections"][0]
    assert section["intro"] == WAIHAI_REVIEW
    paragraph = section["paragraphs"][0]
    assert paragraph["lead"] == "经济运行稳中有进"
    header, *rows = [
        [cell.replace("(", "（").replace(")", "）") for cell in row] for row in expected
    ]
    assert paragraph["table"] == {"header": header, "rows": [list(row) for row in rows]}
    # A table in a part's opening, where the data holds text only, is written a row a line.
    assert extraction.data["review"]["intro"] == [
        "2022年，全街道主要经济指标如下：",
        "指标\u3000数值",
        "规上工业增加值\u3000104.86亿元",
    ]
    assert any("1 个表格位于部分开头或结尾" in note for note in extraction.notes)
    target = tmp_path / "inputs" / "waihai" / "2022.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(to_yaml(extraction), encoding="utf-8")
    written = target.read_text(encoding="utf-8")
    # One row a line; an empty cell quoted, so it reads back as text.
    assert "header: [指标, 2022年, 说明]\n" in written
    assert '- [规上企业, 379家, ""]\n' in written
    output = tmp_path / "外海街道.docx.out.docx"
    result = CliRunner().invoke(cli, ["build", str(target), "-o", str(output)])
    assert result.exit_code == 0, result.output
    built = docx.Document(str(output))
    assert len(built.tables) == 1
    cells = [[cell.text for cell in row.cells] for row in built.tables[0].rows]
    assert cells == [header, *rows]
    assert built.tables[0]._tbl.tag.endswith("}tbl")
    fidelity = compare(read, read_document(output))
    assert fidelity.figures_total >= 8 and fidelity.recall == 1.0, fidelity.missing_figures
    assert fidelity.kept == 1.0 and fidelity.tree_match
    for draft in (output, target):  # the built draft, and the input read as its draft
        report = CliRunner().invoke(cli, ["diff", str(source), str(draft)])
        assert report.exit_code == 0, report.output
        assert f"数字召回：100.0%（{fidelity.figures_total}/{fidelity.figures_total}）" in (
            report.output
        )
        assert "原文文字保留 100.00%" in report.output


def test_a_part_without_sections_keeps_its_paragraphs(tmp_path: Path) -> None:
    """A review with no section headings: its paragraphs, lead sentences included, stay
    paragraphs of the data (a list) and of the draft."""
    real = Path(__file__).parent / "fixtures" / "real"
    extraction = extract(real / "sheng-jilin-2026-numbered.docx")
    intro = extraction.data["review"]["intro"]
    assert isinstance(intro, list) and "sections" not in extraction.data["review"]
    assert intro[1] == "主要做了以下工作。"
    firsts = [text for text in intro if re.match(r"[一二三四五六七八九十]+是", text)]
    assert [text[:2] for text in firsts[:3]] == ["一是", "二是", "三是"]
    target = tmp_path / "inputs" / "jilin" / "2025.yaml"
    target.parent.mkdir(parents=True)
    target.write_text(to_yaml(extraction), encoding="utf-8")
    draft = read_draft(target)
    printed = [block.text for block in draft.blocks if block.kind == "paragraph"]
    assert all(any(p.startswith(t[:8]) for p in printed) for t in firsts)
    assert compare(extraction.source, draft).kept == 1.0


# The 河北省 2026 report's opening (corpus), its 2025 figures laid out as the page's table.
WEB_COPY_WITH_TABLE = """下载 | 打印 | 全屏 | 收藏
[ 索引号 ] | 000014349/2026-00012 | [ 发布机构 ] | 河北省人民政府 |
[ 发布日期 ] | 2026-02-02 | [ 有效性 ] | |
2026年河北省政府工作报告
——2026年1月26日在河北省第十四届人民代表大会第四次会议上
河北省人民政府省长 王正谱
各位代表：
现在，我代表省人民政府向大会报告工作，请予审议，并请省政协委员和列席人员提出意见。
一、2025年工作回顾
（一）千方百计稳增长，经济回升向好态势持续巩固
加力实施“两重”“两新”政策，抓投资上项目扩消费。主要指标如下：
| 指标 | 增速 |
| --- | --- |
| 全省生产总值 | 5.6% |
| 一般公共预算收入 | 2% |
| 规上工业增加值 | 7.9% |
| 固定资产投资 | 6.1% |
主要经济指标增速高于全国平均水平，为全国大局作出河北贡献。
二、2026年工作安排
（一）着力扩大内需，推动经济持续回升向好
| 主要预期目标 | |
| 地区生产总值 | 增长5%以上 |
| 规上工业增加值 | 增长5.5%左右 |
坚持惠民生和促消费、投资于物和投资于人紧密结合。
网站地图 | 联系我们 | 2026
"""


def test_table_rows_of_a_web_copy_become_a_table(tmp_path: Path) -> None:
    """``|`` rows inside the body are the report's table; the page's own rows (buttons,
    metadata, footer) stay chrome and are listed as dropped."""
    source = write(tmp_path, "hebei.txt", WEB_COPY_WITH_TABLE)
    read = read_document(source)
    assert [block.cells for block in read.blocks if block.kind == "table"] == [
        (
            ("指标", "增速"),
            ("全省生产总值", "5.6%"),
            ("一般公共预算收入", "2%"),
            ("规上工业增加值", "7.9%"),
            ("固定资产投资", "6.1%"),
        ),
        (
            ("主要预期目标", ""),
            ("地区生产总值", "增长5%以上"),
            ("规上工业增加值", "增长5.5%左右"),
        ),
    ]
    dropped = [item.text for item in read.dropped]
    assert "下载 | 打印 | 全屏 | 收藏" in dropped and "网站地图 | 联系我们 | 2026" in dropped
    assert any("索引号" in text for text in dropped)
    extraction = extract(source)
    section = extraction.data["review"]["sections"][0]
    assert section["intro"] == "加力实施“两重”“两新”政策，抓投资上项目扩消费。主要指标如下："
    table = {
        "header": ["指标", "增速"],
        "rows": [
            ["全省生产总值", "5.6%"],
            ["一般公共预算收入", "2%"],
            ["规上工业增加值", "7.9%"],
            ["固定资产投资", "6.1%"],
        ],
    }
    assert section["paragraphs"][0] == {"text": "", "table": table}
    assert section["paragraphs"][1].startswith("主要经济指标增速高于全国平均水平")
    # A table right under a heading stays above the text that follows it.
    plan = extraction.data["plan"]["sections"][0]
    # (a plan's items print after a section's paragraphs, so the table is a paragraph).
    assert "intro" not in plan and plan["paragraphs"] == [
        {
            "text": "",
            "table": {
                "header": ["主要预期目标", ""],
                "rows": [["地区生产总值", "增长5%以上"], ["规上工业增加值", "增长5.5%左右"]],
            },
        }
    ]
    assert plan["items"] == ["坚持惠民生和促消费、投资于物和投资于人紧密结合。"]
    round_trip(extraction, tmp_path)
    target = tmp_path / "inputs" / "unit" / f"{extraction.data['year']}.yaml"
    output = tmp_path / "hebei.docx"
    result = CliRunner().invoke(cli, ["build", str(target), "-o", str(output)])
    assert result.exit_code == 0, result.output
    built = docx.Document(str(output))
    cells = [[cell.text for cell in row.cells] for row in built.tables[0].rows]
    assert cells == [table["header"], *table["rows"]] and len(built.tables) == 2


def test_a_report_framed_in_a_one_column_table(tmp_path: Path) -> None:
    """A one-column table around the report is layout: its paragraphs are the body, and a
    table inside it is the report's table."""
    document = docx.Document()
    frame = document.add_table(rows=1, cols=1).cell(0, 0)
    frame.paragraphs[0].text = "外海街道2022年工作情况和2023年工作谋划"
    for text in (
        "一、2022年工作情况",
        "（一）全力以赴稳经济，稳中向好态势不断巩固",
        WAIHAI_LEAD + WAIHAI_BODY,
    ):
        frame.add_paragraph(text)
    inner = frame.add_table(rows=2, cols=2)
    for column, (head, value) in enumerate((("指标", "规上企业"), ("2022年", "379家"))):
        inner.cell(0, column).text = head
        inner.cell(1, column).text = value
    for text in ("二、2023年工作谋划", "（一）着力聚焦工业兴街，实现高水平高质量发展"):
        frame.add_paragraph(text)
    frame.add_paragraph("持续壮大经济基本盘。坚持稳字当头、稳中求进，加快经济结构优化升级。")
    path = tmp_path / "framed.docx"
    document.save(str(path))
    read = read_document(path)
    assert read.title == "外海街道2022年工作情况和2023年工作谋划"
    assert [b.text for b in read.headings()][:2] == [
        "2022年工作情况",
        "全力以赴稳经济，稳中向好态势不断巩固",
    ]
    assert [b.cells for b in read.blocks if b.kind == "table"] == [
        (("指标", "2022年"), ("规上企业", "379家"))
    ]
    extraction = extract(path)
    table = extraction.data["review"]["sections"][0]["paragraphs"][0]["table"]
    assert table == {"header": ["指标", "2022年"], "rows": [["规上企业", "379家"]]}
    round_trip(extraction, tmp_path)


# Three of the 2026 民生实事 of the 内蒙古自治区 report (corpus), laid out as the table they are.
LIVELIHOOD = [
    ["序号", "民生实事", "牵头单位"],
    ["2", "实现城镇新增就业18万人以上，发布就业岗位50万个以上，释放政策性岗位4.5万个", "人社厅"],
    ["5", "完善提升20个县乡村三级养老服务网络，建成家庭养老床位7000张", "民政厅"],
    ["10", "发放城镇住房保障家庭租赁补贴1.6万户，加装、更新住宅电梯500部以上", "住建厅"],
]


def test_a_table_in_an_appendix(tmp_path: Path) -> None:
    """附件 with a list of 民生实事 as a table: the appendix keeps it as its table."""
    document = docx.Document()
    document.add_paragraph("2026年内蒙古自治区政府工作报告", style="Title")
    document.add_paragraph("各位代表：")
    document.add_paragraph("现在，我代表自治区人民政府向大会报告工作，请予审议。")
    document.add_paragraph("一、2025年工作回顾")
    document.add_paragraph("过去一年，全区经济运行总体平稳、稳中有进。")
    document.add_paragraph("二、2026年重点工作")
    document.add_paragraph("（一）扎实办好民生实事")
    document.add_paragraph("悠悠万事，民生为大。今年再办好10件民生实事。")
    document.add_paragraph("附件")
    document.add_paragraph("2026年自治区民生实事")
    table = document.add_table(rows=len(LIVELIHOOD), cols=3)
    for row, cells in enumerate(LIVELIHOOD):
        for column, text in enumerate(cells):
            table.cell(row, column).text = text
    path = tmp_path / "neimenggu.docx"
    document.save(str(path))
    extraction = extract(path)
    assert extraction.data["appendices"] == [
        {
            "title": "2026年自治区民生实事",
            "paragraphs": [{"table": {"header": LIVELIHOOD[0], "rows": LIVELIHOOD[1:]}}],
        }
    ]
    assert all("表格" not in note for note in extraction.notes)  # nothing written as text
    round_trip(extraction, tmp_path)
    target = tmp_path / "inputs" / "unit" / f"{extraction.data['year']}.yaml"
    output = tmp_path / "draft.docx"
    result = CliRunner().invoke(cli, ["build", str(target), "-o", str(output)])
    assert result.exit_code == 0, result.output
    built = docx.Document(str(output))
    assert [[cell.text for cell in row.cells] for row in built.tables[0].rows] == LIVELIHOOD
    assert compare(read_document(path), read_document(output)).recall == 1.0
