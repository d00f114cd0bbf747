"""``workreport schema``: the input model → a JSON Schema that editors use to complete and check.

VS Code with the YAML extension (yaml-language-server) reads the schema named in a data file's
first line, ``# yaml-language-server: $schema=../../schema/workreport.schema.json``, and then
offers the keys with their Chinese titles and descriptions, and underlines mistakes as one
types. The schema comes from the model (:func:`msgspec.json.schema`); a few adjustments make it
say what the loader accepts and keep every hover text Chinese.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import click

SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"
TITLE = "workreport 年度数据文件"
DESCRIPTION = (
    "一个单位一年的数据（inputs/<单位>/<年份>.yaml）：单位、年份、指标、工作情况、工作谋划。"
    "workreport 用它和模板生成工作报告的 Word 草稿。"
)
TEXT_PARAGRAPH = "只有正文、没有引领句的段落，可以直接写成一行文字。"


def input_schema() -> dict[str, Any]:
    """The JSON Schema of an input file, with Chinese titles and descriptions throughout."""
    import msgspec

    from ..model import Report

    generated = msgspec.json.schema(Report)
    defs: dict[str, Any] = generated.get("$defs", {})
    schema = defs.pop("Report")
    # Definitions in name order: a definition takes the title of the first field holding it.
    defs = dict(sorted(defs.items()))
    for definition in (schema, *defs.values()):
        _name_definitions(definition, defs)
    for definition in defs.values():
        if not _is_chinese(definition.get("title", "")):
            definition.pop("title", None)
        if not _is_chinese(definition.get("description", "")):
            definition.pop("description", None)
        if not definition.get("required", True):
            del definition["required"]
    schema = _rewrite({**schema, "$defs": defs})
    return {
        "$schema": SCHEMA_DIALECT,
        "title": TITLE,
        "description": DESCRIPTION,
        **{k: v for k, v in schema.items() if k not in ("title", "description")},
    }


def _name_definitions(definition: dict[str, Any], defs: dict[str, Any]) -> None:
    """Give each nested model the Chinese title and description of a field that holds it."""
    for prop in definition.get("properties", {}).values():
        for ref in _refs(prop):
            target = defs.get(ref.rsplit("/", 1)[-1])
            if target is not None and not _is_chinese(target.get("title", "")):
                target["title"] = prop.get("title", target.get("title"))
                if "description" in prop:
                    target["description"] = prop["description"]


def _refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        found = [node["$ref"]] if "$ref" in node else []
        return found + [r for value in node.values() for r in _refs(value)]
    if isinstance(node, list):
        return [r for item in node for r in _refs(item)]
    return []


def _rewrite(node: Any) -> Any:
    """Paragraphs may be plain text; a ``$ref`` beside a title moves into ``allOf``.

    Older schema drafts ignore the keywords next to a ``$ref``, which would hide the field's
    Chinese title in the editor; ``allOf`` keeps both in every draft.
    """
    if isinstance(node, list):
        return [_rewrite(item) for item in node]
    if not isinstance(node, dict):
        return node
    node = {key: _rewrite(value) for key, value in node.items()}
    if node.get("$ref") in ("#/$defs/Paragraph", "#/$defs/Item") and len(node) == 1:
        return {"anyOf": [{"type": "string", "description": TEXT_PARAGRAPH}, node]}
    if "anyOf" in node:
        if "type" in node:
            del node["type"]  # a friendlier form (text or list, number as text) widens the type
        node["anyOf"] = [
            member
            for option in node["anyOf"]
            for member in (option["anyOf"] if list(option) == ["anyOf"] else [option])
        ]
    if "$ref" in node and len(node) > 1:
        ref = node.pop("$ref")
        node["allOf"] = [{"$ref": ref}]
    return node


def _is_chinese(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


def schema_text() -> str:
    """The schema as the file ``schema/workreport.schema.json`` holds it."""
    return json.dumps(input_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


@click.command("schema")
@click.option(
    "-o",
    "--output",
    type=click.Path(path_type=Path, dir_okay=False),
    help="写到这个文件（如 schema/workreport.schema.json）；不指定时输出到屏幕。",
)
def command(output: Path | None) -> None:
    """输出数据文件的 JSON Schema，供 VS Code 等编辑器补全和检查。

    \b
    在数据文件第一行写上（路径相对于数据文件）：
      # yaml-language-server: $schema=../../schema/workreport.schema.json
    装有 YAML 扩展的 VS Code 就会在输入时提示可用的键和说明，并标出写错的地方。
    """
    text = schema_text()
    if output is None:
        click.echo(text, nl=False)
        return
    from ..safewrite import write_bytes

    write_bytes(output, text.encode("utf-8"))
    click.echo(f"已写出：{output}")
