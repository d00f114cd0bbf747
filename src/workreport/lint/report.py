"""Findings and rules → text lines (``FILE:LINE:COL: RULE-ID 说明（建议：…）``) and JSON."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import asdict

from .model import SEVERITY_NAMES, Finding, Rule


def format_finding(f: Finding) -> str:
    """``FILE:LINE:COL: RULE-ID 说明（建议：…）``."""
    return f"{f.source}:{f.line}:{f.col}: {f.rule_id} {f.message}（建议：{f.advice}）"


MOST_PLACES = 12
"""Places listed on a grouped line; the rest are counted."""


_QUOTED_RE = re.compile(r"“[^“”]*”")


def cause(f: Finding) -> tuple[str, str, str, str]:
    """What a finding is an instance of: file, rule, message without its quoted excerpt, advice.

    Twenty-four spaces in a pasted line (中文里多了空格：“长 王”, “者 戴”…) with one advice are one
    cause; two repeated words are two, since their advice names different words.
    """
    return (f.source, f.rule_id, _QUOTED_RE.sub("“…”", f.message), f.advice)


def group_by_cause(findings: Iterable[Finding]) -> list[list[Finding]]:
    """Findings of one :func:`cause` together, in the order their first place comes.

    Nothing is dropped: a cause found 39 times is one group of 39, shown as one line.
    """
    groups: dict[tuple[str, str, str, str], list[Finding]] = {}
    for f in findings:
        groups.setdefault(cause(f), []).append(f)
    return list(groups.values())


def format_group(group: Sequence[Finding]) -> str:
    """One line for one cause: the first place as :func:`format_finding`, then the others.

    ``FILE:3:5: dup.word …（建议：…）——同一问题共 39 处，另见 7:2、9:14、……``
    """
    line = format_finding(group[0])
    if len(group) == 1:
        return line
    others = [f"{f.line}:{f.col}" for f in group[1:]]
    shown = "、".join(others[:MOST_PLACES]) + ("等" if len(others) > MOST_PLACES else "")
    return f"{line}——同一问题共 {len(group)} 处，另见 {shown}"


def finding_to_dict(f: Finding) -> dict[str, object]:
    """A JSON-ready dict; keys match :class:`Finding` plus ``fixable``."""
    data = asdict(f)
    data["fixable"] = f.fix is not None
    return data


def findings_to_json(findings: Iterable[Finding], *, indent: int | None = 2) -> str:
    """A JSON array of findings, Chinese kept readable (no ``\\u`` escapes)."""
    return json.dumps([finding_to_dict(f) for f in findings], ensure_ascii=False, indent=indent)


def summary_line(findings: Sequence[Finding], checked: int, unreadable: int = 0) -> str:
    """``共发现 12 处问题（错误 9，警告 3），涉及 2 个文件；其中 8 处可自动修复（--fix）。``"""
    tail = f"另有 {unreadable} 个文件无法读取。" if unreadable else ""
    if not findings:
        return f"检查了 {checked} 个文件，没有发现问题。{tail}"
    counts: Counter[str] = Counter(f.severity for f in findings)
    parts = "，".join(f"{SEVERITY_NAMES[s]} {counts[s]}" for s in SEVERITY_NAMES if counts[s])
    fixable = sum(1 for f in findings if f.fix is not None)
    sources = len({f.source for f in findings})
    text = f"共发现 {len(findings)} 处问题（{parts}），涉及 {sources} 个文件"
    causes = len(group_by_cause(findings))
    if causes < len(findings):
        text += f"，归为 {causes} 个原因"
    if fixable:
        text += f"；其中 {fixable} 处可自动修复（--fix）"
    return text + "。" + tail


def format_rules(rules: Iterable[Rule]) -> str:
    """One line per rule: id, severity, whether fixable, summary."""
    rows = [
        (
            r.id,
            SEVERITY_NAMES[r.severity],
            "可修复" if r.fixable else "",
            r.summary + ("（仅严格档）" if r.profile == "strict" else ""),
        )
        for r in rules
    ]
    width = max((len(r[0]) for r in rows), default=0)
    return "\n".join(
        f"{rid:<{width}}  {sev}  {fix:<3}  {summary}".rstrip() for rid, sev, fix, summary in rows
    )


def rules_to_json(rules: Iterable[Rule]) -> str:
    """The rule records (without their check functions) as JSON."""
    return json.dumps(
        [
            {
                "id": r.id,
                "category": r.category,
                "severity": r.severity,
                "summary": r.summary,
                "advice": r.advice,
                "fixable": r.fixable,
                "profile": r.profile,
                "standard": r.standard,
                "bad": list(r.bad),
                "good": list(r.good),
                "strict": list(r.strict),
            }
            for r in rules
        ],
        ensure_ascii=False,
        indent=2,
    )
