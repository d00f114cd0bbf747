"""Messages a non-programmer can act on, and targets that keep their units.

Each case runs the real command in a subprocess: exit status 2, a located Chinese message that
says what to type, and no Python text (no traceback, no ``ValueError:``).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import docx
import pytest
import yaml

from workreport.api import build, make_draft
from workreport.numbers import chinese_numeral, join_targets
from workreport.rollover import rollover

from .conftest import DEMO_PROJECT, run_cli

DEMO = "inputs/demo/2022.yaml"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    shutil.copytree(DEMO_PROJECT, tmp_path / "project")
    return tmp_path / "project"


def edit(project: Path, old: str, new: str) -> Path:
    path = project / DEMO
    text = path.read_text(encoding="utf-8")
    assert old in text, old
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def refused(project: Path, *args: str) -> str:
    done = run_cli(*args, cwd=project)
    output = done.stdout + done.stderr
    assert done.returncode == 2, output
    assert "Traceback" not in output and "Error:" not in output, output
    return output


# ---- YAML values written the way people write them -----------------------------------------


@pytest.mark.parametrize(
    ("old", "new", "where", "fix"),
    [
        (
            'intro: "2022年，街道实现{{ ind.output.named }}。"',
            "intro: {{ ind.output.named }}",
            ":8:11:",
            'intro: "{{ ind.output.named }}"',
        ),
        (
            'intro: "2022年，街道实现{{ ind.output.named }}。"',
            "intro: {{ ind.output.named }}，同比增长",
            ":8:10:",
            'intro: "{{ ind.output.named }}，同比增长"',
        ),
        (
            "- 普通段落，没有引领句。",
            "- {{ ind.gdp }}，普通段落。",
            ":15:11:",
            '- "{{ ind.gdp }}，普通段落。"',
        ),
    ],
)
def test_an_unquoted_template_value_asks_for_quotes(
    project: Path, old: str, new: str, where: str, fix: str
) -> None:
    edit(project, old, new)
    output = refused(project, "check", DEMO)
    assert f"2022.yaml{where} 错误：以“{{{{”或“{{%”开头的值没有加引号" in output
    assert f"建议：把整个值用双引号括起来：{fix}。" in output
    assert "缩进不一致" not in output


@pytest.mark.parametrize(
    ("typed", "fix"),
    [
        ("约400亿元", "value: 400，unit: 亿元，approx: 约"),
        ("超1.5万人", "value: 1.5，unit: 万人，approx: 超"),
        ("40余家", "value: 40，unit: 家，approx: 余"),
    ],
)
def test_a_value_with_its_unit_and_approximation_says_where_each_goes(
    project: Path, typed: str, fix: str
) -> None:
    edit(project, "value: 400, unit: 亿元, approx: 超", f"value: {typed}")
    output = refused(project, "check", DEMO)
    assert f"应当是数字，却写成了“{typed}”。" in output
    assert f"建议：数值只写数字，单位和约数用语各写一项：{fix}。" in output


def test_a_deleted_indicator_still_cited_is_named_once_in_words(project: Path) -> None:
    edit(project, "  gdp: {name: 地区生产总值, value: 104.86, unit: 亿元, previous: 98.5}\n", "")
    edit(project, "- {indicator: gdp, growth: 6}", "- {name: 地区生产总值, growth: 6}")
    output = refused(project, "check", DEMO)
    assert output.count("不存在的指标“gdp”") == 1, output
    assert (
        "2022.yaml:13:17: 错误：工作情况 › 分项第1项 › 段落第1项 › 正文："
        "引用了不存在的指标“gdp”：{{ ind.gdp }}、{{ ind.gdp.yoy }}。"
    ) in output
    assert "若这个指标已删去，请把这些引用一并删去或改写。" in output


# ---- rendering errors are in words -----------------------------------------------------------


@pytest.mark.parametrize(
    ("expression", "message"),
    [
        (
            "(10 ** 20) | numeral",
            "有一处数值不合要求：数字过大，无法写成中文数字（应小于一亿亿），实际是1.000e+20。",
        ),
        ("-3 | numeral", "有一处数值不合要求：中文数字不能小于0，实际是-3。"),
        ("2.5 | numeral", "有一处数值不合要求：中文数字应为整数，实际是2.5。"),
        ("10 ** 20 | numeral", "把运算或过滤器用在了不合适的数据上"),
        ("1 // 0", "做了除以零的计算。"),
        ("none | numeral", "中文数字应为整数，实际是空值"),
    ],
)
def test_rendering_errors_show_no_python_text(
    project: Path, tmp_path: Path, expression: str, message: str
) -> None:
    edit(project, "intro: 2023年是开局之年。", f'intro: "{{{{ {expression} }}}}年是开局之年。"')
    output = refused(project, "build", DEMO, "-o", str(tmp_path / "草稿.docx"))
    assert "2022.yaml:17:10: 错误：工作谋划 › 总述：" in output
    assert message in output
    assert not (tmp_path / "草稿.docx").exists()


def test_numeral_takes_whole_floats_and_refuses_the_rest_in_words() -> None:
    assert chinese_numeral(12.0) == "十二"
    assert chinese_numeral(10**16 - 1).startswith("九千九百九十九万")
    with pytest.raises(ValueError, match=r"实际是1\.000e\+400"):
        chinese_numeral(10**400)
    with pytest.raises(ValueError, match="中文数字应为整数，实际是inf"):
        chinese_numeral(float("inf"))


def test_an_output_named_docx_that_is_a_folder(project: Path) -> None:
    (project / "草稿.docx").mkdir()
    output = refused(project, "build", DEMO, "-o", "草稿.docx")
    assert "草稿.docx: 错误：“草稿.docx”是一个文件夹，不能把草稿写成这个名字。" in output
    assert "写 -o 草稿.docx/草稿.docx 把草稿放进这个文件夹" in output
    assert "批量" not in output
    assert list((project / "草稿.docx").iterdir()) == []


# ---- targets keep their units; 力争 once -------------------------------------------------


TARGETS = """  targets:
    - {indicator: gdp, growth: 6}
    - {indicator: output, growth: 8}
    - {indicator: investment, value: 36}
    - {name: 居民消费价格涨幅, value: 3, unit: "%", bound: 以内, verb: 控制在}
