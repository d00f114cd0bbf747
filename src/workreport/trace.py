"""Draft + its input → every figure in the draft, traced to its indicator, source and YAML line.

A figure in the prose is a citation such as ``{{ ind.gdp }}`` in a YAML text field. Each field's
source is split into its literal text and its ``{{ … }}`` expressions, each expression is
evaluated on its own in the draft's context, and so the exact span of each cited figure in the
rendered field is known; the span is then found in the draft's tree by the words just before
it. What no citation produced is looked at too: figures typed into the prose without an
indicator, and typed figures that give an indicator a value other than its own.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

import jinja2

from .derive import IndicatorView, TargetView, derive
from .render import make_environment
from .tree import Block, Document, Heading, Paragraph, inline_text

if TYPE_CHECKING:
    from .load import KeyPath, Raw
    from .model import Indicator, Report

_EXPRESSION = re.compile(r"\{\{-?(.*?)-?\}\}|\{#.*?#\}", re.DOTALL)
_CITATION = re.compile(
    r"ind\s*(?:\.\s*(?P<id>[A-Za-z_]\w*)|\[\s*(?P<q>['\"])(?P<qid>[^'\"]*)(?P=q)\s*\])"
    r"(?:\s*\.\s*(?P<attr>[A-Za-z_]\w*))?"
)
_TYPED = re.compile(
    r"(?<![\d.])(?P<approx>超|近|约|逾|超过|突破|达)?(?P<value>\d+(?:\.\d+)?)\s*"
    r"(?P<unit>万亿元|亿元|万元|元|个百分点|%|‰|万人次|人次|万人|人|家|个|项|件|户|所|座|套|台|辆"
    r"|万亩|亩|公顷|万平方米|平方米|平方公里|公里|千米|米|万吨|吨|千瓦|兆瓦|床|张|条|处|场|批|宗)"
)
_CONTEXT = 12
"""Characters before a figure used to find it in the draft."""
_SENTENCE = re.compile(r"[^。；！？]*[。；！？]?")


class Draft(Protocol):
    """What tracing needs of a draft (:class:`workreport.api.Draft` has it)."""

    @property
    def document(self) -> Document: ...
    @property
    def report(self) -> Report: ...
    @property
    def template_dirs(self) -> tuple[Path, ...]: ...


@dataclass(frozen=True)
class FigureRecord:
    """One row of the figure check sheet."""

    kind: str
    """引用 (a cited figure), 未引用 (an indicator never cited), 直接写出 (typed into the prose),
    数值不一致 (a typed figure giving an indicator another value)."""
    indicator_id: str = ""
    name: str = ""
    value: float | None = None
    unit: str = ""
    approx: str = ""
    previous: float | None = None
    growth: float | None = None
    source: str = ""
    text: str = ""
    """The figure as the draft writes it."""
    part: str = ""
    section: str = ""
    paragraph: int | None = None
    """The paragraph's number within its section (1-based)."""
    sentence: str = ""
    input_line: str = ""
    """``file:line`` of the YAML field the figure comes from."""
    note: str = ""
    block: int | None = None
    """Index of the draft block holding the figure, and the figure's span in its text."""
    start: int = 0
    end: int = 0


@dataclass(frozen=True)
class _Cited:
    indicator_id: str
    key_path: KeyPath
    rendered: str
    offset: int
    text: str
    source_offset: int


def figure_records(draft: Draft, raw: Raw, last_year: Report | None = None) -> list[FigureRecord]:
    """Every figure of ``draft`` (made from ``raw``), in draft order, then the other rows."""
    from .validate import validate

    source_report = validate(raw)
    context = derive(source_report, last_year)
    env = make_environment(list(draft.template_dirs))
    places = _Places(draft)
    records: list[FigureRecord] = []
    cited_ids: set[str] = set()
    for cited in _citations(source_report, draft.report, context, env):
        indicator = source_report.indicators.get(cited.indicator_id)
        if indicator is None:
            continue
        cited_ids.add(cited.indicator_id)
        found = places.find(cited.rendered, cited.offset, cited.text)
        records.append(
            _row(
                "引用",
                cited.indicator_id,
                indicator,
                text=cited.text,
                where=places.describe(found),
                input_line=_input_line(raw, cited.key_path, cited.source_offset),
            )
        )
    targets = [(("plan", "targets", i), t) for i, t in enumerate(context["targets"])]
    targets += [(("review", "targets", i), t) for i, t in enumerate(context["review_targets"])]
    for key_path, target in targets:
        found = places.find(str(target), 0, str(target))
        if found is None:
            continue
        if target.indicator is not None:
            cited_ids.add(target.indicator.id)
        at = raw.locate(key_path)
        records.append(_target_row(target, places.describe(found), f"{at.file}:{at.line}"))
    records += _template_figures(places, context["ind"], cited_ids)
    records.sort(key=lambda r: (r.block is None, r.block or 0, r.start))
    records += _typed_figures(places, source_report.indicators)
    for indicator_id, indicator in source_report.indicators.items():
        if indicator_id not in cited_ids:
            at = raw.locate(("indicators", indicator_id))
            records.append(
                _row(
                    "未引用",
                    indicator_id,
                    indicator,
                    input_line=f"{at.file}:{at.line}",
                    note="定义了指标，草稿中没有引用",
                )
            )
    return records


