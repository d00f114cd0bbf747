"""The input model's types as data, and raw data brought to those types before msgspec checks it.

msgspec checks types and nothing else; the forms an author may write besides the declared types
are handled here, in one walk over the data guided by the model's annotations:

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
import sys
from types import UnionType
from typing import (
    Annotated,
    Any,
    Literal,
    NamedTuple,
    Union,
    get_args,
    get_origin,
    get_type_hints,
)

from msgspec import Struct
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
    return _normalize(data, _plan(Report))


# The walk follows a plan compiled from the classes' annotations, which the model modules
# evaluate when they are imported: msgspec.inspect would build the same knowledge again,
# at a cost comparable to the rest of a build's validation.


class _Node(NamedTuple):
    kind: str  # "struct", "list", "dict", "union", "form" or "leaf"
    form: str = ""
    items: tuple[_Node, ...] = ()
    fields: dict[str, _Node] | None = None


_LEAF = _Node("leaf")
_PLANS: dict[int, tuple[Any, _Node]] = {}
"""id of an annotation → (the annotation, kept alive so that its id stays its own; its plan)."""


def _plan(annotation: Any, namespace: dict[str, Any] | None = None) -> _Node:
    """What normalizing a value of type ``annotation`` involves (cached per annotation)."""
    found = _PLANS.get(id(annotation))
    if found is None:
        found = _PLANS[id(annotation)] = (annotation, _compile(annotation, namespace))
    return found[1]


def _compile(annotation: Any, namespace: dict[str, Any] | None) -> _Node:
    if isinstance(annotation, str):  # a forward reference, such as a section's subsections
        return _plan((namespace or {})[annotation], namespace)
    origin = get_origin(annotation)
    if origin is Annotated:
        inner = _plan(annotation.__origin__, namespace)
        extras = [getattr(meta, "extra", None) or {} for meta in annotation.__metadata__]
        forms = [extra["form"] for extra in extras if "form" in extra]
        return _Node("form", forms[0], (inner,)) if forms else inner
    args = get_args(annotation)
    if origin is Literal:
        _LITERALS[frozenset(args)] = args
        return _LEAF
    if origin is list:
        return _Node("list", items=(_plan(args[0], namespace),))
    if origin is dict:
        return _Node("dict", items=(_plan(args[0], namespace), _plan(args[1], namespace)))
    if origin in (Union, UnionType):
        members = [m for m in args if m is not type(None)]
        return _Node("union", items=tuple(_plan(m, namespace) for m in members))
    if isinstance(annotation, type) and issubclass(annotation, Struct):
        module = vars(sys.modules[annotation.__module__])
        node = _Node("struct", fields={})
        _PLANS[id(annotation)] = (annotation, node)  # first: a section holds sections
        hints = {
            k: v
            for base in reversed(annotation.__mro__)
            for k, v in vars(base).get("__annotations__", {}).items()
        }
        if any(isinstance(hints[name], str) for name in annotation.__struct_fields__):
            hints = get_type_hints(annotation, include_extras=True)  # deferred annotations
        assert node.fields is not None
        for name in annotation.__struct_fields__:
            node.fields[name] = _plan(hints[name], module)
        return node
    return _LEAF


_LITERALS: dict[frozenset[Any], tuple[Any, ...]] = {}


def prepare(model: type) -> None:
    """Compile the plan of ``model`` (any Struct class), which learns its ``Literal`` choices."""
    _plan(model)


def declared_order(values: tuple[Any, ...]) -> tuple[Any, ...]:
    """The choices of a ``Literal`` in the order the model lists them (msgspec sorts them)."""
    _plan(Report)
    return _LITERALS.get(frozenset(values), values)


def _normalize(value: Any, node: _Node) -> Any:
    if node.kind == "form":
        value = _FORMS[node.form](value)
        node = node.items[0]
    if isinstance(value, str):
        return value.strip()
    if node.kind == "union":
        member = _member_for(value, node)
        return value if member is None else _normalize(value, member)
    if isinstance(value, dict):
        if node.fields is not None:
            fields = node.fields
            return {
                key: _normalize(item, fields[key]) if key in fields else item
                for key, item in value.items()
            }
        if node.kind == "dict":
            key_node, item_node = node.items
            return {
                _normalize(key, key_node): _normalize(item, item_node)
                for key, item in value.items()
            }
    elif isinstance(value, list) and node.kind == "list":
        item_node = node.items[0]
        return [_normalize(item, item_node) for item in value]
    return value


def _member_for(value: Any, union: _Node) -> _Node | None:
    """The member of a union that ``value`` is meant for: one with a form, or of its kind."""
    for member in union.items:
        if member.kind == "form":
            return member
        if isinstance(value, dict) and member.kind in ("struct", "dict"):
            return member
        if isinstance(value, list) and member.kind == "list":
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
