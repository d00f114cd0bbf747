"""This year's input + last year's → what a reviewer checks across years.

Three checks no proofreader makes on one text alone, each a list of
:class:`~workreport.lint.Finding` located in this year's YAML (or the draft's text):

- :func:`copied_paragraphs`: review paragraphs nearly the same as last year's, once years and
  figures are taken out (the text copied with only the year changed);
- :func:`unchanged_figures`: indicators whose value is the same as last year's;
- :func:`dated_wording`: formulations not current in the year the text speaks of
  (:mod:`workreport.lint.outdated`).

Last year is last year's input file (``<year-1>.yaml`` beside this one) or last year's report
as .docx or .txt.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import TYPE_CHECKING, Any

from .lint.model import Finding
from .lint.outdated import Years, line_years, outdated_findings

if TYPE_CHECKING:
    from .load import KeyPath, Raw
    from .model import Report
    from .tree import Document

DEFAULT_SIMILARITY = 0.85
"""Share of characters two paragraphs have in common, after years and figures are taken out,
from which this year's paragraph counts as last year's copied."""
MIN_COMPARED = 30
"""Shortest paragraph (in characters, once normalised) worth comparing: titles and leads repeat
from year to year by design."""
COPIED_RULE = "year.copied-paragraph"
UNCHANGED_RULE = "year.unchanged-figure"

_PROSE_KEYS = frozenset({"intro", "text", "closing", "requirements", "lead"})
_YEARS = re.compile(r"(?:19|20)\d{2}\s*年?|[〇零一二三四五六七八九]{4}年")
_FIGURES = re.compile(r"[-+]?\d[\d,，.．]*\s*(?:%|‰|万亿|亿|万|千)?")
_PLACEHOLDERS = re.compile(r"【待补充[^】]*】")
_NOT_TEXT = re.compile(r"[\s\W_]+")


@dataclass(frozen=True)
class ProseField:
    """One prose field of an input: where it is in the YAML and its rendered text."""

    key_path: KeyPath
    text: str


def normalise(text: str) -> str:
    """Text without years, figures, placeholders, punctuation and spaces."""
    text = _PLACEHOLDERS.sub("", text)
    text = _YEARS.sub("", text)
    text = _FIGURES.sub("#", text)
    return _NOT_TEXT.sub("", text)


def prose_fields(data: Any, key_path: KeyPath = ()) -> Iterator[ProseField]:
    """Every prose string in ``data`` (a report part as plain data), with its key path."""
    if isinstance(data, dict):
        for key, value in data.items():
            if isinstance(value, str) and key in _PROSE_KEYS:
                yield ProseField((*key_path, key), value)
            elif isinstance(value, dict | list):
                yield from prose_fields(value, (*key_path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            if isinstance(value, str):
                yield ProseField((*key_path, index), value)
            else:
                yield from prose_fields(value, (*key_path, index))


def review_fields(report: Report) -> list[ProseField]:
    """The prose fields of the report's review part (工作情况)."""
    if report.review is None:
        return []
    return list(prose_fields(report.review.as_data(), ("review",)))


@dataclass(frozen=True)
class Copied:
    """A review field of this year nearly the same as one of last year's paragraphs."""

    field: ProseField
    original: str
    score: float


def copied_fields(
    report: Report, last_year: Sequence[str], *, threshold: float = DEFAULT_SIMILARITY
) -> list[Copied]:
    """Review fields of ``report`` (rendered) nearly the same as one of ``last_year``'s
    paragraphs (any part: a plan copied into a review counts)."""
    previous = [(p, normalise(p)) for p in last_year]
    previous = [(p, n) for p, n in previous if len(n) >= MIN_COMPARED]
    found = []
    for prose in review_fields(report):
        mine = normalise(prose.text)
        if len(mine) < MIN_COMPARED:
            continue
        best, score = _most_similar(mine, previous)
        if best is not None and score >= threshold:
            found.append(Copied(prose, best, score))
    return found


def copied_paragraphs(
    report: Report,
    raw: Raw,
    last_year: Sequence[str],
    *,
    threshold: float = DEFAULT_SIMILARITY,
) -> list[Finding]:
    """:func:`copied_fields` as findings located in the YAML that ``raw`` was read from."""
    found = []
    for copied in copied_fields(report, last_year, threshold=threshold):
        at = raw.locate(copied.field.key_path)
        column = at.column or 1
        found.append(
            _copied(copied.original, copied.score, str(raw.path), at.line or 1, column, column + 1)
        )
    return found


