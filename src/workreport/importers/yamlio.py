"""YAML text ↔ ruamel round-trip data: comments, key order and quoting survive an update.

Indentation is measured from the file itself (mapping indent, and where the dash of a
sequence sits), so a file that was hand-formatted comes back in the same layout.
"""

from __future__ import annotations

import io
import re
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from ..errors import InputError, Location

DEFAULT_INDENT = (2, 4, 2)
"""(mapping, sequence, dash offset): the layout of the bundled inputs."""


def make_yaml(indent: tuple[int, int, int] = DEFAULT_INDENT) -> YAML:
    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 4096  # never fold long Chinese lines
    yaml.allow_unicode = True
    mapping, sequence, offset = indent
    yaml.indent(mapping=mapping, sequence=sequence, offset=offset)
    return yaml


def guess_indent(text: str) -> tuple[int, int, int]:
    """(mapping, sequence, offset) as the file uses them, else :data:`DEFAULT_INDENT`."""
    mapping = sequence = offset = None
    lines = text.splitlines()
    for i, line in enumerate(lines):
        stripped = line.lstrip(" ")
        if not stripped or stripped.startswith("#"):
            continue
        indent = len(line) - len(stripped)
        previous = _previous_code_line(lines, i)
        if previous is None:
            continue
        prev_indent = len(previous) - len(previous.lstrip(" "))
        opens_block = previous.rstrip().endswith(":") and not previous.lstrip().startswith("-")
        if not opens_block or indent <= prev_indent:
            continue
        if stripped.startswith("- ") and offset is None:
            offset = indent - prev_indent
            sequence = offset + 2
        elif not stripped.startswith("- ") and mapping is None:
            mapping = indent - prev_indent
        if mapping is not None and offset is not None:
            break
    default_mapping, default_sequence, default_offset = DEFAULT_INDENT
    return (
        mapping or default_mapping,
        sequence or default_sequence,
        offset if offset is not None else default_offset,
    )


def _previous_code_line(lines: list[str], index: int) -> str | None:
    for line in reversed(lines[:index]):
        code = re.sub(r"\s+#.*$", "", line)
        if code.strip() and not code.lstrip().startswith("#"):
            return code
    return None


def load_round_trip(text: str, path: str) -> tuple[Any, YAML]:
    """Parse ``text`` keeping comments; the returned YAML object dumps it in the same layout."""
    yaml = make_yaml(guess_indent(text))
    try:
        return yaml.load(text), yaml
    except YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = Location(path, mark.line + 1, mark.column + 1) if mark else Location(path)
        raise InputError("YAML 格式错误，无法读取。", at=at) from None


def dump(data: Any, yaml: YAML) -> str:
    out = io.StringIO()
    yaml.dump(data, out)
    return out.getvalue()


def commented(data: Any) -> Any:
    """Plain dicts and lists → ruamel's commented containers (which can carry comments)."""
    if isinstance(data, dict):
        result = CommentedMap()
        for key, value in data.items():
            result[key] = commented(value)
        return result
    if isinstance(data, list):
        return CommentedSeq([commented(v) for v in data])
    return data


def plain_safe(text: str) -> bool:
    """Whether ``text`` written without quotes reads back as this text.

    The inputs are read as YAML 1.1 (PyYAML), where ``yes``, ``off``, ``~``, ``1e3`` and
    ``12:30`` (a sexagesimal 750) are not text; ruamel.yaml writes YAML 1.2, which quotes none
    of them. ``check`` would then refuse the file the import wrote.
    """
    import yaml

    try:
        return bool(yaml.safe_load(text) == text)
    except yaml.YAMLError:
        return False


def safe_scalar(value: Any) -> Any:
    """``value``, double-quoted when it is text that would not read back as text."""
    if isinstance(value, str) and not plain_safe(value):
        return DoubleQuotedScalarString(value)
    return value


def flow_tables(data: Any) -> None:
    """Write each ``table``'s header and rows one row a line (``- [指标, 数值]``), every cell
    that would not read back as text (``5.60``, ``12:30``, ``yes``) in quotes."""
    if isinstance(data, CommentedMap):
        for key, value in data.items():
            if key == "table" and isinstance(value, CommentedMap):
                for row in [value.get("header"), *(value.get("rows") or [])]:
                    if isinstance(row, CommentedSeq):
                        row[:] = [safe_scalar(cell) for cell in row]
                        row.fa.set_flow_style()
            else:
                flow_tables(value)
    elif isinstance(data, CommentedSeq):
        for item in data:
            flow_tables(item)
