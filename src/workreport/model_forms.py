"""The input model's types as data, and raw data brought to those types before msgspec checks it.

msgspec checks types and nothing else; what pydantic did in validators happens here, in one walk
over the data guided by the model's types (:func:`msgspec.inspect.type_info`):

- every string loses its surrounding whitespace (``|`` block scalars end in a newline);
- a text block (:data:`~workreport.model_text.TextBlock`) written as a list of paragraphs becomes
  one text, paragraphs separated by a blank line;
- a paragraph or item written as plain text becomes ``{"text": …}``;
- a table cell written as a number becomes its text (``100``, ``6.5``).

The types mark these forms with ``Meta(extra={"form": …})``. Data that fits no form is left as
it is, for msgspec (and :mod:`workreport.validate_walk`) to refuse.
"""

from __future__ import annotations

import functools
from typing import Any

from msgspec import inspect as mi

from .model import Report

Type = mi.Type


@functools.cache
def report_type() -> mi.StructType:
    """The model of a whole input file, as msgspec describes it."""
    info = mi.type_info(Report)
    assert isinstance(info, mi.StructType)
    return info


_FIELDS: dict[type, dict[str, mi.Field]] = {}


def fields_of(struct: mi.StructType) -> dict[str, mi.Field]:
    """The fields of a model class by name, in their order."""
    found = _FIELDS.get(struct.cls)
    if found is None:
        found = _FIELDS[struct.cls] = {field.name: field for field in struct.fields}
    return found


def title_of(field: mi.Field) -> str | None:
    """A field's Chinese title (as the JSON Schema has it)."""
    node = field.type
    while isinstance(node, mi.Metadata):
        title = (node.extra_json_schema or {}).get("title")
        if title:
            return str(title)
        node = node.type
    return None


def form_of(node: Type) -> str | None:
    """The friendlier form a type accepts (``text_block``, ``paragraph`` …), if any."""
    while isinstance(node, mi.Metadata):
        form = (node.extra or {}).get("form")
        if form:
            return str(form)
        node = node.type
    return None


def bare(node: Type) -> Type:
    """The type without its metadata (titles, forms)."""
    while isinstance(node, mi.Metadata):
        node = node.type
    return node


def struct_in(node: Type) -> mi.StructType | None:
    """The model class a field holds, directly or in a list, dict or optional."""
    node = bare(node)
    if isinstance(node, mi.StructType):
        return node
    if isinstance(node, mi.ListType):
        return struct_in(node.item_type)
    if isinstance(node, mi.DictType):
        return struct_in(node.value_type)
    if isinstance(node, mi.UnionType):
        for member in node.types:
            found = struct_in(member)
            if found is not None:
                return found
    return None


def normalize(data: Any) -> Any:
    """``data`` (as loaded from YAML) in the declared types' forms, for :func:`msgspec.convert`."""
    return _normalize(data, report_type())


def _normalize(value: Any, node: Type) -> Any:
    while isinstance(node, mi.Metadata):
        form = (node.extra or {}).get("form")
        if form is not None:
            value = _FORMS[form](value)
        node = node.type
    if isinstance(value, str):
        return value.strip()
    if isinstance(node, mi.UnionType):
        member = _member_for(value, node)
        return value if member is None else _normalize(value, member)
    if isinstance(value, dict):
        if isinstance(node, mi.StructType):
            fields = fields_of(node)
            return {
                key: _normalize(item, fields[key].type) if key in fields else item
                for key, item in value.items()
            }
        if isinstance(node, mi.DictType):
            return {
                _normalize(key, node.key_type): _normalize(item, node.value_type)
                for key, item in value.items()
            }
    elif isinstance(value, list) and isinstance(node, mi.ListType):
        return [_normalize(item, node.item_type) for item in value]
    return value


def _member_for(value: Any, union: mi.UnionType) -> Type | None:
    """The member of a union that ``value`` is meant for: one with a form, or of its kind."""
    for member in union.types:
        if form_of(member) is not None:
            return member
        kind = bare(member)
        if isinstance(value, dict) and isinstance(kind, mi.StructType | mi.DictType):
            return member
        if isinstance(value, list) and isinstance(kind, mi.ListType):
            return member
    return None


def _text_block(value: Any) -> Any:
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return "\n\n".join(item.strip() for item in value if item.strip())
    return value


def _paragraph(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


def _cell(value: Any) -> Any:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


def _as_is(value: Any) -> Any:
    return value


_FORMS = {"text_block": _text_block, "paragraph": _paragraph, "cell": _cell, "title_lines": _as_is}
