"""Rule records, hits and findings → the data the lint engine, its rules and its output share.

A :class:`Rule` is data in the manner of proselint's checks and ruff's rule metadata: an id
such as ``punct.halfwidth``, a category, a severity, a Chinese summary and advice, examples
that must (``bad``) and must not (``good``) trigger it, and the function that finds it. A
check sees a :class:`Doc` and yields :class:`Hit` spans as offsets into the whole text; the
engine turns them into :class:`Finding` records with 1-based lines and columns.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

from .errors import LintInputError as LintInputError  # where rules have always found it

if TYPE_CHECKING:
    from .data import LintData

Severity = Literal["error", "warning", "info"]
Profile = Literal["default", "strict"]
PROFILES: tuple[Profile, ...] = ("default", "strict")
"""``default``: what a careful editor always fixes; ``strict`` adds every GB/T suggestion."""
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True)
class Hit:
    """One span a check found: ``[start, end)`` offsets into :attr:`Doc.text`, on one line.

    ``message``, ``advice`` and ``severity`` override the rule's for this span; ``fix`` is
    the replacement text when the check knows it from context (quote direction, a stock phrase).
    """

    start: int
    end: int
    message: str | None = None
    advice: str | None = None
    fix: str | None = None
    severity: Severity | None = None
    strict: bool = False
    """A suggestion only: reported under the ``strict`` profile, not by default."""


@dataclass
class Doc:
    """The text under check, split into lines once, plus the merged word lists."""

    text: str
    data: LintData
    lines: list[str] = field(init=False)
    line_starts: list[int] = field(init=False)
    memo: dict[str, object] = field(init=False, default_factory=dict)
    """Results several rules share (the residue of the text), computed once per text."""

    def __post_init__(self) -> None:
        self.lines = self.text.split("\n")
        starts = [0]
        for line in self.lines[:-1]:
            starts.append(starts[-1] + len(line) + 1)
        self.line_starts = starts

    def position(self, offset: int) -> tuple[int, int]:
        """Offset → (line, column), both 1-based, the column counted in characters."""
        index = bisect_right(self.line_starts, offset) - 1
        return index + 1, offset - self.line_starts[index] + 1

    def iter_lines(self) -> Iterable[tuple[int, str]]:
        """(offset of the line's first character, line text) for every line."""
        return zip(self.line_starts, self.lines, strict=True)


Check = Callable[[Doc], Iterable[Hit]]


@dataclass(frozen=True)
class Rule:
    """A proofreading rule as data; ``lint --list-rules`` and the example tests read it.

    ``fix`` is the safe fix: flagged text → replacement. A check may also attach a
    replacement to a hit when it depends on context; ``fixable`` says whether a rule ever
    offers one (it is set automatically when ``fix`` is given).
    """

    id: str
    category: str
    severity: Severity
    summary: str
    advice: str
    bad: tuple[str, ...]
    good: tuple[str, ...]
    check: Check
    fix: Callable[[str], str] | None = None
    fixable: bool = False
    profile: Profile = "default"
    """The least profile that runs the rule: a ``strict`` rule is a suggestion only."""
    strict: tuple[str, ...] = ()
    """Examples that trigger the rule under ``strict`` only, never by default."""
    standard: str = ""
    """The clause of the standard the rule applies (GB/T 15834-2011 4.5.3.5, …)."""
    draft_only: bool = False
    """Run only on drafts built from YAML (or when asked for by ``rules=``)."""

    def __post_init__(self) -> None:
        if self.fix is not None and not self.fixable:
            object.__setattr__(self, "fixable", True)
        if self.severity not in SEVERITIES:
            raise ValueError(f"规则 {self.id} 的级别 {self.severity!r} 无效")
        if self.profile not in PROFILES:
            raise ValueError(f"规则 {self.id} 的档位 {self.profile!r} 无效")


@dataclass(frozen=True)
class Finding:
    """One problem found: where (1-based line, column, exclusive end column), what, and a fix.

    ``fix`` replaces the characters ``col .. end_col - 1`` of ``line`` when applied; it is
    ``None`` when no safe fix exists.
    """

    rule_id: str
    line: int
    col: int
    end_col: int
    message: str
    advice: str
    severity: Severity
    source: str = "<text>"
    fix: str | None = None
