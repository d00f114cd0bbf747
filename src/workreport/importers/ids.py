"""Chinese indicator name → ASCII id, by a small glossary, else by unit category and counter.

Ids must be ASCII (``{{ ind.<id> }}``), stable and readable. There is no pinyin library in
the dependencies, and pinyin ids (``guimo_yishang_gongye``) read badly anyway, so names are
translated term by term with the glossary below (longest term first, up to four terms):
``规模以上工业增加值`` → ``above_scale_industrial_value_added``. A name with no known term gets
its unit's category and a counter: ``count_01``, ``amount_02``, ``figure_03``. A taken id gets
``_2``, ``_3`` … The same names in the same order always give the same ids.
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


def glossary_id(name: str) -> str:
    """``规模以上工业增加值`` → ``above_scale_industrial_value_added``; "" when no term is known.

    Chinese puts the head noun last, so when a name has more than four terms the last four
    are kept.
    """
    words: list[str] = []
    pos = 0
    while pos < len(name):
        term = next((t for t in _TERMS if name.startswith(t, pos)), None)
        if term is None:
            pos += 1
            continue
        if not words or words[-1] != GLOSSARY[term]:
            words.append(GLOSSARY[term])
        pos += len(term)
    return "_".join(words[-MAX_TERMS:])


class IdMaker:
    """Hands out unique ids for names, given the ids already taken."""

    def __init__(self, taken: Iterable[str] = ()) -> None:
        self.taken = set(taken)
        self.counters: dict[str, int] = {}
        self.suffixes: dict[str, int] = {}

    def make(self, name: str, unit: str = "") -> str:
        """A new id for an indicator called ``name`` measured in ``unit``."""
        base = glossary_id(name)
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
