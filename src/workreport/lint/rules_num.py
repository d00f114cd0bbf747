"""Text → number findings (GB/T 15835): approximations, consistency, magnitudes, short years."""

from __future__ import annotations

import re
from collections.abc import Iterator
from decimal import Decimal
from functools import cache

from .chars import CN_DIGITS, is_han
from .model import Doc, Hit, Rule

NUM = r"\d+(?:,\d{3})*(?:\.\d+)?"
_NUM_OR_CN = rf"(?:{NUM}|[{CN_DIGITS}]+)"
# An approximation word in front of a figure; 约 in 节约/制约 and 近 in 最近/附近 are not one.
_APPROX = (
    r"(?:大约|将近|接近|超过|多达|(?<![节预制签契公相邀如条隐])约"
    r"|(?<![最附靠就将亲贴])近|(?<!赶)超|逾)"
)

# Only 约/近/左右 say "about": with a figure given to two decimals they contradict it. 超, 逾,
# 突破 and 超过 give a lower bound, and a bound may be as precise as it likes (超1.25万家).
_ABOUT = r"(?:大约|将近|接近|(?<![节预制签契公相邀如条隐])约|(?<![最附靠就将亲贴])近)"
_APPROX_PRECISE_RE = re.compile(
    rf"{_ABOUT}[ \u3000]*(\d+\.\d{{2,}})(?![\d万亿])"
    r"|(?<![\d.])(\d+\.\d{2,})(?![\d万亿])[%％]?[^\d\s，。；、：,;:（）()“”]{0,3}?左右"
)
_APPROX_DOUBLE_RE = re.compile(
    rf"{_APPROX}[ \u3000]*{_NUM_OR_CN}"
    r"(?:多|余|[^\d\s，。；、：,;:（）()“”]{0,4}?(?:左右|上下|以上|开外|有余))"
)
_APPROX_STACK_RE = re.compile(r"(?:约|近|超过?|逾|大约|将近)(?:约|近|超过?|逾|大约)(?=\d)")
_FALL_RE = re.compile(rf"下降[ \u3000]*(?:{NUM}|[{CN_DIGITS}]+)倍|增长[ \u3000]*[-−－]\s*{NUM}")


def check_approx(doc: Doc) -> Iterator[Hit]:
    text = doc.text
    for m in _APPROX_PRECISE_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            f"精确数字不宜加约数词：“{m.group()}”",
            "去掉约数词，或把数字改成约数",
        )
    for m in _APPROX_DOUBLE_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            f"一个数字用了两个约数词：“{m.group()}”",
            "只保留一个：约50人 / 50人左右",
        )
    for m in _APPROX_STACK_RE.finditer(text):
        yield Hit(m.start(), m.end(), f"约数词连用：“{m.group()}”", "只保留一个约数词")
    for m in _FALL_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            f"减少的说法不当：“{m.group()}”",
            "减少用“下降N%”，不说“下降N倍”或“增长-N%”",
        )


_DIGIT_MAGNITUDE_RE = re.compile(
    r"(?<![\dA-Za-z.])(\d+(?:\.\d+)?)([千百十])(?![米克瓦伏帕卡兆赫焦分])"
)
_SHORT_YEAR_RE = re.compile(
    r"(?:^|(?<=[从自在于至到今—～\-、，。；：（(“\s]))(\d{2})年"
    r"(?=以来|底|初|末|上半年|下半年|全年|度|第[一二三四]季度|前三季度|\d{1,2}月|春|夏|秋|冬)",
    re.M,
)


def check_magnitude(doc: Doc) -> Iterator[Hit]:
    text = doc.text
    for m in _DIGIT_MAGNITUDE_RE.finditer(text):
        yield Hit(
            m.start(),
            m.end(),
            f"阿拉伯数字后用了“{m.group(2)}”：“{m.group()}”",
            "阿拉伯数字后只用“万”“亿”：4千→4000，3千万元→3000万元",
            strict=True,
        )
    for m in _SHORT_YEAR_RE.finditer(text):
        yield Hit(
            m.start(1), m.end(1) + 1, f"年份简写：“{m.group()}”", f"年份写全：20{m.group(1)}年"
        )


