"""``workreport rollover``: next year's file from this year's, on made-up units (no real figures)."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.conftest import run_cli as run
from workreport.api import make_draft
from workreport.errors import WriteError
from workreport.rollover import rollover, shift_years

ROOT = Path(__file__).resolve().parent.parent

MADE_UP = """\
# 样例镇2024年工作情况和2025年工作谋划：测试用的虚构数据。
# 第二行说明。

unit: {name: 样例镇, level: 镇}   # 单位
year: 2024
stage: 送审稿
date: 2025-01-10
issuer: 样例镇人民政府
title: 样例镇2024年工作总结和2025年工作打算

indicators:
  # 经济指标
  gdp:
    name: 地区生产总值
    value: 52.3        # 快报数
    unit: 亿元
    source: 镇统计站
  investment: {name: 固定资产投资, value: 18, unit: 亿元, growth: -3.2}
  output:
    name: 规模以上工业产值
    value: 400
    unit: 亿元
    approx: 超
    decimals: 1

review:
  intro: "2024年，全镇实现地区生产总值{{ ind.gdp }}，这句话不应出现在明年的文件里。"
  sections:
    - title: 稳经济
      paragraphs:
        - {lead: 抓项目, text: "工业产值{{ ind.output }}。"}
  closing: 此外，各项工作进一步加强。

# 明年的打算
plan:
  intro: 2025年是收官之年。
  targets:
    - {indicator: gdp, growth: 6}          # 地区生产总值目标
    - {indicator: investment, growth: 5}
    - {name: 居民消费价格涨幅, value: 3, unit: "%", bound: 以内, verb: 控制在}
  sections:
    - title: 实施强基工程，夯实发展基础
      intro: 坚持党建引领。
      enumerate: true
      items:
        - {lead: 强化理论导航, text: 继续坚持学习。}
        - 没有引领句的事项，写得很长很长很长很长很长很长。后面还有一句。
    - title: 实施惠民工程
      items:
        - {lead: 办好民生实事, text: 办好十件实事。}
