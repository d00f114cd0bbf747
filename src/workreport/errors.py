"""Error types → one Chinese message with a location, for every stage of the pipeline.

Every error a user can cause derives from :class:`WorkreportError`. It carries a
:class:`Location` (file, line, column, key path) and a hint, and renders as::

    inputs/<单位>/2022.yaml:12:10: 错误：…… 建议：……
      12 |     value: 400亿
         |            ^

The CLI catches :class:`WorkreportError` in one place and exits with its ``exit_code``.
:class:`InputWarning` is the same shape for things worth fixing that do not stop a build
(``警告：`` instead of ``错误：``); :class:`ErrorGroup` carries several errors found at once.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from pathlib import Path

from .textfile import read_text

EXCERPT_WIDTH = 100
"""Source lines wider than this (terminal cells) are shown as a window around the column."""


@dataclass(frozen=True)
class Location:
    """Where something is: a file, optionally a 1-based line and column, and a key path."""

    file: str
    line: int | None = None
    column: int | None = None
    key_path: str | None = None

    def __str__(self) -> str:
        parts = [display_path(self.file)]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def source_excerpt(self) -> str:
        """The offending line with a caret under the column, or "" when it cannot be read."""
        if self.line is None:
            return ""
        lines = _source_lines(self.file)
        if not 1 <= self.line <= len(lines):
            return ""
        text = lines[self.line - 1]
        column = min(self.column, len(text) + 1) if self.column and self.column >= 1 else None
        start = 0
        if _width(text) > EXCERPT_WIDTH:
            # A paragraph of prose is one long line: show the part around the column.
            start = max(0, (column or 1) - 1 - 20)
            end = start
            while end < len(text) and _width(text[start : end + 1]) <= EXCERPT_WIDTH - 6:
                end += 1
            text = ("..." if start else "") + text[start:end] + ("..." if end < len(text) else "")
            start -= 3 if start else 0
        excerpt = f"{self.line:>4} | {text}"
        if column is not None:
            # East Asian characters occupy two terminal cells; align the caret with them.
            excerpt += "\n" + " " * 4 + " | " + " " * _width(text[: column - 1 - start]) + "^"
        return excerpt


def display_path(file: str) -> str:
    """An absolute path under the current folder is shown relative to it (templates are long)."""
    path = Path(file)
    if not path.is_absolute():
        return file
    try:
        return str(path.relative_to(Path.cwd()))
    except (ValueError, OSError):
        return file


def _source_lines(file: str) -> list[str]:
    """The lines of ``file`` as read for messages, read once per file and version."""
    try:
        stat = os.stat(file)
    except OSError:
        return []
    return _read_lines(file, stat.st_mtime_ns, stat.st_size)


@functools.lru_cache(maxsize=32)
def _read_lines(file: str, _mtime_ns: int, _size: int) -> list[str]:
    try:
        return read_text(Path(file)).splitlines()
    except Exception:  # an excerpt is a courtesy, never a second failure
        return []


def _width(text: str) -> int:
    """Terminal cells ``text`` occupies: East Asian wide characters take two."""
    import unicodedata

    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


class WorkreportError(Exception):
    """Root of all errors a user can cause; rendered as a located Chinese message."""

    exit_code = 2
    severity = "错误"
    level = "error"

    def __init__(self, message: str, *, at: Location | None = None, hint: str | None = None):
        super().__init__(message)
        self.message = message
        self.at = at
        self.hint = hint

    def render(self, *, excerpt: bool = True) -> str:
        """The message for a user: ``FILE:LINE:COL: 错误：… 建议：…`` and the source line."""
        head = f"{self.at}: " if self.at else ""
        text = f"{head}{self.severity}：{self.message}"
        if self.hint:
            text += f" 建议：{self.hint}"
        if excerpt and self.at:
            source = self.at.source_excerpt()
            if source:
                text += "\n" + source
        return text

    def to_dict(self) -> dict[str, object]:
        """A JSON-ready form for tools (``--format json``)."""
        at = self.at
        return {
            "severity": self.level,
            "kind": type(self).__name__,
            "message": self.message,
            "hint": self.hint,
            "file": at.file if at else None,
            "line": at.line if at else None,
            "column": at.column if at else None,
            "key_path": at.key_path if at else None,
        }

    def __str__(self) -> str:
        return self.render(excerpt=False)


class InputError(WorkreportError):
    """The YAML inputs cannot be read or do not fit the model."""


class TemplateError(WorkreportError):
    """A template (or a text field used as one) cannot be found, parsed or rendered."""


class MarkupError(WorkreportError):
    """The rendered markup uses something the document tree does not know."""


class ProfileError(WorkreportError):
    """A style profile is missing, malformed or names an unknown setting."""


class WriteError(WorkreportError):
    """The draft cannot be written where it was asked to go."""


class StrictError(WorkreportError):
    """``--strict`` was given and the draft still has placeholders."""


class InputWarning(WorkreportError):
    """Something to fix that does not stop a build (placeholders left, a GBK file)."""

    exit_code = 1
    severity = "警告"
    level = "warning"


class PlaceholderWarning(InputWarning):
    """The draft still has 【待补充】 placeholders coming from this place."""


class ErrorGroup(WorkreportError):
    """Several errors found in one pass; renders them one after another."""

    def __init__(self, errors: list[WorkreportError]):
        first = errors[0]
        super().__init__(first.message, at=first.at, hint=first.hint)
        self.errors = list(errors)

    def render(self, *, excerpt: bool = True) -> str:
        return "\n".join(error.render(excerpt=excerpt) for error in self.errors)

    def to_dict(self) -> dict[str, object]:
        return {**self.errors[0].to_dict(), "errors": [e.to_dict() for e in self.errors]}
