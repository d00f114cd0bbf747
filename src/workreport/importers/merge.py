"""Sheet rows + ``inputs/<unit>/<year>.yaml`` → the updated YAML text and a list of changes.

Rows are matched to indicators by id (when the sheet has an id column) or by name. A matched
indicator gets the sheet's value, unit, previous value, growth and source where the sheet
gives them; what the sheet leaves empty (and fields it has no column for, such as ``approx``
or ``decimals``) is kept. Unmatched rows become new indicators at the end of ``indicators``
with generated ids. The file is updated in place through ruamel.yaml, so comments, key order,
quoting and layout survive.

Nothing changes without a word. A unit changes only when the sheet gives a different one:
a unit of the same quantity at another scale (万元 for 亿元) is converted into the file's unit,
with a note; a different quantity (亿元 for 个) means the row is about something else, and it
is refused unless ``allow_unit_change``. A name a character or two off an existing indicator
is not added as a new one: the row is refused with "是否是…", unless the name is in
``new_names``. Every change is listed, old → new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import msgspec
from ruamel.yaml.comments import CommentedMap

from ..errors import InputError, Location
from ..model import Indicator
from ..textfile import decode
from ..validate_walk import describe, problems
from .ids import IdMaker
from .names import Similar, close, normalise_name
from .scales import convert, factor, normalise_unit
from .table import Problem, Row, Sheet
from .yamlio import dump, load_round_trip, safe_scalar

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
    note: str = ""
    """Why the new value is not the table's as written (a unit converted)."""


@dataclass
class MergeResult:
    """The updated file text and what the import did."""

    text: str
    changes: list[Change] = field(default_factory=list)
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    problems: list[Problem] = field(default_factory=list)
    source: bytes = b""
    """The file as it was read, to tell whether someone changed it before the write."""


@dataclass(frozen=True)
class Options:
    """What the user allowed beyond a plain import."""

    allow_unit_change: bool = False
    """Let a row change an indicator's unit to one that cannot be converted (个 → 亿元)."""
    new_names: frozenset[str] = frozenset()
    """Names (normalised) to add as new indicators even though they look like existing ones."""


def merge(sheet: Sheet, path: Path | str, options: Options | None = None) -> MergeResult:
    """Apply the rows of ``sheet`` to the indicators of the YAML file at ``path``."""
    options = options or Options()
    path = Path(path)
    try:
        source = path.read_bytes()
    except OSError:
        raise InputError(
            "找不到要导入的数据文件。",
            at=Location(str(path)),
            hint="先用 workreport extract 或复制示例建立数据文件，再导入指标。",
        ) from None
    text = decode(source)[0]
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
    result = MergeResult(text, problems=list(sheet.problems), source=source)
    by_name: dict[str, list[str]] = {}
    for key, entry in indicators.items():
        if isinstance(entry, dict):
            by_name.setdefault(normalise_name(entry.get("name")), []).append(str(key))
    ids = IdMaker(str(k) for k in indicators)
    # Only names the file had before: rows of one table are not asked about each other.
    similar = Similar(
        {str(k): str(e.get("name") or "") for k, e in indicators.items() if isinstance(e, dict)}
    )
    seen: dict[str, int] = {}
    for row in sheet.rows:
        target, error = _target(row, indicators, by_name, similar, options)
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
            _update(row, target, indicators, result, options)
    result.problems.sort(key=lambda p: p.row)
    result.text = dump(data, yaml)
    return result


def ensure_unchanged(result: MergeResult, path: Path | str) -> None:
    """Refuse to write when the file is no longer what :func:`merge` read.

    Someone may have saved the file in an editor while the import ran; writing the merged
    text would silently throw their edit away.
    """
    path = Path(path)
    try:
        now = path.read_bytes()
    except OSError:
        now = b""
    if now != result.source:
        raise InputError(
            "数据文件在导入期间被修改过（可能有人刚在编辑器里保存了它），为免覆盖这些修改，未写入。",
            at=Location(str(path)),
            hint="确认文件已保存后，重新运行同一条 import-indicators 命令，在修改后的文件上导入。",
        )


