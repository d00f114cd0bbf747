"""Source paragraphs → YAML text fields: lead sentences, 一是/二是 items, indicators, placeholders.

:class:`Prose` turns runs of report text into the text of a YAML field: punctuation made
full-width, every metric (see :mod:`.metrics`) replaced by ``{{ ind.<id> }}`` and a growth
rate after it by ``{{ ind.<id>.growth }}`` (the indicator is recorded), every redaction
``****`` by ``{{ todo("原文删节") }}``, bold inside a paragraph kept as ``**…**``.
:func:`analyse` splits a group of sibling paragraphs into 一是/二是 prefixes, lead sentences
and body text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from ..numbers import enumeration
from .figures import Figure, derive_name, is_indicator, parse_number, renders_back, scan
from .ids import IdMaker
from .metrics import growth_of, growth_subject, joins_growth, metric_name
from .prose import (
    LEAD_MARKS,
    REDACTION,
    bold_markup,
    escape_template,
    split_enumeration,
    widen_punctuation,
)
from .sources import Run, drop_chars

TODO = '{{ todo("原文删节") }}'
MAX_SENTENCE_LEAD = 32
"""A first sentence this long or shorter, ending in 。, reads as a lead sentence in plain text."""
MAX_CLAUSE_LEAD = 12


@dataclass
class Indicator:
    """An indicator found in the prose, with the words around it for the YAML comment."""

    id: str
    name: str
    value: int | float | None
    unit: str
    approx: str | None
    decimals: int | None
    context: str
    growth: float | None = None
    """The growth rate written after the figure (7232亿元、增长5.6%), or alone (增长5.5%)."""

    def as_yaml(self, source: str) -> dict[str, Any]:
        data: dict[str, Any] = {"name": self.name}
        if self.value is not None:
            data["value"] = self.value
        if self.unit:
            data["unit"] = self.unit
        if self.growth is not None:
            data["growth"] = self.growth
        if self.approx:
            data["approx"] = self.approx
        if self.decimals is not None:
            data["decimals"] = self.decimals
        data["source"] = source
        return data


@dataclass
class Prose:
    """Converts source text to template text, collecting the indicators it creates."""

    indicators: list[Indicator] = field(default_factory=list)
    ids: IdMaker = field(default_factory=lambda: IdMaker(pinyin=True))

    def title(self, text: str) -> str:
        """A heading title: redactions become placeholders; figures stay as written."""
        text = widen_punctuation(text)
        parts = REDACTION.split(text)
        return TODO.join(escape_template(p) for p in parts)

    def text(self, runs: Sequence[Run]) -> str:
        """Runs of a paragraph (or of its lead sentence) as template text."""
        full = widen_punctuation("".join(r.text for r in runs))
        bold: list[tuple[int, int]] = []
        pos = 0
        for run in runs:
            if run.bold:
                bold.append((pos, pos + len(run.text)))
            pos += len(run.text)
        replacements = self._replacements(full, bold)
        out: list[str] = []
        for start, end, is_bold in _segments(full, bold):
            piece = _render(full, start, end, replacements)
            if is_bold:
                markup = bold_markup(full[start:end], full[start - 1 : start], full[end : end + 1])
                piece = f"**{piece}**" if markup else piece
            out.append(piece)
        return "".join(out).strip()

    def _replacements(self, text: str, bold: list[tuple[int, int]]) -> dict[int, tuple[int, str]]:
        """Where each indicator (or growth rate) goes: start → (end, template expression).

        Only metrics become indicators (see :func:`.figures.metric_name`); a growth rate right
        after an indicator's figure is that indicator's ``growth``; anything unsure stays text.
        """
        found: dict[int, tuple[int, str]] = {}
        inherited = ""
        last: tuple[Indicator, int] | None = None
        for figure in scan(text):
            if not is_indicator(text, figure):
                continue
            chosen = _renderable(figure)
            if chosen is None or _straddles(chosen.start, chosen.end, bold):
                continue
            rate = growth_of(text, chosen)
            if rate is not None:
                self._growth(text, chosen, rate, last, found)
                last = None
                continue
            derived, inherited = derive_name(text, chosen, inherited)
            name = metric_name(text, chosen, derived)
            if name is None:
                last = None
                continue
            indicator = self._add(text, chosen, name)
            found[chosen.start] = (chosen.end, "{{ ind." + indicator.id + " }}")
            last = (indicator, chosen.end)
        for match in REDACTION.finditer(text):
            if not _straddles(match.start(), match.end(), bold):
                found[match.start()] = (match.end(), TODO)
        return found

    def _growth(
        self,
        text: str,
        figure: Figure,
        rate: tuple[int, float],
        last: tuple[Indicator, int] | None,
        found: dict[int, tuple[int, str]],
    ) -> None:
        """``7232亿元、增长5.6%``: the growth of the indicator before it; ``生产总值增长5.5%``: an
        indicator of its own that has only a growth rate; otherwise the text stays."""
        start, value = rate
        if last is not None and last[0].growth is None and joins_growth(text[last[1] : start]):
            last[0].growth = value
            found[start] = (figure.end, "{{ ind." + last[0].id + ".growth }}")
            return
        subject = growth_subject(text, start, figure)
        if subject is None:
            return
        indicator = self._add(text, figure, subject, growth=value)
        found[start] = (figure.end, "{{ ind." + indicator.id + ".growth }}")

    def _add(self, text: str, figure: Figure, name: str, growth: float | None = None) -> Indicator:
        value, decimals = parse_number(figure.number)
        context = text[max(0, figure.start - 12) : figure.end + 6].replace("\n", "")
        if growth is not None:
            ident = self.ids.make(name, "")
            indicator = Indicator(ident, name, None, "", None, None, context, growth)
        else:
            ident = self.ids.make(name, figure.unit)
            indicator = Indicator(ident, name, value, figure.unit, figure.approx, decimals, context)
        self.indicators.append(indicator)
        return indicator


def _renderable(figure: Figure) -> Figure | None:
    """The figure as an indicator can write it; a contradictory approximation stays in the text.

    ``约50.44%`` cannot be an indicator with 约 (two decimals are exact), so the indicator holds
    50.44 and 约 stays in the prose.
    """
    if renders_back(figure):
        return figure
    if figure.approx and figure.approx != "余":
        bare = Figure(figure.start + 1, figure.end, figure.number, figure.unit, None, False)
        if renders_back(bare):
            return bare
    return None


def _straddles(start: int, end: int, bold: list[tuple[int, int]]) -> bool:
    return any(start < b_start < end or start < b_end < end for b_start, b_end in bold)


def _segments(text: str, bold: list[tuple[int, int]]) -> list[tuple[int, int, bool]]:
    """Plain and bold stretches; marks at the end of a bold stretch are moved out of it."""
    segments: list[tuple[int, int, bool]] = []
    pos = 0
    for start, end in bold:
        trimmed = end
        while trimmed > start and text[trimmed - 1] in LEAD_MARKS:
            trimmed -= 1
        if start > pos:
            segments.append((pos, start, False))
        if trimmed > start:
            segments.append((start, trimmed, True))
        if end > trimmed:
            segments.append((trimmed, end, False))
        pos = end
    if pos < len(text):
        segments.append((pos, len(text), False))
    return segments


def _render(text: str, start: int, end: int, replacements: dict[int, tuple[int, str]]) -> str:
    out: list[str] = []
    literal = start
    pos = start
    while pos < end:
        if pos in replacements and replacements[pos][0] <= end:
            out.append(escape_template(text[literal:pos]))
            stop, expression = replacements[pos]
            out.append(expression)
            pos = literal = stop
        else:
            pos += 1
    out.append(escape_template(text[literal:end]))
    return "".join(out)


@dataclass
class Analysed:
    """One paragraph split into its 一是 number, lead sentence and body."""

    runs: list[Run]
    enum: int | None = None
    lead: list[Run] | None = None
    body: list[Run] = field(default_factory=list)


def analyse(paragraphs: Sequence[Sequence[Run]], *, use_bold: bool) -> list[Analysed]:
    """Split sibling paragraphs into 一是 numbers, leads and bodies.

    Items are taken as 一是/二是 … only when every paragraph after an optional first one is
    numbered in sequence. Leads come from bold runs when the source has any bold; otherwise
    from the text, where the pattern is clear: two or more siblings (all but perhaps the
    first) open with a short sentence ending in 。, or three or more with a short clause
    ending in ，.
    """
    items = [Analysed(list(runs)) for runs in paragraphs]
    _number_items(items)
    for item in items:
        item.body = drop_chars(item.runs, len(_enum_word(item.enum))) if item.enum else item.runs
    if use_bold:
        for item in items:
            _bold_lead(item)
        return items
    texts = [widen_punctuation("".join(r.text for r in item.body)) for item in items]
    for finder, minimum in ((_sentence_lead, 2), (_clause_lead, 3)):
        leads = [finder(t) for t in texts]
        found = sum(1 for lead in leads if lead)
        if found >= minimum and found >= len(items) - 1:
            for item, lead in zip(items, leads, strict=True):
                if lead:
                    item.lead, item.body = _take(item.body, len(lead))
            break
    return items


def _number_items(items: list[Analysed]) -> None:
    numbered = [split_enumeration("".join(r.text for r in item.runs)) for item in items]
    for skip in (0, 1):
        rest = numbered[skip:]
        if rest and all(n is not None and n[0] == i for i, n in enumerate(rest, start=1)):
            for item, n in zip(items[skip:], rest, strict=True):
                item.enum = n[0] if n else None
            return


def _enum_word(n: int | None) -> str:
    return enumeration(n) if n else ""


def _take(runs: list[Run], count: int) -> tuple[list[Run], list[Run]]:
    """The first ``count`` characters of ``runs``, and the rest."""
    head: list[Run] = []
    remaining = count
    for run in runs:
        if remaining <= 0:
            break
        head.append(Run(run.text[:remaining], run.bold))
        remaining -= len(run.text)
    return head, drop_chars(runs, count)


def _bold_lead(item: Analysed) -> None:
    """A bold run opening the paragraph, with the mark right after it, is the lead sentence."""
    body = item.body
    if len(body) < 2 or not body[0].bold:
        return
    lead = body[0].text
    rest = body[1:]
    following = rest[0].text[:1]
    if following and widen_punctuation(following) in LEAD_MARKS:
        lead += following
        rest = drop_chars(rest, 1)
    if widen_punctuation(lead)[-1:] not in LEAD_MARKS or not rest or len(lead) < 3:
        return
    item.lead, item.body = [Run(lead, True)], rest


def _sentence_lead(text: str) -> str:
    end = text.find("。")
    return text[: end + 1] if 2 <= end < MAX_SENTENCE_LEAD and end + 1 < len(text) else ""


def _clause_lead(text: str) -> str:
    end = text.find("，")
    head = text[:end]
    if 4 <= end <= MAX_CLAUSE_LEAD and not any(ch.isdigit() for ch in head):
        return text[: end + 1]
    return ""
