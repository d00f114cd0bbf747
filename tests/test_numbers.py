"""Table-driven tests for workreport.numbers: (call, expected text) rows plus error rows."""

from __future__ import annotations

import datetime
import doctest
import re
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import workreport.numbers as numbers
from workreport.numbers import (
    PLACEHOLDER_OPEN,
    amount,
    attainment,
    chinese_numeral,
    cn_date,
    cn_year,
    enumeration,
    format_number,
    growth,
    growth_rate,
    heading_number,
    is_missing,
    ordinal,
    placeholder,
    points_change,
    rank,
    share,
    span,
    streak,
    target,
    year_span,
)

NAN = float("nan")
CJK = re.compile(r"[\u4e00-\u9fff]")


class Call:
    """A deferred call that prints like the source line it stands for."""

    def __init__(self, func: Callable[..., Any], *args: Any, **kwargs: Any) -> None:
        self.func, self.args, self.kwargs = func, args, kwargs

    def __call__(self) -> Any:
        return self.func(*self.args, **self.kwargs)

    def __repr__(self) -> str:
        parts = [repr(a) for a in self.args] + [f"{k}={v!r}" for k, v in self.kwargs.items()]
        return f"{self.func.__name__}({', '.join(parts)})"


C = Call

PLACEHOLDERS = [
    (C(placeholder, "规模以上工业增加值"), "【待补充：规模以上工业增加值】"),
    (C(placeholder, ""), "【待补充】"),
    (C(placeholder, "  地区生产总值 "), "【待补充：地区生产总值】"),
    (C(is_missing, None), True),
    (C(is_missing, NAN), True),
    (C(is_missing, Decimal("NaN")), True),
    (C(is_missing, 0), False),
    (C(is_missing, 0.0), False),
    (C(is_missing, ""), False),
]

FORMAT = [
    (C(format_number, 104.86), "104.86"),
    (C(format_number, 400.0), "400"),
    (C(format_number, 3276), "3276"),
    (C(format_number, 0), "0"),
    (C(format_number, -0.0), "0"),
    (C(format_number, -3.2), "-3.2"),
    (C(format_number, 0.1 + 0.2), "0.3"),
    (C(format_number, 1.1 * 3), "3.3"),
    (C(format_number, 1e12), "1000000000000"),
    (C(format_number, 123456789012), "123456789012"),
    (C(format_number, 10**20), "100000000000000000000"),
    (C(format_number, 0.0004), "0.0004"),
    (C(format_number, 1e-7), "0.0000001"),
    (C(format_number, Decimal("50.440")), "50.44"),
    (C(format_number, 6.5, 2), "6.50"),
    (C(format_number, 2.25, 1), "2.3"),
    (C(format_number, 0.05, 1), "0.1"),
    (C(format_number, 2.675, 2), "2.68"),
    (C(format_number, -2.25, 1), "-2.3"),
    (C(format_number, -0.04, 1), "0.0"),
    (C(format_number, 104.5, 0), "105"),
    (C(format_number, 7, 2), "7.00"),
    (C(format_number, 1e12, 2), "1000000000000.00"),
]

AMOUNTS = [
    (C(amount, 104.86, "亿元"), "104.86亿元"),
    (C(amount, 400, "亿元", approx="超"), "超400亿元"),
    (C(amount, 70, "%", approx="近"), "近70%"),
    (C(amount, 50.4, "%", approx="约"), "约50.4%"),
    (C(amount, 100, "亿元", approx="逾"), "逾100亿元"),
    (C(amount, 40, "人", approx="余"), "40余人"),
    (C(amount, 40, "万人", approx="余"), "40余万人"),
    (C(amount, 1.2, "万人", approx="余"), "1.2万余人"),
    (C(amount, 35.7, "%"), "35.7%"),
    (C(amount, 57, "家"), "57家"),
    (C(amount, -3.2, "亿元"), "-3.2亿元"),
    (C(amount, 0, "个"), "0个"),
    (C(amount, 12500, "万元", scale_to="亿元"), "1.25亿元"),
    (C(amount, 3.2, "亿元", scale_to="万元"), "32000万元"),
    (C(amount, 28900000, "元", scale_to="万元"), "2890万元"),
    (C(amount, 123456, "元", scale_to="亿元", decimals=2), "0.00亿元"),
    (C(amount, 1.2, "万人", scale_to="人"), "12000人"),
    (C(amount, 12345, "人", scale_to="万人", decimals=2), "1.23万人"),
    (C(amount, 3, "万户", scale_to="户"), "30000户"),
    (C(amount, 2, "亿个", scale_to="万个"), "20000万个"),
    (C(amount, 5, "亿元", scale_to="亿元"), "5亿元"),
    (C(amount, 12500, "万元", scale_to="亿元", approx="约", decimals=1), "约1.3亿元"),
    (C(amount, 104.855, "亿元", decimals=2), "104.86亿元"),
    (C(amount, None, "亿元", name="规模以上工业增加值"), "【待补充：规模以上工业增加值】"),
    (C(amount, NAN, "亿元", name="工业投资"), "【待补充：工业投资】"),
    (C(amount, None, "亿元", approx="超"), "【待补充】"),
]