def _target_row(target: TargetView, where: dict[str, Any], input_line: str) -> FigureRecord:
    data = target.data
    indicator = target.indicator.data if target.indicator is not None else None
    return FigureRecord(
        kind="目标",
        indicator_id=target.indicator.id if target.indicator is not None else "",
        name=target.name,
        value=data.value if data.value is not None else data.growth,
        unit=data.unit or ("%" if data.growth is not None else ""),
        source=(indicator.source or "") if indicator is not None else "",
        text=str(target),
        input_line=input_line,
        note="目标增速" if data.growth is not None else "目标数值",
        **{k: v for k, v in where.items() if k != "note"},
    )


def _template_figures(
    places: _Places,
    ind: Mapping[str, IndicatorView],
    cited_ids: set[str],
) -> list[FigureRecord]:
    """Figures a template (not a YAML field) cited: an indicator's amount written in full."""
    rows = []
    for indicator_id, view in ind.items():
        if view.missing:
            continue
        for form in {view.amount, view.named}:
            found = places.find(form, 0, form)
            while found is not None:
                cited_ids.add(indicator_id)
                rows.append(
                    _row(
                        "引用",
                        indicator_id,
                        view.data,
                        text=form,
                        where=places.describe(found),
                        input_line="（模板）",
                    )
                )
                found = places.find(form, 0, form)
    return rows


def _row(
    kind: str,
    indicator_id: str,
    indicator: Indicator,
    *,
    text: str = "",
    where: dict[str, Any] | None = None,
    input_line: str = "",
    note: str = "",
) -> FigureRecord:
    place = dict(where or {})
    notes = [note or ("" if indicator.source else "未注明来源"), place.pop("note", "")]
    return FigureRecord(
        kind=kind,
        indicator_id=indicator_id,
        name=indicator.name,
        value=indicator.value,
        unit=indicator.unit,
        approx=indicator.approx or "",
        previous=indicator.previous,
        growth=indicator.growth,
        source=indicator.source or "",
        text=text,
        input_line=input_line,
        note="；".join(n for n in notes if n),
        **place,
    )


def _citations(
    source: Report, rendered: Report, context: dict[str, Any], env: jinja2.Environment
) -> Iterator[_Cited]:
    rendered_fields = dict(_strings(rendered.as_data()))
    for key_path, text in _strings(source.as_data()):
        if "ind" not in text or "{{" not in text:
            continue
        out = rendered_fields.get(key_path)
        if out is None:
            continue
        yield from _cited_in(key_path, text, out, context, env)


def _cited_in(
    key_path: KeyPath, source: str, rendered: str, context: dict[str, Any], env: jinja2.Environment
) -> Iterator[_Cited]:
    """The citations of one field, with their exact offsets in the rendered field."""
    pieces: list[tuple[str, int, str | None]] = []  # (output, source offset, indicator id)
    cursor = 0
    for match in _EXPRESSION.finditer(source):
        pieces.append((source[cursor : match.start()], cursor, None))
        expression = match.group(1)
        if expression is not None:
            try:
                value = str(env.compile_expression(expression, undefined_to_none=False)(context))
            except Exception:  # the build rendered it; here only the trace is lost
                return
            cited = _CITATION.fullmatch(expression.strip())
            pieces.append((value, match.start(), (cited["id"] or cited["qid"]) if cited else None))
        cursor = match.end()
    pieces.append((source[cursor:], cursor, None))
    if "{%" in source or "".join(p[0] for p in pieces) != rendered:
        # Control flow or whitespace control: find each figure by its text instead.
        at = 0
        for output, source_offset, key in pieces:
            if key is None or not output:
                continue
            found = rendered.find(output, at)
            if found >= 0:
                yield _Cited(key, key_path, rendered, found, output, source_offset)
                at = found + len(output)
        return
    offset = 0
    for output, source_offset, key in pieces:
        if key is not None and output:
            yield _Cited(key, key_path, rendered, offset, output, source_offset)
        offset += len(output)


