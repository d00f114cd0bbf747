"""Text + rules → sorted findings; findings → corrected text. The lint pipeline's core."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from . import (
    rules_draft,
    rules_leftover,
    rules_lexicon,
    rules_marks,
    rules_num,
    rules_punct,
    rules_struct,
    rules_words,
)
from .data import load_data
from .model import PROFILES, Doc, Finding, LintInputError, Profile, Rule
from .residue import residue_spans

RULES: tuple[Rule, ...] = (
    *rules_punct.RULES,
    *rules_marks.RULES,
    *rules_words.RULES,
    *rules_lexicon.RULES,
    *rules_num.RULES,
    *rules_struct.RULES,
    *rules_leftover.RULES,
    *rules_draft.RULES,
)
"""Every built-in rule, in the order ``--list-rules`` shows them."""

RULES_BY_ID = {rule.id: rule for rule in RULES}


def _prefixes(value: str | Iterable[str] | None) -> list[str]:
    if value is None:
        return []
    items = [value] if isinstance(value, str) else list(value)
    return [p.strip() for item in items for p in item.split(",") if p.strip()]


def select_rules(
    rules: Iterable[Rule] | None = None,
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> list[Rule]:
    """Rules whose id starts with a ``select`` prefix (all if none) and with no ``ignore`` prefix.

    Prefixes may be given as a list or comma-separated (``"punct,dup.word"``); ``ALL`` selects all.
    """
    chosen = list(RULES if rules is None else rules)
    return [r for r in chosen if selected(r.id, select=select, ignore=ignore)]


def selected(
    rule_id: str,
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
) -> bool:
    """Whether ``rule_id`` passes ``select`` and ``ignore`` (see :func:`select_rules`); also for
    findings made outside the rule table, such as the cross-year checks."""
    wanted = [p for p in _prefixes(select) if p.upper() != "ALL"]
    if wanted and not any(rule_id.startswith(p) for p in wanted):
        return False
    return not any(rule_id.startswith(p) for p in _prefixes(ignore))


def normalize_newlines(text: str) -> str:
    """``\\r\\n`` and lone ``\\r`` → ``\\n``: line numbers then agree with every editor."""
    return text.replace("\r\n", "\n").replace("\r", "\n")


def lint_text(
    text: str,
    *,
    source: str = "<text>",
    rules: Iterable[Rule] | None = None,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    data_dirs: Sequence[str] = (),
    profile: Profile = "default",
    draft: bool = False,
) -> list[Finding]:
    """Proofread ``text``; findings sorted by line, column and rule id.

    ``data_dirs`` are a unit's word-list folders, merged over the built-in lists. The
    ``default`` profile reports what a careful editor always fixes; ``strict`` adds the
    suggestions of the standards (rules and hits marked ``strict``). Nothing is reported
    inside residue (a block of page chrome, a pasted table) but the residue itself.
    ``draft`` says the text is a draft built from YAML: only then do the draft-only rules
    run, unless they are given in ``rules``.
    """
    if profile not in PROFILES:
        raise LintInputError(
            f"校对档位“{profile}”无效", hint="可选 default（默认）或 strict（严格）。"
        )
    doc = Doc(normalize_newlines(text), load_data(tuple(str(d) for d in data_dirs)))
    residue = residue_spans(doc)
    findings: set[Finding] = set()
    for rule in select_rules(rules, select=select, ignore=ignore):
        if rule.profile == "strict" and profile != "strict":
            continue
        if rule.draft_only and not draft and rules is None:
            continue
        for hit in rule.check(doc):
            if hit.strict and profile != "strict":
                continue
            if not rule.id.startswith("residue.") and any(
                s < max(hit.end, hit.start + 1) and hit.start < e for s, e in residue
            ):
                continue  # inside residue: reported (and deleted) as a whole, never fixed
            line, col = doc.position(hit.start)
            end = min(hit.end, doc.line_starts[line - 1] + len(doc.lines[line - 1]))
            end = max(end, hit.start + 1)
            flagged = doc.text[hit.start : end]
            fix = None
            if rule.fixable and end == hit.end:  # a span cut at the line end is never fixed
                fix = hit.fix if hit.fix is not None or rule.fix is None else rule.fix(flagged)
            findings.add(
                Finding(
                    rule_id=rule.id,
                    line=line,
                    col=col,
                    end_col=col + (end - hit.start),
                    message=hit.message or f"{rule.summary}：“{flagged}”",
                    advice=hit.advice or rule.advice,
                    severity=hit.severity or rule.severity,
                    source=source,
                    fix=fix,
                )
            )
    return sorted(findings, key=lambda f: (f.line, f.col, f.rule_id, f.end_col, f.message))


def apply_fixes(text: str, findings: Iterable[Finding]) -> str:
    """``text`` with every safe fix in ``findings`` applied (see :func:`fix_text`)."""
    return fix_text(text, findings)[0]


def fix_text(text: str, findings: Iterable[Finding]) -> tuple[str, int]:
    """``text`` with every safe fix applied, and how many were applied.

    Fixes are applied from the end of each line backwards; a fix overlapping one already
    applied is skipped (run lint again to catch it). Line endings are kept as they were.
    """
    by_line: dict[int, list[Finding]] = {}
    for f in findings:
        if f.fix is not None:
            by_line.setdefault(f.line, []).append(f)
    if not by_line:
        return text, 0
    lines = text.split("\n")
    applied = 0
    for number, items in by_line.items():
        if not 1 <= number <= len(lines):
            continue
        line = lines[number - 1]
        ending = "\r" if line.endswith("\r") else ""
        body = line[: len(line) - len(ending)]
        limit = len(body) + 1
        for f in sorted(items, key=lambda f: (f.col, f.end_col), reverse=True):
            if f.end_col > limit or f.col < 1 or f.end_col - 1 > len(body):
                continue
            body = body[: f.col - 1] + (f.fix or "") + body[f.end_col - 1 :]
            limit = f.col
            applied += 1
        lines[number - 1] = body + ending
    return "\n".join(lines), applied
