"""Text → residue: blocks of page chrome or a pasted metadata table, and single web debris.

Text pasted from a web page brings the page's buttons (打印 全屏 收藏 【字号：加大 还原 减小】),
its "information disclosure" table (索 引 号：… 发布机构：…), the source and time lines.
Such a block is one problem with one remedy (delete it), so it is one finding, and nothing
inside it is reported by other rules or touched by ``--fix``: a space in “索 引 号” is part of
the residue, not a slip to correct. Debris inside a sentence (来源：南方日报, 某某 摄) is
reported where it stands.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from .chars import SPACES
from .data import LintData
from .model import Doc

_MARKS = "【】[]|｜>＞/／·:：×✕-—_"
_DECORATION = _MARKS + "《》<>«»"
MIN_COVERED = 0.8
"""Share of a line's visible characters web debris must cover for the line to join a block."""


@dataclass(frozen=True)
class Residue:
    """One piece of residue: ``[start, end)`` in the text, what it is, how many lines it spans."""

    start: int
    end: int
    what: str
    lines: int = 1
    block: bool = False


@cache
def _chrome_re(words: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = "|".join(map(re.escape, sorted(words, key=len, reverse=True)))
    return re.compile(rf"(?:{alternatives}|[{re.escape(_MARKS)}])+")


@cache
def _label_re(labels: tuple[str, ...]) -> re.Pattern[str]:
    # A label may be letter-spaced (索 引 号, 分　　类): spaces between its characters.
    gap = f"[{SPACES}]*"
    alternatives = "|".join(
        gap.join(map(re.escape, label)) for label in sorted(labels, key=len, reverse=True)
    )
    return re.compile(rf"(?:^|[{SPACES}])(?:{alternatives}){gap}[:：]")


_SPACES_RE = re.compile(f"[{SPACES}]+")


def _visible(line: str) -> str:
    return _SPACES_RE.sub("", line)


def _web_hits(doc: Doc) -> list[tuple[int, int, str]]:
    """Debris matched by residue_web.tsv; where two patterns overlap the earlier line wins."""
    taken: list[tuple[int, int, str]] = []
    for entry in doc.data.residue_web.regex_entries:
        for m in entry.pattern.finditer(doc.text):
            start, end = m.span()
            if end > start and not any(s < end and start < e for s, e, _ in taken):
                taken.append((start, end, entry.right))
    return sorted(taken)


def _line_kind(line: str, data: LintData, covered: int) -> str:
    """``chrome``, ``table``, ``debris`` (web debris covers the line) or "" for text."""
    visible = _visible(line)
    if not visible:
        return ""
    if _chrome_re(data.page_chrome).fullmatch(visible):
        return "chrome"
    if _label_re(data.metadata_labels).match(line):
        return "table"
    if covered >= MIN_COVERED * len(visible):
        return "debris"
    return ""


def find_residue(doc: Doc) -> list[Residue]:
    """Residue blocks (a run of chrome or table lines, with the debris lines beside them) and
    the single debris outside them, in text order; computed once per text."""
    found = doc.memo.get("residue")
    if found is None:
        found = doc.memo["residue"] = _find_residue(doc)
    assert isinstance(found, list)
    return found


def _find_residue(doc: Doc) -> list[Residue]:
    web = _web_hits(doc)
    # Per line: visible characters inside debris, plus the decoration marks around it
    # (》》点击图片进入专题《《).
    covered = [sum(1 for c in line if c in _DECORATION) for line in doc.lines]
    for start, end, _ in web:
        line, _col = doc.position(start)
        piece = doc.text[start:end]
        covered[line - 1] += len(_visible(piece)) - sum(1 for c in piece if c in _DECORATION)
    kinds = [_line_kind(line, doc.data, covered[n]) for n, line in enumerate(doc.lines)]
    _bridge_table_values(doc.lines, kinds)
    blocks: list[tuple[int, int]] = []  # (first line, last line), 0-based, inclusive
    n = 0
    while n < len(kinds):
        if not kinds[n]:
            n += 1
            continue
        first = last = n
        m = n + 1
        while m < len(kinds) and (kinds[m] or not doc.lines[m].strip(SPACES)):
            if kinds[m]:
                last = m
            m += 1
        run = [kinds[i] for i in range(first, last + 1) if kinds[i]]
        own = sum(1 for k in run if k != "debris")
        single = first == last and _several_marks(doc.lines[first], doc.data)
        if own and (len(run) >= 2 or single):
            blocks.append((first, last))
        n = last + 1
    found = [
        Residue(
            doc.line_starts[a],
            doc.line_starts[b] + len(doc.lines[b]),
            _block_name([kinds[i] for i in range(a, b + 1) if kinds[i]]),
            sum(1 for i in range(a, b + 1) if kinds[i]),
            block=True,
        )
        for a, b in blocks
    ]
    for start, end, what in web:
        if not any(r.start <= start < r.end for r in found):
            found.append(Residue(start, end, what))
    return sorted(found, key=lambda r: r.start)


LONGEST_VALUE = 40
"""Longest cell value read as part of a table (a docx table gives each cell its own line)."""


def _bridge_table_values(lines: list[str], kinds: list[str]) -> None:
    """Mark the value cells between table labels (索引号： / 1133…/2026-00012 / 发布机构：)."""
    filled = [i for i, line in enumerate(lines) if line.strip(SPACES)]
    for at, i in enumerate(filled):
        if kinds[i] or at == 0:
            continue
        before = kinds[filled[at - 1]]
        after = kinds[filled[at + 1]] if at + 1 < len(filled) else ""
        value = _visible(lines[i])
        if before != "table" or len(value) > LONGEST_VALUE or "。" in value:
            continue
        label_only = _visible(lines[filled[at - 1]]).endswith((":", "："))
        if label_only or after in ("table", "chrome"):
            kinds[i] = "value"


def _several_marks(line: str, data: LintData) -> bool:
    """Whether one line alone is chrome or a table: three buttons, or two table labels."""
    visible = _visible(line)
    if _chrome_re(data.page_chrome).fullmatch(visible):
        words = re.findall("|".join(map(re.escape, data.page_chrome)), visible)
        return len(words) >= 3
    return len(_label_re(data.metadata_labels).findall(line)) >= 2


def _block_name(kinds: list[str]) -> str:
    if "table" in kinds and "chrome" not in kinds:
        return "网页的来源、时间或信息公开表"
    return "网页按钮、栏目、来源或时间"


def residue_spans(doc: Doc) -> list[tuple[int, int]]:
    """Where residue lies, spaces beside single debris included: no other rule reports there."""
    spans = []
    text = doc.text
    for r in find_residue(doc):
        start, end = r.start, r.end
        if not r.block:
            while start > 0 and text[start - 1] in SPACES:
                start -= 1
            while end < len(text) and text[end] in SPACES:
                end += 1
        spans.append((start, end))
    return spans
