"""Numeric data → report Chinese per GB/T 15835 (digits, growth, ranks, targets, dates).

Pure functions, standard library only. Arithmetic runs in :class:`decimal.Decimal` with
ROUND_HALF_UP (2.25 → 2.3, 0.05 → 0.1), so no float artefacts such as 0.30000000000000004 ever
reach the text. A missing figure (``None`` or NaN) never renders as "None" or "nan": the
functions that take a ``name`` return a visible placeholder instead; the others raise
:class:`ValueError`. Every error message is in Chinese.

>>> placeholder("规模以上工业增加值")
'【待补充：规模以上工业增加值】'
>>> is_missing(float("nan"))
True
>>> format_number(104.860)
'104.86'
>>> amount(400, "亿元", approx="超")
'超400亿元'
>>> amount(12500, "万元", scale_to="亿元")
'1.25亿元'
>>> growth(-3.2, prefix="同比")
'同比下降3.2%'
>>> growth_rate(110, 100)
10.0
>>> share(35, 50)
70.0
>>> points_change(52.3, 50)
'提高2.3个百分点'
>>> chinese_numeral(110)
'一百一十'
>>> heading_number(2, 3)
'（三）'
>>> enumeration(11)
'十一是'
>>> ordinal(1, style="首")
'首'
>>> rank(3, "全市", style="arabic", verb="位列")
'位列全市第3'
>>> streak(4)
'连续4年'
>>> target(growth=6)
'力争增长6%以上'
>>> attainment(5.3, 6.5, name="地区生产总值增速")
'未完成年度目标，与目标相差1.2个百分点'
>>> cn_date(datetime.date(2023, 1, 5))
'2023年1月5日'
>>> cn_year(2023)
'2023年'
>>> span(9, 16, "亿元")
'9亿～16亿元'
>>> year_span(2021, 2025)
'2021—2025年'
"""

from __future__ import annotations

import datetime
import math
from collections.abc import Iterable
from decimal import ROUND_HALF_UP, Context, Decimal

__all__ = [
    "APPROX_WORDS",
    "PLACEHOLDER_OPEN",
    "amount",
    "attainment",
    "chinese_numeral",
    "cn_date",
    "cn_year",
    "enumeration",
    "format_number",
    "growth",
    "growth_rate",
    "heading_number",
    "is_missing",
    "join_targets",
    "ordinal",
    "placeholder",
    "points_change",
    "rank",
    "share",
    "span",
    "streak",
    "target",
    "year_span",
]

Number = int | float | Decimal

PLACEHOLDER_OPEN = "【待补充"
APPROX_WORDS = ("超", "近", "约", "逾", "余")

# Wide enough that quantize never overflows for any figure a report can hold.
_CTX = Context(prec=60, rounding=ROUND_HALF_UP)
# Largest magnitude prefix first, so 万亿元 is not read as 万 + 亿元.
_MAGNITUDES = (("万亿", 12), ("亿", 8), ("万", 4))
# Units that are ratios, not counts: scaling them by 万/亿 is meaningless.
_RATIO_UNITS = frozenset({"%", "‰", "个百分点"})
_AT_LEAST = frozenset({"以上", ""})
_AT_MOST = frozenset({"以内", "以下"})
_TARGET_BOUNDS = _AT_LEAST | _AT_MOST | {"左右"}
_DIGITS = "零一二三四五六七八九"
_SECTION_UNITS = ("千", "百", "十", "")


def placeholder(name: str) -> str:
    """Return the highlighted marker for a missing figure: "【待补充：<name>】" or "【待补充】"."""
    name = name.strip()
    return f"{PLACEHOLDER_OPEN}：{name}】" if name else f"{PLACEHOLDER_OPEN}】"


def is_missing(x: object) -> bool:
    """Tell whether *x* is an absent figure: ``None``, float NaN or Decimal NaN."""
    if x is None:
        return True
    if isinstance(x, float):
        return math.isnan(x)
    if isinstance(x, Decimal):
        return x.is_nan()
    return False


