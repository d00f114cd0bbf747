"""A report's unit, year and kind, read from its title block, headings and text.

Unit: the title, the byline, the subtitle's meeting, then the headings, the first paragraph and
the page's metadata (names written there count three times), in that order of trust; when no
name is found, a highlighted placeholder and a note. Year: the title by its genre, the part
headings, the delivery date, the first sentence (see :mod:`.identity`); when none is found, the
year before the file's date and a note.
"""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from .frontmatter import title_like
from .identity import (
    Unit,
    arabic_years,
    delivery_year,
    level_of,
    report_year_in_title,
    unit_candidates,
    unit_in_byline,
    unit_in_heading,
    unit_in_meeting,
)
from .parts import Kind, Node, Part
from .sources import Block, SourceDoc

OPENING_YEAR = re.compile(r"^(?:刚刚过去的|过去的)?(\d{4})年(是|以来|，|,|全年|上半年)?")
_PLAN_MARKERS = ("力争", "将", "谋划", "推动", "加快", "要")
_REVIEW_MARKERS = ("完成", "取得", "实现了", "获得", "成功", "累计", "荣获", "建成")
MIN_UNIT_SCORE = 4
"""A name written in full once and short once, or in full twice, is the unit."""
UNIT_PLACEHOLDER = "【待补充：单位名称】"


def metadata_title(doc: SourceDoc) -> str:
    """The 文件名称 or 标题 of a page's metadata table, for a copy without its title line."""
    from .textform import table_cells

    for dropped in doc.dropped:
        cells = table_cells(dropped.text)
        for key, value in pairwise(cells):
            if key.rstrip("：:") in ("文件名称", "标题", "名称") and title_like(value):
                return value
    return ""


def placeholder_year(path: Path) -> int:
    """The year before the file's own date: the most likely year a report reviews."""
    import datetime

    try:
        return datetime.date.fromtimestamp(path.stat().st_mtime).year - 1
    except OSError:
        return datetime.date.today().year - 1


def year_from_parts(parts: list[Part]) -> int | None:
    """The review year a part title names: 2023年工作回顾 → 2023, 2024年重点工作 → 2023."""
    for part in parts:
        if part.role not in ("review", "plan") or part.node.heading is None:
            continue
        years = [int(y) for y in re.findall(r"(\d{4})年", arabic_years(part.node.title))]
        if years:
            return max(years) - (1 if part.role == "plan" else 0)
    return None


def year_from_front(doc: SourceDoc, title: str) -> int | None:
    """The delivery date in the subtitle or date line, then the title of a 报告."""
    for text in (doc.front.subtitle, doc.front.date_line):
        if text:
            found = delivery_year(text)
            if found:
                return found
    report = report_year_in_title(title)
    if report is not None:
        return report - 1
    for dropped in doc.dropped:
        if dropped.reason in ("网页信息栏", "网页发布时间"):
            found = delivery_year(dropped.text)
            if found:
                return found
    return None


def opening_year(text: str, kind: str) -> int | None:
    """``2022年，……`` opens a review of 2022; ``2023年是……`` a plan for 2023."""
    match = OPENING_YEAR.match(text)
    if not match:
        return None
    found = int(match.group(1))
    return found - 1 if kind == "plan" and match.group(2) == "是" else found


def guess_kind(root: Node) -> Kind:
    """A text without part headings: 2023年是…… opens a plan, 2022年，…… a review."""
    first = root.paragraphs[0].text if root.paragraphs else ""
    match = OPENING_YEAR.match(first)
    if match and match.group(2) == "是":
        return "plan"
    if match and match.group(2):
        return "review"
    text = "\n".join(b.text for b in _all_paragraphs(root))
    plan = sum(text.count(w) for w in _PLAN_MARKERS)
    review = sum(text.count(w) for w in _REVIEW_MARKERS)
    return "plan" if plan > review else "review"


def _all_paragraphs(node: Node) -> list[Block]:
    found = list(node.paragraphs)
    for child in node.children:
        found += _all_paragraphs(child)
    return found


def unit_of(doc: SourceDoc, title: str, override: str | None, notes: list[str]) -> dict[str, str]:
    """The unit by trust: title, byline, subtitle, headings, first paragraph, metadata."""
    found: Unit | None = None
    level = ""
    if override:
        found = unit_in_heading(override, "--unit") or Unit(override, "", "", "--unit")
        if found.name != override:
            found = Unit(override, found.level, found.parent, "--unit")
    for line in [title, *doc.front.title_lines]:
        if found is None:
            found = unit_in_heading(line, "标题")
    if found is None and doc.front.byline:
        found, level = unit_in_byline(doc.front.byline)
    if found is None and doc.front.subtitle:
        found = unit_in_meeting(doc.front.subtitle)
    if found is None:
        found = _unit_in_body(doc, level)
    if found is None:
        notes.append(
            f"报告中找不到单位名称，暂写作“{UNIT_PLACEHOLDER}”；请改正，或用 --unit 指定。"
        )
        return {"name": UNIT_PLACEHOLDER}
    if found.found_in == "正文":
        notes.append(f"单位名称“{found.name}”是从正文中推断的，请核对。")
    unit = {"name": found.name}
    if found.level and len(found.name) > len(found.level):
        unit["short_name"] = found.name[: -len(found.level)]
        unit["level"] = found.level
    if found.parent:
        unit["parent"] = found.parent
    return unit


def _unit_in_body(doc: SourceDoc, level: str) -> Unit | None:
    """The name the report's text uses most, counting a name in the headings, the first
    paragraph or the page's metadata three times; a name written once is not enough."""
    paragraphs = [b.text for b in doc.blocks if b.kind == "paragraph"]
    whole = "\n".join(b.text for b in doc.blocks)
    metadata = "\n".join(d.text for d in doc.dropped if d.reason == "网页信息栏")
    trusted = "\n".join([*(b.text for b in doc.headings()), *paragraphs[:1]])
    scores: dict[str, int] = {}
    for name, count in unit_candidates(whole, whole).items():
        short = whole.count(name[: -len(level_of(name))])  # ××力量, 落户××: the name said short
        scores[name] = (2 * count + short) * (3 if name in trusted else 1)
    for name, count in unit_candidates(metadata, metadata).items():
        scores[name] = scores.get(name, 0) + 3 * count + 3
    ranked = [
        (score, name)
        for name, score in scores.items()
        if score >= MIN_UNIT_SCORE and (not level or level_of(name) == level)
    ]
    if not ranked:
        return None
    _, name = max(ranked)
    return Unit(name, level_of(name), "", "正文" if name not in trusted + metadata else "标题层级")