_TARGET_WORDS_RE = re.compile(r"力争|确保|目标|预计|计划|争取|预期|预估|有望|将达")
_INCREMENT_WORDS = (
    "新增",
    "增加",
    "净增",
    "减少",
    "新认定",
    "引进",
    "培育",
    "招引",
    "新建",
    "累计",
)
_UNITS = {
    "万亿元": Decimal("1e12"),
    "亿元": Decimal("1e8"),
    "万元": Decimal("1e4"),
    "元": Decimal(1),
    "亿美元": Decimal("1e8"),
    "万美元": Decimal("1e4"),
    "万人": Decimal("1e4"),
    "人": Decimal(1),
    "家": Decimal(1),
    "个": Decimal(1),
    "万吨": Decimal("1e4"),
    "吨": Decimal(1),
    "亩": Decimal(1),
}
_YEAR_RE = re.compile(r"(\d{4})年")
_SENTENCE_END_RE = re.compile(r"[。；！？\n]")


@cache
def _indicator_re(names: tuple[str, ...]) -> re.Pattern[str] | None:
    if not names:
        return None
    alternatives = sorted(
        {n.replace("规模以上", "规上") for n in names} | set(names), key=len, reverse=True
    )
    units = "|".join(sorted(_UNITS, key=len, reverse=True))
    # 人均地区生产总值 is another indicator than 地区生产总值: a per-unit qualifier is no prefix.
    return re.compile(
        rf"{_PER_UNIT}(?P<name>{'|'.join(map(re.escape, alternatives))})(?:总量|总额)?"
        rf"(?:达到|达|为|实现|完成|共)?(?P<approx>约|近|超过?|逾|突破|将近|接近)?"
        rf"(?P<num>{NUM})(?P<unit>{units})(?P<after>左右|以上|上下|多|以内|以下)?"
    )


_PER_UNIT = "".join(
    f"(?<!{word})" for word in ("人均", "单位", "亩均", "地均", "户均", "年均", "平均", "每")
)
_LOWER = ("超", "超过", "逾", "突破", "以上", "多")
_UPPER = ("近", "将近", "接近", "以内", "以下")


def _bound(approx: str, after: str) -> str:
    """``exact``, ``lower`` (超/突破/以上), ``upper`` (近/以内) or ``about`` (约/左右)."""
    words = {w for w in (approx, after) if w}
    if not words:
        return "exact"
    if len(words) == 1 and words <= set(_LOWER):
        return "lower"
    if len(words) == 1 and words <= set(_UPPER):
        return "upper"
    return "about"


def _consistent(a: tuple[Decimal, str], b: tuple[Decimal, str]) -> bool:
    """Whether two figures of one indicator can both be true (GB/T 15835-2011 4.1.1, 4.3)."""
    (x, kind_x), (y, kind_y) = sorted((a, b), key=lambda v: v[1] != "exact")
    if kind_x == "exact" and kind_y == "exact":
        return x == y
    if kind_x != "exact":
        return True  # two bounds or approximations: nothing to compare
    if kind_y == "lower":
        return x >= y
    if kind_y == "upper":
        return x <= y
    return True


_OWN_SUBJECT_RE = re.compile(
    r"(?:全省|全市|全区|全县|全镇|全乡|全街道?|全年|我省|我市|我区|我县|本地|实现|完成|其中|年|，|、|：)$"
)


def _own_subject(text: str, index: int) -> bool:
    """Whether the indicator name at ``index`` is the report's own: it starts a phrase (after a
    mark, a year, 全市/实现/完成…), not the tail of another subject (城市群地区生产总值)."""
    before = text[max(0, index - 3) : index]
    return not before or not is_han(before[-1]) or bool(_OWN_SUBJECT_RE.search(before))


