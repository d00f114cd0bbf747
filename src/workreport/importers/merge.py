"""Sheet rows + ``inputs/<unit>/<year>.yaml`` → the updated YAML text and a list of changes.

Rows are matched to indicators by id (when the sheet has an id column) or by name. A matched
indicator gets the sheet's value, unit, previous value, growth and source where the sheet
gives them; what the sheet leaves empty (and fields it has no column for, such as ``approx``
or ``decimals``) is kept. Unmatched rows become new indicators at the end of ``indicators``
with generated ids. The file is updated in place through ruamel.yaml, so comments, key order,
quoting and layout survive.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from ruamel.yaml.comments import CommentedMap

from ..errors import InputError, Location
from ..load import read_text
from ..model import Indicator
from .ids import IdMaker
from .table import Problem, Row, Sheet
from .yamlio import dump, load_round_trip

UPDATED_FIELDS = ("name", "value", "unit", "approx", "previous", "growth", "source")
FIELD_LABELS = {
    "name": "名称",
    "value": "数值",
    "unit": "单位",
    "approx": "约数",
    "previous": "上年",
    "growth": "增长(%)",
    "source": "来源",
}
_ID = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


@dataclass(frozen=True)
class Change:
    """One field of one indicator that the import sets."""

    row: int
    id: str
    name: str
    field: str
    old: Any
    new: Any
    added: bool


@dataclass
class MergeResult:
    """The updated file text and what the import did."""

    text: str
    changes: list[Change] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)


def normalise_name(name: object) -> str:
    """Names compare without width, spaces or bracket style: 博士(后) = 博士（后）."""
    return "".join(unicodedata.normalize("NFKC", str(name or "")).split())


def merge(sheet: Sheet, path: Path | str) -> MergeResult:
    """Apply the rows of ``sheet`` to the indicators of the YAML file at ``path``."""
    path = Path(path)
    try:
        text = read_text(path)
    except OSError:
        raise InputError(
            "找不到要导入的数据文件。",
            at=Location(str(path)),
            hint="先用 workreport extract 或复制示例建立数据文件，再导入指标。",
        ) from None
    data, yaml = load_round_trip(text, str(path))
    if not isinstance(data, CommentedMap):
        raise InputError("数据文件顶层应是“键: 值”的映射。", at=Location(str(path), 1))
    indicators = data.get("indicators")
    if indicators is None:
        indicators = CommentedMap()
        keys = list(data)
        position = keys.index("year") + 1 if "year" in keys else len(keys)
        data.insert(position, "indicators", indicators)
    if not isinstance(indicators, dict):
        raise InputError("indicators 应是“指标id: 指标”的映射。", at=Location(str(path)))
    result = MergeResult(text, problems=list(sheet.problems))
    by_name: dict[str, list[str]] = {}
    for key, entry in indicators.items():
        if isinstance(entry, dict):
            by_name.setdefault(normalise_name(entry.get("name")), []).append(str(key))
    ids = IdMaker(str(k) for k in indicators)
    seen: dict[str, int] = {}
    for row in sheet.rows:
        target, error = _target(row, indicators, by_name)
        if error:
            result.problems.append(Problem(row.number, error))
            continue
        if target is not None and target in seen:
            result.problems.append(
                Problem(row.number, f"与第 {seen[target]} 行是同一个指标，未导入")
            )
            continue
        if target is None:
            _add(row, indicators, ids, by_name, seen, result)
        else:
            seen[target] = row.number
            _update(row, target, indicators, result)
    result.problems.sort(key=lambda p: p.row)
    result.text = dump(data, yaml)
    return result


def _target(
    row: Row, indicators: dict[str, Any], by_name: dict[str, list[str]]
) -> tuple[str | None, str]:
    """(the id the row updates, or None for a new indicator; why the row cannot be used)."""
    ident = row.values.get("id")
    if ident:
        if not _ID.match(ident):
            return None, f"id“{ident}”只能由英文字母、数字和下划线组成"
        return (ident if ident in indicators else None), ""
    matches = by_name.get(normalise_name(row.values.get("name")), [])
    if len(matches) > 1:
        return None, f"名称“{row.values['name']}”对应多个指标：{'、'.join(matches)}"
    return (matches[0] if matches else None), ""


def _wanted(row: Row) -> dict[str, Any]:
    wanted = {k: v for k, v in row.values.items() if k in UPDATED_FIELDS}
    if row.approx:
        wanted["approx"] = row.approx
    return wanted


def _add(
    row: Row,
    indicators: dict[str, Any],
    ids: IdMaker,
    by_name: dict[str, list[str]],
    seen: dict[str, int],
    result: MergeResult,
) -> None:
    wanted = _wanted(row)
    name = wanted.get("name") or row.values.get("id", "")
    wanted["name"] = name
    order = list(Indicator.model_fields)
    entry = CommentedMap((k, wanted[k]) for k in order if k in wanted)
    error = _invalid(entry)
    if error:
        result.problems.append(Problem(row.number, error))
        return
    ident = row.values.get("id") or ids.make(name, wanted.get("unit", ""))
    ids.taken.add(ident)
    indicators[ident] = entry
    by_name.setdefault(normalise_name(name), []).append(ident)
    seen[ident] = row.number
    result.added.append(ident)
    for key, value in entry.items():
        result.changes.append(Change(row.number, ident, name, key, None, value, added=True))


def _update(row: Row, ident: str, indicators: dict[str, Any], result: MergeResult) -> None:
    entry = indicators[ident]
    if not isinstance(entry, dict):
        entry = indicators[ident] = CommentedMap()
    changes: list[Change] = []
    after = dict(entry)
    for key, value in _wanted(row).items():
        old = entry.get(key)
        if not _same(old, value):
            after[key] = value
            changes.append(
                Change(row.number, ident, str(after.get("name", "")), key, old, value, False)
            )
    if not changes:
        result.unchanged.append(ident)
        return
    error = _invalid(after)
    if error:
        result.problems.append(Problem(row.number, error))
        return
    for change in changes:
        _set(entry, change.field, change.new)
    result.changes += changes
    result.updated.append(ident)


def _set(entry: Any, key: str, value: Any) -> None:
    """Set ``key``; a new key goes where the model puts it (``previous`` after ``unit``)."""
    if key in entry or not isinstance(entry, CommentedMap):
        entry[key] = value
        return
    order = list(Indicator.model_fields)
    rank = order.index(key) if key in order else len(order)
    position = len(entry)
    for index, existing in enumerate(entry):
        if existing in order and order.index(existing) > rank:
            position = index
            break
    entry.insert(position, key, value)


def _same(old: Any, new: Any) -> bool:
    if isinstance(old, int | float) and isinstance(new, int | float):
        return float(old) == float(new)
    return bool(old == new)


def _invalid(entry: dict[str, Any]) -> str:
    """The model's objection to an indicator, in Chinese; "" when it is valid."""
    try:
        Indicator.model_validate(dict(entry))
    except ValidationError as exc:
        first = exc.errors()[0]
        where = FIELD_LABELS.get(str(first["loc"][0]) if first["loc"] else "", "")
        return f"{where or '指标'}不合要求（{first['msg']}）"
    return ""
