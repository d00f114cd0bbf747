"""How extract does on the conformance set of real reports → one Markdown table.

Usage: ``python benchmarks/extract_conformance.py [--reports]``

Runs extract with no ``--unit``/``--year`` over ``tests/fixtures/real`` (see its README), builds
each result back into its draft in memory and compares it with the report, exactly as
``tests/test_real_reports.py`` does, then prints for the whole set: extraction success, the
share of reports whose unit, year, genre, title, review/plan split, sections, heading tree and
title block match, the text kept and the figures kept (mean and worst report, and the share
of reports at target), and the time taken. ``--reports`` adds one row per report.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.test_real_reports import (  # noqa: E402  (the test module is the one definition)
    CHECKS,
    MIN_KEPT,
    Outcome,
    conform,
    expectations,
)

NAMES = {
    "unit": "单位（名称与层级）",
    "year": "年份",
    "genre": "体裁",
    "title": "标题",
    "split": "工作情况/工作谋划划分",
    "sections": "各部分分项数",
    "tree": "标题层级（diff）",
    "title_block": "标题块（副标题、署名、称呼）",
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reports", action="store_true", help="one row per report as well")
    args = parser.parse_args()
    entries = expectations()
    by_file = {str(entry["file"]): entry for entry in entries}
    start = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="workreport-real-") as work:
        outcomes = [conform(entry, by_file, Path(work)) for entry in entries]
    elapsed = time.perf_counter() - start
    print(table(outcomes, elapsed))
    if args.reports:
        print()
        print(per_report(outcomes))
    return 0


def share(count: int, total: int) -> str:
    return f"{count / total:.0%}（{count}/{total}）" if total else "—"


def table(outcomes: list[Outcome], elapsed: float) -> str:
    total = len(outcomes)
    done = [o for o in outcomes if not o.error]
    rows = [("提取成功", share(len(done), total))]
    rows += [(NAMES[check], share(sum(o.ok(check) for o in outcomes), total)) for check in CHECKS]
    kept = [o.kept for o in outcomes]
    figures = [o.figures for o in outcomes]
    rows.append(
        (
            f"原文文字保留（≥{MIN_KEPT:.0%} 的报告）",
            f"{share(sum(k >= MIN_KEPT for k in kept), total)}；平均 {statistics.fmean(kept):.2%}，"
            f"最低 {min(kept):.2%}",
        )
    )
    rows.append(
        (
            "数字保留（100% 的报告）",
            f"{share(sum(f >= 1 for f in figures), total)}；平均 {statistics.fmean(figures):.2%}，"
            f"最低 {min(figures):.2%}",
        )
    )
    rows.append(("用时", f"{elapsed:.1f} s（{total} 份报告）"))
    lines = ["| 项目 | 结果 |", "| --- | --- |"]
    lines += [f"| {name} | {value} |" for name, value in rows]
    return "\n".join(lines)


def per_report(outcomes: list[Outcome]) -> str:
    lines = ["| 报告 | 不一致 | 文字保留 | 数字保留 |", "| --- | --- | --- | --- |"]
    for outcome in outcomes:
        if outcome.error:
            lines.append(f"| {outcome.file} | 提取失败：{outcome.error} | — | — |")
            continue
        wrong = "、".join(NAMES[c] for c in CHECKS if not outcome.ok(c)) or "无"
        lines.append(f"| {outcome.file} | {wrong} | {outcome.kept:.2%} | {outcome.figures:.2%} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())