"""


def with_value_target(project: Path) -> Path:
    edit(project, "  firms:", "  investment: {name: 投资, value: 30, unit: 亿元}\n  firms:")
    path = project / DEMO
    text = path.read_text(encoding="utf-8")
    start = text.index("  targets:\n")
    end = text.index("  sections:\n", start)
    path.write_text(text[:start] + TARGETS + text[end:], encoding="utf-8")
    return path


def test_a_value_target_takes_its_indicators_unit_and_the_verb_is_said_once(
    project: Path, tmp_path: Path
) -> None:
    path = with_value_target(project)
    expected = (
        "主要预期目标是：力争地区生产总值增长6%以上、规模以上工业产值增长8%以上、投资36亿元以上，"
        "居民消费价格涨幅控制在3%以内。"
    )
    assert expected in make_draft(path).markup
    output = build(path, tmp_path / "草稿.docx").output
    text = "".join(p.text for p in docx.Document(str(output)).paragraphs)
    assert expected in text and text.count("力争") == 1


def test_check_reports_a_value_target_without_any_unit(project: Path) -> None:
    with_value_target(project)
    edit(project, "investment: {name: 投资, value: 30, unit: 亿元}", "investment: {name: 投资}")
    output = refused(project, "check", DEMO)
    assert "2022.yaml:22:38: 错误：目标数值 36 没有单位，草稿会写成“力争…36以上”。" in output
    assert "建议：在这个目标里写上 unit（如 unit: 亿元），或给所引用的指标写上 unit。" in output


def test_rollover_writes_the_unit_into_the_targets(project: Path) -> None:
    path = with_value_target(project)
    data = yaml.safe_load(rollover(path).read_text(encoding="utf-8"))
    review = {t.get("indicator") or t.get("name"): t for t in data["review"]["targets"]}
    plan = {t.get("indicator") or t.get("name"): t for t in data["plan"]["targets"]}
    assert review["investment"]["unit"] == "亿元" and review["investment"]["value"] == 36
    assert plan["investment"]["unit"] == "亿元" and plan["investment"]["value"] is None
    assert "unit" not in plan["gdp"]  # growth targets are in % by definition


def test_join_targets_groups_consecutive_verbs() -> None:
    assert join_targets([]) == ""
    assert (
        join_targets(["确保税收增长5%以上", "确保投资增长10%以上", "力争产值增长8%以上"])
        == "确保税收增长5%以上、投资增长10%以上，力争产值增长8%以上"
    )