"""


def write(tmp_path: Path, text: str = MADE_UP, year: int = 2024) -> Path:
    path = tmp_path / "inputs" / "yangli" / f"{year}.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_rollover_then_build_with_zero_edits_through_the_cli(tmp_path: Path) -> None:
    write(tmp_path)
    rolled = run("rollover", "inputs/yangli/2024.yaml", cwd=tmp_path)
    assert rolled.returncode == 0, rolled.stderr
    assert f"已生成：{Path('inputs/yangli/2025.yaml')}" in rolled.stdout
    built = run("build", "inputs/yangli/2025.yaml", "-o", "next.docx", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    assert "处【待补充】内容" in built.stdout
    draft = make_draft(tmp_path / "inputs" / "yangli" / "2025.yaml")
    assert draft.document.title == "样例镇2025年工作总结和2026年工作打算"
    assert draft.placeholders and "None" not in draft.markup


def test_comments_and_key_order_survive(tmp_path: Path) -> None:
    text = rollover(write(tmp_path)).read_text(encoding="utf-8")
    for comment in ["# 样例镇2024年工作情况和2025年工作谋划：测试用的虚构数据。", "# 第二行说明。",
                    "# 单位", "# 经济指标", "# 快报数"]:  # fmt: skip
        assert comment in text
    assert text.startswith(
        "# 样例镇2024年工作情况和2025年工作谋划：测试用的虚构数据。\n# 第二行说明。\n"
    )
    assert "# 由 workreport rollover 根据 2024.yaml 生成" in text
    data = yaml.safe_load(text)
    assert list(data) == ["unit", "year", "stage", "date", "issuer", "title", "indicators",
                          "review", "plan"]  # fmt: skip
    assert list(data["indicators"]) == ["gdp", "investment", "output", "target_1"]
    assert list(data["indicators"]["gdp"]) == ["name", "value", "previous", "unit", "source"]
    assert "unit: {name: 样例镇, level: 镇}" in text  # flow style kept as written


def test_values_become_previous_and_new_values_are_empty(tmp_path: Path) -> None:
    data = yaml.safe_load(rollover(write(tmp_path)).read_text(encoding="utf-8"))
    assert data["year"] == 2025 and data["stage"] == "草稿" and data["date"] is None
    assert data["issuer"] == "样例镇人民政府"
    gdp, investment, output = (data["indicators"][k] for k in ("gdp", "investment", "output"))
    assert gdp == {"name": "地区生产总值", "value": None, "previous": 52.3, "unit": "亿元",
                   "source": None}  # fmt: skip
    assert investment["previous"] == 18 and investment["growth"] is None
    assert output["previous"] == 400 and "approx" not in output and output["decimals"] == 1


def test_last_years_prose_is_not_carried_over(tmp_path: Path) -> None:
    text = rollover(write(tmp_path)).read_text(encoding="utf-8")
    for sentence in ["这句话不应出现在明年的文件里", "工业产值{{", "继续坚持学习", "2025年是收官之年",
                     "此外，各项工作进一步加强。", "办好十件实事"]:  # fmt: skip
        assert sentence not in text


def test_plan_becomes_the_review_skeleton(tmp_path: Path) -> None:
    path = rollover(write(tmp_path))
    review = yaml.safe_load(path.read_text(encoding="utf-8"))["review"]
    first, second = review["sections"]
    assert first["title"] == "{{ todo('实施强基工程，夯实发展基础') }}"
    assert first["enumerate"] is True and first["intro"] == "{{ todo('导语') }}"
    assert [p.get("lead") for p in first["items"]] == ["{{ todo('强化理论导航') }}", None]
    assert first["items"][1]["text"] == (
        "{{ todo('工作情况和成效（上年计划：没有引领句的事项，写得很长很长很长很长很……）') }}"
    )
    assert second["title"] == "{{ todo('实施惠民工程') }}"

    draft = make_draft(path)
    headings = [(b.number, b.text) for b in draft.document.blocks if hasattr(b, "number")]
    assert headings == [
        ("一、", "2025年工作情况"),
        ("（一）", "【待补充：实施强基工程，夯实发展基础】"),
        ("（二）", "【待补充：实施惠民工程】"),
        ("二、", "2026年工作谋划"),
        ("（一）", "【待补充：重点工作的标题】"),
    ]
    assert "**一是【待补充：强化理论导航】**，【待补充：工作情况和成效】" in draft.markup


def test_targets_are_reported_against_once_results_are_filled(tmp_path: Path) -> None:
    path = rollover(write(tmp_path))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert [t.get("indicator") for t in data["review"]["targets"]] == ["gdp", "investment",
                                                                       "target_1"]  # fmt: skip
    assert data["indicators"]["target_1"] == {
        "name": "居民消费价格涨幅",
        "value": None,
        "unit": "%",
    }
    before = make_draft(path).markup
    assert "年度主要目标完成情况：地区生产总值【待补充：地区生产总值增速】；" in before

    data["indicators"]["gdp"]["value"] = 55.5  # 6.1% on last year's 52.3
    data["indicators"]["investment"]["value"] = 18.5  # 2.8% on 18
    data["indicators"]["target_1"]["value"] = 3
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    line = next(x for x in make_draft(path).markup.splitlines() if x.startswith("年度主要目标"))
    assert line == (
        "年度主要目标完成情况：地区生产总值增长6.1%，超额完成年度目标；"
        "固定资产投资增长2.8%，未完成年度目标，与目标相差2.2个百分点；"
        "居民消费价格涨幅3%，完成年度目标。"
    )


def test_fresh_plan_keeps_targets_with_empty_numbers(tmp_path: Path) -> None:
    plan = yaml.safe_load(rollover(write(tmp_path)).read_text(encoding="utf-8"))["plan"]
    assert plan["targets"][0] == {"indicator": "gdp", "growth": None}
    assert plan["targets"][2]["value"] is None and plan["targets"][2]["verb"] == "控制在"
    assert plan["intro"] == "{{ todo('2026年工作谋划的总述') }}"
    assert plan["sections"][0]["enumerate"] is True


PLAN_ONLY = """\
unit: {name: 样例街道}
year: 2024
indicators:
  gdp: {name: 地区生产总值, unit: 亿元}
plan:
  show_title: false
  requirements: 总体要求是：稳中求进。
  targets:
    - {indicator: gdp, growth: 6}
  sections:
    - title: 实施强基工程
      items: [{lead: 强化理论导航, text: 继续坚持。}]
    - title: 实施拼经济工程
      intro: 凝聚合力。
      with_targets: true
      items: [{lead: 做强制造业, text: 立足优势。}]
