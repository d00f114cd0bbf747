"""Every problem of input data that msgspec refused, not just the first.

:func:`msgspec.convert` stops at the first problem; an author should see them all at once. When
it refuses a file, :func:`problems` walks the (normalized, :mod:`workreport.model_forms`) data
along the model's types and checks each value on its own, so that every unknown key, missing
field, value of the wrong type, number out of range and broken model rule is collected, in the
order of the model's fields. Scalars are checked with :func:`msgspec.convert` itself, so the walk
accepts exactly what the model does.

A problem's ``kind`` is a short name (``missing``, ``extra_forbidden``, ``float_parsing`` …) that
:mod:`workreport.validate` turns into a Chinese message; :func:`describe` words it briefly for a
style profile or an imported indicator row, which the same walk checks against their own
classes. The walk runs on refused data only.
"""

from __future__ import annotations

import datetime
import math
import re
from typing import Any, NamedTuple

import msgspec
from msgspec import inspect as mi

from .model_forms import Type, declared_order, fields_of, form_of, prepare, report_type
from .model_text import RuleBroken

Loc = tuple[Any, ...]


class Problem(NamedTuple):
    """One thing wrong with the data: what (``kind``), where, the value found, and details."""

    kind: str
    loc: Loc
    value: Any
    ctx: dict[str, Any]


def problems(
    data: Any, refused: msgspec.ValidationError | None = None, root: Type | None = None
) -> list[Problem]:
    """Every problem of ``data`` against the whole model (or ``root``), in field order.

    ``refused`` is msgspec's own error: when the walk finds nothing, it is still reported,
    located where msgspec says.
    """
    found: list[Problem] = []
    root = root or report_type()
    if isinstance(root, mi.StructType):
        prepare(root.cls)  # so that its choices are named in their order
    _check(data, root, (), found)
    if not found and refused is not None:
        loc = loc_of(str(refused))
        found.append(Problem("invalid", loc, _value_at(data, loc), {}))
    return found


def _value_at(data: Any, loc: Loc) -> Any:
    for step in loc:
        try:
            data = data[step]
        except (KeyError, IndexError, TypeError):
            return None
    return data


_PROBLEMS = {
    "extra_forbidden": "没有这一项，检查键名",
    "missing": "缺少这一项",
    "literal_error": "“{value}”不是可选的值，可选：{expected}",
    "greater_than": "数值 {value} 应大于 {gt}",
    "greater_than_equal": "数值 {value} 不能小于 {ge}",
    "less_than": "数值 {value} 应小于 {lt}",
    "less_than_equal": "数值 {value} 不能大于 {le}",
    "float_parsing": "应当是数字，却是“{value}”",
    "float_type": "应当是数字，却是“{value}”",
    "int_parsing": "应当是整数，却是“{value}”",
    "int_type": "应当是整数，却是“{value}”",
    "int_from_float": "应当是整数，却是“{value}”",
    "bool_parsing": "应当是 true 或 false，却是“{value}”",
    "bool_type": "应当是 true 或 false，却是“{value}”",
    "string_type": "应当是文字，却是“{value}”",
    "model_type": "应当是一组“键: 值”",
}


def describe(problem: Problem) -> str:
    """A short Chinese account of ``problem``, for settings and rows outside an input file
    (:mod:`workreport.validate` words the problems of input files more fully)."""
    text = _PROBLEMS.get(problem.kind, "取值“{value}”不合要求")
    return text.format(value=problem.value, **problem.ctx)


def _check(value: Any, node: Type, loc: Loc, found: list[Problem]) -> bool:
    """Check ``value`` against ``node``; append what is wrong; True when nothing is."""
    form = form_of(node)
    while isinstance(node, mi.Metadata):
        node = node.type
    if form == "text_block" and not isinstance(value, str):
        return _add(found, "text_or_list", loc, value)
    if form == "title_lines" and not _title_lines(value):
        return _add(found, "title_lines", loc, value)
    if isinstance(node, mi.UnionType):
        return _check_union(value, node, loc, found)
    if isinstance(node, mi.StructType):
        return _check_struct(value, node, loc, found)
    if isinstance(node, mi.ListType):
        return _check_list(value, node, loc, found)
    if isinstance(node, mi.DictType):
        return _check_dict(value, node, loc, found)
    return _check_scalar(value, node, loc, found)


def _add(found: list[Problem], kind: str, loc: Loc, value: Any, **ctx: Any) -> bool:
    found.append(Problem(kind, loc, value, ctx))
    return False


def _title_lines(value: Any) -> bool:
    if isinstance(value, str):
        return True
    return (
        isinstance(value, list)
        and 1 <= len(value) <= 2
        and all(isinstance(item, str) for item in value)
    )


def _check_union(value: Any, node: mi.UnionType, loc: Loc, found: list[Problem]) -> bool:
    members = [m for m in node.types if not isinstance(m, mi.NoneType)]
    if value is None and len(members) < len(node.types):
        return True
    first: list[Problem] = []
    for member in members:
        attempt: list[Problem] = []
        if _check(value, member, loc, attempt):
            return True
        first = first or attempt
    found.extend(first)
    return False