def _to_decimal(value: object, what: str = "数值") -> Decimal:
    """Convert a number exactly; floats go through 15 significant digits to drop binary noise."""
    if is_missing(value):
        raise ValueError(f"{what}缺失，无法写成数字")
    if isinstance(value, bool) or not isinstance(value, int | float | Decimal):
        raise TypeError(f"{what}应为数字，实际是{type(value).__name__}：{value!r}")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        if not math.isfinite(value):
            raise ValueError(f"{what}不是有限数：{value!r}")
        return Decimal(format(value, ".15g"))
    if not value.is_finite():
        raise ValueError(f"{what}不是有限数：{value!r}")
    return value


def _check_decimals(decimals: int) -> None:
    if isinstance(decimals, bool) or not isinstance(decimals, int) or decimals < 0:
        raise ValueError(f"小数位数应为非负整数，实际是{decimals!r}")


def _round(d: Decimal, decimals: int) -> Decimal:
    """Round half-up to exactly *decimals* places; a rounded zero loses its sign."""
    _check_decimals(decimals)
    q = d.quantize(Decimal(1).scaleb(-decimals), rounding=ROUND_HALF_UP, context=_CTX)
    return q.copy_abs() if q.is_zero() else q


def _strip(d: Decimal) -> Decimal:
    """Drop trailing zeros (400.0 → 400); zero becomes plain, unsigned 0."""
    return Decimal(0) if d.is_zero() else d.normalize(_CTX)


def _plain(d: Decimal) -> str:
    # "f" never uses exponent notation: 1E+12 → 1000000000000, 4E-4 → 0.0004.
    return format(d, "f")


def format_number(value: Number, decimals: int | None = None) -> str:
    """Write *value* in half-width Arabic digits, without separators or exponent.

    With ``decimals=None`` trailing zeros are dropped (400.0 → "400"); with ``decimals=n`` the
    value is rounded half-up and keeps exactly *n* places (6.5, n=2 → "6.50").
    """
    d = _to_decimal(value)
    return _plain(_strip(d) if decimals is None else _round(d, decimals))


def _split_unit(unit: str) -> tuple[str, str]:
    """Split "亿元" into ("亿", "元"); a unit without 万/亿 has an empty magnitude."""
    for prefix, _ in _MAGNITUDES:
        if unit.startswith(prefix):
            return prefix, unit[len(prefix) :]
    return "", unit


def _exponent(magnitude: str) -> int:
    return dict(_MAGNITUDES).get(magnitude, 0)


def _scale_shift(unit: str, scale_to: str | None) -> int:
    """Power of ten that turns a figure in *unit* into one in *scale_to*."""
    if scale_to is None or scale_to == unit:
        return 0
    mag_from, base_from = _split_unit(unit)
    mag_to, base_to = _split_unit(scale_to)
    if base_from != base_to or base_from in _RATIO_UNITS:
        raise ValueError(
            f"无法把单位“{unit}”换算为“{scale_to}”：只能在同一单位的个、万、亿之间换算"
        )
    return _exponent(mag_from) - _exponent(mag_to)


def amount(
    value: Number | None,
    unit: str = "",
    *,
    approx: str | None = None,
    decimals: int | None = None,
    scale_to: str | None = None,
    name: str = "",
) -> str:
    """Write a figure with its unit: "104.86亿元", "超400亿元", "40余人", "35.7%".

    *approx* (超/近/约/逾) goes before the number, 余 after it ("40余万人", "1.2万余人").
    *scale_to* converts between u, 万u and 亿u (12500 万元 → "1.25亿元"). An approximation
    word on a number shown with two or more decimals is contradictory and raises ValueError.
    A missing *value* gives ``placeholder(name)``.
    """
    if approx is not None and approx not in APPROX_WORDS:
        raise ValueError(f"约数词“{approx}”无效，只能用超、近、约、逾、余之一")
    shift = _scale_shift(unit, scale_to)
    if scale_to is not None:
        unit = scale_to
    if is_missing(value):
        return placeholder(name)
    d = _to_decimal(value, name or "数值").scaleb(shift, _CTX)
    text = format_number(d, decimals)
    if not approx:
        return f"{text}{unit}"
    if d < 0:
        raise ValueError(f"负数不能加约数词“{approx}”：{text}{unit}")
    if len(text.partition(".")[2]) >= 2:
        raise ValueError(
            f"“{approx}{text}{unit}”自相矛盾：精确到两位及以上小数的数字不能再加约数词“{approx}”"
        )
    if approx != "余":
        return f"{approx}{text}{unit}"
    if unit in _RATIO_UNITS:
        raise ValueError(f"“余”不能用于百分数：{text}{unit}")
    if "." not in text:
        return f"{text}余{unit}"
    magnitude, base = _split_unit(unit)
    if not magnitude:
        raise ValueError(f"“余”只能跟在整数或万、亿之后：{text}{unit}")
    return f"{text}{magnitude}余{base}"