def copied_note(copied: Copied) -> str:
    """The comment a reviewer reads on a copied paragraph."""
    message = _copied_message(copied.original, copied.score)
    return f"{message}（{COPIED_RULE}）建议：{_COPIED_ADVICE}"


_COPIED_ADVICE = "核实是否照抄了去年的文字：写今年新做的工作和新的成效。"


def _copied_message(original: str, score: float) -> str:
    return f"这一段与去年的报告有 {score:.0%} 相同（不计年份和数字）：“{_clip(original)}”"


def copied_lines(
    lines: Sequence[str],
    last_year: Sequence[str],
    *,
    source: str,
    threshold: float = DEFAULT_SIMILARITY,
) -> list[Finding]:
    """Lines (paragraphs) of a report text nearly the same as one of ``last_year``'s."""
    previous = [(p, normalise(p)) for p in last_year]
    previous = [(p, n) for p, n in previous if len(n) >= MIN_COMPARED]
    found = []
    for number, line in enumerate(lines, 1):
        mine = normalise(line)
        if len(mine) < MIN_COMPARED:
            continue
        best, score = _most_similar(mine, previous)
        if best is not None and score >= threshold:
            found.append(_copied(best, score, source, number, 1, len(line) + 1))
    return found


def _copied(best: str, score: float, source: str, line: int, col: int, end: int) -> Finding:
    return Finding(
        rule_id=COPIED_RULE,
        line=line,
        col=col,
        end_col=end,
        message=_copied_message(best, score),
        advice=_COPIED_ADVICE,
        severity="warning",
        source=source,
    )


def _most_similar(text: str, candidates: list[tuple[str, str]]) -> tuple[str | None, float]:
    matcher = SequenceMatcher(None, autojunk=False)
    matcher.set_seq2(text)
    best: str | None = None
    score = 0.0
    for original, normalised in candidates:
        matcher.set_seq1(normalised)
        # The cheap upper bounds first: most pairs share little and are skipped at once.
        if matcher.real_quick_ratio() < max(score, 0.5) or matcher.quick_ratio() < max(score, 0.5):
            continue
        ratio = matcher.ratio()
        if ratio > score:
            best, score = original, ratio
    return best, score


def _clip(text: str, width: int = 30) -> str:
    return text if len(text) <= width else text[:width] + "……"


def unchanged_ids(report: Report, last_year: Report | None) -> list[str]:
    """Ids of indicators whose value is the same as last year's (last year's file, or
    ``previous``)."""
    found = []
    for indicator_id, indicator in report.indicators.items():
        if indicator.value is None:
            continue
        before = None
        if last_year is not None and indicator_id in last_year.indicators:
            before = last_year.indicators[indicator_id].value
        if before is None:
            before = indicator.previous
        if before is not None and before == indicator.value:
            found.append(indicator_id)
    return found


def unchanged_figures(report: Report, raw: Raw, last_year: Report | None) -> list[Finding]:
    """Findings on the indicators of :func:`unchanged_ids`, located at their values."""
    found = []
    for indicator_id in unchanged_ids(report, last_year):
        indicator = report.indicators[indicator_id]
        at = raw.locate(("indicators", indicator_id, "value"))
        found.append(
            Finding(
                rule_id=UNCHANGED_RULE,
                line=at.line or 1,
                col=at.column or 1,
                end_col=(at.column or 1) + 1,
                message=f"“{indicator.name}”的数值 {indicator.value:g}{indicator.unit}"
                f"与上一年（{report.year - 1}年）相同",
                advice="核实是否沿用了去年的数字；确实相同时可以忽略。",
                severity="warning",
                source=str(raw.path),
            )
        )
    return found


def draft_years(report: Report, lines: Sequence[str]) -> list[Years | None]:
    """The years each line of a draft of ``report`` speaks of.

    A draft with only a plan (工作谋划) speaks of the next year from its first line.
    """
    start: Years | None = None
    if report.review is None and report.plan is not None:
        start = (report.year + 1, report.year + 1)
    return line_years(lines, report.year, start=start)


def dated_wording(
    report: Report, document: Document, *, source: str, folders: tuple[str, ...] = ()
) -> list[Finding]:
    """Outdated formulations in the draft of ``report``, on the lines of its plain text."""
    from .tree import text_lines

    lines = [line.text for line in text_lines(document)]
    return outdated_findings(
        lines, draft_years(report, lines), report.year, source=source, folders=folders
    )
