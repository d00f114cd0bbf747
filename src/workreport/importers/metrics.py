"""Which figures of a report are metrics worth an indicator, and what they are called.

A metric is an amount, count or rate with its unit and a named subject: ``规模以上工业增加值
104.86亿元``, ``新增专精特新企业60家``, ``森林覆盖率达53.4%``. A growth rate right after an
amount (``7232亿元、增长5.6%``) is that amount's growth; one after a subject alone
(``全省生产总值增长5.5%``) is an indicator with only a growth rate. Everything else — years,
dates, list numbers, ordinals, rates without a subject (``超过80%``), lists of rates
(``分别增长4.3%、5.5%``), figures describing something else (``规模500亿元的基金``) and names
that are not words (``（``, ``同比增长``) — stays in the prose as written: a wrong indicator costs
the user more than a figure left in the text.
"""

from __future__ import annotations

import re

from .. import numbers
from .figures import UNIT_CATEGORY, Figure, _after, _before

METRIC_GROUPS = frozenset({"amount", "area", "length", "people", "count", "weight"})
"""Unit groups whose figures can be metrics; rates need a ratio name or a growth word."""
MIN_NAME_HAN = 2
MAX_BEFORE = 14
MAX_AFTER = 11
""":func:`.figures._before` keeps this many characters at most: a name that long was cut."""
_ATTRIBUTE = re.compile(r"(?:以上|以下|左右)?(?:的|级)|“")
MAX_NAME = 16
_GROWTH_WORD = re.compile(r"(增长|下降)$")
_GROWTH_PREFIX = re.compile(r"^(?:左右|以上|以内|多|余)?[、，,]?(?:同比|比上年|较上年|年均)?$")
_RATIO_END = re.compile(r"(?:率|占比|比重|比例|覆盖面|达标率)$")
_NAME_CHARS = re.compile(r"^[\u4e00-\u9fffA-Za-z“”‘’《》（）·]+$")
_NOT_SUBJECT = re.compile(
    r"分别|增长|下降|提高|增加(?!值)|减少|其中|左右|同比|超过|达到|(?:以上|以下)$"
)
MIN_AMOUNT_SUBJECT = 3
"""An amount needs words before it naming what it measures (一般公共预算收入9.05亿元)."""
_SCOPE = re.compile(r"^(?:全|我|本)(?:省|市|区|县|镇|乡|街道|街|旗)")
_PAIRS = (("“", "”"), ("‘", "’"), ("《", "》"), ("（", "）"))


def good_name(name: str) -> bool:
    """A name a user would recognise: words only, balanced quotes, two or more characters."""
    if not name or len(name) > MAX_NAME or not _NAME_CHARS.match(name):
        return False
    if sum(1 for ch in name if "\u4e00" <= ch <= "\u9fff") < MIN_NAME_HAN:
        return False
    return all(name.count(a) == name.count(b) for a, b in _PAIRS)


def metric_name(text: str, figure: Figure, name: str) -> str | None:
    """``name`` when ``figure`` is a metric with that name, else None (the figure stays text)."""
    category = UNIT_CATEGORY.get(figure.unit)
    if not figure.unit:
        return name if good_name(name) else None  # a redacted unit: the figure is kept as data
    if category == "rate":
        if not _RATIO_END.search(name) or "分别" in name or _listed(text, figure):
            return None
    elif category not in METRIC_GROUPS or _ATTRIBUTE.match(text, figure.end):
        return None
    subject = _before(text, figure.start + (1 if figure.approx and figure.approx != "余" else 0))
    if len(subject) >= MAX_BEFORE:
        return None  # the words before run longer than a name: where it starts is a guess
    if category == "amount" and len(subject) < MIN_AMOUNT_SUBJECT:
        return None
    if len(_after(text[figure.end :], MAX_AFTER + 1)) > MAX_AFTER and not name.startswith(subject):
        return None  # the counted noun runs on past what a name holds: where it ends is a guess
    if _NOT_SUBJECT.search(name):
        return None
    name = _unscoped(name)
    return name if good_name(name) else None


def _unscoped(name: str) -> str:
    """``全镇固定资产投资`` → ``固定资产投资``: the same metric keeps its name (and id) in years
    whose report leaves the scope word out. Shares (全区土地占比) keep it: it is their base."""
    if _RATIO_END.search(name):
        return name
    bare = _SCOPE.sub("", name)
    return bare if len(bare) >= MIN_NAME_HAN else name


def _listed(text: str, figure: Figure) -> bool:
    """``4.3%、5.5%``: one of a list of rates that share a name."""
    return bool(re.match(r"、\d", text[figure.end : figure.end + 2])) or bool(
        re.search(r"\d[%％]?、$", text[max(0, figure.start - 8) : figure.start])
    )


def growth_of(text: str, figure: Figure) -> tuple[int, float] | None:
    """(where 增长/下降 starts, signed rate) when ``figure`` is a growth rate written the way
    the template writes one (``增长5.6%``, ``下降3.2%``), else None."""
    if figure.unit not in ("%", "％") or figure.approx:
        return None
    match = _GROWTH_WORD.search(text, 0, figure.start)
    if match is None or match.end() != figure.start:
        return None
    value = float(figure.number) * (-1 if match.group(1) == "下降" else 1)
    if numbers.growth(value) != text[match.start() : figure.end].replace("％", "%"):
        return None
    return match.start(), value


def joins_growth(between: str) -> bool:
    """Whether the words between an amount and 增长 tie the growth to it: ``、``, ``，同比``."""
    return bool(_GROWTH_PREFIX.match(between))


def growth_subject(text: str, start: int, figure: Figure) -> str | None:
    """``全省生产总值增长5.5%`` → 全省生产总值; None when the subject is not clear."""
    if _listed(text, figure):
        return None
    name = re.sub(r"(?:同比|比上年|较上年|年均)$", "", _before(text, start))
    if _NOT_SUBJECT.search(name) or not good_name(name):
        return None
    return _unscoped(name)