def _strings(data: Any, key_path: KeyPath = ()) -> Iterator[tuple[KeyPath, str]]:
    if isinstance(data, str):
        yield key_path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from _strings(value, (*key_path, key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from _strings(value, (*key_path, index))


def _input_line(raw: Raw, key_path: KeyPath, source_offset: int) -> str:
    at = raw.locate(key_path)
    node = raw.data
    for part in key_path:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            node = None
            break
    extra = node[:source_offset].count("\n") if isinstance(node, str) else 0
    return f"{at.file}:{(at.line or 1) + extra}"


def _block_text(block: Block) -> str:
    """The text an annotation's offsets count in: a run-in heading's with its mark and body."""
    if isinstance(block, Heading):
        return block.text + block.mark + inline_text(block.body)
    return block.text if isinstance(block, Paragraph) else ""


class _Places:
    """The draft's paragraphs and headings, and where each lies in the outline."""

    def __init__(self, draft: Draft) -> None:
        self.blocks = draft.document.blocks
        self.taken: dict[int, list[tuple[int, int]]] = {}
        """The spans already traced, by block: a figure is traced once."""
        self.outline: dict[int, tuple[str, str, int]] = {}
        part = section = ""
        count = 0
        for index, block in enumerate(self.blocks):
            if isinstance(block, Heading):
                label = block.number + block.text
                if block.level == 1:
                    part, section = label, ""
                elif block.level == 2:
                    section = label
                count = 0
                if block.run_in:  # its body is the section's first paragraph
                    count = 1
                    self.outline[index] = (part, section, count)
            elif isinstance(block, Paragraph):
                count += 1
                self.outline[index] = (part, section, count)

    def find(self, rendered: str, offset: int, text: str) -> tuple[int, int, int] | None:
        """(block, start, end) of the figure ``text`` at ``offset`` of a rendered field."""
        line_start = rendered.rfind("\n", 0, offset) + 1
        before = rendered[max(line_start, offset - _CONTEXT) : offset]
        needle = before + text
        for index, block in enumerate(self.blocks):
            if not isinstance(block, Paragraph | Heading):
                continue
            body = _block_text(block)
            at = body.find(needle)
            while at >= 0:
                start, end = at + len(before), at + len(before) + len(text)
                spans = self.taken.setdefault(index, [])
                if not any(s < end and start < e for s, e in spans):
                    spans.append((start, end))
                    return index, start, end
                at = body.find(needle, at + 1)
        return None

    def describe(self, found: tuple[int, int, int] | None) -> dict[str, Any]:
        if found is None:
            return {"note": "未能在草稿中定位"}
        index, start, end = found
        part, section, number = self.outline.get(index, ("", "", 0))
        return {
            "part": part,
            "section": section,
            "paragraph": number or None,
            "sentence": self.sentence(index, start),
            "block": index,
            "start": start,
            "end": end,
        }

    def sentence(self, index: int, at: int) -> str:
        text = _block_text(self.blocks[index])
        for match in _SENTENCE.finditer(text):
            if match.start() <= at < max(match.end(), match.start() + 1):
                return match.group().strip()
        return text

    def paragraphs(self) -> Iterator[tuple[int, str]]:
        """Body text by block: paragraphs and run-in headings with their bodies."""
        for index, block in enumerate(self.blocks):
            if isinstance(block, Paragraph) or (isinstance(block, Heading) and block.run_in):
                yield index, _block_text(block)


def _typed_figures(places: _Places, indicators: dict[str, Indicator]) -> list[FigureRecord]:
    """Figures with units in the prose that no citation produced."""
    by_name = sorted(indicators.items(), key=lambda item: -len(item[1].name))
    rows = []
    for index, text in places.paragraphs():
        spans = places.taken.get(index, [])
        for match in _TYPED.finditer(text):
            if any(s < match.end() and match.start() < e for s, e in spans):
                continue
            where = places.describe((index, match.start(), match.end()))
            value = float(match["value"])
            lead_in = text[max(0, match.start() - 8 - 20) : match.start()]
            owner = next(
                ((key, ind) for key, ind in by_name if ind.name and ind.name in lead_in[-28:]),
                None,
            )
            if (
                owner is not None
                and owner[1].value is not None
                and owner[1].unit == match["unit"]
                and owner[1].value != value
            ):
                key, ind = owner
                rows.append(
                    _row(
                        "数值不一致",
                        key,
                        ind,
                        text=match.group(),
                        where=where,
                        note=f"正文写的是 {match['value']}{match['unit']}，"
                        f"指标数据是 {ind.value:g}{ind.unit}",
                    )
                )
                continue
            rows.append(
                FigureRecord(
                    kind="直接写出",
                    value=value,
                    unit=match["unit"],
                    approx=match["approx"] or "",
                    text=match.group(),
                    note="正文中直接写出的数字，没有对应的指标",
                    **where,
                )
            )
    return rows