GROWTH = [
    (C(growth, 6.5), "增长6.5%"),
    (C(growth, -3.2), "下降3.2%"),
    (C(growth, 0), "与上年持平"),
    (C(growth, 0.04), "与上年持平"),
    (C(growth, -0.04), "与上年持平"),
    (C(growth, 0.05), "增长0.1%"),
    (C(growth, 2.25), "增长2.3%"),
    (C(growth, -2.25), "下降2.3%"),
    (C(growth, 20.0), "增长20%"),
    (C(growth, 35.74, decimals=2), "增长35.74%"),
    (C(growth, 35.75, decimals=0), "增长36%"),
    (C(growth, 6.5, prefix="同比"), "同比增长6.5%"),
    (C(growth, -3.2, prefix="同比"), "同比下降3.2%"),
    (C(growth, 0, prefix="同比"), "与上年持平"),
    (C(growth, 0, flat="持平"), "持平"),
    (C(growth, 1500.0), "增长1500%"),
    (C(growth, None, name="工业投资"), "【待补充：工业投资增速】"),
    (C(growth, NAN), "【待补充：增速】"),
    (C(growth_rate, 110, 100), 10.0),
    (C(growth_rate, 90, 100), -10.0),
    (C(growth_rate, 0.3, 0.1), 200.0),
    (C(growth_rate, -5, -10), 50.0),
    (C(growth_rate, 100, 0), None),
    (C(growth_rate, None, 100), None),
    (C(growth_rate, 100, NAN), None),
    (C(share, 35, 50), 70.0),
    (C(share, 0, 50), 0.0),
    (C(share, 1, 0), None),
    (C(share, None, 50), None),
]

POINTS = [
    (C(points_change, 52.3, 50), "提高2.3个百分点"),
    (C(points_change, 49.5, 50), "下降0.5个百分点"),
    (C(points_change, 50, 50), "持平"),
    (C(points_change, 50.04, 50), "持平"),
    (C(points_change, 50.25, 50), "提高0.3个百分点"),
    (C(points_change, 0.3, 0.1, decimals=2), "提高0.2个百分点"),
    (C(points_change, 60, 55, up="上升"), "上升5个百分点"),
    (C(points_change, 40, 45, down="回落"), "回落5个百分点"),
    (C(points_change, None, 50, name="工业占比"), "【待补充：工业占比变化】"),
    (C(points_change, 50, NAN), "【待补充：百分点变化】"),
]