def _sentence_before(text: str, index: int) -> str:
    starts = [m.end() for m in _SENTENCE_END_RE.finditer(text, max(0, index - 200), index)]
    return text[starts[-1] if starts else max(0, index - 200) : index]


def check_figures(doc: Doc) -> Iterator[Hit]:
    """One indicator with two values, % mixed with 百分之, 连续4年 mixed with 连续四年."""
    yield from _indicator_values(doc)
    yield from _mixed_forms(doc, _PERCENT_KINDS, "百分数的写法不统一")
    yield from _mixed_forms(doc, _SPAN_KINDS, "同类数字的写法不统一")


def _indicator_values(doc: Doc) -> Iterator[Hit]:
    pattern, text = _indicator_re(doc.data.indicators), doc.text
    if pattern is None:
        return
    first: dict[tuple[str, str, str], tuple[Decimal, str, int, str]] = {}
    for m in pattern.finditer(text):
        if not _own_subject(text, m.start()):
            continue  # 城市群地区生产总值, 民营经济的工业增加值: another subject's figure
        before = _sentence_before(text, m.start())
        if _TARGET_WORDS_RE.search(before) or before.endswith(_INCREMENT_WORDS):
            continue  # a target or an increment, not the level itself
        years = _YEAR_RE.findall(before)
        name = m.group("name").replace("规上", "规模以上")
        unit = m.group("unit")
        family = unit.lstrip("万亿")  # 亿元 and 万元 compare; 美元 and 人 are other measures
        key = (name, years[-1] if years else "", family)
        value = Decimal(m.group("num").replace(",", "")) * _UNITS[unit]
        bound = _bound(m.group("approx") or "", m.group("after") or "")
        shown = f"{m.group('approx') or ''}{m.group('num')}{unit}{m.group('after') or ''}"
        line, _ = doc.position(m.start())
        if key not in first:
            first[key] = (value, shown, line, bound)
        elif not _consistent((first[key][0], first[key][3]), (value, bound)):
            _, earlier, at, _ = first[key]
            yield Hit(
                m.start("num") - len(m.group("approx") or ""),
                m.end(),
                f"“{name}”前后数值不一致：第{at}行为“{earlier}”，此处为“{shown}”",
                "核对数据来源，全文统一为同一个数值和单位",
            )


# (kind name, regex); group "arabic" or "chinese" tells the form of each occurrence.
_PERCENT_KINDS = [
    (
        "百分数",
        re.compile(
            r"(?P<arabic>\d(?:\.\d+)?[%％])|(?P<chinese>百分之(?!百)[零一二三四五六七八九十点两]+)"
        ),
    )
]
_SPAN_KINDS = [
    (
        word + unit,
        # 两 before a measure word is the standard reading of 2 (连续两年), not a second form.
        re.compile(rf"{word}(?:(?P<arabic>\d+)|(?P<chinese>[一二三四五六七八九十]+)){unit}"),
    )
    for word in ("连续", "近")
    for unit in ("年", "届", "次", "个月")
]


def _mixed_forms(doc: Doc, kinds: list[tuple[str, re.Pattern[str]]], what: str) -> Iterator[Hit]:
    """Numbers of one kind in two forms; by default within one paragraph, strict: the text.

    GB/T 15835-2011 asks for 同类别同形式 "in the same context" (在同一场合): a paragraph that
    writes 连续9年 and 连续五年 side by side is inconsistent; two paragraphs far apart may
    follow different habits, which only the strict profile points out.
    """
    for kind, pattern in kinds:
        found = [
            (m, "arabic" if m.group("arabic") else "chinese") for m in pattern.finditer(doc.text)
        ]
        forms = {form for _, form in found}
        if len(forms) < 2:
            continue
        arabic = sum(1 for _, form in found if form == "arabic")
        # The majority form stays; on a tie Arabic digits, which GB/T 15835 prefers for counts.
        major = "arabic" if 2 * arabic >= len(found) else "chinese"
        example = next(m.group() for m, form in found if form == major)
        paragraphs: dict[int, set[str]] = {}
        for m, form in found:
            paragraphs.setdefault(doc.position(m.start())[0], set()).add(form)
        for m, form in found:
            if form != major:
                line, _ = doc.position(m.start())
                yield Hit(
                    m.start(),
                    m.end(),
                    f"{what}：“{m.group()}”与文中多数的“{example}”不同",
                    f"全文统一写法（{kind}），如“{example}”",
                    strict=len(paragraphs[line]) < 2,
                )