"""


def test_plan_only_year_gains_a_review_and_part_headings(tmp_path: Path) -> None:
    draft = make_draft(rollover(write(tmp_path, PLAN_ONLY)))
    headings = [(b.number, b.text) for b in draft.document.blocks if hasattr(b, "number")]
    assert [h[1] for h in headings] == [
        "2025年工作情况", "【待补充：实施强基工程】", "【待补充：实施拼经济工程】",
        "2026年工作谋划", "【待补充：重点工作的标题】",
    ]  # fmt: skip
    lines = draft.markup.splitlines()
    at = lines.index("## 【待补充：实施拼经济工程】")
    following = [x for x in lines[at + 1 :] if x][:2]
    assert following == [
        "【待补充：导语】",
        "年度主要目标完成情况：地区生产总值【待补充：地区生产总值增速】。",
    ]


def test_outline_of_a_lone_part_is_extended_for_the_new_part(tmp_path: Path) -> None:
    text = PLAN_ONLY.replace("  show_title: false\n", "") + (
        "outline:\n  - part: plan  # 只有谋划\n    title: ''\n    blocks: [requirements, sections]\n"
    )
    path = rollover(write(tmp_path, text))
    outline = yaml.safe_load(path.read_text(encoding="utf-8"))["outline"]
    assert outline == [{"part": "review"}, {"part": "plan", "blocks": ["requirements", "sections"]}]
    assert "# 只有谋划" in path.read_text(encoding="utf-8")
    headings = [b.text for b in make_draft(path).document.blocks if getattr(b, "level", 0) == 1]
    assert headings == ["2025年工作情况", "2026年工作谋划"]


def test_review_only_year_keeps_its_shape(tmp_path: Path) -> None:
    text = (
        "unit: {name: 样例区, level: 区}\nyear: 2024\n"
        "outline:\n  - {part: review, title: '', blocks: [intro, sections]}\n"
        "review:\n  intro: 总述。\n  sections:\n"
        "    - {title: 建强党建体系, paragraphs: [{lead: 在城市, text: 文字。}]}\n"
        "    - {title: 建强生态体系, subsections: [{title: 治水, paragraphs: [文字。]}]}\n"
    )
    path = rollover(write(tmp_path, text))
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert "plan" not in data and data["outline"][0]["title"] == ""
    draft = make_draft(path)
    headings = [(b.number, b.text) for b in draft.document.blocks if hasattr(b, "number")]
    assert headings == [
        ("一、", "【待补充：建强党建体系】"),
        ("二、", "【待补充：建强生态体系】"),
        ("（一）", "【待补充：治水】"),
    ]
    assert draft.document.title == "样例区2025年工作情况"


def test_rollover_refuses_to_overwrite(tmp_path: Path) -> None:
    path = write(tmp_path)
    existing = path.with_name("2025.yaml")
    existing.write_text("# 已经开始写的明年文件\n", encoding="utf-8")
    with pytest.raises(WriteError, match="已存在"):
        rollover(path)
    result = run("rollover", str(path), cwd=tmp_path)
    assert result.returncode == 2 and "已存在" in result.stderr
    assert existing.read_text(encoding="utf-8") == "# 已经开始写的明年文件\n"


def test_gbk_file_rolls_over_in_gbk(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.write_bytes(MADE_UP.encode("gb18030"))
    target = rollover(path, tmp_path / "next.yaml")
    assert "# 经济指标" in target.read_bytes().decode("gb18030")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("样例镇2024年工作情况和2025年工作谋划", "样例镇2025年工作情况和2026年工作谋划"),
        ("“十四五”（2021—2025年）规划中期", "“十四五”（2021—2025年）规划中期"),
        ("20245", "20245"),
    ],
)
def test_shift_years_moves_only_this_and_next_year(text: str, expected: str) -> None:
    assert shift_years(text, 2024) == expected


def test_committed_waihai_2023_is_untouched_rollover_output(tmp_path: Path) -> None:
    """inputs/waihai/2023.yaml is what `rollover` makes of 2022.yaml, with no hand edits."""
    fresh = rollover(ROOT / "inputs" / "waihai" / "2022.yaml", tmp_path / "2023.yaml")
    committed = ROOT / "inputs" / "waihai" / "2023.yaml"
    assert committed.read_text(encoding="utf-8") == fresh.read_text(encoding="utf-8"), (
        "2022.yaml changed: delete inputs/waihai/2023.yaml and run "
        "`workreport rollover inputs/waihai/2022.yaml`, then scripts/make_samples.py"
    )
