"""The title block of a report and of its draft, for :mod:`.fidelity`.

The title block is everything printed before the first heading: the title line(s), a
subtitle such as “——2024年1月23日在…会议上”, the byline, the salutation “各位代表：”, the
opening sentence and any preface. It is compared as text, whatever each side's reader made
of it (title, note or paragraph), so a line the draft printed elsewhere is found and named —
in particular one printed under the first heading. A line may be split or joined differently
on the two sides: a line counts as present when its text is contained in the other side's
title block.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .prose import comparison_key
from .sources import SourceDoc

MAX_PROBLEMS = 8
MIN_FOUND = 4
"""Shorter lines (加大, 收藏) are not looked for in the body: they occur in any text."""
_TITLE_ENDS = ("报告", "总结", "计划", "谋划", "思路", "打算", "要点", "安排")
_STAGE = re.compile(r"^[（(][^（）()]{0,8}稿[）)]$")
_BYLINE = re.compile(
    r"(长|主席|主任|书记)[\s\u3000]*[\u4e00-\u9fff]{1,4}[\s\u3000]?[\u4e00-\u9fff]?$"
)


@dataclass(frozen=True)
class FrontLine:
    """One line of a title block: what it looks like, its text and its comparison key."""

    role: str
    text: str

    @property
    def key(self) -> str:
        return comparison_key(self.text)


def role(text: str, *, title: bool = False) -> str:
    """What a title-block line looks like, for messages: 标题, 副标题, 署名, 称呼, 稿次 or 正文."""
    stripped = text.strip()
    if title or (
        len(stripped) <= 40
        and stripped.replace(" ", "").endswith(_TITLE_ENDS)
        and not any(mark in stripped for mark in "。，,：:")
    ):
        return "标题"
    if _STAGE.match(stripped):
        return "稿次"
    if stripped.startswith(("—", "－")) or (
        "会议" in stripped and len(stripped) <= 60 and "。" not in stripped
    ):
        return "副标题"
    if stripped.endswith(("：", ":")) and len(stripped) <= 16:
        return "称呼"
    if len(stripped) <= 30 and "。" not in stripped and _BYLINE.search(stripped):
        return "署名"
    return "正文"


def front_lines(doc: SourceDoc) -> tuple[FrontLine, ...]:
    """The title lines, notes and paragraphs before the first heading of ``doc``."""
    lines = [FrontLine("标题", line) for line in doc.title.splitlines() if line.strip()]
    lines += [FrontLine(role(note), note) for note in doc.notes if note.strip()]
    for block in doc.blocks:
        if block.kind == "heading":
            break
        lines.append(FrontLine(role(block.text), block.text))
    return tuple(line for line in lines if line.key)


def front_problems(
    source: tuple[FrontLine, ...], draft: tuple[FrontLine, ...], draft_doc: SourceDoc
) -> tuple[str, ...]:
    """What differs between the two title blocks, one sentence each (at most a few)."""
    problems: list[str] = []
    theirs = "".join(line.key for line in draft)
    ours = "".join(line.key for line in source)
    for line in source:
        if line.key in theirs:
            continue
        heading = _heading_above(line.key, draft_doc) if len(line.key) >= MIN_FOUND else None
        if heading is not None:
            problems.append(f"原文标题块中的{line.role}“{line.text}”，草稿印在“{heading}”之下")
        else:
            problems.append(f"草稿中没有原文标题块中的{line.role}“{line.text}”")
    has_title = any(line.role == "标题" for line in source)
    for line in draft:
        if line.key in ours or line.role == "稿次" or (line.role == "标题" and not has_title):
            continue
        problems.append(f"草稿标题块多出{line.role}“{line.text}”")
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], f"……另有 {rest} 处不同"]
    return tuple(problems)


def _heading_above(key: str, doc: SourceDoc) -> str | None:
    """The heading (number and text) under which ``doc`` prints text containing ``key``."""
    heading: str | None = None
    for block in doc.blocks:
        if block.kind == "heading":
            heading = block.number + block.text
            if key in comparison_key(block.text) and heading:
                return heading
        elif heading is not None and key in comparison_key(block.text):
            return heading
    return None


def describe_front(
    source: tuple[FrontLine, ...], draft: tuple[FrontLine, ...], problems: tuple[str, ...]
) -> list[str]:
    """The title-block comparison as terminal lines."""
    if problems:
        return ["标题块：不一致", *(f"  {problem}" for problem in problems)]
    if not any(line.role == "标题" for line in source):
        shown = next((line.text for line in draft if line.role == "标题"), "")
        drafted = f"草稿标题“{shown}”" if shown else "草稿也无标题"
        return [f"标题块：一致（原文无标题，{drafted}）"]
    roles = "、".join(dict.fromkeys(line.role for line in source))
    return [f"标题块：一致（{len(source)} 行：{roles}）"]
