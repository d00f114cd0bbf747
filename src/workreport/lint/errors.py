"""The error lint raises for input it cannot use: a file, a word list, a setting."""

from __future__ import annotations

from ..errors import WorkreportError


class LintInputError(WorkreportError):
    """A file given to lint cannot be read, decoded or turned into text."""
