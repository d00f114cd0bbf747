"""A report's heading tree → its parts: the review, the plan and the others, in order.

Which top heading is the review and which the plan follows from its words (回顾, 成效, 情况,
总结, 主要工作, 过去 … versus 计划, 谋划, 安排, 思路, 打算, 要点, 重点工作, 今年, 明年 …) and from
the years it names relative to the year reviewed: ``2025年和“十四五”时期工作回顾`` is the review,
``2026年重点工作`` the plan, ``“十五五”时期主要目标任务`` a five-year part between them, and
``全面加强政府自身建设`` a part of its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Literal

from .identity import arabic_years
from .sources import Block

Kind = Literal["review", "plan"]
REVIEW_WORDS = re.compile(
    r"工作情况|回顾|总结|成效|成绩|成就|主要工作|过去|完成情况|做了|取得|进展情况|工作报告"
)
PLAN_WORDS = re.compile(
    r"谋划|计划|打算|思路|安排|要点|展望|工作任务|目标任务|重点工作|主要工作任务|今年|明年|"
    r"主要目标|总体要求|部署"
)
_YEAR = re.compile(r"(\d{4})年")
_FIVE_YEAR = re.compile(r"“?十[一二三四五六七八九]五”?")
_SELF = re.compile(r"政府自身建设|政府治理|自身建设|服务型政府|法治政府|政府工作各方面|作风建设")


@dataclass
class Node:
    """A heading with the paragraphs under it and its subheadings (the root has no heading)."""

    heading: Block | None
    level: int
    paragraphs: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""


@dataclass
class Part:
    """One part of the report: ``role`` is review, plan or an id for ``parts``; ``kind`` says
    whether it is written like a review (paragraphs) or a plan (items)."""

    role: str
    kind: Kind
    node: Node


def tree(blocks: tuple[Block, ...]) -> Node:
    """Headings nested by level; appendix blocks are left out (they follow the body)."""
    root = Node(None, 0)
    stack = [root]
    for block in blocks:
        if block.kind == "appendix":
            break
        if block.kind == "heading":
            while stack[-1].level >= block.level:
                stack.pop()
            node = Node(block, block.level)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].paragraphs.append(block)
    return root


def part_kind(title: str, year: int | None = None) -> Kind | None:
    """``2022年工作情况`` → review, ``2023年工作谋划`` → plan, anything else → None.

    A year after the one reviewed makes a plan, the year reviewed a review; otherwise the
    words decide, a plan word winning over a review word only when no review year is named.
    """
    title = arabic_years(title)
    years = [int(y) for y in _YEAR.findall(title)]
    review, plan = REVIEW_WORDS.search(title), PLAN_WORDS.search(title)
    if year is not None and years:
        if max(years) > year:
            return "plan"
        if year in years and (review or not plan):
            return "review"
    if review and plan:
        return "review" if review.start() < plan.start() and not years else "plan"
    if plan:
        return "plan"
    if review:
        return "review"
    return None


def split_parts(root: Node, year: int | None) -> list[Part] | None:
    """The parts of a report whose top headings are parts, or None when they are sections.

    Top headings are parts when at least one reads as a review or a plan and those that do
    not are few (a 政府自身建设 part) — a report whose top headings are all work areas has
    no part headings. Of several review or plan headings the first review and the plan naming
    the latest year keep those roles; the others become parts of their own.
    """
    tops = root.children
    if not tops:
        return None
    kinds = [part_kind(n.title, year) for n in tops]
    known = sum(1 for k in kinds if k)
    if not known or known * 2 < len(tops) or len(tops) > 6:
        return None
    review = next((i for i, k in enumerate(kinds) if k == "review"), None)
    plans = [i for i, k in enumerate(kinds) if k == "plan"]
    plan = (
        max(plans, key=lambda i: (_latest_year(tops[i].title), -_five_year(tops[i]), i))
        if plans
        else None
    )
    parts: list[Part] = []
    taken: set[str] = set()
    for index, (node, kind) in enumerate(zip(tops, kinds, strict=True)):
        if index == review:
            parts.append(Part("review", "review", node))
        elif index == plan:
            parts.append(Part("plan", "plan", node))
        else:
            role = _other_role(node.title, kind, taken)
            taken.add(role)
            parts.append(Part(role, kind or "plan", node))
    return parts


def _latest_year(title: str) -> int:
    return max((int(y) for y in _YEAR.findall(arabic_years(title))), default=0)


def _five_year(node: Node) -> int:
    return 1 if _FIVE_YEAR.search(node.title) else 0


def _other_role(title: str, kind: Kind | None, taken: set[str]) -> str:
    """An ASCII id for a part that is neither the review nor the plan."""
    if _FIVE_YEAR.search(title):
        base = "five_year_review" if kind == "review" else "five_year"
    elif _SELF.search(title):
        base = "self_building"
    else:
        base = f"{kind}_part" if kind else "part"
    role, n = base, 1
    while role in taken or role in ("review", "plan"):
        n += 1
        role = f"{base}_{n}"
    return role
