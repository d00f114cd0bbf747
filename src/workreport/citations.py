"""Prose fields and templates → citations of unknown indicators and sandbox tricks, statically.

``check`` reports every such problem at once, with its line, before anything is rendered: a
render stops at the first. The scan reads ``{{ … }}`` and ``{% … %}`` spans with regular
expressions; the sandbox still guards the render itself.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Collection, Iterator
from typing import Any, NamedTuple

from msgspec import inspect as mi

from .errors import Location, TemplateError
from .load import Raw
from .model import Report
from .model_forms import fields_of, report_type, struct_in, title_of
from .validate import closest_ids, walk

_COMMENT = re.compile(r"\{#.*?#\}", re.DOTALL)
_JINJA = re.compile(r"\{\{.*?\}\}|\{%.*?%\}", re.DOTALL)
_CITATION = re.compile(
    r"\bind\s*(?:\.\s*(?P<id>[A-Za-z_]\w*)|\[\s*(?P<q>['\"])(?P<qid>[^'\"]*)(?P=q)\s*\])"
    r"(?:\s*\.\s*(?P<attr>[A-Za-z_]\w*))?"
)
_PRIVATE = re.compile(r"\.\s*(?P<name>_\w*)|\[\s*['\"](?P<qname>_\w*)['\"]\s*\]|\|\s*(?P<f>attr)\b")
_TEMPLATE_NAME = re.compile(r"\{%-?\s*(?:include|import|extends|from)\s+(['\"])(?P<name>[^'\"]*)\1")
_MAPPING_METHODS = frozenset({"get", "items", "keys", "values"})
_ANY_GUARD = re.compile(r"['\"]\s+(?:not\s+)?in\s+ind\b")
"""What every guard such as ``'gdp' in ind`` contains, whatever the id."""


class Finding(NamedTuple):
    """One problem in a text: where (offset), what, how to fix it; for a citation of an
    unknown indicator also its id and the whole ``{{ … }}`` it is in."""

    offset: int
    message: str
    hint: str
    missing: str = ""
    citation: str = ""


def scan_text(
    source: str, ids: Collection[str] | None, attributes: Collection[str]
) -> Iterator[Finding]:
    """``(offset, message, hint)`` for each thing the sandbox or the indicators will refuse.

    Finds, inside ``{{ }}`` and ``{% %}`` only: citations of unknown indicator ids (unless the
    source guards them, as in ``'gdp' in ind``), unknown indicator attributes, attributes that
    start with ``_`` and template names that climb out of the template folders. With ``ids``
    None (the indicators are not known) citations are not checked.
    """
    known = list(ids or ())
    source = _COMMENT.sub(lambda m: " " * len(m.group()), source)  # offsets stay put
    guarded = _ANY_GUARD.search(source) is not None  # most texts test no id at all
    for block in _JINJA.finditer(source):
        text, base = block.group(), block.start()
        for match in _CITATION.finditer(text):
            key = match["id"] or match["qid"] or ""
            if (
                ids is None
                or key in _MAPPING_METHODS
                or (
                    guarded
                    and re.search(rf"['\"]{re.escape(key)}['\"]\s+(?:not\s+)?in\s+ind\b", source)
                )
            ):
                continue
            if key not in ids:
                hint = closest_ids(key, known, "先在 indicators 下定义这个指标，再引用它。")
                message = f"引用了不存在的指标“{key}”。"
                yield Finding(base + match.start(), message, hint, key, " ".join(text.split()))
            elif match["attr"] and attributes and match["attr"] not in attributes:
                close = difflib.get_close_matches(match["attr"], list(attributes), n=1)
                hint = (
                    f"是否想写 {close[0]}？" if close else "可用：" + "、".join(sorted(attributes))
                )
                message = f"指标 {key} 没有“{match['attr']}”这一项。"
                yield Finding(base + match.start("attr"), message, hint)
        for match in _PRIVATE.finditer(text):
            name = match["name"] or match["qname"] or "attr"
            yield Finding(
                base + match.start(),
                f"不能访问以下划线开头的属性或使用 attr 过滤器（“{name}”），沙箱会拒绝。",
                "模板只能读取报告数据，如 report、unit、ind.指标id。",
            )
        for match in _TEMPLATE_NAME.finditer(text):
            name = match["name"]
            if (
                ".." in name.replace("\\", "/").split("/")
                or name.startswith(("/", "\\"))
                or ":" in name
            ):
                yield Finding(
                    base + match.start("name"),
                    f"模板名“{name}”指向模板文件夹以外，不允许。",
                    '模板名只能是模板文件夹内的文件名，如 "section.md.j2"，不能用“../”或绝对路径。',
                )


def citation_problems(
    raw: Raw, report: Report, attributes: Collection[str] = ()
) -> list[TemplateError]:
    """Problems :func:`scan_text` finds in the YAML's text fields, located at each field.

    A field citing a missing indicator several times (``ind.x``, ``ind.x.growth``) gets one
    message naming the place in words and quoting every citation.
    """
    problems = []
    for path, value in walk(raw.data):
        if not isinstance(value, str) or ("{{" not in value and "{%" not in value):
            continue
        at = raw.locate(path)
        place = chinese_place(path)
        for finding, citations in _grouped(scan_text(value, report.indicators, attributes)):
            message = finding.message
            if finding.missing:
                message = f"引用了不存在的指标“{finding.missing}”：{'、'.join(citations)}。"
            hint = finding.hint
            if finding.missing:
                hint += "若这个指标已删去，请把这些引用一并删去或改写。"
            problems.append(TemplateError(f"{place}：{message}", at=at, hint=hint))
    return problems


def template_problems(
    source: str, file: str, ids: Collection[str] | None, attributes: Collection[str] = ()
) -> list[TemplateError]:
    """Problems :func:`scan_text` finds in one template file, located at line and column."""
    problems = []
    for finding, _citations in _grouped(scan_text(source, ids, attributes)):
        offset, message = finding.offset, finding.message
        line = source.count("\n", 0, offset) + 1
        column = offset - (source.rfind("\n", 0, offset) + 1) + 1
        problems.append(
            TemplateError(f"模板{message}", at=Location(file, line, column), hint=finding.hint)
        )
    return problems


def _grouped(findings: Iterator[Finding]) -> list[tuple[Finding, list[str]]]:
    """Findings with those about one missing indicator folded into the first, with all the
    distinct citations of it."""
    result: list[tuple[Finding, list[str]]] = []
    by_id: dict[str, list[str]] = {}
    for finding in findings:
        if not finding.missing:
            result.append((finding, []))
        elif finding.missing in by_id:
            if finding.citation not in by_id[finding.missing]:
                by_id[finding.missing].append(finding.citation)
        else:
            by_id[finding.missing] = [finding.citation]
            result.append((finding, by_id[finding.missing]))
    return result


def chinese_place(key_path: tuple[Any, ...]) -> str:
    """``("review", "sections", 1, "paragraphs", 0, "text")`` → ``工作情况 › 分项第2项 ›
    段落第1项 › 正文``: the field's place in the words of the model's titles."""
    model: mi.StructType | None = report_type()
    parts: list[str] = []
    for part in key_path:
        if isinstance(part, int):
            if parts:
                parts[-1] += f"第{part + 1}项"
            continue
        field = fields_of(model).get(str(part)) if model is not None else None
        if field is None:  # a key of a mapping (an indicator id) or an unknown key
            parts.append(str(part))
            continue
        parts.append(title_of(field) or str(part))
        model = struct_in(field.type)
    return " › ".join(parts)
