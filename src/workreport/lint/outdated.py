"""Text + the years it speaks of → findings on wording that was current in other years.

What is right in a 2022 review (常态化疫情防控, 党的十九大精神) can be out of date in a 2024
plan. ``data/outdated.tsv`` lists formulations with the years they are current, where they
count (everywhere, or only in a plan), a replacement and the public source that dates them; a
unit extends it with its own ``lint/outdated.tsv``. A line is checked against the years it
speaks of (:func:`line_years`): the review year in 工作情况, the next year in 工作谋划, five
years in a review of 过去五年 or a 五年规划 period; a sentence naming its own year is checked
against that year, and one speaking only of 今年/明年 is not checked. Where the year is unknown
nothing is reported: the rule is conservative by design.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Literal

from ..errors import Location
from .model import Finding, LintInputError

Years = tuple[int, int]
"""The years a text speaks of, first and last inclusive."""

RULE_ID = "dated.wording"
FILE_NAME = "outdated.tsv"
_PLAN_WORDS = re.compile(r"计划|谋划|安排|思路|打算|要点|重点工作|目标任务|工作建议")
_REVIEW_WORDS = re.compile(r"回顾|情况|成效|总结|成绩|主要工作|过去")
_YEAR = re.compile(r"((?:19|20)\d{2})年")
_NUMERAL = "[一二三四五六七八九十]+"
_PART_HEADING = re.compile(rf"^[ \u3000]*(?:{_NUMERAL}、|第{_NUMERAL}部分)")
_FIVE_YEARS = re.compile(r"五年|十[一二三四五六七八九]五”?时期")
_RELATIVE_YEAR = re.compile(r"今年|明年|去年|来年|新的一年")
_SENTENCE_END = re.compile(r"[。！？；]")
Scope = Literal["全文", "谋划"]


@dataclass(frozen=True)
class DatedPhrase:
    """A formulation current from ``first`` to ``last`` (inclusive; None is open-ended)."""

    wording: str
    pattern: re.Pattern[str]
    first: int | None
    last: int | None
    scope: Scope
    replacement: str
    source: str

    def outdated_in(self, years: Years, review_year: int) -> bool:
        """Whether the wording is out of date in text speaking of ``years``.

        It is when none of those years is in its own span; a 谋划 wording (a campaign, a task,
        an anniversary) only when the text speaks of years after the review year, because
        recalling it as history is right.
        """
        if self.scope == "谋划" and years[0] <= review_year:
            return False
        first = self.first if self.first is not None else years[0]
        last = self.last if self.last is not None else years[1]
        return years[1] < first or years[0] > last

    @property
    def span(self) -> str:
        if self.first == self.last:
            return f"{self.first}年"
        if self.first is None:
            return f"{self.last}年及以前"
        if self.last is None:
            return f"{self.first}年以来"
        return f"{self.first}—{self.last}年"


def _years(field: str, where: Location) -> tuple[int | None, int | None]:
    match = re.fullmatch(r"\s*(\d{4})?\s*(-)?\s*(\d{4})?\s*", field)
    if match is None or not (match.group(1) or match.group(3)):
        raise LintInputError(
            f"适用年份“{field}”写法不对",
            at=where,
            hint="写成 2020-2022、-2018、2023- 或单独一个年份 2025。",
        )
    first = int(match.group(1)) if match.group(1) else None
    last = int(match.group(3)) if match.group(3) else None
    if match.group(2) is None:  # a single year
        last = first
    return first, last


def _parse(lines: list[str], where: str, into: dict[str, DatedPhrase]) -> None:
    for number, raw in enumerate(lines, 1):
        line = raw.strip("\r\n\ufeff")
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        if line.startswith("!"):
            into.pop(line[1:].split("\t", 1)[0].strip(), None)
            continue
        fields = [f.strip() for f in line.split("\t")]
        at = Location(where, number)
        if len(fields) < 5 or not fields[0] or fields[2] not in ("全文", "谋划"):
            raise LintInputError(
                "提法表的行应有五列：写法、适用年份、范围（全文或谋划）、建议改为、依据",
                at=at,
                hint="五列之间用制表符隔开；依据写公开文件的名称和日期。",
            )
        wording, years, scope, replacement, source = fields[:5]
        body = wording[3:] if wording.startswith("re:") else re.escape(wording)
        try:
            pattern = re.compile(body)
        except re.error as exc:
            raise LintInputError(f"提法表中的正则表达式有误：{exc}", at=at) from exc
        first, last = _years(years, at)
        kind: Scope = "全文" if scope == "全文" else "谋划"
        into[wording] = DatedPhrase(wording, pattern, first, last, kind, replacement, source)


@cache
def load_phrases(folders: tuple[str, ...] = ()) -> tuple[DatedPhrase, ...]:
    """The built-in table merged with ``outdated.tsv`` in each of ``folders`` (later wins)."""
    merged: dict[str, DatedPhrase] = {}
    builtin = resources.files("workreport.lint").joinpath("data", FILE_NAME)
    _parse(builtin.read_text(encoding="utf-8").splitlines(), f"data/{FILE_NAME}", merged)
    for folder in folders:
        path = Path(folder) / FILE_NAME
        if path.is_file():
            try:
                lines = path.read_text(encoding="utf-8-sig").splitlines()
            except (OSError, UnicodeDecodeError) as exc:
                raise LintInputError(
                    f"无法读取提法表：{exc}", at=Location(str(path)), hint="须为 UTF-8 文本文件。"
                ) from exc
            _parse(lines, str(path), merged)
    return tuple(merged.values())


def line_years(
    lines: Sequence[str], year: int | None, *, start: Years | None = None
) -> list[Years | None]:
    """The years each line speaks of, for a report reviewing ``year`` (None: unknown).

    Lines before the first part heading and in review parts speak of ``year``; a part heading
    (一、 or 第一部分) naming plan words (计划、谋划、安排、思路…) switches to the year it names
    or ``year + 1``, one naming review words switches back, and a review of 过去五年 or of a
    五年规划 period (“十四五”时期) speaks of the five years up to ``year``. ``start`` is what
    the lines before the first part heading speak of, when not ``year``.
    """
    if year is None:
        return [None] * len(lines)
    current: Years = start or (year, year)
    out: list[Years | None] = []
    for line in lines:
        if _PART_HEADING.match(line) and len(line) <= 40:
            named = sorted(int(y) for y in _YEAR.findall(line))
            if _PLAN_WORDS.search(line) and not _REVIEW_WORDS.search(line):
                later = [y for y in named if y > year] or [year + 1]
                current = (later[0], later[-1])
            elif _REVIEW_WORDS.search(line):
                current = (year - 4, year) if _FIVE_YEARS.search(line) else (year, year)
        out.append(current)
    return out


def _sentence_years(line: str, at: int, years: Years) -> Years | None:
    """The years the sentence around ``line[at]`` speaks of: its own, if it names any."""
    start = max((m.end() for m in _SENTENCE_END.finditer(line, 0, at)), default=0)
    end_match = _SENTENCE_END.search(line, at)
    sentence = line[start : end_match.start() if end_match else len(line)]
    named = sorted(int(y) for y in _YEAR.findall(sentence))
    if named:
        return named[0], named[-1]
    if _RELATIVE_YEAR.search(sentence):
        return None
    return years


def report_year(text: str) -> int | None:
    """The year a report reviews, from its first lines: the first year named in its title."""
    for line in text.split("\n")[:5]:
        found = _YEAR.findall(line)
        if found:
            return int(found[0])
    return None


def outdated_findings(
    lines: Sequence[str],
    years: Sequence[Years | None],
    review_year: int,
    *,
    source: str = "<text>",
    folders: tuple[str, ...] = (),
) -> list[Finding]:
    """Findings on wording not current in the years its sentence speaks of."""
    phrases = load_phrases(folders)
    found = []
    for number, (line, line_span) in enumerate(zip(lines, years, strict=True), 1):
        if line_span is None:
            continue
        for phrase in phrases:
            for match in phrase.pattern.finditer(line):
                span = _sentence_years(line, match.start(), line_span)
                if span is None or not phrase.outdated_in(span, review_year):
                    continue
                spoken = f"{span[0]}年" if span[0] == span[1] else f"{span[0]}—{span[1]}年"
                found.append(
                    Finding(
                        rule_id=RULE_ID,
                        line=number,
                        col=match.start() + 1,
                        end_col=match.end() + 1,
                        message=f"“{match.group()}”是{phrase.span}的提法，这里讲的是{spoken}",
                        advice=f"改为“{phrase.replacement}”（依据：{phrase.source}）",
                        severity="warning",
                        source=source,
                    )
                )
    return found
