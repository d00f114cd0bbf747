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
_ITEM_MARKS = "“”‘’（）《》【】〈〉「」『』"
"""Marks that belong to an item (中国（河南）—东盟, “一带”—“一路”): a 一字线 may touch them."""


def _edge(ch: str) -> bool:
    """Whether ``ch`` ends a run of words: nothing, a space or a Chinese mark of the sentence."""
    return ch == "" or ch in SPACES or (ch in CJK_PUNCT and ch not in _ITEM_MARKS)


_BRACKETED_RANGE_RE = re.compile(rf"(?<=[（(])[{HAN}]{{2,12}}[-－‐‑–][{HAN}]{{2,12}}(?=[）)])")


def check_dash(doc: Doc) -> Iterator[Hit]:
    """Hyphens for 起止 and single or odd dashes used as 破折号 (GB/T 15834-2011 4.10, 4.13).

    A single "—" between two items is the 一字线 连接号 (中国—东盟, 研发—验证—生产) and is
    never reported by default. A hyphen between Han characters is the 短横线 of a compound
    name (吐鲁番-哈密盆地, 4.13.3.1), except where it marks 起止 (4.13.3.2): a bracketed
    range (云沁路-高新路) or years; those take the 一字线, which is what this rule proposes.
    """
    text = doc.text
    ranges = {
        m.start() + m.group().index(c)
        for m in _BRACKETED_RANGE_RE.finditer(text)
        for c in m.group()
        if c in "-－‐‑–"
    }
    for m in _HYPHEN_RE.finditer(text):
        ranged = m.start() in ranges
        yield Hit(
            m.start(),
            m.end(),
            f"汉字之间用了连字符“{m.group()}”",
            "表示起止（如路段、地域）用一字线“—”"
            + ("" if ranged else "；复合名称中的连接（吐鲁番-哈密盆地）可保留"),
            "—",
            strict=not ranged,
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
        if not (_edge(before) or _edge(after)):
            continue  # 一字线 joining two items: 中国—东盟, 研发—验证—生产, 2021—2025年
        line_no, _ = doc.position(i)
        if _PAGE_NUMBER_RE.match(doc.lines[line_no - 1]):
            continue
        yield Hit(
            i,
            i + 1,
            "破折号只写了一个“—”",
            "破折号占两个字的位置：“——”；连接两项时一个“—”是一字线，不必改",
            "——",
        )
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


_QUOTED_RE = re.compile(r"“[^“”\n]{1,24}”|《[^《》\n]{1,24}》")
_BYLINE_TITLES = ("长", "主席", "书记", "主任", "委员", "总理", "代表")
LONGEST_BYLINE = 20
"""Longest line read as a byline (职务 + 姓名), where spaces are layout, not slips."""


def _byline(line: str) -> bool:
    """市长 龚 正, 省长　王予波: an office and a name, a two-character name padded to three."""
    groups = re.split(f"[{SPACES}]+", line.strip(SPACES))
    if len(line.strip(SPACES)) > LONGEST_BYLINE or not 2 <= len(groups) <= 3:
        return False
    if not all(g and all(map(is_han, g)) for g in groups):
        return False
    name = groups[1:]
    padded = len(name) == 2 and all(len(g) == 1 for g in name)
    return groups[0].endswith(_BYLINE_TITLES) and (padded or 2 <= len(name[0]) <= 3)


def _phrase_space(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """A space parting two phrases inside a short quotation or title (“赤水河谷 中国酱香”)."""
    if not any(a < start and end < b for a, b in quoted):
        return False
    return all(map(is_han, text[start - 2 : start] + text[end : end + 2]))


def check_space(doc: Doc) -> Iterator[Hit]:
    """Spaces inside a line next to Chinese text (公文 writes 共100个, never 共 100 个).

    Two conventions keep their spaces: a slogan or title whose phrases a space parts inside
    quotation marks or 《》 (“好客山东 好品山东”), and a byline (市长 龚 正).
    """
    text = doc.text
    quoted = [m.span() for m in _QUOTED_RE.finditer(text)]
    bylines = {start for start, line in doc.iter_lines() if _byline(line)}
    for m in _SPACE_RE.finditer(text):
        before, after = text[m.start() - 1], text[m.end()]
        if not (_chinese_for_space(before) or _chinese_for_space(after)):
            continue
        if _phrase_space(text, m.start(), m.end(), quoted):
            continue
        line_no, _ = doc.position(m.start())
        if doc.line_starts[line_no - 1] in bylines:
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
            "核心竞争力不断增强— 全年新增57家规上企业",
            "发展———",
        ),
        good=(
            "云沁路—高新路",
            "2021—2025年",
            "不断增强——全年新增",
            "— 1 —",
            "电话0750-3888888",
            "全面融入中国—东盟自由贸易区3.0版建设",
            "研发—验证—生产",
            "核心竞争力不断增强—全年新增57家规上企业",
            "中国（河南）—东盟粮农合作发展大会",
        ),
        strict=("建设北京-雄安人才科创走廊", "天津滨海-中关村科技园"),
        check=check_dash,
        fixable=True,
        standard="GB/T 15834-2011 4.10（破折号“——”）、4.13.3.1（复合名称用短横线“-”）、"
        "4.13.3.2（时间、地域的起止用一字线“—”）",
    ),
    Rule(
        id="punct.enum-comma",
        category="标点",
        severity="warning",
        summary="并列的引号或书名号之间用了顿号",
        advice="标有引号或书名号的并列成分之间通常不用顿号（GB/T 15834-2011 4.5.3.5）",
        bad=("“枫桥经验”、“榕树头议事”", "《通知》、《方案》"),
        good=("“一网融合”“一网受理”", "“枫桥经验”、立法意见征集“板凳会”"),
        check=check_enum_comma,
        fix=lambda _: "",
        profile="strict",
        standard="GB/T 15834-2011 4.5.3.5：标有引号或书名号的并列成分之间通常不用顿号；"
        "“通常”即可用，编辑常保留，只作为严格档的建议",
    ),
    Rule(
        id="space.cjk",
        category="空格",
        severity="warning",
        summary="中文里多了空格",
        advice="汉字之间、汉字与数字或字母之间不加空格",
        bad=("深入实施 “五美”专项行动", "共 100 个", "使用 Word 软件", "示例\u3000街道"),
        good=(
            "共100个",
            "Times New Roman",
            "\u3000\u3000段首缩进",
            "— 1 —",
            "推出“雄奇山水 新韵重庆”文旅品牌",
            "市长 龚 正",
            "省长\u3000王予波",
        ),
        check=check_space,
        fixable=True,
        standard="GB/T 15834-2011 不设空格；标语、书名中分隔短语的空格与署名中补齐姓名的空格"
        "属版式惯例，不报",
    ),
]