NUMERALS = [
    (C(chinese_numeral, 0), "零"),
    (C(chinese_numeral, 1), "一"),
    (C(chinese_numeral, 9), "九"),
    (C(chinese_numeral, 10), "十"),
    (C(chinese_numeral, 11), "十一"),
    (C(chinese_numeral, 20), "二十"),
    (C(chinese_numeral, 21), "二十一"),
    (C(chinese_numeral, 99), "九十九"),
    (C(chinese_numeral, 100), "一百"),
    (C(chinese_numeral, 101), "一百零一"),
    (C(chinese_numeral, 110), "一百一十"),
    (C(chinese_numeral, 115), "一百一十五"),
    (C(chinese_numeral, 1000), "一千"),
    (C(chinese_numeral, 1001), "一千零一"),
    (C(chinese_numeral, 1010), "一千零一十"),
    (C(chinese_numeral, 9999), "九千九百九十九"),
    (C(chinese_numeral, 10000), "一万"),
    (C(chinese_numeral, 10010), "一万零一十"),
    (C(chinese_numeral, 100000), "十万"),
    (C(chinese_numeral, 120000000), "一亿二千万"),
    (C(chinese_numeral, 100010000), "一亿零一万"),
    (C(heading_number, 1, 1), "一、"),
    (C(heading_number, 1, 12), "十二、"),
    (C(heading_number, 2, 3), "（三）"),
    (C(heading_number, 2, 10), "（十）"),
    (C(heading_number, 3, 1), "1."),
    (C(heading_number, 3, 11), "11."),
    (C(heading_number, 4, 2), "（2）"),
    (C(enumeration, 1), "一是"),
    (C(enumeration, 10), "十是"),
    (C(enumeration, 11), "十一是"),
    (C(ordinal, 1), "第一"),
    (C(ordinal, 12), "第十二"),
    (C(ordinal, 20), "第二十"),
    (C(ordinal, 1, style="首"), "首"),
    (C(ordinal, 2, style="首"), "第二"),
    (C(rank, 1, "全区"), "全区第一"),
    (C(rank, 3, "全市", style="arabic"), "全市第3"),
    (C(rank, 3, "全市", style="arabic", verb="位列"), "位列全市第3"),
    (C(rank, 1, "全区", style="首位"), "全区首位"),
    (C(rank, 1, "全区", style="首位", verb="稳居"), "稳居全区首位"),
    (C(rank, 2, "全区", style="首位"), "全区第二"),
    (C(rank, 1, "全市镇（街）", verb="位居"), "位居全市镇（街）第一"),
    (C(streak, 4), "连续4年"),
    (C(streak, 3, "届"), "连续3届"),
]

TARGETS = [
    (C(target, growth=6), "力争增长6%以上"),
    (C(target, growth=6.5, verb="确保"), "确保增长6.5%以上"),
    (C(target, growth=-2, bound=""), "力争下降2%"),
    (C(target, growth=0), "力争与上年持平"),
    (C(target, value=3, unit="%", bound="以内", verb="控制在"), "控制在3%以内"),
    (C(target, value=100, unit="亿元", verb="达到", bound=""), "达到100亿元"),
    (C(target, growth=8, verb="", bound="左右"), "增长8%左右"),
    (C(target, name="地区生产总值"), "【待补充：地区生产总值目标】"),
    (C(target, growth=NAN), "【待补充：目标】"),
    (C(attainment, 6.5, 6.5), "完成年度目标"),
    (C(attainment, 6.54, 6.5), "完成年度目标"),
    (C(attainment, 6.55, 6.5), "超额完成年度目标"),
    (C(attainment, 8, 6), "超额完成年度目标"),
    (C(attainment, 5.3, 6.5), "未完成年度目标，与目标相差1.2个百分点"),
    (C(attainment, 97, 100, unit="亿元"), "未完成年度目标，与目标相差3亿元"),
    (C(attainment, 103, 100, unit="亿元"), "超额完成年度目标"),
    (C(attainment, 3, 3, bound="以内"), "完成年度目标"),
    (C(attainment, 2.5, 3, bound="以内"), "超额完成年度目标"),
    (C(attainment, 3.4, 3, bound="以内"), "未完成年度目标，与目标相差0.4个百分点"),
    (C(attainment, 12, 10, bound="以内", unit="起"), "未完成年度目标，与目标相差2起"),
    (C(attainment, 5.27, 5.3, decimals=2), "未完成年度目标，与目标相差0.03个百分点"),
    (C(attainment, None, 6, name="地区生产总值增速"), "【待补充：地区生产总值增速完成情况】"),
    (C(attainment, 6, NAN), "【待补充：完成情况】"),
]

DATES_AND_RANGES = [
    (C(cn_date, datetime.date(2023, 1, 5)), "2023年1月5日"),
    (C(cn_date, datetime.date(2022, 12, 25)), "2022年12月25日"),
    (C(cn_date, datetime.datetime(2024, 2, 29, 8, 30)), "2024年2月29日"),
    (C(cn_year, 2023), "2023年"),
    (C(span, 15, 30, "%"), "15%～30%"),
    (C(span, 9, 16, "亿元"), "9亿～16亿元"),
    (C(span, 13, 17, "万元"), "13万～17万元"),
    (C(span, 400, 429, "页"), "400～429页"),
    (C(span, -36, -8, "℃"), "-36～-8℃"),
    (C(span, 0.5, 1.5), "0.5～1.5"),
    (C(year_span, 2021, 2025), "2021—2025年"),
]

TABLE = PLACEHOLDERS + FORMAT + AMOUNTS + GROWTH + POINTS + NUMERALS + TARGETS + DATES_AND_RANGES


@pytest.mark.parametrize(("call", "expected"), TABLE, ids=[repr(c) for c, _ in TABLE])
def test_table(call: Call, expected: object) -> None:
    assert call() == expected