RULES = [
    Rule(
        id="num.approx",
        category="数字",
        severity="warning",
        summary="约数用法矛盾",
        advice="一个数字只用一个约数词，精确数字不加约数词（GB/T 15835）",
        bad=(
            "占固定资产投资比重约50.44%",
            "约50人左右",
            "超100亿元以上",
            "企业约90多家",
            "约近50%",
            "下降3倍",
        ),
        good=(
            "工业产值占比近70%",
            "超400亿元",
            "节约30%左右",
            "企业90多家",
            "增长6%以上",
            "最近3年以上",
            "国家科技型中小企业超1.25万家",
            "社会消费品零售总额超过1.66万亿元",
            "突破3.25%",
        ),
        check=check_approx,
        standard="GB/T 15835-2011 4.2.2（概数）：约、近、左右表示约数，不与精确到小数的数字连用；"
        "超、逾、突破、超过给出下限，可与任何精度连用；一个数字只用一个约数词",
    ),
    Rule(
        id="num.figure-consistency",
        category="数字",
        severity="warning",
        summary="同一数据前后写法不一致",
        advice="同一指标全文一个数值；同类数字全文一种写法（连续4年 或 连续四年；% 或 百分之）",
        bad=(
            "规模以上工业增加值104.86亿元。\n全年规模以上工业增加值105亿元。",
            "连续4年位居第一，连续三年获评优秀。",
            "增长35.7%，占比百分之四十。",
            "地区生产总值突破3万亿元。\n地区生产总值2.8万亿元。",
        ),
        strict=("连续9年位居第一。\n连续五年获评优秀。",),
        good=(
            "规模以上工业增加值104.86亿元。\n规上工业增加值104.86亿元。",
            "2021年规模以上工业增加值98.5亿元，2022年规模以上工业增加值104.86亿元。",
            "规上企业达到379家，新增规上企业57家。",
            "力争规上工业增加值达到120亿元。规上工业增加值104.86亿元。",
            "连续三年代表全市，连续三年获评优秀。",
            "百分之百完成，增长35.7%。",
            "地区生产总值3万亿元，人均地区生产总值超1万美元。",
            "地区生产总值突破3万亿元。\n完成地区生产总值32765亿元。",
            "人均可支配收入突破7万元。\n人均可支配收入达到9万元左右。",
            "连续9年高于全国平均水平，连续两年实现大满贯。",
            "全省地区生产总值3.2万亿元。\n滇中城市群地区生产总值1.9万亿元。",
        ),
        check=check_figures,
        standard="GB/T 15835-2011 4.3 注（同一场合同类别同形式）；两用于量词前是“2”的规范读法；"
        "人均、单位等限定的是另一指标；超、突破给出下限，与实际数值不矛盾",
    ),
    Rule(
        id="num.unit-magnitude",
        category="数字",
        severity="warning",
        summary="数字的量级或年份写法不规范",
        advice="阿拉伯数字后只用“万”“亿”（不写4千、3千万元）；年份写全（2022年，不写22年）",
        bad=("22年以来", "自22年12月起"),
        good=("投资4000万元", "1.2万人", "3千米", "建区30年来", "2022年以来", "近10年以来"),
        strict=("投资4千万元", "新增3千人", "突破9千亿元"),
        check=check_magnitude,
        standard="GB/T 15835-2011 第5章：数值巨大的精确数字可用“万”“亿”作单位（阿拉伯数字后用"
        "“千”“百”只作严格档建议）；年份不应简写",
    ),
]
