"""Prose → figures: every Arabic number with its unit, and names for those that are indicators.

A *figure* is any Arabic number in the text with the unit written after it (``104.86亿元``,
``35.7%``, ``2022年``, ``17号`` has no unit). Figures with a unit of measure (money, ratio,
area, length, people, counts) outside quotation marks are candidates for indicators, named
here from the words around them (:mod:`.metrics` decides which are metrics); years, plot
numbers, ages and numbers inside names (“1+3”, “12345”工作法) stay in the prose.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .. import numbers
from .prose import REDACTION

UNIT_GROUPS: dict[str, tuple[str, ...]] = {
    "amount": ("万亿元", "亿元", "万元", "元", "亿美元", "万美元", "美元"),
    "rate": ("个百分点", "%", "％", "‰"),
    "area": ("万平方米", "平方米", "平方公里", "公顷", "万亩", "亩"),
    "length": ("公里", "千米", "米"),
    "people": ("万人次", "人次", "万人", "人", "名"),
    "count": (
        *("家", "个", "项", "场次", "场", "户", "间", "所", "座", "条", "只", "台", "辆"),
        *("件", "套", "宗", "批", "次", "倍"),
    ),
    "weight": ("万吨", "吨"),
    "years": ("年",),
}
UNIT_CATEGORY = {unit: group for group, units in UNIT_GROUPS.items() for unit in units}
_UNITS = sorted(UNIT_CATEGORY, key=len, reverse=True)
# After these the counted noun follows the figure: 60家专精特新企业, 5名一线产业工人.
_MEASURE_GROUPS = ("people", "count", "area", "length")
_APPROX_BEFORE = "超近约逾"
_NUMBER = re.compile(r"(?<![\d.])\d+(?:\.\d+)?(?!\d)")
_OPEN_QUOTES = {"“": "”", "‘": "’", "《": "》", "「": "」", "『": "』"}
# A name never runs across these; brackets stay, as in 博士（后）.
_DELIMITERS = set("，。；：！？、,;:!?【】\n")
_STOP_AFTER = re.compile(
    r"均|都|已|被|获|全覆盖|等|和|与|及|成为|落户|率先|其中|破土|动工|开工|投产|建设|\d|"
    r"累计|完成|实现|入选|列入|纳入|达到|超过|全部|共计|全面|扎实|顺利|有序|圆满|如期|全线|获评|"
    r"获批|通过|投入|建成|开通"
)
_LEAD_FILLERS = re.compile(
    r"^(?:其中|此外|同时|并且|并|已经|已|力争|预计|全年|年内|实现|完成|达到|共计|共|在|"
    r"积极|深入|全力|成功|持续|加快|率先|累计完成|\d{4}年(?:度)?)+"
)
_LEAD_VERB_LE = re.compile(r"^[\u4e00-\u9fff]{1,3}了")
_TRAIL_FILLERS = re.compile(
    r"(?:各|达到|达|为|的|了|等|约|超|近|逾|共计|共|突破|超过|首次|完成|实现|累计|增至|降至|"
    r"提高到|提高至|提升到|提升至|增加到|下降到)+$"
)
# Words after a counted figure that end its noun: 13个重点项目累计完成投资…… → 重点项目.
_DATES = re.compile(r"\d{4}年度?|\d{1,2}(?:-\d{1,2})?月份?|\d{1,2}日")
_FIGURE_BEFORE = re.compile(
    r"^.*\d[%％‰]?(?:万|亿)?(?:[个家项名人次所座条户件场批台辆只套宗元吨亩米])?"
)


@dataclass(frozen=True)
class Figure:
    """One number in a text, with its approximation word and unit."""

    start: int
    end: int
    number: str
    unit: str
    approx: str | None
    quoted: bool

    @property
    def token(self) -> str:
        """``104.86亿元``: what figure recall counts."""
        return self.number + self.unit


def scan(text: str) -> list[Figure]:
    """Every Arabic number in ``text`` with what is written around it."""
    quoted = _quoted_positions(text)
    figures: list[Figure] = []
    for match in _NUMBER.finditer(text):
        start, pos = match.start(), match.end()
        approx = None
        if text.startswith("余", pos):
            approx, pos = "余", pos + 1
        elif text[pos : pos + 1] in ("万", "亿") and text.startswith("余", pos + 1):
            unit = _unit_at(text, pos + 2)
            magnitude = text[pos]
            if unit and magnitude + unit in UNIT_CATEGORY:
                end = pos + 2 + len(unit)
                figures.append(
                    Figure(start, end, match.group(), magnitude + unit, "余", quoted[start])
                )
                continue
        unit = _unit_at(text, pos)
        if approx is None and start and text[start - 1] in _APPROX_BEFORE:
            approx, start = text[start - 1], start - 1
        end = pos + len(unit)
        figures.append(Figure(start, end, match.group(), unit, approx, quoted[match.start()]))
    return figures


def tokens(text: str) -> list[str]:
    """The figures of ``text`` as ``number + unit`` strings, in order."""
    return [figure.token for figure in scan(text)]


def _unit_at(text: str, pos: int) -> str:
    return next((unit for unit in _UNITS if text.startswith(unit, pos)), "")


def _quoted_positions(text: str) -> list[bool]:
    """Whether each position is inside quotation or title marks; a sentence end closes them."""
    inside: list[bool] = []
    closing: list[str] = []
    straight = False
    for ch in text:
        if closing and ch == closing[-1]:
            closing.pop()
        elif ch in _OPEN_QUOTES:
            closing.append(_OPEN_QUOTES[ch])
        elif ch == '"':
            straight = not straight
        elif ch == "。":
            closing.clear()
            straight = False
        inside.append(bool(closing) or straight)
    return inside


def is_indicator(text: str, figure: Figure) -> bool:
    """Whether ``figure`` is a measured quantity to turn into an indicator."""
    if figure.quoted or (figure.number.startswith("0") and not figure.number.startswith("0.")):
        return False
    number_start = figure.start + (1 if figure.approx and figure.approx != "余" else 0)
    before = text[number_start - 1] if number_start else ""
    after = text[figure.end] if figure.end < len(text) else ""
    if before in "第+-—~～/.#" or (before.isascii() and before.isalpha()):
        return False
    if after in "+-~～/" or (after.isascii() and after.isalnum()):
        return False
    if not figure.unit:
        return REDACTION.match(text, figure.end) is not None
    if figure.unit == "年":
        return "." not in figure.number and int(figure.number) < 100
    return True


def renders_back(figure: Figure, *, with_approx: bool = True) -> bool:
    """Whether :func:`numbers.amount` writes the figure exactly as the text has it."""
    value, decimals = parse_number(figure.number)
    approx = figure.approx if with_approx else None
    try:
        shown = numbers.amount(value, figure.unit, approx=approx, decimals=decimals)
    except ValueError:
        return False
    expected = figure.number + figure.unit
    if approx == "余":
        return shown.replace("余", "") == expected
    return shown == (approx or "") + expected


def parse_number(number: str) -> tuple[int | float, int | None]:
    """``"104.86"`` → (104.86, None); ``"3.50"`` → (3.5, 2): decimals only when zeros trail."""
    if "." not in number:
        return int(number), None
    fraction = number.partition(".")[2]
    return float(number), (len(fraction) if fraction.endswith("0") else None)


def derive_name(text: str, figure: Figure, inherited: str = "") -> tuple[str, str]:
    """A name for the quantity ``figure`` measures, from the words around it.

    The words before it count from the last punctuation mark, without fillers (实现, 全年,
    力争, 2023年 …); for counted things (``60家专精特新企业``), areas and ``N%的X`` the noun
    after it is added; ``占…N%`` and ``N%的X`` are shares (…占比).

    Returns (name, before): ``before`` is the subject found before the figure, which the next
    figure of a list (``新增60家A、57家B``) inherits when it has none of its own.
    """
    number_start = figure.start + (1 if figure.approx and figure.approx != "余" else 0)
    before = _before(text, number_start)
    if not before and number_start and text[number_start - 1] == "、":
        before = inherited
    after = ""
    tail = text[figure.end :]
    share = False
    if tail.startswith("的"):
        after, share = _after(tail[1:]), UNIT_CATEGORY.get(figure.unit) == "rate"
    elif UNIT_CATEGORY.get(figure.unit) in _MEASURE_GROUPS or not figure.unit:
        after = _after(tail)
    if before.endswith("占地") and after:
        before, after, share = "", after + "占地面积", False
    elif before.startswith("占") and not before.startswith("占地"):
        before, share = before[1:], True
    if len(before) > 6 and after:
        before = ""
    repeated = bool(after) and before.endswith(after)
    name = before if repeated else before + after
    if len(name) < 3 and not after and figure.unit not in ("%", "％"):
        name += _after(tail, limit=10)
    if share and not name.endswith(("占比", "比重")):
        name += "占比"
    return (name[-20:] or f"数字{figure.number}{figure.unit}"), before


def _before(text: str, end: int) -> str:
    start = end
    while start > 0 and text[start - 1] not in _DELIMITERS and text[start - 1] != "*":
        start -= 1
    # Words after an earlier figure only; dates (2023年, 1-5月) are not figures here.
    words = _FIGURE_BEFORE.sub("", _DATES.sub("", text[start:end]))
    # 示例镇全年实现地区生产总值 → 地区生产总值: what is achieved is the quantity's name;
    # 重点项目累计完成投资 → 重点项目累计投资 (a bare 投资 names nothing).
    *heads, tail = re.split(r"实现|完成|达到", words)
    if len(tail) > 2:
        words = tail
    elif heads and tail:
        words = heads[-1] + tail
    for _ in range(2):
        words = _LEAD_VERB_LE.sub("", _LEAD_FILLERS.sub("", words))
        words = _TRAIL_FILLERS.sub("", words)
    return words[-14:]


def _after(text: str, limit: int = 12) -> str:
    text = text.lstrip("*")
    end = 0
    while end < len(text) and end < limit and text[end] not in _DELIMITERS and text[end] != "*":
        end += 1
    words = text[:end]
    stop = _STOP_AFTER.search(words, 1)
    return words[: stop.start()] if stop else words
