"""A report's chosen headline figures → 数读 items: the figure, its caption, growth and series.

The figures are the ones the report states (``highlights:`` in the input names them), written
the same way (``超400亿元``), so the news item, the picture and the report never disagree.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from . import numbers

if TYPE_CHECKING:
    from .derive import IndicatorView
    from .model import Report
    from .series import Series


@dataclass(frozen=True)
class HeadlineFigure:
    """One 数读 item."""

    indicator_id: str
    figure: str
    """The figure as the report writes it, ``超400亿元``; a placeholder when it is missing."""
    caption: str
    growth: float | None
    growth_text: str
    """``同比增长7.1%``, or "" when the growth is unknown."""
    series: Series
    source: str

    @property
    def missing(self) -> bool:
        return self.figure.startswith(numbers.PLACEHOLDER_OPEN)


@dataclass(frozen=True)
class Highlights:
    """The 数读 of one report: a heading (数读<简称>) and its items, in the input's order."""

    heading: str
    title: str
    """The report's title, for the picture."""
    year: int
    figures: tuple[HeadlineFigure, ...]

    def text(self) -> str:
        """The items as text ready to paste into a news item, one figure a line."""
        lines = [self.heading]
        for item in self.figures:
            growth = f"，{item.growth_text}" if item.growth_text else ""
            lines.append(f"{item.figure}　{item.caption}{growth}")
        return "\n".join(lines) + "\n"


def headline_figures(report: Report, ind: dict[str, IndicatorView], title: str) -> Highlights:
    """The report's ``highlights`` as :class:`Highlights`, figures written as in the report."""
    items = []
    for chosen in report.highlights:
        view = ind[chosen.indicator]
        rate = view.growth_rate
        items.append(
            HeadlineFigure(
                indicator_id=view.id,
                figure=view.amount,
                caption=chosen.caption or view.name,
                growth=rate,
                growth_text="" if numbers.is_missing(rate) else view.yoy,
                series=view.series,
                source=view.data.source or "",
            )
        )
    short = report.unit.short_name or report.unit.name
    return Highlights(f"数读{short}", title, report.year, tuple(items))