def _check_struct(value: Any, node: mi.StructType, loc: Loc, found: list[Problem]) -> bool:
    if not isinstance(value, dict):
        return _add(found, "model_type", loc, value)
    fields = fields_of(node)
    ok = True
    for key, item in value.items():
        if key not in fields:
            ok = _add(found, "extra_forbidden", (*loc, key), item)
    rules = getattr(node.cls, "__rules__", {})
    checked: dict[str, Any] = {}  # the fields checked so far, as a rule sees its neighbours
    for name, field in fields.items():
        if name not in value:
            if field.required:
                ok = _add(found, "missing", (*loc, name), value)
            else:
                checked[name] = _default(field)
            continue
        if not _check(value[name], field.type, (*loc, name), found):
            ok = False
            continue
        if name in rules:
            try:
                rules[name](value[name], checked)
            except RuleBroken as broken:
                ok = _add(found, broken.kind, (*loc, name), value[name], **broken.ctx)
                continue
        checked[name] = value[name]
    return ok


def _default(field: mi.Field) -> Any:
    if field.default_factory is not msgspec.NODEFAULT:
        return field.default_factory()
    return field.default


def _check_list(value: Any, node: mi.ListType, loc: Loc, found: list[Problem]) -> bool:
    if not isinstance(value, list):
        return _add(found, "list_type", loc, value)
    ok = all([_check(item, node.item_type, (*loc, i), found) for i, item in enumerate(value)])
    if node.min_length is not None and len(value) < node.min_length:
        ok = _add(found, "too_short", loc, value, min_length=node.min_length)
    if node.max_length is not None and len(value) > node.max_length:
        ok = _add(found, "too_long", loc, value, max_length=node.max_length)
    return ok


def _check_dict(value: Any, node: mi.DictType, loc: Loc, found: list[Problem]) -> bool:
    if not isinstance(value, dict):
        return _add(found, "dict_type", loc, value)
    results = [
        _check(key, node.key_type, (*loc, key, "[key]"), found)
        & _check(item, node.value_type, (*loc, key), found)
        for key, item in value.items()
    ]
    return all(results)


_SCALARS: dict[type, tuple[type, str, str]] = {
    mi.StrType: (str, "string_type", "string_type"),
    mi.IntType: (int, "int_parsing", "int_type"),
    mi.FloatType: (float, "float_parsing", "float_type"),
    mi.BoolType: (bool, "bool_parsing", "bool_type"),
    mi.DateType: (datetime.date, "date_parsing", "date_type"),
}
"""Type of a scalar node → the Python type, the problem for text that does not parse, and the
problem for a value of another kind."""


def _check_scalar(value: Any, node: Type, loc: Loc, found: list[Problem]) -> bool:
    if isinstance(node, mi.AnyType):
        return True
    if isinstance(node, mi.NoneType):
        return value is None or _add(found, "none_required", loc, value)
    if isinstance(node, mi.LiteralType):
        if value in node.values:
            return True
        expected = "、".join(map(str, declared_order(node.values)))
        return _add(found, "literal_error", loc, value, expected=expected)
    python_type, unparsed, wrong = _SCALARS.get(type(node), (object, "", "invalid"))
    try:
        converted: Any = msgspec.convert(value, python_type, strict=False)
    except msgspec.ValidationError:
        return _add(found, _refusal(value, python_type, unparsed, wrong), loc, value)
    if isinstance(node, mi.StrType) and node.pattern and not re.search(node.pattern, converted):
        return _add(found, "string_pattern_mismatch", loc, value, pattern=node.pattern)
    if isinstance(node, mi.IntType | mi.FloatType):
        return _check_range(value, converted, node, loc, found)
    return True


def _refusal(value: Any, python_type: type, unparsed: str, wrong: str) -> str:
    """The kind of problem for a scalar msgspec refused."""
    if isinstance(value, float) and python_type is int:
        return "int_from_float"
    if python_type is bool and isinstance(value, int | float) and not isinstance(value, bool):
        return unparsed  # 2 or -3 for a yes/no: say what a yes/no looks like
    if python_type is float and isinstance(value, str) and _overflows(value):
        return "finite_number"  # 1e400: a number, but beyond what a float holds
    return unparsed if isinstance(value, str) else wrong


def _overflows(text: str) -> bool:
    """Text msgspec refused that Python reads as infinity (``inf`` itself msgspec accepts)."""
    try:
        return math.isinf(float(text))
    except ValueError:
        return False


def _check_range(
    value: Any, number: float, node: mi.IntType | mi.FloatType, loc: Loc, found: list[Problem]
) -> bool:
    if node.ge is not None and not number >= node.ge:
        return _add(found, "greater_than_equal", loc, value, ge=node.ge)
    if node.gt is not None and not number > node.gt:
        return _add(found, "greater_than", loc, value, gt=node.gt)
    if node.le is not None and not number <= node.le:
        return _add(found, "less_than_equal", loc, value, le=node.le)
    if node.lt is not None and not number < node.lt:
        return _add(found, "less_than", loc, value, lt=node.lt)
    return True


_STEP = re.compile(r"\.([^.\[]+)|\[(\d+)\]")


def loc_of(message: str) -> Loc:
    """``… - at `$.review.sections[0]``` → ``("review", "sections", 0)``."""
    _, _, where = message.rpartition(" - at `$")
    return tuple(
        int(match[2]) if match[2] else match[1] for match in _STEP.finditer(where.rstrip("`"))
    )
