"""False alarms of lint on professionally edited reports, per 10 000 characters, by rule.

Usage: ``python benchmarks/lint_precision.py [--profile default|strict] [--quiet]``. The text
is the body of every report in the development corpus (``../shared/corpus``, see
:mod:`benchmarks.corpus`): edited several times over, so nearly every finding there is a
false alarm. The findings that remain with the default profile are reviewed one by one and
pinned in ``tests/test_lint_precision.py`` with the reason each is kept.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from benchmarks.corpus import CorpusMissing, load_reports  # noqa: E402
from workreport.lint import Finding, format_finding, lint_text  # noqa: E402

TARGET = 0.3
"""False alarms per 10 000 characters the default profile stays under."""


def corpus_findings(profile: str = "default") -> tuple[int, list[tuple[str, str, Finding]]]:
    """(characters of body text, [(report, flagged text, finding)]) for the whole corpus."""
    chars = 0
    found: list[tuple[str, str, Finding]] = []
    for report in load_reports():
        chars += len(report.body)
        lines = report.body.split("\n")
        for f in lint_text(report.body, source=report.name, profile=profile):  # type: ignore[arg-type]
            found.append((report.name, lines[f.line - 1][f.col - 1 : f.end_col - 1], f))
    return chars, found


def per_10k(count: int, chars: int) -> float:
    return count / chars * 10_000


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--profile", choices=["default", "strict"], default="default")
    parser.add_argument("--quiet", action="store_true", help="only the table, not the findings")
    args = parser.parse_args(argv[1:])
    try:
        start = time.perf_counter()
        chars, found = corpus_findings(args.profile)
        took = time.perf_counter() - start
    except CorpusMissing as exc:
        print(exc, file=sys.stderr)
        return 2
    counts = Counter(f.rule_id for _, _, f in found)
    print(f"语料正文 {chars} 字，档位 {args.profile}，用时 {took:.2f} s")
    print(f"{'规则':<24}{'条数':>6}{'每万字':>10}")
    for rule_id, count in counts.most_common():
        print(f"{rule_id:<24}{count:>6}{per_10k(count, chars):>10.2f}")
    total = per_10k(len(found), chars)
    print(f"{'合计':<24}{len(found):>6}{total:>10.2f}（默认档目标 < {TARGET}）")
    if not args.quiet:
        print()
        for _, flagged, f in found:
            print(f"{format_finding(f)}  [{flagged}]")
    return 0 if args.profile != "default" or total < TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
