"""Draft text → what a YAML input left unfinished: figures with no unit, paragraphs cut short.

A draft's figures come from the ``indicators`` section and its text from YAML strings, so two
slips are common there and rare in edited text: a bare ``{{ ind.x.value }}`` where the
phrase wanted the unit (工业投资增长35.7, 产值400), and a paragraph whose string stops before its
full stop or on a dangling 、 or ，. Both rules are ``draft_only``: the engine runs them on
drafts (the text lint builds from a YAML input) only, since in edited reports a line without a
full stop is a heading, a byline or a table cell, and a figure may stand alone in a table.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .model import Doc, Hit, Rule

_BARE_FIGURE_RE = re.compile(
    r"(?<=[\u4e00-\u9fff])(?<![第前后近约共计号])(\d+(?:\.\d+)?)(?=[，。；！？,;]|、(?!\d)|$)",
    re.MULTILINE,
)
_HEADING_RE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+[.．]|（\d+）|[一二三四五六七八九十]是)"
)
_PLACEHOLDER_TAIL_RE = re.compile(r"【待补充[^】]*】$")
_CLOSERS = "”’）)》」』】"
_SENTENCE_END = "。！？…"
_DANGLING = "、，,；;"
SHORT_LINE = 25
"""A line this short with no punctuation at all is a title, a date or a byline, not a paragraph."""


def check_bare_figure(doc: Doc) -> Iterator[Hit]:
    """A figure right after text and right before punctuation: its unit or % is missing.

    Figures listed with 、 share the unit of the last one (17、26、27号地) and are left alone.
    """
    for m in _BARE_FIGURE_RE.finditer(doc.text):
        yield Hit(
            m.start(),
            m.end(),
            f"数字“{m.group()}”后面没有单位",
            "补上单位或%（模板里用 {{ ind.x }} 或 {{ ind.x.growth }}，不要只用 .value）",
        )


def _unfinished(line: str) -> bool:
    """Whether a draft line is a paragraph that stops mid-sentence (table rows have tabs).

    A paragraph whose end is still a placeholder is not judged: its last words are yet to be
    written, and the placeholder is reported already.
    """
    if _PLACEHOLDER_TAIL_RE.search(line.rstrip()):
        return False
    body = line.rstrip().rstrip(_CLOSERS)
    if not body or "\t" in line or (_HEADING_RE.match(line) and not re.search("[。；]", line)):
        return False
    if body[-1] in _DANGLING:
        return True
    if body[-1] in _SENTENCE_END or body[-1] in "：:":
        return False
    return len(body) > SHORT_LINE or bool(re.search("[，。；、]", body))


def check_unfinished(doc: Doc) -> Iterator[Hit]:
    """Paragraphs after the first heading that stop mid-sentence."""
    started = False
    for start, line in doc.iter_lines():
        if not started:
            started = bool(_HEADING_RE.match(line))
            continue
        if _unfinished(line):
            end = start + len(line.rstrip())
            yield Hit(
                max(start, end - 1),
                end,
                f"段落没有结束就断了：“…{line.rstrip()[-12:]}”",
                "补全句子，段末加句号（检查 YAML 中这一段文字是否被截断）",
            )


RULES = [
    Rule(
        id="draft.bare-figure",
        category="数字",
        severity="warning",
        summary="草稿中的数字缺少单位",
        advice="数字后补上计量单位或%；指标引用用 {{ ind.x }}，它自带单位",
        bad=("一、2022年工作情况\n工业投资增长35.7，占比提高。", "一、回顾\n实现产值400。"),
        good=(
            "一、2022年工作情况\n工业投资增长35.7%，占比提高。",
            "一、回顾\n位列全区第3，实现产值400亿元。",
        ),
        check=check_bare_figure,
        draft_only=True,
    ),
    Rule(
        id="draft.unfinished",
        category="结构",
        severity="warning",
        summary="草稿中的段落没有结束",
        advice="段落应以句号、问号或叹号结束，不能停在顿号、逗号或半句话上",
        bad=(
            "一、2022年工作情况\n推动各项事业取得新突破、实现新发展、",
            "一、2022年工作情况\n全力以赴防疫情、稳经济、保安全，不断巩固拓展稳中向好发展态势",
        ),
        good=(
            "一、2022年工作情况\n（一）坚决有力防疫情，人民生命安全有效保障\n全力以赴稳经济。",
            "外海街道2022年工作情况\n（草稿）\n一、2022年工作情况\n主要目标是：\n推动发展。",
            "一、2023年工作情况\n提升城市生活品质，【待补充：工作情况和成效】",
        ),
        check=check_unfinished,
        draft_only=True,
    ),
]
