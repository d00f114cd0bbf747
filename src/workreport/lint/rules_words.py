"""Text → word findings: repeated words, traditional characters, wrong stock and set phrases."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import cache

from . import wordlist
from .chars import HAN, is_han
from .data import LintData, PhraseTable
from .model import Doc, Hit, Rule

_MULTI_RE = re.compile(rf"([{HAN}]{{2,4}})\1")
_SINGLE_RE = re.compile(rf"([{HAN}])\1")
_QUOTED_RE = re.compile(r"“[^“”\n]{1,16}”|《[^《》\n]{1,16}》|「[^「」\n]{1,16}」")
FUNCTION_CHARS = frozenset("的了在是和把被将并也又还很最这那")
"""Characters whose doubling is almost never intended (的的, 在在); others often join two words
(重要要求, 工作队队员), so their repeats are weighed against the word list.
"""
NUMERALS = frozenset("〇一二三四五六七八九十百千万两")
"""A doubled numeral is part of a numbered name (十五五, 八八战略, 五五购物节): GB/T 15835-2011
4.2.3 keeps the Chinese numerals of such fixed names.
"""


def _in_name(text: str, start: int, end: int, quoted: list[tuple[int, int]]) -> bool:
    """Whether ``[start, end)`` lies in a short quoted or titled name (“乐融融”, 《柳柳州》)."""
    return any(a < start and end < b for a, b in quoted)


def _word_junction(text: str, start: int, size: int) -> bool:
    """AB|AB read as A|BA|B: 深化|文化|文艺 is three words, not 化文 typed twice."""
    if size != 2:
        return False
    a, b = text[start], text[start + 1]
    return (
        wordlist.word_ending_at(text, start + 1)
        and b + a in wordlist.words()
        and wordlist.word_starting_at(text, start + 3)
    )


def check_dup(doc: Doc) -> Iterator[Hit]:
    """Repeated words (落实落实) and characters (的的), minus reduplication and names.

    By default a doubled content character is reported only when the word list finds no
    word ending at the first copy nor starting at the second (直冲村村陈 for 村民): 水平平安,
    安全全链条 and 首都都市圈 join two words. Every other doubling is a strict suggestion.
    """
    text, data = doc.text, doc.data
    wordlist.words()  # read on the first run, so a process that warms lint up has it loaded
    quoted = [m.span() for m in _QUOTED_RE.finditer(text)]
    multi_spans: list[tuple[int, int]] = []
    for m in _MULTI_RE.finditer(text):
        start, size = m.start(), len(m.group(1))
        # 难点堵点堵点 first matches as 点堵点堵; the rightmost alignment names the word.
        for shift in range(size - 1, 0, -1):
            s = start + shift
            if text[s : s + size] == text[s + size : s + 2 * size]:
                start = s
                break
        end = start + 2 * size
        unit = text[start : start + size]
        if unit[0] == "一" or data.allows_repeat(text, start, end):
            continue  # 一次一次, 一步一步; 研究研究
        multi_spans.append((start, end))
        if _word_junction(text, start, size):
            continue  # 深化|文化|文艺
        yield Hit(start, end, f"词语重复：“{unit * 2}”", f"删去重复的“{unit}”", unit, "error")
    for m in _SINGLE_RE.finditer(text):
        i, ch = m.start(), m.group(1)
        if any(a <= i < b for a, b in multi_spans) or _true_reduplication(text, i, data):
            continue
        if ch in NUMERALS:
            continue
        if ch in FUNCTION_CHARS:
            yield Hit(i, i + 2, f"字重复：“{ch}{ch}”", f"删去一个“{ch}”", ch, "error")
            continue
        if _in_name(text, i, i + 2, quoted) or wordlist.word_covering(text, i, i + 1):
            continue  # “乐融融”, 《柳柳州》; 沉甸甸, 钉钉子
        left = wordlist.word_ending_at(text, i + 1)
        right = wordlist.word_starting_at(text, i + 1)
        if left and right:
            continue  # 水平|平安, 首都|都市圈: two words meet
        if _parallel_reduplication(text, i):
            continue  # 县县通高速、乡乡基本通: every county, every township
        yield Hit(
            i,
            i + 2,
            f"疑似字重复：“{text[max(0, i - 2) : i + 4].strip()}”中的“{ch}{ch}”",
            "确认是否多打或漏打了字；合法叠词可加入 reduplication_allow.txt",
            strict=left or right or not wordlist.available(),
        )


_PARALLEL_RE = re.compile(rf"([{HAN}])\1[^，。；！？\n]{{0,10}}[、，]$")
PARALLEL_REACH = 14
"""How far back a parallel item (市市通高铁、) is looked for."""


def _parallel_reduplication(text: str, i: int) -> bool:
    """Whether the doubled word at ``i`` (乡乡, a word in the list) continues a series of
    distributive doublings (县县通高速、乡乡基本通): each item says "every …"."""
    if text[i : i + 2] not in wordlist.words():
        return False
    m = _PARALLEL_RE.search(text, max(0, i - PARALLEL_REACH), i)
    return m is not None and m.group(1) != text[i]


def _true_reduplication(text: str, i: int, data: LintData) -> bool:
    """Whether the doubled character at ``i`` is AABB (方方面面), 一AA (一个个) or listed."""
    after = text[i + 2 : i + 4]
    if len(after) == 2 and after[0] == after[1] and is_han(after[0]):
        return True
    before = text[max(0, i - 2) : i]
    if len(before) == 2 and before[0] == before[1] and is_han(before[0]):
        return True
    if i > 0 and text[i - 1] == "一":
        return True
    return data.allows_repeat(text, i, i + 2)


@cache
def _converter() -> Callable[[str], str]:
    import opencc  # imported on first use: loading its dictionaries takes a moment

    convert: Callable[[str], str] = opencc.OpenCC("t2s").convert
    return convert


@cache
def _t2s_char(ch: str) -> str:
    return _converter()(ch)


def check_traditional(doc: Doc) -> Iterator[Hit]:
    """Characters that OpenCC's t2s changes, judged in their line so phrases (乾坤) stay.

    Characters of the 通用规范汉字表 that OpenCC would still change (昇, 濛, 乾) are listed
    in traditional_allow.txt and never reported.
    """
    allow = doc.data.traditional_allow
    convert = _converter()
    for start, line in doc.iter_lines():
        converted = convert(line)
        if converted == line:
            continue
        pairs = (
            zip(line, converted, strict=True)
            if len(converted) == len(line)
            else ((c, _t2s_char(c)) for c in line)
        )
        for i, (old, new) in enumerate(pairs):
            if old != new and old not in allow and is_han(old):
                yield Hit(
                    start + i, start + i + 1, f"简体文本中出现繁体字“{old}”", f"改为“{new}”", new
                )


def _phrase_check(
    table_of: Callable[[LintData], PhraseTable], what: str
) -> Callable[[Doc], Iterator[Hit]]:
    def check(doc: Doc) -> Iterator[Hit]:
        table, text = table_of(doc.data), doc.text
        if table.literal_re is not None:
            for m in table.literal_re.finditer(text):
                entry = table.entries[m.group()]
                advice = f"改为“{entry.right}”" + (f"（{entry.note}）" if entry.note else "")
                yield Hit(
                    m.start(),
                    m.end(),
                    f"{what}“{m.group()}”应为“{entry.right}”",
                    advice,
                    entry.right,
                )
        for entry in table.regex_entries:
            for m in entry.pattern.finditer(text):
                right = m.expand(entry.right)
                advice = f"改为“{right}”" + (f"（{entry.note}）" if entry.note else "")
                yield Hit(m.start(), m.end(), f"{what}“{m.group()}”应为“{right}”", advice, right)

    return check


RULES = [
    Rule(
        id="dup.word",
        category="用字",
        severity="warning",
        summary="词语或字重复",
        advice="删去多打的字词；合法叠词（常常、层层、一个个、方方面面）不报，可在词表中补充",
        bad=(
            "全面贯彻落实落实党的二十大精神",
            "破解难点堵点堵点的利器",
            "我们的的目标",
            "直冲村村陈兆南说",
        ),
        good=(
            "常常",
            "层层落实",
            "啃下一个个“硬骨头”",
            "家家户户",
            "方方面面",
            "实实在在",
            "用心用情用力办好民生实事",
            "边战边建、边建边用",
            "全过程人民民主",
            "看看",
            "助力疫情防控顺利转段。",
            "深入学习习近平新时代中国特色社会主义思想",
            "直冲村村民说",
            "“十五五”时期",
            "深入实施“八八战略”",
            "第五届“五五购物节”",
            "达达集团",
            "推进更高水平平安建设",
            "深化文化文艺精品打造工程",
            "推出“乐融融”吉祥物",
            "市市通高铁、县县通高速、乡乡基本通三级以上公路",
        ),
        strict=("食品安全全链条监管", "产业链链主企业"),
        check=check_dup,
        fixable=True,
        standard="GB/T 15835-2011 4.2.3（含汉字数字的定型词语：十五五、八八战略不是重复）；"
        "默认只报词语重复、虚字重复和词表判为非词的字重复，其余叠字为严格档建议",
    ),
    Rule(
        id="char.traditional",
        category="用字",
        severity="error",
        summary="简体文本中混入繁体字",
        advice="改用规范简体字；确属规范字的（如“乾坤”的“乾”）可加入 traditional_allow.txt",
        bad=("创新是国家高新区的靈魂。", "優化營商環境"),
        good=(
            "创新是国家高新区的灵魂。",
            "乾坤朗朗",
            "著名景点",
            "瞭望塔",
            "一片狼藉",
            "昇腾生态适配中心",
            "濛溪河遗址",
        ),
        check=check_traditional,
        fixable=True,
        standard="《通用规范汉字表》（2013）：只有表外的字、表中已被规范字取代的繁体字和异体字才报；"
        "表中收录的字（昇、濛、乾）即使 OpenCC 会转换也不报（traditional_allow.txt）",
    ),
    Rule(
        id="word.stock-phrase",
        category="用字",
        severity="error",
        summary="常用词语写错字",
        advice="按词表改正（stock_phrases.tsv，可在单位词表中补充）",
        bad=(
            "认真布署全年工作",
            "再接再励",
            "截止2022年底",
            "其它工作",
            "强化庸者下、劣着汰的用人导向",
            "即使困难再大，既使条件不足",
        ),
        good=(
            "认真部署全年工作",
            "截至2022年底",
            "报名截止日期",
            "既使企业受益，又使群众满意",
            "其他工作",
        ),
        check=_phrase_check(lambda data: data.stock_phrases, "用字有误："),
        fixable=True,
    ),
    Rule(
        id="word.set-phrase",
        category="用字",
        severity="error",
        summary="固定提法写走了样",
        advice="按固定提法改正（set_phrases.tsv，单位的专名可在自己的词表中补充）",
        bad=(
            "助力全区安全应急产业链链补链",
            "党的二十大精神胜利召开后",
            "实现综治、执法、公服“三委串一”",
        ),
        good=("深入强链补链延链", "党的二十大胜利召开后", "三委合一"),
        check=_phrase_check(lambda data: data.set_phrases, "固定提法有误："),
        fixable=True,
    ),
]
