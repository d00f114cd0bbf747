"""Who a report speaks for and which year it reviews, from its title block and text.

The unit is read from the title, the byline, the subtitle's meeting, the headings, the first
paragraph and the page's metadata, in that order of trust, as a chain of administrative names
(``重庆市巴南区木洞镇`` → 木洞镇 in 重庆市巴南区) that keeps every character and its level word.
The year reviewed follows from the genre: a 总结 or 工作情况 is titled with the year it reviews,
a 计划 or 要点 with the year it plans, a 报告 with the year it is delivered in, while part
headings (2023年工作回顾, 2024年重点工作) say it outright.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prose import chinese_to_int

LEVELS = (
    "特别行政区", "自治区", "自治州", "自治县", "自治旗", "街道", "地区",
    "省", "市", "州", "盟", "区", "县", "旗", "镇", "乡",
)  # fmt: skip
_LOCAL_LEVELS = ("街道", "镇", "乡", "区", "县", "旗", "市", "省", "自治区")
_OFFICE_LEVEL = {
    "省长": "省", "市长": "市", "区长": "区", "县长": "县", "镇长": "镇", "乡长": "乡",
    "旗长": "旗", "州长": "州", "盟长": "盟", "主席": "自治区",
}  # fmt: skip
_ISSUER_TAIL = re.compile(
    r"(?:人民政府|政府|街道办事处|办事处|党工委|工作委员会|委员会|管委会|管理委员会)"
    r"|(?:\d{4}年|上半年|下半年|半年度|半年|年度|工作|政府工作报告|报告|总结|计划|要点)"
)
_YEAR = re.compile(r"(\d{4})\s*年")
REVIEW_GENRE = re.compile(r"总结|工作情况|回顾|述职|完成情况")
PLAN_GENRE = re.compile(r"计划|要点|谋划|打算|思路|安排")
_REPORT_GENRE = re.compile(r"报告")
_MEETING = re.compile(r"在(.{2,30}?)(?:第[一二三四五六七八九十\d]+届|人民代表大会|人大)")


def _pairs(text: str) -> frozenset[str]:
    """Two-character words written one after another."""
    return frozenset(text[i : i + 2] for i in range(0, len(text), 2))


# Words before a level word that are not part of a name: 全省, 我市, 各镇, 推动街道 ….
_NOT_IN_NAME = set("全本各该此我市省县镇乡街道的和在把与起为对向从到等及了是有")
_NOT_BEFORE_NAME = _NOT_IN_NAME | set("区旗州盟")
"""A name is not extended over these: 巴南区木洞镇 is 木洞镇 in 巴南区."""
_COMMON = _pairs(
    "城乡镇乡下乡返乡家乡故乡老乡小镇城镇乡镇重镇社区园区片区辖区景区湾区市区地区街区"
    "校区验区范区发区郊县城市超市上市都市门市股市楼市城区山区林区牧区灾区矿区新区专区"
    "老区省市县市县区市县区县全省全市全区全县全镇外省本省本市我省我市我区我县我镇行省"
    "海外自治"
)
# Two-character verbs that stand before 街道/区 without naming one (推动街道……, 依靠区直……).
_VERBS = _pairs(
    "发挥打造深化组织构建优化理顺完成推动推进推行加快开展保留贡献指引凝聚部署挖掘落户"
    "建设服务带领全面持续实现提升围绕立足聚焦支持引导打响依靠紧紧配合协助按照根据落实"
    "参与联合覆盖走访深入前往来到进入返回"
)
# After these a level word is part of another word: 乡村, 镇街, 区域, 县级, 市长, 街道里.
_NOT_AFTER = set("村镇街域级长里委直属内外")
_CHAIN = re.compile("(?:[\u4e00-\u9fff]{1,10}?(?:" + "|".join(LEVELS) + "))+")


@dataclass(frozen=True)
class Unit:
    """An office: its full name, its level word and the names above it."""

    name: str
    level: str
    parent: str = ""
    found_in: str = ""


def split_chain(text: str) -> list[str]:
    """``重庆市巴南区木洞镇`` → [重庆市, 巴南区, 木洞镇]; a name is at least one character plus
    its level word, and a lone level word left over joins the name before it (新市 + 镇)."""
    parts: list[str] = []
    start = pos = 0
    while pos < len(text):
        word = next((w for w in LEVELS if text.startswith(w, pos)), None)
        if word is None or pos == start:
            pos += 1
            continue
        parts.append(text[start : pos + len(word)])
        pos = start = pos + len(word)
    if parts and start < len(text) and text[start:] in LEVELS:
        parts[-1] += text[start:]
    return parts


def level_of(name: str) -> str:
    return next((w for w in LEVELS if name.endswith(w) and len(name) > len(w)), "")


def _chain_unit(chain: list[str], found_in: str) -> Unit | None:
    names = [
        n
        for n in chain
        if level_of(n) and n not in LEVELS and n[: -len(level_of(n))] not in ("", "全", "我", "本")
    ]
    if not names:
        return None
    return Unit(names[-1], level_of(names[-1]), "".join(names[:-1]), found_in)


def unit_in_heading(text: str, found_in: str) -> Unit | None:
    """The unit a title or byline names before its issuer or genre words."""
    text = re.sub(r"^(?:中共|关于)", "", text.strip())
    text = re.sub(r"\d{4}\s*年度?", "", text)
    cut = _ISSUER_TAIL.search(text)
    head = text[: cut.start()] if cut else text
    head = re.sub(r"[\s\u3000]", "", head)
    match = _CHAIN.fullmatch(head)
    return _chain_unit(split_chain(head), found_in) if match else None


def unit_in_byline(byline: str) -> tuple[Unit | None, str]:
    """``浙江省省长 刘捷`` → (浙江省, 省); ``省长 王予波`` → (None, 省)."""
    office = re.split(r"[\s\u3000]", byline.strip())[0]
    level = next((lv for word, lv in _OFFICE_LEVEL.items() if word in office), "")
    head = re.sub("|".join(_OFFICE_LEVEL) + r"|代$", "", office)
    unit = unit_in_heading(head, "署名") if head else None
    return unit, (unit.level if unit else level)


def unit_in_meeting(subtitle: str) -> Unit | None:
    """``——……在木洞镇第十九届人民代表大会……上`` → 木洞镇."""
    match = _MEETING.search(subtitle)
    if not match:
        return None
    return _chain_unit(split_chain(match.group(1)), "副标题")


def unit_candidates(text: str, whole: str) -> dict[str, int]:
    """Names written before a level word in ``text``, with how often ``whole`` has them.

    Two characters before the level word are a candidate unless they are a common word
    (城乡, 园区, 全市), a verb (推动街道……) or the level word starts another word (乡村, 区域);
    the candidate is then extended leftwards while every occurrence has the same character
    there (未央湖街道, not 央湖街道).
    """
    found: dict[str, int] = {}
    for suffix in _LOCAL_LEVELS:
        for match in re.finditer(re.escape(suffix), text):
            start = match.start()
            stem = text[max(0, start - 2) : start]
            if len(stem) < 2 or not all(_is_han(c) and c not in _NOT_IN_NAME for c in stem):
                continue
            if stem[-1] + suffix[0] in _COMMON or stem in _COMMON or stem in _VERBS:
                continue
            if text[match.end() : match.end() + 1] in _NOT_AFTER:
                continue
            name = _extend(whole, stem + suffix)
            found[name] = whole.count(name)
    return found


def _extend(text: str, name: str) -> str:
    """``央湖街道`` → ``未央湖街道`` when every occurrence has 未 before it."""
    while len(name) < 12:
        befores = {text[m.start() - 1] if m.start() else "" for m in re.finditer(name, text)}
        if len(befores) != 1:
            break
        ch = befores.pop()
        if not _is_han(ch) or ch in _NOT_BEFORE_NAME:
            break
        name = ch + name
    return name


def _is_han(ch: str) -> bool:
    return bool(ch) and "\u4e00" <= ch <= "\u9fff"


def genre_of(title: str, government: bool, roles: list[str], part_titles: list[str]) -> str:
    """The kind of report: 政府工作报告, 情况和谋划, 总结和计划, 工作计划, 工作总结 or 半年总结.

    The title decides when it names a genre; otherwise the parts found (``roles``) and their
    titles do; a 各位代表 salutation with a byline (``government``) makes a 政府工作报告.
    """
    words = title + "".join(part_titles)
    if "政府工作报告" in title or (government and not PLAN_GENRE.search(title)):
        return "政府工作报告"
    if "半年" in words:
        return "半年总结"
    review = bool(REVIEW_GENRE.search(title)) or "review" in roles
    plan = bool(PLAN_GENRE.search(title)) or "plan" in roles
    if review and plan:
        return "总结和计划" if "总结" in title else "情况和谋划"
    return "工作计划" if plan else "工作总结"


_HAN_DIGITS = {ch: str(i) for i, ch in enumerate("〇一二三四五六七八九")} | {
    "零": "0",
    "○": "0",
    "O": "0",
}
_HAN_YEAR = re.compile(r"[〇零○O一二三四五六七八九]{4}(?=\s*年)")


def arabic_years(text: str) -> str:
    """``二〇二三年`` → ``2023年``: years written in Chinese numerals, as formal titles do."""
    return _HAN_YEAR.sub(lambda m: "".join(_HAN_DIGITS[ch] for ch in m.group()), text)


def year_in_title(title: str) -> int | None:
    """The review year a title gives, when its genre makes that unambiguous."""
    title = arabic_years(title)
    years = [int(y) for y in _YEAR.findall(title)]
    if not years:
        return None
    review = REVIEW_GENRE.search(title)
    if review:
        before = _YEAR.findall(title[: review.start()])
        return int(before[-1]) if before else years[0]
    if "政府工作报告" in title:
        return years[0] - 1
    if PLAN_GENRE.search(title):
        return years[0] - 1
    return None


def delivery_year(text: str) -> int | None:
    """A report delivered in the first half of a year reviews the year before."""
    text = arabic_years(text)
    match = re.search(r"(\d{4})\s*[年\-/.]\s*(\d{1,2}|[一二三四五六七八九十]{1,3}(?=月))", text)
    if not match:
        return None
    said = match.group(2)
    month = int(said) if said.isdigit() else (chinese_to_int(said) or 1)
    year = int(match.group(1))
    return year - 1 if month <= 6 else year


def report_year_in_title(title: str) -> int | None:
    """The year a 报告 title names (``2024年工作报告``): most often the year it is delivered."""
    title = arabic_years(title)
    if not _REPORT_GENRE.search(title):
        return None
    years = _YEAR.findall(title)
    return int(years[0]) if years else None
