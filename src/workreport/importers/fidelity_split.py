"""Which part of a report looks back and which looks ahead, for :mod:`.fidelity`.

A YAML input says it outright for ``review`` and ``plan``; its further ``parts`` (ordered
by the ``outline``) and a source report's headings say it only in words, so a title is judged
by its year first (the reviewed year looks back, the next year ahead) and then by its words;
a further part that says neither, placed after the review, looks ahead. The judgement
is deliberately simple and independent of extract's own: it only has to catch a part filed on
the wrong side, such as “一、2023年工作回顾” kept as the plan.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .prose import comparison_key
from .sources import SourceDoc

_REVIEW_WORDS = re.compile(r"回顾|总结|成效|成绩|成就|情况|完成|亮点|过去")
_PLAN_WORDS = re.compile(r"计划|谋划|安排|思路|打算|要点|目标|任务|展望|今年|明年|下半年|重点工作")
_YEAR = re.compile(r"(\d{4})年")
_YEAR_TAGS = re.compile(r"\{\{-?\s*(year|next_year)\s*-?\}\}")
KIND_NAMES = {"review": "工作情况", "plan": "工作谋划", "other": "其他部分"}


@dataclass(frozen=True)
class PartView:
    """One top-level part: its kind (None when unknown), printed title and sections."""

    kind: str | None
    title: str
    sections: int
    year: int | None = None
    """The reviewed year of the data the part comes from; None for a source heading."""

    @property
    def key(self) -> str:
        return comparison_key(self.title)


def judge(title: str, year: int | None) -> str | None:
    """review or plan as the title's year and words say; None when they do not say."""
    years = [int(y) for y in _YEAR.findall(title)]
    if year is not None and years:
        if all(y <= year for y in years):
            return "review"
        if all(y > year for y in years):
            return "plan"
    back, ahead = bool(_REVIEW_WORDS.search(title)), bool(_PLAN_WORDS.search(title))
    if back != ahead:
        return "review" if back else "plan"
    return None


def source_parts(doc: SourceDoc) -> tuple[PartView, ...]:
    """The source's level-1 headings with the number of level-2 headings under each."""
    parts: list[PartView] = []
    for block in doc.headings():
        if block.level == 1:
            parts.append(PartView(None, block.text, 0))
        elif block.level == 2 and parts:
            last = parts[-1]
            parts[-1] = PartView(None, last.title, last.sections + 1)
    return tuple(parts)


def data_parts(path: Path) -> tuple[PartView, ...] | None:
    """The parts of the YAML input at ``path``; None when ``path`` is not a readable input."""
    from ..errors import WorkreportError
    from ..load import load

    if path.suffix.lower() not in (".yaml", ".yml") or not path.is_file():
        return None
    try:
        data = load(path).data
    except WorkreportError:
        return None
    return parts_of(data) if isinstance(data, Mapping) else None


def parts_of(data: Mapping[str, Any]) -> tuple[PartView, ...]:
    """The parts of input ``data`` in printed order, with the titles the draft prints."""
    year = data.get("year") if isinstance(data.get("year"), int) else None
    extra = {
        str(part.get("id")): part
        for part in data.get("parts") or []
        if isinstance(part, Mapping) and part.get("id")
    }
    outline = data.get("outline")
    # The input's own order: the outline, or review, plan and then the further parts.
    order: list[tuple[Any, Any]] = (
        [(o.get("part"), o.get("title")) for o in outline if isinstance(o, Mapping)]
        if isinstance(outline, list)
        else [("review", None), ("plan", None), *((key, None) for key in extra)]
    )
    views: list[PartView] = []
    for name, outline_title in order:
        if name in ("review", "plan"):
            part = data.get(name)
            kind = name
        else:
            # A further part is judged by its title; one that does not say (政府自身建设)
            # looks ahead when it follows the review or the plan, as in every report.
            part = extra.get(str(name))
            words = str(part.get("title") or "") if isinstance(part, Mapping) else ""
            said = judge(words, year)
            mixed = bool(_REVIEW_WORDS.search(words)) and bool(_PLAN_WORDS.search(words))
            kind = said or ("other" if mixed or not views else "plan")
        if not isinstance(part, Mapping):
            continue
        default = "" if year is None or kind == "other" else _default_title(kind, year)
        title = outline_title if outline_title is not None else part.get("title")
        views.append(
            PartView(kind, _printed(title, part, default, year), _count(part.get("sections")), year)
        )
    return tuple(views)


def _count(sections: Any) -> int:
    return len(sections) if isinstance(sections, list) else 0


def _default_title(name: str, year: int) -> str:
    return f"{year}年工作情况" if name == "review" else f"{year + 1}年工作谋划"


def _printed(title: Any, part: Mapping[str, Any], default: str, year: int | None) -> str:
    if part.get("show_title") is False or title == "":
        return ""
    text = default if title is None else str(title)
    if year is None:
        return text
    return _YEAR_TAGS.sub(lambda m: str(year + (m.group(1) == "next_year")), text)


def compare_split(source: tuple[PartView, ...], data: tuple[PartView, ...]) -> tuple[str, ...]:
    """What the data files on the wrong side, or leaves out as a part, in words."""
    problems: list[str] = []
    by_key = {part.key: part for part in source}
    titled = {part.key for part in data if part.key}
    for part in data:
        heading = by_key.get(part.key) if part.key else None
        if heading is None:
            continue
        said = judge(heading.title, part.year)
        if said is not None and part.kind != said:
            problems.append(
                f"原文“{heading.title}”是{KIND_NAMES[said]}，数据中作为"
                f"{KIND_NAMES.get(part.kind or '', part.kind)}（{part.kind}）"
            )
    year = next((part.year for part in data if part.year is not None), None)
    for heading in source:
        said = judge(heading.title, year)
        if heading.key in titled or said is None or not _YEAR.search(heading.title):
            continue
        problems.append(
            f"原文一级标题“{heading.title}”（{KIND_NAMES[said]}）在数据中不是单独的部分"
        )
    return tuple(problems)