def _change(diff: Decimal, decimals: int, up: str, down: str, suffix: str, flat: str) -> str:
    """Phrase a signed change by its rounded magnitude; a change that rounds to 0 is *flat*."""
    r = _round(diff, decimals)
    if r.is_zero():
        return flat
    return f"{up if r > 0 else down}{_plain(_strip(r.copy_abs()))}{suffix}"


def growth(
    pct: Number | None,
    *,
    decimals: int = 1,
    prefix: str = "",
    name: str = "",
    flat: str = "与上年持平",
) -> str:
    """Phrase a growth rate in percent: 6.5 → "增长6.5%", -3.2 → "下降3.2%", 0 → *flat*.

    Rounded half-up to at most *decimals* places (20.0 → "增长20%"). *prefix* such as 同比
    goes before 增长/下降 but not before *flat*. Missing → placeholder "<name>增速".
    """
    if is_missing(pct):
        return placeholder(f"{name}增速")
    d = _to_decimal(pct, f"{name}增速")
    return _change(d, decimals, f"{prefix}增长", f"{prefix}下降", "%", flat)


def growth_rate(value: Number | None, previous: Number | None) -> float | None:
    """Percent change from *previous* to *value*; None when either is missing or previous is 0.

    The base is taken by its absolute value, so a smaller loss reads as growth.
    """
    if is_missing(value) or is_missing(previous):
        return None
    base = _to_decimal(previous, "上年数")
    if base.is_zero():
        return None
    diff = _CTX.subtract(_to_decimal(value, "本年数"), base)
    return float(_CTX.multiply(_CTX.divide(diff, base.copy_abs()), Decimal(100)))


def share(part: Number | None, total: Number | None) -> float | None:
    """Percentage *part* makes of *total*; None when either is missing or total is 0."""
    if is_missing(part) or is_missing(total):
        return None
    whole = _to_decimal(total, "总数")
    if whole.is_zero():
        return None
    return float(_CTX.multiply(_CTX.divide(_to_decimal(part, "分项"), whole), Decimal(100)))


def points_change(
    new_rate: Number | None,
    old_rate: Number | None,
    *,
    decimals: int = 1,
    up: str = "提高",
    down: str = "下降",
    name: str = "",
    flat: str = "持平",
) -> str:
    """Phrase the change of a rate in 个百分点: (52.3, 50) → "提高2.3个百分点"; equal → *flat*."""
    if is_missing(new_rate) or is_missing(old_rate):
        return placeholder(f"{name}变化" if name else "百分点变化")
    diff = _to_decimal(new_rate, "本期比率") - _to_decimal(old_rate, "上期比率")
    return _change(diff, decimals, up, down, "个百分点", flat)


