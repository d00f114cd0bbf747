"""Indicator views → chart markup: a fenced ``chart`` block the markup parser turns into a chart.

Templates call ``chart(ind.x)`` (or a section's ``charts:`` in the input asks for one); the
block carries the categories (years) and series as JSON, so the markup stays plain text and the
parser, not the template, builds the tree node. Problems a user can fix (no figures at all,
units that differ between the indicators of one chart) are :class:`TemplateError` messages.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

import jinja2

from .errors import TemplateError
from .numbers import year_span

if TYPE_CHECKING:
    from jinja2.runtime import Context

    from .derive import IndicatorView
    from .series import Series

KINDS = ("bar", "line")
FENCE = "chart"


@jinja2.pass_context
def chart(
    context: Context,
    *indicators: IndicatorView | str | Iterable[IndicatorView | str],
    kind: str = "bar",
    title: str | None = None,
    growth: bool = False,
    source: str | None = None,
) -> str:
    """Markup for a chart of the indicators' series (years along the bottom).

    ``kind`` is ``bar`` or ``line``; ``growth`` adds the first indicator's year-on-year growth
    as a line on a second axis (a bar chart with a growth-rate line). Missing years are gaps.
    An indicator may be given by its id (``chart("gdp")``).
    """
    ind = context["ind"]
    views = [ind[item] if isinstance(item, str) else item for item in _flatten(indicators)]
    if not views:
        raise TemplateError("chart() 需要至少一个指标，如 chart(ind.gdp)。")
    if kind not in KINDS:
        raise TemplateError(f"图表类型“{kind}”不认识：可用 bar（柱状图）或 line（折线图）。")
    all_series = [view.series for view in views]
    units = sorted({s.unit for s in all_series})
    if len(units) > 1:
        shown = "、".join(f"{s.name}（{s.unit or '无单位'}）" for s in all_series)
        raise TemplateError(
            f"同一张图里的指标单位不同：{shown}。",
            hint="单位不同的指标分成几张图，或先把数值换算成同一单位。",
        )
    years = sorted({year for s in all_series for year in s.years})
    if not any(len(s) for s in all_series):
        names = "、".join(s.name for s in all_series)
        raise TemplateError(
            f"“{names}”没有任何一年的数值，画不出图。",
            hint="在数据文件中填上 value（今年）或 previous（上年），"
            "或在 inputs/<单位>/ 中放上往年的数据文件。",
        )
    spec: dict[str, Any] = {
        "kind": kind,
        "title": title or _title(all_series, years),
        "unit": units[0],
        "categories": [f"{year}年" for year in years],
        "series": [_series(s, years, kind) for s in all_series],
        "source": source if source is not None else _sources(all_series),
        "note": _note(all_series, years),
    }
    if growth:
        first = all_series[0]
        rates = dict(zip(first.years, first.growth, strict=True))
        spec["series"].append(
            {
                "name": f"{first.name}增速",
                "unit": "%",
                "type": "line",
                "secondary": True,
                "values": [rates.get(year) for year in years],
            }
        )
    body = json.dumps(spec, ensure_ascii=False)
    return f"\n```{FENCE}\n{body}\n```\n"


def _flatten(items: tuple[Any, ...]) -> list[Any]:
    views: list[Any] = []
    for item in items:
        if isinstance(item, list | tuple):
            views += item
        else:
            views.append(item)
    return views


def _series(series: Series, years: list[int], kind: str) -> dict[str, Any]:
    by_year = dict(series.points)
    return {
        "name": series.name,
        "unit": series.unit,
        "type": kind,
        "secondary": False,
        "values": [by_year.get(year) for year in years],
    }


def _title(all_series: list[Series], years: list[int]) -> str:
    names = "、".join(s.name for s in all_series)
    span = year_span(years[0], years[-1]) if len(years) > 1 else f"{years[0]}年"
    return f"{names}（{span}）"


def _sources(all_series: list[Series]) -> str:
    sources = list(dict.fromkeys(s.source for s in all_series if s.source))
    return "；".join(sources)


def _note(all_series: list[Series], years: list[int]) -> str:
    """What the reader should know is missing: a single year, or years with no figure."""
    notes = []
    for s in all_series:
        known = [year for year, _ in s.known]
        if len(known) == 1:
            notes.append(f"{s.name}只有{known[0]}年的数据")
        else:
            gaps = [year for year in years if year not in known and known and year > known[0]]
            if gaps:
                notes.append(f"{s.name}缺{'、'.join(f'{y}年' for y in gaps)}的数据")
    return "；".join(notes)
