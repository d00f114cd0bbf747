"""Text → findings on how marks are used (GB/T 15834): ellipsis, dashes, 顿号, repeats, spaces."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chars import CJK_PUNCT, HAN, SPACES, char_at, is_cjk, is_han, neighbour
from .model import Doc, Hit, Rule

_ELLIPSIS_RE = re.compile(r"\.{3,}|。{3,}|…+|·{3,}|．{3,}")


def check_ellipsis(doc: Doc) -> Iterator[Hit]:
    text = doc.text
    for m in _ELLIPSIS_RE.finditer(text):
        s = m.group()
        if s[0] == "…" and len(s) % 2 == 0:
            continue
        if s[0] == "." and not (
            is_cjk(neighbour(text, m.start(), -1)) or is_cjk(neighbour(text, m.end() - 1, 1))
        ):
            continue
        yield Hit(m.start(), m.end(), f"省略号写成了“{s}”", "省略号用两个“…”，即“……”")


_REPEAT_RE = re.compile(r"([，、；：。！？])\1+|[，、；：][，、；：。]|。[，、；：]")


def check_repeat(doc: Doc) -> Iterator[Hit]:
    for m in _REPEAT_RE.finditer(doc.text):
        s = m.group()
        fix = s[0] if len(set(s)) == 1 else None
        yield Hit(m.start(), m.end(), f"标点连用“{s}”", "只保留一个合适的标点", fix)


_HYPHEN_RE = re.compile(rf"(?<=[{HAN}])[-－‐‑–](?=[{HAN}])")
_YEAR_RANGE_RE = re.compile(r"(?<![\d\-./])\d{4}([-－–~～])\d{4}(?=年)")
_SINGLE_DASH_RE = re.compile(r"(?<!—)—(?!—)")
_ODD_DASH_RE = re.compile(r"—{3,}")
_DOUBLE_HYPHEN_RE = re.compile(r"(?<![-\w])--+(?![-\w])|－－+")
_PAGE_NUMBER_RE = re.compile(r"^[ \u3000]*—[ \u3000]*\d+[ \u3000]*—[ \u3000]*$")
_ITEM_BEFORE_RE = re.compile(r"[^，。、；：？！“”‘’（）《》【】()—\s,;:]*$")
_ITEM_AFTER_RE = re.compile(r"[^，。、；：？！“”‘’（）《》【】()—\s,;:]*")
LONGEST_JOINED_ITEM = 10
"""Longest item a 一字线 joins (街道党工委—村党组织); longer, it is a clause after 破折号."""


def _clause_dash(text: str, i: int) -> bool:
    """Whether the single dash at ``i`` sits between Han characters but introduces a clause."""
    if not (is_han(char_at(text, i - 1)) and is_han(char_at(text, i + 1))):
        return False
    before = _ITEM_BEFORE_RE.search(text, max(0, i - 40), i)
    after = _ITEM_AFTER_RE.match(text, i + 1)
    longest = max(len(before.group()) if before else 0, len(after.group()) if after else 0)
    return longest > LONGEST_JOINED_ITEM


def _edge(ch: str) -> bool:
    """Whether ``ch`` ends a run of words: nothing, a space or a Chinese mark."""
    return ch == "" or ch in SPACES or ch in CJK_PUNCT


def check_dash(doc: Doc) -> Iterator[Hit]:
    """Hyphens between place names or years, and a single or odd dash used as 破折号."""
    text = doc.text
    for m in _HYPHEN_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            f"汉字之间用了连字符“{m.group()}”",
            "表示起止（如路段、地域）用一字线“—”",
            "—",
        )
    for m in _YEAR_RANGE_RE.finditer(text):
        yield Hit(
            m.start(1),
            m.end(1),
            f"年份起止用了“{m.group(1)}”",
            "年份起止用一字线：2021—2025年",
            "—",
        )
    for m in _SINGLE_DASH_RE.finditer(text):
        i = m.start()
        before, after = char_at(text, i - 1), char_at(text, i + 1)
        if not (_edge(before) or _edge(after)) and not _clause_dash(text, i):
            continue  # 一字线 joining two items: 街道党工委—村党组织, 2021—2025年
        line_no, _ = doc.position(i)
        if _PAGE_NUMBER_RE.match(doc.lines[line_no - 1]):
            continue
        yield Hit(i, i + 1, "破折号只写了一个“—”", "破折号占两个字的位置：“——”", "——")
    for m in _ODD_DASH_RE.finditer(text):
        if len(m.group()) % 2:
            yield Hit(
                m.start(),
                m.end(),
                f"破折号写成了{len(m.group())}个“—”",
                "破折号用两个“—”：“——”",
                "——",
            )
    for m in _DOUBLE_HYPHEN_RE.finditer(text):
        if is_cjk(neighbour(text, m.start(), -1)) or is_cjk(neighbour(text, m.end() - 1, 1)):
            yield Hit(m.start(), m.end(), f"破折号写成了“{m.group()}”", "破折号用“——”", "——")


_ENUM_COMMA_RE = re.compile(r"(?<=[”》])、(?=[“《])")


def check_enum_comma(doc: Doc) -> Iterator[Hit]:
    for m in _ENUM_COMMA_RE.finditer(doc.text):
        yield Hit(
            m.start(), m.end(), "并列的引号或书名号之间用了顿号", "删去顿号：“一网融合”“一网受理”"
        )


_SPACE_RE = re.compile(rf"(?<=[^\s])[{SPACES}]+(?=[^\s])")
SEPARATED_PHRASE = 3
"""Han characters on both sides of a space from which it reads as a phrase separator."""


def _chinese_for_space(ch: str) -> bool:
    return is_han(ch) or ch in CJK_PUNCT


def check_space(doc: Doc) -> Iterator[Hit]:
    """Spaces inside a line next to Chinese text (公文 writes 共100个, never 共 100 个)."""
    text = doc.text
    for m in _SPACE_RE.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if not (_chinese_for_space(before) or _chinese_for_space(after)):
            continue
        what = "空格" if set(m.group()) == {" "} else "空白字符"
        message = f"中文里多了{what}：“{before}{m.group()}{after}”"
        left = text[max(0, m.start() - SEPARATED_PHRASE) : m.start()]
        right = text[m.end() : m.end() + SEPARATED_PHRASE]
        if len(left) == len(right) == SEPARATED_PHRASE and all(map(is_han, left + right)):
            # 磅礴脉动 制造业当家: the space parts two phrases; deleting it would run them together.
            yield Hit(m.start(), m.end(), message, "两个短语之间改用标点（如“，”）或分行")
        else:
            yield Hit(m.start(), m.end(), message, "删去空格", "")


RULES = [
    Rule(
        id="punct.ellipsis",
        category="标点",
        severity="error",
        summary="省略号写法不规范",
        advice="省略号用两个“…”（……），不用“...”或“。。。”",
        bad=("大项目、好项目大干快上...", "等等。。。", "守望相助…"),
        good=("大干快上……", "version 1.2.3", "wait..."),
        check=check_ellipsis,
        fix=lambda _: "……",
    ),
    Rule(
        id="punct.repeat",
        category="标点",
        severity="error",
        summary="标点符号重复或连用",
        advice="一处只用一个标点",
        bad=("全力以赴，，稳经济。", "稳经济，。保安全"),
        good=("全力以赴，稳经济。", "“好！”他说。"),
        check=check_repeat,
        fixable=True,
    ),
    Rule(
        id="punct.dash",
        category="标点",
        severity="warning",
        summary="连接号或破折号用法不当",
        advice="起止用一字线“—”（云沁路—高新路、2021—2025年），破折号用“——”",
        bad=(
            "推进龙溪路(云沁路-高新路)建设",
            "2021-2025年规划",
            "核心竞争力不断增强—全年新增57家规上企业",
            "发展———",
        ),
        good=("云沁路—高新路", "2021—2025年", "不断增强——全年新增", "— 1 —", "电话0750-3888888"),
        check=check_dash,
        fixable=True,
    ),
    Rule(
        id="punct.enum-comma",
        category="标点",
        severity="warning",
        summary="并列的引号或书名号之间用了顿号",
        advice="标有引号或书名号的并列成分之间不用顿号（GB/T 15834 4.5.3.5）",
        bad=("“枫桥经验”、“榕树头议事”", "《通知》、《方案》"),
        good=("“一网融合”“一网受理”", "“枫桥经验”、立法意见征集“板凳会”"),
        check=check_enum_comma,
        fix=lambda _: "",
    ),
    Rule(
        id="space.cjk",
        category="空格",
        severity="warning",
        summary="中文里多了空格",
        advice="汉字之间、汉字与数字或字母之间不加空格",
        bad=("深入实施 “五美”专项行动", "共 100 个", "使用 Word 软件", "示例\u3000街道"),
        good=("共100个", "Times New Roman", "\u3000\u3000段首缩进", "— 1 —"),
        check=check_space,
        fixable=True,
    ),
]
