"""Text → heading findings (GB/T 9704 7.3.3): how 一、（一）1.（1） are written and counted."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Doc, Hit, Rule

CN = "一二三四五六七八九十"
_CN_VALUE = {ch: n for n, ch in enumerate(CN, 1)}

# Level → pattern of a heading number at the start of a line (group "n": the number).
_LEVELS = (
    (1, re.compile(rf"^[ \u3000]*(?P<n>[{CN}]{{1,3}})、")),
    (2, re.compile(rf"^[ \u3000]*[（(](?P<n>[{CN}]{{1,3}})[)）]")),
    (3, re.compile(r"^[ \u3000]*(?P<n>\d{1,2})\.(?!\d)")),
    (4, re.compile(r"^[ \u3000]*[（(](?P<n>\d{1,2})[)）]")),
)
_WRONG_MARKS = (
    (re.compile(rf"^[ \u3000]*[{CN}]{{1,3}}([.．,，:：])"), "、", "一级标题序号后用顿号：“一、”"),
    (re.compile(r"^[ \u3000]*\d{1,2}([、．,，])(?!\d)"), ".", "三级标题序号后用半角圆点：“1.”"),
    (
        re.compile(rf"^[ \u3000]*[（(][{CN}\d]{{1,3}}[)）]([、，,.．:：])"),
        "",
        "括号序号后不再加标点：“（一）”“（1）”",
    ),
)


def _value(number: str) -> int:
    """一 → 1, 十二 → 12, 二十 → 20, 5 → 5."""
    if number.isdigit():
        return int(number)
    if "十" not in number:
        return _CN_VALUE.get(number, 0)
    tens, _, units = number.partition("十")
    return (_CN_VALUE.get(tens, 0) if tens else 1) * 10 + (_CN_VALUE.get(units, 0) if units else 0)


def check_heading_marks(doc: Doc) -> Iterator[Hit]:
    for start, line in doc.iter_lines():
        for pattern, right, advice in _WRONG_MARKS:
            m = pattern.match(line)
            if m:
                wrong = m.group(1)
                shown = f"“{wrong}”" if right else f"多余的“{wrong}”"
                message = f"标题序号后用了{shown}"
                yield Hit(start + m.start(1), start + m.end(1), message, advice, right)
                break


def check_heading_order(doc: Doc) -> Iterator[Hit]:
    """Numbers that skip or repeat within their parent: 一、二、四、 or （一）（三）.

    A number 1 after a higher one starts a new list (a 民生实事 list after the report's own
    parts, an appendix of 名词解释): a restart is never a gap.
    """
    last = {1: 0, 2: 0, 3: 0, 4: 0}
    for start, line in doc.iter_lines():
        for level, pattern in _LEVELS:
            m = pattern.match(line)
            if not m:
                continue
            number = _value(m.group("n"))
            expected = last[level] + 1
            if number != expected and number > 1:
                shown = m.group().strip()
                yield Hit(
                    start + m.start("n"),
                    start + m.end("n"),
                    f"标题序号不连续：此处为“{shown}”，按顺序应为第{expected}个",
                    "检查是否漏掉、重复或错排了标题",
                )
            last[level] = number
            for lower in range(level + 1, 5):
                last[lower] = 0
            break


RULES = [
    Rule(
        id="struct.heading-mark",
        category="结构",
        severity="warning",
        summary="标题序号后的标点不规范",
        advice="一级“一、”，二级“（一）”，三级“1.”，四级“（1）”，括号后不加标点",
        bad=("一．2022年工作情况", "1、产业发展", "（一）、全力以赴稳经济", "二,2023年工作谋划"),
        good=(
            "一、2022年工作情况",
            "1.产业发展",
            "（一）全力以赴稳经济",
            "1.5亿元",
            "一是强化理论导航",
        ),
        check=check_heading_marks,
        fixable=True,
    ),
    Rule(
        id="struct.heading-order",
        category="结构",
        severity="warning",
        summary="标题序号不连续",
        advice="同一层级的序号从一开始依次排列，换上级标题后重新计数",
        bad=("一、总体情况\n三、主要工作", "一、情况\n（一）经济\n（三）民生", "（二）经济"),
        good=(
            "一、情况\n（一）经济\n1.工业\n2.投资\n（二）民生\n二、谋划\n（一）目标",
            "一、2022年工作情况\n(一)坚决有力防疫情\n(二)全力以赴稳经济",
            "一、回顾\n二、谋划\n三、建设\n今年办好十件民生实事：\n一、提高低保标准\n二、新增托位",
        ),
        check=check_heading_order,
        standard="GB/T 9704-2012 7.3.3（结构层次序数依次为“一、”“（一）”“1.”“（1）”）：同级序数"
        "依次排列；从“一、”重新开始的是另一组列举，不算断号",
    ),
]