def _section(n: int) -> str:
    """Chinese for 0 < n < 10000, zeros collapsed to one 零 between non-zero digits."""
    out: list[str] = []
    pending_zero = False
    for digit, unit in zip(
        (n // 1000, n // 100 % 10, n // 10 % 10, n % 10), _SECTION_UNITS, strict=True
    ):
        if digit == 0:
            pending_zero = bool(out)
            continue
        if pending_zero:
            out.append("零")
            pending_zero = False
        out.append(_DIGITS[digit] + unit)
    return "".join(out)


def _numeral(n: int) -> str:
    if n < 10**4:
        return _section(n)
    size, big = (10**8, "亿") if n >= 10**8 else (10**4, "万")
    high, low = divmod(n, size)
    text = _numeral(high) + big
    if low:
        # 一万零一十: a gap of whole places inside the number is read as 零.
        text += ("零" if low < size // 10 else "") + _numeral(low)
    return text


def _check_count(n: int, what: str, minimum: int = 1) -> None:
    if isinstance(n, bool) or not isinstance(n, int):
        raise ValueError(f"{what}应为整数，实际是{_short(n)}")
    if n < minimum:
        raise ValueError(f"{what}不能小于{minimum}，实际是{_short(n)}")


def _short(value: object) -> str:
    """A value for a message: huge numbers and long texts cut to a readable size."""
    if value is None:
        return "空值"
    if isinstance(value, int) and not isinstance(value, bool) and abs(value) >= 10**20:
        return f"{Decimal(value):.3e}"
    text = repr(value) if isinstance(value, str) else str(value)
    return text if len(text) <= 40 else text[:40] + "……"


def chinese_numeral(n: int) -> str:
    """Non-negative integer in Chinese: 11 → "十一", 101 → "一百零一", 10010 → "一万零一十".

    A whole float (``12.0``, as YAML numbers often are) counts as an integer.
    """
    if isinstance(n, float | Decimal) and math.isfinite(n) and n == int(n):
        n = int(n)
    _check_count(n, "中文数字", minimum=0)
    if n >= 10**16:
        shown = f"{Decimal(n):.3e}" if n >= 10**20 else str(n)
        raise ValueError(f"数字过大，无法写成中文数字（应小于一亿亿），实际是{shown}")
    if n == 0:
        return "零"
    text = _numeral(n)
    # 十一, 十万: a leading 一十 is read without the 一.
    return text[1:] if text.startswith("一十") else text


def heading_number(level: int, n: int) -> str:
    """Number a heading by GB/T 9704: level 1 "一、", 2 "（一）", 3 "1.", 4 "（1）"."""
    _check_count(n, "标题序号")
    if level == 1:
        return f"{chinese_numeral(n)}、"
    if level == 2:
        return f"（{chinese_numeral(n)}）"
    if level == 3:
        return f"{n}."
    if level == 4:
        return f"（{n}）"
    raise ValueError(f"标题层级只能是1至4，实际是{level!r}")


def enumeration(n: int) -> str:
    """Lead word of the n-th item in a 一是/二是 list: 11 → "十一是"."""
    _check_count(n, "列举序号")
    return f"{chinese_numeral(n)}是"


def ordinal(n: int, style: str = "第") -> str:
    """Ordinal in Chinese: 12 → "第十二"; style "首" writes 1 as "首"."""
    _check_count(n, "序数")
    if style not in ("第", "首"):
        raise ValueError(f"序数写法只能是“第”或“首”，实际是“{style}”")
    return "首" if style == "首" and n == 1 else f"第{chinese_numeral(n)}"


def rank(position: int, scope: str = "", *, style: str = "chinese", verb: str = "") -> str:
    """Phrase a ranking: (1, "全区") → "全区第一"; style "arabic" → "全市第3"; "首位" → "全区首位".

    Style "首位" writes position 1 as 首位 and any other position in Chinese (第二).
    """
    _check_count(position, "名次")
    if style == "arabic":
        place = f"第{position}"
    elif style == "chinese" or (style == "首位" and position != 1):
        place = f"第{chinese_numeral(position)}"
    elif style == "首位":
        place = "首位"
    else:
        raise ValueError(f"名次写法只能是 chinese、arabic 或 首位，实际是“{style}”")
    return f"{verb}{scope}{place}"


def streak(years: int, unit: str = "年") -> str:
    """Phrase a run of consecutive periods: 4 → "连续4年" (a run needs at least 2)."""
    _check_count(years, "连续次数", minimum=2)
    return f"连续{years}{unit}"


def target(
    *,
    growth: Number | None = None,
    value: Number | None = None,
    unit: str = "",
    bound: str = "以上",
    verb: str = "力争",
    name: str = "",
) -> str:
    """Phrase a target: growth=6 → "力争增长6%以上"; value=3, unit "%", verb 控制在, bound 以内
    → "控制在3%以内"; a negative growth target → "力争下降…". Give growth or value, not both;
    neither → placeholder "<name>目标".
    """
    if bound not in _TARGET_BOUNDS:
        raise ValueError(f"目标界限只能是以上、以内、以下、左右或留空，实际是“{bound}”")
    has_growth, has_value = not is_missing(growth), not is_missing(value)
    if has_growth and has_value:
        raise ValueError(f"{name}目标只能给出增速或数值之一，不能同时给出")
    if has_growth:
        d = _to_decimal(growth, f"{name}目标增速")
        if d.is_zero():
            return f"{verb}与上年持平"
        word = "增长" if d > 0 else "下降"
        return f"{verb}{word}{_plain(_strip(d.copy_abs()))}%{bound}"
    if has_value:
        return f"{verb}{format_number(_to_decimal(value, f'{name}目标值'))}{unit}{bound}"
    return placeholder(f"{name}目标")


_TARGET_VERBS = ("力争", "确保", "争取")


def join_targets(phrases: Iterable[object]) -> str:
    """Targets in one sentence, each verb said once for the targets that share it.

    >>> join_targets(["力争地区生产总值增长6%以上", "力争规上工业增加值增长8%以上"])
    '力争地区生产总值增长6%以上、规上工业增加值增长8%以上'
    >>> join_targets(["力争投资增长10%以上", "确保税收增长5%以上", "居民消费价格涨幅控制在3%以内"])
    '力争投资增长10%以上，确保税收增长5%以上，居民消费价格涨幅控制在3%以内'
    """
    text, previous = "", None
    for item in phrases:
        phrase = str(item)
        verb = next((v for v in _TARGET_VERBS if phrase.startswith(v)), None)
        if text and verb is not None and verb == previous:
            text += "、" + phrase[len(verb) :]
        else:
            text += ("，" if text else "") + phrase
        previous = verb
    return text


def attainment(
    actual: Number | None,
    target: Number | None,
    *,
    bound: str = "以上",
    unit: str = "%",
    name: str = "",
    decimals: int = 1,
) -> str:
    """Compare an actual figure with its target: 完成 / 超额完成 / 未完成年度目标.

    For bound 以上 (a floor) higher is better; for 以内 (a ceiling) lower is better. A gap
    under half a unit of the last shown decimal counts as exactly met. A miss states the gap,
    in 个百分点 when *unit* is "%" (targets on rates), otherwise in *unit*.
    Missing → placeholder "<name>完成情况".
    """
    if bound in _AT_LEAST:
        better = 1
    elif bound in _AT_MOST:
        better = -1
    else:
        raise ValueError(f"目标界限只能是以上或以内，实际是“{bound}”")
    _check_decimals(decimals)
    if is_missing(actual) or is_missing(target):
        return placeholder(f"{name}完成情况")
    diff = (_to_decimal(actual, f"{name}实际值") - _to_decimal(target, f"{name}目标值")) * better
    tolerance = Decimal(5).scaleb(-decimals - 1)
    if abs(diff) < tolerance:
        return "完成年度目标"
    if diff > 0:
        return "超额完成年度目标"
    gap = _plain(_strip(_round(-diff, decimals)))
    return f"未完成年度目标，与目标相差{gap}{'个百分点' if unit == '%' else unit}"


def _check_year(y: int) -> None:
    if isinstance(y, bool) or not isinstance(y, int):
        raise ValueError(f"年份应为整数，实际是{y!r}")
    if not 1000 <= y <= 9999:
        raise ValueError(f"年份应写全四位数字（如2023年），不能简写：{y}")


def cn_date(d: datetime.date) -> str:
    """Write a date with Arabic digits and no leading zeros: "2023年1月5日"."""
    if not isinstance(d, datetime.date):
        raise ValueError(f"日期应为 datetime.date，实际是{d!r}")
    _check_year(d.year)
    return f"{d.year}年{d.month}月{d.day}日"


def cn_year(y: int) -> str:
    """Write a full four-digit year: 2023 → "2023年" (22 is refused, never "22年")."""
    _check_year(y)
    return f"{y}年"


def span(a: Number, b: Number, unit: str = "") -> str:
    """Write a numeric range with ～: "15%～30%", "9亿～16亿元", "3～5个".

    % and ‰ stand on both ends; a 万/亿 magnitude is repeated on the first end.
    """
    low, high = _to_decimal(a, "范围起点"), _to_decimal(b, "范围终点")
    if low >= high:
        raise ValueError(f"范围起点应小于终点：{format_number(low)}～{format_number(high)}")
    first, last = format_number(low), format_number(high)
    if unit in ("%", "‰"):
        return f"{first}{unit}～{last}{unit}"
    magnitude, _ = _split_unit(unit)
    return f"{first}{magnitude}～{last}{unit}"


def year_span(start: int, end: int) -> str:
    """Write a span of years with an em dash: (2021, 2025) → "2021—2025年"."""
    _check_year(start)
    _check_year(end)
    if start >= end:
        raise ValueError(f"起始年份应早于结束年份：{start}—{end}")
    return f"{start}—{end}年"
