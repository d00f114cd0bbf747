"""A unit's input files of several years → one indicator's values year by year.

An indicator id that appears in ``inputs/<unit>/<year>.yaml`` for several years forms a series:
each file gives its year's ``value`` and, through ``previous``, the year before. The series runs
from the first known year to the report's year; a year with no figure is a gap (``None``), never
a zero. Files are read only when a template asks for a series, and each once.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import TemplateError

if TYPE_CHECKING:
    from .model import Indicator, Report

_YEAR_FILE = re.compile(r"^(\d{4})\.ya?ml$")
OLDEST_YEAR = 1949


@dataclass(frozen=True)
class Series:
    """One indicator's figures by year, first to last, gaps as ``None``."""

    id: str
    name: str
    unit: str
    points: tuple[tuple[int, float | None], ...]
    source: str = ""

    @property
    def years(self) -> list[int]:
        return [year for year, _ in self.points]

    @property
    def values(self) -> list[float | None]:
        return [value for _, value in self.points]

    @property
    def known(self) -> list[tuple[int, float]]:
        """The years that have a figure, with it."""
        return [(year, value) for year, value in self.points if value is not None]

    @property
    def growth(self) -> list[float | None]:
        """Year-on-year growth in percent; ``None`` where either year is missing."""
        rates: list[float | None] = [None]
        for (_, before), (_, after) in zip(self.points, self.points[1:], strict=False):
            ok = before is not None and after is not None and before != 0
            rates.append(round((after / before - 1) * 100, 1) if ok else None)  # type: ignore[operator]
        return rates

    def __len__(self) -> int:
        return len(self.known)


class YearFiles:
    """The input files of other years beside one input, read on first use.

    ``read`` turns a path into a validated report (the pipeline's own reader, passed in so that
    this module needs no later stage).
    """

    def __init__(self, path: Path, report: Report, read: Callable[[Path], Report]) -> None:
        self.path = path
        self.report = report
        self._read = read

    @cached_property
    def reports(self) -> dict[int, Report]:
        """This year's report and every earlier year's file that can be read, by year."""
        found: dict[int, Report] = {self.report.year: self.report}
        try:
            names = [p.name for p in self.path.parent.iterdir()]
        except OSError:
            return found
        for name in names:
            match = _YEAR_FILE.match(name)
            if match is None:
                continue
            year = int(match.group(1))
            if OLDEST_YEAR <= year < self.report.year:
                try:
                    found[year] = self._read(self.path.parent / name)
                except Exception:  # another year's broken file: that year is a gap
                    continue
        return found

    def series(self, indicator_id: str) -> Series:
        """The series of ``indicator_id``; raises :class:`TemplateError` on mixed units."""
        values: dict[int, float] = {}
        units: dict[int, str] = {}
        indicator: Indicator | None = None
        for year in sorted(self.reports):
            data = self.reports[year].indicators.get(indicator_id)
            if data is None:
                continue
            indicator = data
            if data.previous is not None and year - 1 not in values:
                values[year - 1] = data.previous
                units[year - 1] = data.unit
            if data.value is not None:
                values[year] = data.value
                units[year] = data.unit
        if indicator is None:
            raise TemplateError(f"没有指标“{indicator_id}”，画不出它的历年数据。")
        distinct = sorted(set(units.values()))
        if len(distinct) > 1:
            shown = "、".join(f"{y}年为“{u or '无单位'}”" for y, u in sorted(units.items()))
            raise TemplateError(
                f"指标“{indicator.name}”各年的单位不同（{shown}），不能画在同一张图里。",
                hint="把各年数据文件中这个指标的单位和数值统一（如都换算成亿元）。",
            )
        if not values:
            points: tuple[tuple[int, float | None], ...] = ()
        else:
            first, last = min(values), self.report.year
            points = tuple((year, values.get(year)) for year in range(first, last + 1))
        current = self.report.indicators.get(indicator_id, indicator)
        return Series(indicator_id, current.name, current.unit, points, current.source or "")
