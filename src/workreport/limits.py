"""How much input workreport reads and how long a template may run, and how to raise it.

A real report is some 50 000 characters, a .docx of it well under 10 MB and its templates
render in a fraction of a second. The defaults below are far above that, and are there so a
damaged or hostile file ends in a message within seconds instead of filling the memory or
running for hours. ``workreport --limit NAME=VALUE`` (or the environment variable
``WORKREPORT_LIMITS="NAME=VALUE,NAME=VALUE"``, which batch workers inherit) raises one.
"""

from __future__ import annotations

import dataclasses
import functools
import math
import os
from dataclasses import dataclass
from typing import Any

LIMITS_ENV = "WORKREPORT_LIMITS"


@dataclass(frozen=True)
class Limits:
    """The limits in force; field names are the ``NAME`` of ``--limit NAME=VALUE``."""

    file_mb: float = 100
    """A .docx or .xlsx file on disk."""
    archive_mb: float = 300
    """All parts of a .docx or .xlsx together, unpacked."""
    xml_mb: float = 20
    """One XML part of a .docx or .xlsx, unpacked (the text of a report is a few MB at most)."""
    members: int = 10_000
    """Parts in one .docx or .xlsx."""
    ratio: float = 200
    """How many times larger than its packed size a part may unpack (text packs some 10:1)."""
    text_mb: float = 1
    """A .txt or .csv file given to lint, extract, diff or import-indicators."""
    render_seconds: float = 3
    """Rendering one draft's templates and text fields."""
    render_chars: int = 2_000_000
    """Characters one template value, and a draft's whole rendered text, may reach."""
    render_items: int = 100_000
    """Items one ``range()`` or repetition (``[x] * n``) in a template may have."""


LABELS = {
    "file_mb": "文件大小（MB）",
    "archive_mb": "解压后的总大小（MB）",
    "xml_mb": "单个 XML 部件解压后的大小（MB）",
    "members": "压缩包内的部件数",
    "ratio": "压缩比",
    "text_mb": "文本文件或 Word 文件中文字的大小（MB）",
    "render_seconds": "模板渲染时间（秒）",
    "render_chars": "模板生成的字符数",
    "render_items": "模板中一次循环或重复的项数",
}


def current() -> Limits:
    """The limits in force: the defaults, raised (or lowered) by ``WORKREPORT_LIMITS``.

    A malformed variable is ignored rather than failing every command; ``--limit`` checks
    what it is given before setting it.
    """
    return _from_text(os.environ.get(LIMITS_ENV, ""))


@functools.lru_cache(maxsize=8)
def _from_text(text: str) -> Limits:
    """Parsed once per value: templates check the limits at every step."""
    try:
        return parse(text.split(","))
    except ValueError:
        return Limits()


def parse(pairs: list[str] | tuple[str, ...], base: Limits | None = None) -> Limits:
    """``["text_mb=50", …]`` → limits; raises ValueError naming a bad pair in Chinese."""
    changes: dict[str, Any] = {}
    fields = {f.name: f for f in dataclasses.fields(Limits)}
    for pair in pairs:
        if not pair.strip():
            continue
        name, sep, value = pair.partition("=")
        name = name.strip()
        if not sep or name not in fields:
            known = "、".join(fields)
            raise ValueError(f"“{pair}”不是 名称=数值 的形式，或没有这个限制（可用：{known}）")
        try:
            number = float(value)
        except ValueError:
            raise ValueError(f"“{pair}”中的“{value}”不是数字") from None
        if not number > 0:
            raise ValueError(f"“{pair}”中的数值要大于 0")
        changes[name] = int(number) if fields[name].type == "int" else number
    return dataclasses.replace(base or Limits(), **changes)


def apply(pairs: tuple[str, ...]) -> None:
    """Set ``--limit`` values for this process and the processes it starts."""
    merged = parse(list(pairs), current())
    defaults = Limits()
    os.environ[LIMITS_ENV] = ",".join(
        f"{f.name}={getattr(merged, f.name)}"
        for f in dataclasses.fields(Limits)
        if getattr(merged, f.name) != getattr(defaults, f.name)
    )


def raise_hint(name: str, needed: float | None = None) -> str:
    """How to raise limit ``name``: the option to add, with a value above what was needed."""
    value = getattr(current(), name)
    suggested = max(value * 2, needed * 1.2 if needed else 0)
    shown = f"{math.ceil(suggested)}" if suggested >= 1 else f"{suggested:.2g}"
    return (
        f"确认文件无误、确实需要时，可以放宽这个限制：workreport --limit {name}={shown} 命令 …"
        f"（{LABELS[name]}，现为 {value:g}）。"
    )
