"""Typed :class:`Report` (+ last year's) → template context with derived figures.

Indicators become :class:`IndicatorView` objects whose string forms are report Chinese
(``104.86亿元``, ``增长35.7%``, ``提高2.3个百分点``), computed by :mod:`workreport.numbers`.
A figure whose inputs are missing renders as a placeholder 【待补充：名称】, never as "None".
"""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from typing import Any

from . import numbers
from .errors import TemplateError
from .model import Indicator, Report, Target
from .series import Series, YearFiles


@dataclass(frozen=True)
class IndicatorView:
    """One indicator as templates see it; ``{{ ind.x }}`` is its amount with unit."""

    id: str
    data: Indicator
    last_year: Indicator | None = None
    _years: YearFiles | None = None

    def __str__(self) -> str:
        return self.amount

    @property
    def series(self) -> Series:
        """The figures of this indicator year by year, from the unit's files of every year."""
        if self._years is not None:
            return self._years.series(self.id)
        return Series(self.id, self.data.name, self.data.unit, (), self.data.source or "")

    @property
    def name(self) -> str:
        return self.data.name

    @property
    def unit(self) -> str:
        return self.data.unit

    @property
    def missing(self) -> bool:
        return numbers.is_missing(self.data.value)

    @property
    def number(self) -> float | None:
        """The bare value for template logic (``{% if ind.x.number > 100 %}``)."""
        return self.data.value

    @property
    def amount(self) -> str:
        """``超400亿元``: value with approximation word and unit."""
        d = self.data
        return numbers.amount(d.value, d.unit, approx=d.approx, decimals=d.decimals, name=d.name)

    @property
    def value(self) -> str:
        """The value alone, without unit (``104.86``)."""
        d = self.data
        if numbers.is_missing(d.value):
            return numbers.placeholder(d.name)
        return numbers.format_number(d.value, d.decimals)  # type: ignore[arg-type]

    @property
    def named(self) -> str:
        """``规模以上工业增加值104.86亿元``."""
        return f"{self.name}{self.amount}"

    @property
    def previous_value(self) -> float | None:
        """Last year's value: from ``previous`` or from last year's file."""
        if self.data.previous is not None:
            return self.data.previous
        return self.last_year.value if self.last_year is not None else None

    @property
    def previous(self) -> str:
        d = self.data
        return numbers.amount(
            self.previous_value, d.unit, decimals=d.decimals, name=f"上年{d.name}"
        )

    @property
    def growth_rate(self) -> float | None:
        """Year-on-year growth in percent: stated, or derived from the previous value."""
        if self.data.growth is not None:
            return self.data.growth
        return numbers.growth_rate(self.data.value, self.previous_value)

    @property
    def growth(self) -> str:
        """``增长35.7%`` / ``下降3.2%`` / ``与上年持平``."""
        return numbers.growth(self.growth_rate, name=self.name)

    @property
    def yoy(self) -> str:
        """``同比增长35.7%``."""
        return numbers.growth(self.growth_rate, prefix="同比", name=self.name)

    @property
    def change(self) -> str:
        """For rates (unit %): the change in percentage points, ``提高2.3个百分点``."""
        return numbers.points_change(self.data.value, self.previous_value, name=self.name)

    def share_of(self, total: IndicatorView, decimals: int = 1) -> str:
        """This value as a percentage of ``total``'s (same unit): ``57%``."""
        rate = numbers.share(self.data.value, total.data.value)
        if rate is None:
            return numbers.placeholder(f"{self.name}占{total.name}比重")
        return numbers.format_number(round(rate, decimals)) + "%"


class IndicatorSet(Mapping[str, IndicatorView]):
    """``ind``: indicators by id; an unknown id is an error naming the closest ids."""

    def __init__(self, views: dict[str, IndicatorView]) -> None:
        self._views = views

    def __getitem__(self, key: str) -> IndicatorView:
        try:
            return self._views[key]
        except KeyError:
            raise unknown_indicator(key, list(self._views)) from None

    def __getattr__(self, key: str) -> IndicatorView:
        if key.startswith("_"):
            raise AttributeError(key)
        return self[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._views)

    def __len__(self) -> int:
        return len(self._views)


def unknown_indicator(key: str, known: list[str]) -> TemplateError:
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
    hint = (
        f"是否想写 {'、'.join(close)}？" if close else "先在 indicators 下定义这个指标，再引用它。"
    )
    return TemplateError(f"引用了不存在的指标“{key}”。", hint=hint)


@dataclass(frozen=True)
class TargetView:
    """A target as a phrase (``力争地区生产总值增长6%以上``) and, against its indicator's
    actual figure, as a result (``地区生产总值增长6.5%，超额完成年度目标``)."""

    data: Target
    name: str
    indicator: IndicatorView | None = None

    def __str__(self) -> str:
        return self.phrase

    @property
    def unit(self) -> str:
        """The target's unit, else its indicator's: ``投资36亿元以上`` even when only the
        indicator says 亿元."""
        return self.data.unit or (self.indicator.unit if self.indicator else "")

    @property
    def phrase(self) -> str:
        d = self.data
        goal = numbers.target(
            growth=d.growth,
            value=d.value,
            unit=self.unit,
            bound=d.bound,
            verb=d.verb,
            name=self.name,
        )
        verb = d.verb
        if verb in ("力争", "确保", "争取") and goal.startswith(verb):
            return f"{verb}{self.name}{goal[len(verb) :]}"  # 力争 + 地区生产总值 + 增长6%以上
        return f"{self.name}{goal}"  # 居民消费价格涨幅 + 控制在3%以内

    @property
    def result(self) -> str:
        """The actual figure and whether the target was met, with the gap when it was not."""
        d, ind = self.data, self.indicator
        if d.growth is not None:
            actual = ind.growth_rate if ind else None
            stated = ind.growth if ind else numbers.placeholder(f"{self.name}增速")
            verdict = numbers.attainment(
                actual, d.growth, bound=d.bound or "以上", unit="%", name=self.name
            )
        else:
            actual = ind.number if ind else None
            stated = ind.amount if ind else numbers.placeholder(self.name)
            unit = self.unit
            verdict = numbers.attainment(
                actual, d.value, bound=d.bound or "以上", unit=unit, name=self.name
            )
        if numbers.is_missing(actual):
            return f"{self.name}{stated}"
        return f"{self.name}{stated}，{verdict}"


def derive(
    report: Report, last_year: Report | None = None, years: YearFiles | None = None
) -> dict[str, Any]:
    """The template context: ``report``, ``unit``, ``year``, ``next_year``, ``ind``, ``targets``
    (the plan's) and ``review_targets`` (last year's targets, to report against).

    ``years`` gives the unit's files of other years, for ``ind.<id>.series``.
    """
    previous = last_year.indicators if last_year else {}
    views = {
        key: IndicatorView(key, indicator, previous.get(key), years)
        for key, indicator in report.indicators.items()
    }
    ind = IndicatorSet(views)
    plan_targets = report.plan.targets if report.plan else []
    review_targets = report.review.targets if report.review else []
    return {
        "report": report,
        "unit": report.unit,
        "year": report.year,
        "next_year": report.next_year,
        "ind": ind,
        "targets": [_target_view(t, ind) for t in plan_targets],
        "review_targets": [_target_view(t, ind) for t in review_targets],
    }


def _target_view(target: Target, ind: IndicatorSet) -> TargetView:
    if target.indicator:
        view = ind[target.indicator]
        return TargetView(target, target.name or view.name, view)
    return TargetView(target, target.name or "")
