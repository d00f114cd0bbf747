from __future__ import annotations

import pytest

from workreport.errors import InputError
from workreport.load import loads
from workreport.validate import validate, validate_all

BASE = "unit:\n  name: 外海街道\nyear: 2022\n"


def check(text: str) -> InputError:
    with pytest.raises(InputError) as info:
        validate(loads(text, path="2022.yaml"))
    return info.value


def test_valid_minimal_input() -> None:
    report = validate(loads(BASE, path="2022.yaml"))
    assert report.unit.name == "外海街道"
    assert report.next_year == 2023


def test_unknown_key_suggests_the_closest() -> None:
    error = check(BASE + "indicators:\n  gdp:\n    nmae: 地区生产总值\n")
    assert error.message == "indicators.gdp.nmae：不认识的键“nmae”。"
    assert error.hint == "是否想写“name”？"
    assert (error.at.line, error.at.column) == (6, 11)


def test_number_with_unit_inside() -> None:
    error = check(BASE + "indicators:\n  output:\n    name: 产值\n    value: 400亿\n")
    assert "应当是数字，却写成了“400亿”" in error.message
    assert "unit" in (error.hint or "")
    assert error.at.line == 7


def test_percentage_with_percent_sign() -> None:
    error = check(BASE + "indicators:\n  rate:\n    name: 占比\n    value: 35.7%\n")
    assert error.hint == "百分数只写数字，去掉“%”：写成 35.7。"


def test_missing_required_field() -> None:
    error = check("year: 2022\n")
    assert error.message == "unit：缺少必填项“unit”。"


def test_indicator_id_must_be_ascii() -> None:
    error = check(BASE + "indicators:\n  产值:\n    name: 产值\n")
    assert "只能由英文字母" in error.message


def test_target_with_unknown_indicator() -> None:
    text = (
        BASE
        + "indicators:\n  gdp: {name: 地区生产总值}\n"
        + "plan:\n  targets:\n    - {indicator: gpd, growth: 6}\n"
    )
    error = check(text)
    assert error.message == "目标引用了不存在的指标“gpd”。"
    assert error.hint == "是否想写 gdp？"
    assert error.at.line == 8


def test_top_level_must_be_a_mapping() -> None:
    error = check("- a\n- b\n")
    assert "顶层" in error.message


def test_every_problem_of_a_file_is_reported_at_once() -> None:
    text = (
        "unit:\n  nmae: 外海街道\n"
        "year: 2022\n"
        "indicators:\n"
        "  gdp: {name: 地区生产总值, value: 约400亿元}\n"
        "  rate: {name: 占比, value: 35.7%, approx: 大约}\n"
        "review:\n"
        "  show_title: 是\n"
        "  sections:\n"
        "    - {title: 一, level: 4, subsections: [{title: 二}]}\n"
        "parts:\n"
        "  - {id: review, title: 回顾}\n"
    )
    _, errors = validate_all(loads(text, path="2022.yaml"))
    found = [(e.at.line, e.message) for e in errors]
    assert found == [
        (2, "unit.nmae：不认识的键“nmae”。"),
        (5, "indicators.gdp.value：应当是数字，却写成了“约400亿元”。"),
        (6, "indicators.rate.value：应当是数字，却写成了“35.7%”。"),
        (6, "indicators.rate.approx：“大约”不是可选的值。"),
        (8, "review.show_title：应当是 true 或 false，却写成了“是”。"),
        (10, "review.sections[0].subsections：标题最多四级：level 为 4 的分项下不能再有下级标题。"),
        (12, "parts[0].id：部分 id 不能用“review”：review、plan 已是工作情况和工作谋划。"),
    ]
    assert errors[0].hint == "是否想写“name”？"
    assert (
        errors[1].hint
        == "数值只写数字，单位和约数用语各写一项：value: 400，unit: 亿元，approx: 约。"
    )
    assert errors[3].hint == "可选：超、近、约、逾、余。"


def test_friendlier_forms_reach_the_model_as_its_types() -> None:
    text = (
        BASE
        + "preface:\n  - 第一段。\n  - '  '\n  - 第二段。\n"
        + "review:\n"
        + "  intro: |\n    总述。\n"
        + "  sections:\n"
        + "    - title: '  经济  '\n"
        + "      paragraphs:\n"
        + "        - 直接写的段落。\n"
        + "        - lead: 引领句\n"
        + "          items: [事项一, {lead: 二, text: 事项二}]\n"
        + "          table: {header: [年份, 数值], rows: [[2022, 6.5], [2023, 100.0]]}\n"
    )
    report = validate(loads(text, path="2022.yaml"))
    assert report.preface == "第一段。\n\n第二段。"
    assert report.review is not None
    assert report.review.intro == "总述。"
    section = report.review.sections[0]
    assert section.title == "经济"
    first, second = section.paragraphs
    assert (first.lead, first.text) == (None, "直接写的段落。")
    assert [(i.lead, i.text) for i in second.items] == [(None, "事项一"), ("二", "事项二")]
    assert second.table is not None
    assert second.table.rows == [["2022", "6.5"], ["2023", "100"]]


def test_text_block_of_other_things_is_named() -> None:
    error = check(BASE + "review:\n  intro: [第一段, {a: 1}]\n")
    assert error.message.startswith("review.intro：应当是文字或文字列表")
    assert error.at.line == 5


def test_a_number_beyond_any_float_is_not_a_number() -> None:
    error = check(BASE + "indicators:\n  big: {name: 大数, value: 1e400}\n")
    assert error.message == "indicators.big.value：“1e400”不是有效的数字。"
