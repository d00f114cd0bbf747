from __future__ import annotations

import pytest

from workreport.errors import InputError
from workreport.load import loads
from workreport.validate import validate

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