def _target(
    row: Row,
    indicators: dict[str, Any],
    by_name: dict[str, list[str]],
    similar: Similar,
    options: Options,
) -> tuple[str | None, str]:
    """(the id the row updates, or None for a new indicator; why the row cannot be used)."""
    ident = row.values.get("id")
    name = str(row.values.get("name") or "")
    if ident:
        if not _ID.match(ident):
            return None, f"id“{ident}”只能由英文字母、数字和下划线组成"
        if ident not in indicators:
            return None, ""
        entry = indicators[ident]
        old = str(entry.get("name") or "") if isinstance(entry, dict) else ""
        if name and old and normalise_name(name) != normalise_name(old) and not close(name, old):
            return None, (
                f"id“{ident}”在数据文件中是“{old}”，表格中却是“{name}”，不像同一个指标；"
                "请核对表格的 id 列"
            )
        return ident, ""
    matches = by_name.get(normalise_name(name), [])
    if len(matches) > 1:
        return None, f"名称“{name}”对应多个指标：{'、'.join(matches)}"
    if matches:
        return matches[0], ""
    if normalise_name(name) in options.new_names:
        return None, ""
    found = similar.find(name)
    if found:
        key, old = found
        return None, (
            f"数据文件中没有“{name}”，是否是“{old}”（{key}）？"
            f"是同一个指标：把表格中的名称改成“{old}”再导入；"
            f"确是新指标：加上 --new {name} 再导入"
        )
    return None, ""


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
    order = list(Indicator.__struct_fields__)
    entry = CommentedMap((k, safe_scalar(wanted[k])) for k in order if k in wanted)
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
    for key in order:
        if key in wanted:
            result.changes.append(Change(row.number, ident, name, key, None, wanted[key], True))


def _update(
    row: Row, ident: str, indicators: dict[str, Any], result: MergeResult, options: Options
) -> None:
    entry = indicators[ident]
    if not isinstance(entry, dict):
        entry = indicators[ident] = CommentedMap()
    wanted = _wanted(row)
    notes, error = _reconcile_unit(wanted, entry, options)
    if error:
        result.problems.append(Problem(row.number, error))
        return
    changes: list[Change] = []
    after = dict(entry)
    for key, value in wanted.items():
        old = entry.get(key)
        if not _same(old, value):
            after[key] = value
            name = str(after.get("name", ""))
            note = notes.get(key, "")
            changes.append(Change(row.number, ident, name, key, old, value, False, note))
    if not changes:
        result.unchanged.append(ident)
        return
    error = _invalid(after)
    if error:
        result.problems.append(Problem(row.number, error))
        return
    for change in changes:
        _set(entry, change.field, safe_scalar(change.new))
    result.changes += changes
    result.updated.append(ident)


def _reconcile_unit(
    wanted: dict[str, Any], entry: dict[str, Any], options: Options
) -> tuple[dict[str, str], str]:
    """Bring the row's figures into the indicator's unit: (field → note for the change list,
    why the row is refused).

    Only a unit the table states and that differs from the file's is looked at; figures of
    the same quantity at another scale are converted and the file keeps its unit.
    """
    new_unit = normalise_unit(wanted.get("unit"))
    old_unit = str(entry.get("unit") or "")
    if not new_unit or not old_unit or new_unit == normalise_unit(old_unit):
        if new_unit and new_unit == normalise_unit(old_unit):
            wanted.pop("unit")  # ％ for %: the same unit, left as the file writes it
        return {}, ""
    scale = factor(new_unit, old_unit)
    if scale is not None:
        wanted.pop("unit")
        notes: dict[str, str] = {}
        for key in ("value", "previous"):
            if key in wanted:
                notes[key] = f"表格为{wanted[key]}{new_unit}，已换算为{old_unit}"
                wanted[key] = convert(wanted[key], scale)
        return notes, ""
    if options.allow_unit_change:
        return {"unit": "按 --allow-unit-change 改变单位"}, ""
    return {}, (
        f"表格的单位“{new_unit}”与数据文件中“{entry.get('name') or ''}”的单位“{old_unit}”"
        "不是同一种量，不能换算；可能这一行对应错了指标，请核对名称"
        "（确实要改单位时加 --allow-unit-change）"
    )


def _set(entry: Any, key: str, value: Any) -> None:
    """Set ``key``; a new key goes where the model puts it (``previous`` after ``unit``)."""
    if key in entry or not isinstance(entry, CommentedMap):
        entry[key] = value
        return
    order = list(Indicator.__struct_fields__)
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
    data = {k: _plain(v) for k, v in entry.items()}
    try:
        msgspec.convert(data, Indicator, strict=False)
    except msgspec.ValidationError as exc:
        first = problems(data, exc, msgspec.inspect.type_info(Indicator))[0]
        where = FIELD_LABELS.get(str(first.loc[0]) if first.loc else "", "")
        return f"{where or '指标'}不合要求（{describe(first)}）"
    return ""


def _plain(value: Any) -> Any:
    """A round-trip scalar (ruamel's ``ScalarFloat`` …) as the plain value msgspec checks."""
    for kind in (bool, int, float, str):
        if isinstance(value, kind):
            return kind(value)
    return value
