"""Chinese indicator name → ASCII id: glossary terms in English, other words in pinyin.

Ids must be ASCII (``{{ ind.<id> }}``), readable, and stable across years: the same name gives
the same id in next year's file, so rollover and import-indicators match them. Names are
translated term by term with the glossary below (longest term first):
``规模以上工业增加值`` → ``above_scale_industrial_value_added``; the words between known terms
are written in pinyin (``省级中试平台`` → ``shengjizhongshipingtai``), so an id never depends on
the order indicators were found in. Up to four terms are kept, the last ones, since Chinese
puts the head noun last. A taken id gets ``_2``, ``_3`` ….
"""

from __future__ import annotations

from collections.abc import Iterable

from .figures import UNIT_CATEGORY

GLOSSARY: dict[str, str] = {
    "地区生产总值": "gdp",
    "生产总值": "gdp",
    "规模以上": "above_scale",
    "规上": "above_scale",
    "工业": "industrial",
    "产值": "output",
    "增加值": "value_added",
    "固定资产投资": "fixed_investment",
    "投资": "investment",
    "社会消费品零售总额": "retail_sales",
    "消费": "consumption",
    "进出口": "trade",
    "外贸": "foreign_trade",
    "出口": "exports",
    "税收": "tax",
    "一般公共预算": "budget",
    "财政": "fiscal",
    "收入": "revenue",
    "专精特新": "specialized",
    "小巨人": "little_giants",
    "高新技术": "high_tech",
    "企业": "firms",
    "高层次": "high_level",
    "人才": "talents",
    "博士": "doctors",
    "工人": "workers",
    "项目": "projects",
    "基础设施": "infrastructure",
    "工程": "works",
    "网格": "grids",
    "党支部": "party_branches",
    "党组织": "party_orgs",
    "社区": "communities",
    "小区": "estates",
    "学校": "schools",
    "医院": "hospitals",
    "医疗机构": "clinics",
    "服务站": "service_stations",
    "服务中心": "service_centers",
    "中心": "centers",
    "公园": "parks",
    "工业园": "industrial_park",
    "土地": "land",
    "占地面积": "area",
    "面积": "area",
    "道路": "roads",
    "培训": "trainings",
    "就业": "jobs",
    "人口": "population",
    "资金": "funds",
    "投入": "spending",
    "经济体量": "economy",
    "经济": "economy",
    "产业": "industry",
    "民生实事": "livelihood_projects",
    "新增": "new",
    "累计": "total",
    "引进": "introduced",
    "建成": "built",
    "开放": "opened",
    "增长": "growth",
    "增速": "growth",
    "占比": "share",
    "比重": "share",
    "全区": "district",
    "全市": "city",
}
_TERMS = sorted(GLOSSARY, key=len, reverse=True)
MAX_TERMS = 4
MAX_PINYIN_CHARS = 6
"""Characters of a word without a glossary term that are written in pinyin (the last ones)."""


def glossary_id(name: str, *, pinyin: bool = True) -> str:
    """``规模以上工业增加值`` → ``above_scale_industrial_value_added``; other words in pinyin
    (or, with ``pinyin`` false, left out: "" when the name has no glossary term)."""
    words: list[str] = []
    pending = ""
    pos = 0
    while pos < len(name):
        term = next((t for t in _TERMS if name.startswith(t, pos)), None)
        if term is None:
            if "\u4e00" <= name[pos] <= "\u9fff" or (name[pos].isascii() and name[pos].isalnum()):
                pending += name[pos]
            pos += 1
            continue
        if pending and pinyin:
            words.append(_pinyin(pending))
        pending = ""
        if not words or words[-1] != GLOSSARY[term]:
            words.append(GLOSSARY[term])
        pos += len(term)
    if pending and pinyin:
        words.append(_pinyin(pending))
    return "_".join(w for w in words[-MAX_TERMS:] if w)


def _pinyin(word: str) -> str:
    """``中试平台`` → ``zhongshipingtai`` (the last few characters of a long word)."""
    from pypinyin import lazy_pinyin  # only extraction needs it

    syllables = lazy_pinyin(word[-MAX_PINYIN_CHARS:], errors="ignore")
    return "".join(s for s in syllables if s.isascii()).lower()


class IdMaker:
    """Hands out unique ids for names, given the ids already taken.

    With ``pinyin`` (extraction), words without a glossary term are written in pinyin, so an
    id depends on the name only; without it, such names get their unit's category and a
    counter (``count_01``).
    """

    def __init__(self, taken: Iterable[str] = (), *, pinyin: bool = False) -> None:
        self.taken = set(taken)
        self.counters: dict[str, int] = {}
        self.suffixes: dict[str, int] = {}
        self.pinyin = pinyin

    def make(self, name: str, unit: str = "") -> str:
        """A new id for an indicator called ``name`` measured in ``unit``."""
        base = glossary_id(name, pinyin=self.pinyin)
        if base[:1].isdigit():
            base = "n" + base
        if not base:
            category = UNIT_CATEGORY.get(unit, "figure")
            while True:
                self.counters[category] = self.counters.get(category, 0) + 1
                base = f"{category}_{self.counters[category]:02d}"
                if base not in self.taken:
                    break
        # Counting on from the last suffix handed out for ``base`` keeps a name repeated
        # thousands of times linear.
        n = self.suffixes.get(base, 1)
        candidate = base if n == 1 else f"{base}_{n}"
        while candidate in self.taken:
            n += 1
            candidate = f"{base}_{n}"
        self.suffixes[base] = n
        self.taken.add(candidate)
        return candidate
