"""Error types → one Chinese message with a location, for every stage of the pipeline.

Every error a user can cause derives from :class:`WorkreportError`. It carries a
:class:`Location` (file, line, column, key path) and a hint, and renders as::

    inputs/waihai/2022.yaml:12:10: 错误：…… 建议：……
      12 |     value: 400亿
         |            ^

The CLI catches :class:`WorkreportError` in one place and exits with its ``exit_code``.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Location:
    """Where something is: a file, optionally a 1-based line and column, and a key path."""

    file: str
    line: int | None = None
    column: int | None = None
    key_path: str | None = None

    def __str__(self) -> str:
        parts = [self.file]
        if self.line is not None:
            parts.append(str(self.line))
            if self.column is not None:
                parts.append(str(self.column))
        return ":".join(parts)

    def source_excerpt(self) -> str:
        """The offending line with a caret under the column, or "" when it cannot be read."""
        if self.line is None:
            return ""
        try:
            from .load import read_text  # local import: errors must stay importable first

            lines = read_text(Path(self.file)).splitlines()
        except Exception:
            return ""
        if not 1 <= self.line <= len(lines):
            return ""
        text = lines[self.line - 1]
        gutter = f"{self.line:>4} | "
        excerpt = f"{gutter}{text}"
        if self.column is not None and self.column >= 1:
            # East Asian characters occupy two terminal cells; align the caret with them.
            prefix = text[: self.column - 1]
            width = sum(2 if _is_wide(ch) else 1 for ch in prefix)
            excerpt += "\n" + " " * 4 + " | " + " " * width + "^"
        return excerpt


def _is_wide(ch: str) -> bool:
    import unicodedata

    return unicodedata.east_asian_width(ch) in ("W", "F")


class WorkreportError(Exception):
    """Root of all errors a user can cause; rendered as a located Chinese message."""

    exit_code = 2
    severity = "错误"

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
            "severity": "error",
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