ERRORS = [
    (C(format_number, None), ValueError, "缺失"),
    (C(format_number, NAN), ValueError, "缺失"),
    (C(format_number, float("inf")), ValueError, "有限数"),
    (C(format_number, 1.5, -1), ValueError, "小数位数"),
    (C(format_number, "3.5"), TypeError, "应为数字"),
    (C(format_number, True), TypeError, "应为数字"),
    (C(amount, 50.44, "%", approx="约"), ValueError, "自相矛盾"),
    (C(amount, 400, "亿元", approx="超", decimals=2), ValueError, "自相矛盾"),
    (C(amount, 400, "亿元", approx="左右"), ValueError, "约数词"),
    (C(amount, -3, "亿元", approx="近"), ValueError, "负数"),
    (C(amount, 30, "%", approx="余"), ValueError, "余"),
    (C(amount, 3.5, "人", approx="余"), ValueError, "余"),
    (C(amount, 5, "亿元", scale_to="万人"), ValueError, "无法把单位"),
    (C(amount, 5, "%", scale_to="万%"), ValueError, "无法把单位"),
    (C(amount, None, "元", scale_to="公里"), ValueError, "无法把单位"),
    (C(growth, "6.5"), TypeError, "增速"),
    (C(chinese_numeral, -1), ValueError, "不能小于0"),
    (C(chinese_numeral, 10**16), ValueError, "过大"),
    (C(heading_number, 5, 1), ValueError, "标题层级"),
    (C(heading_number, 1, 0), ValueError, "标题序号"),
    (C(enumeration, 0), ValueError, "列举序号"),
    (C(ordinal, 2, style="其"), ValueError, "序数写法"),
    (C(rank, 0, "全区"), ValueError, "名次"),
    (C(rank, 1, "全区", style="roman"), ValueError, "名次写法"),
    (C(streak, 1), ValueError, "连续次数"),
    (C(target, growth=6, value=100), ValueError, "之一"),
    (C(target, growth=6, bound="之上"), ValueError, "目标界限"),
    (C(attainment, 6, 6, bound="左右"), ValueError, "目标界限"),
    (C(cn_year, 22), ValueError, "四位"),
    (C(cn_year, 10000), ValueError, "四位"),
    (C(cn_date, "2023-01-05"), ValueError, "日期"),
    (C(span, 30, 15, "%"), ValueError, "起点"),
    (C(span, None, 15), ValueError, "缺失"),
    (C(year_span, 2025, 2021), ValueError, "早于"),
    (C(year_span, 21, 25), ValueError, "四位"),
]


@pytest.mark.parametrize(("call", "error", "fragment"), ERRORS, ids=[repr(c) for c, *_ in ERRORS])
def test_errors_speak_chinese(call: Call, error: type[Exception], fragment: str) -> None:
    with pytest.raises(error) as info:
        call()
    message = str(info.value)
    assert CJK.search(message), message
    assert fragment in message


def test_docstring_examples_hold() -> None:
    result = doctest.testmod(numbers, optionflags=doctest.ELLIPSIS)
    assert result.failed == 0
    assert result.attempted >= 21


finite = st.floats(min_value=-1e15, max_value=1e15, allow_nan=False) | st.integers(
    -(10**15), 10**15
)
maybe = finite | st.none() | st.just(NAN)


@settings(max_examples=300, deadline=None)
@given(maybe)
def test_missing_never_leaks(x: float | int | None) -> None:
    for text in (amount(x, "亿元", name="指标"), growth(x, name="指标"), points_change(x, 1.0)):
        assert "None" not in text and "nan" not in text.lower() and text
        assert is_missing(x) == text.startswith(PLACEHOLDER_OPEN)


@settings(max_examples=300, deadline=None)
@given(finite)
def test_growth_sign_and_digits(x: float | int) -> None:
    text = growth(x)
    assert "-" not in text and "e" not in text.lower()
    assert text == "与上年持平" or text.startswith(("增长", "下降"))
    plain = format_number(x)
    assert re.fullmatch(r"-?\d+(\.\d*[1-9])?", plain), plain


@settings(max_examples=300, deadline=None)
@given(st.integers(min_value=1, max_value=10**8))
def test_numeral_has_no_doubled_or_trailing_zero(n: int) -> None:
    text = chinese_numeral(n)
    assert "零零" not in text and not text.endswith("零") and not text.startswith("一十")
