"""Derived figures in the built draft: growth from previous values, targets met or missed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import docx

from workreport.api import make_draft

MADE_UP = """\
unit: {name: 样例镇, level: 镇}
year: 2024
indicators:
  gdp: {name: 地区生产总值, value: 52.3, unit: 亿元, previous: 50}
  investment: {name: 固定资产投资, value: 18, unit: 亿元, growth: -3.2}
  retail: {name: 社会消费品零售总额, value: 20, unit: 亿元, previous: 20}
  share: {name: 第二产业占比, value: 61.5, unit: "%", previous: 59.2}
  budget: {name: 一般公共预算收入, value: 3.1, unit: 亿元}
  pending: {name: 新增市场主体, unit: 户}
review:
  intro: "地区生产总值{{ ind.gdp }}，{{ ind.gdp.yoy }}；固定资产投资{{ ind.investment.growth }}；\\
社会消费品零售总额{{ ind.retail.growth }}；第二产业占比{{ ind.share.change }}；新增市场主体{{ ind.pending }}。"
  targets:
    - {indicator: gdp, growth: 4}
    - {indicator: investment, growth: 5}
    - {indicator: budget, value: 3, unit: 亿元}
    - {indicator: retail, growth: 0, bound: 以内, verb: 控制在}
  sections:
    - title: 稳经济
      items:
        - {lead: 抓项目, text: 项目落地。}
        - {lead: 促消费, text: 消费回暖。}
      enumerate: true
plan:
  show_title: false
  targets:
    - {indicator: gdp, growth: 5}
  sections:
    - title: 实施强基工程
      enumerate: true
      items:
        - {lead: 强化理论导航，持续学习, text: 继续坚持。}
        - {lead: 强化党建领航, text: 筑牢堡垒。}
"""


def write(tmp_path: Path, text: str = MADE_UP) -> Path:
    path = tmp_path / "inputs" / "yangli" / "2024.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_growth_phrases_in_context(tmp_path: Path) -> None:
    markup = make_draft(write(tmp_path)).markup
    assert "地区生产总值52.3亿元，同比增长4.6%" in markup
    assert "固定资产投资下降3.2%" in markup
    assert "社会消费品零售总额与上年持平" in markup
    assert "第二产业占比提高2.3个百分点" in markup
    assert "新增市场主体【待补充：新增市场主体】" in markup
    assert "None" not in markup and "nan" not in markup


def test_targets_met_exceeded_and_missed(tmp_path: Path) -> None:
    markup = make_draft(write(tmp_path)).markup
    line = next(x for x in markup.splitlines() if x.startswith("年度主要目标完成情况"))
    assert line == (
        "年度主要目标完成情况：地区生产总值增长4.6%，超额完成年度目标；"
        "固定资产投资下降3.2%，未完成年度目标，与目标相差8.2个百分点；"
        "一般公共预算收入3.1亿元，超额完成年度目标；"
        "社会消费品零售总额与上年持平，完成年度目标。"
    )


def test_enumerated_items_and_untitled_plan(tmp_path: Path) -> None:
    draft = make_draft(write(tmp_path))
    assert "**一是抓项目**，项目落地。" in draft.markup
    assert "**一是强化理论导航，持续学习**。继续坚持。" in draft.markup
    headings = [(b.number, b.text) for b in draft.document.blocks if hasattr(b, "number")]
    assert headings == [("一、", "2024年工作情况"), ("（一）", "稳经济"), ("二、", "实施强基工程")]


def test_last_years_file_supplies_previous_values(tmp_path: Path) -> None:
    path = write(tmp_path, MADE_UP.replace(", previous: 50}", "}"))
    path.with_name("2023.yaml").write_text(
        "unit: {name: 样例镇}\nyear: 2023\nindicators:\n  gdp: {name: 地区生产总值, value: 55}\n",
        encoding="utf-8",
    )
    assert "地区生产总值52.3亿元，同比下降4.9%" in make_draft(path).markup


def test_a_falling_indicator_says_decline_everywhere_through_the_cli(tmp_path: Path) -> None:
    """Issue-level check: change ``previous`` so the figure falls; every citation follows."""
    path = write(tmp_path, MADE_UP.replace("previous: 50}", "previous: 58.1}"))
    out = tmp_path / "draft.docx"
    subprocess.run(
        [sys.executable, "-c", "from workreport.cli import main; main()", "build", str(path), "-o", str(out)],
        check=True, capture_output=True,
    )  # fmt: skip
    text = "\n".join(p.text for p in docx.Document(str(out)).paragraphs)
    assert "地区生产总值52.3亿元，同比下降10%" in text
    assert "地区生产总值下降10%，未完成年度目标，与目标相差14个百分点" in text
    assert "增长-" not in text
