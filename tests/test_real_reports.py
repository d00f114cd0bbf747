"""Extract over the conformance set of real reports (``tests/fixtures/real``, see its README).

Every report is extracted with no ``--unit``/``--year``, written as a YAML input, built back
into its draft in memory and compared with the report's own text (page chrome left out, as
listed by hand in its expectation) the way ``workreport diff`` compares them. The targets:

- extraction succeeds on every report;
- unit (name and level word), year, genre, title and the review/plan split (the kind and title
  of each part, in order) match the hand-written expectation on every report;
- the draft keeps at least 99% of each report's text and every one of its figures;
- heading trees (diff's, and the number of sections under each part) are identical on at
  least 95% of the reports.

What is read from the extracted data: ``unit.name`` and ``unit.level``, ``year``, ``genre``
(one of :data:`GENRES`), ``title`` (a string, or a list of title lines), and the parts as
:func:`workreport.importers.fidelity_split.parts_of` reads them (a ``parts`` list of
``{kind, title, sections}``, or ``review``/``plan`` in ``outline`` order). The subtitle, byline
and salutation are looked for in the title block of the rebuilt draft.

A failure lists, report by report, what differs. ``benchmarks/extract_conformance.py`` prints
the same figures for the whole set.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
import yaml

from workreport.importers.extract import extract, to_yaml
from workreport.importers.fidelity import Fidelity, compare
from workreport.importers.fidelity_front import front_lines
from workreport.importers.fidelity_split import PartView, parts_of
from workreport.importers.prose import comparison_key
from workreport.importers.sources import SourceDoc, read_document, read_draft

from .conftest import FIXTURES

REAL = FIXTURES / "real"
MIN_KEPT = 0.99
MIN_TREES = 0.95
LEVELS = ("街道", "镇", "乡", "区", "县", "市", "省", "自治区")
GENRES = ("情况和谋划", "总结和计划", "政府工作报告", "工作计划", "工作总结", "半年总结")
FORMS = ("web", "pdf", "docx")
KINDS = ("review", "plan", "other")


def expectations() -> list[dict[str, Any]]:
    """Every hand-written expectation, by file name."""
    entries: list[dict[str, Any]] = []
    for path in sorted(REAL.glob("expected-*.yaml")):
        entries.extend(yaml.safe_load(path.read_text(encoding="utf-8")) or [])
    return sorted(entries, key=lambda entry: str(entry["file"]))


def chrome_lines(spec: str | None) -> set[int]:
    """Line numbers from ``"1-9, 12, 120-"`` (an open range runs to the end of the file)."""
    numbers: set[int] = set()
    for piece in (spec or "").replace(" ", "").split(","):
        if not piece:
            continue
        first, _, last = piece.partition("-")
        end = int(last) if last else (10**6 if "-" in piece else int(first))
        numbers.update(range(int(first), end + 1))
    return numbers


def report_text(entry: Mapping[str, Any], by_file: Mapping[str, Mapping[str, Any]]) -> str | None:
    """The report's own text (its chrome lines and line-start chrome left out), or that of the
    report it was made from; None for a Word file made directly, which is its own reference."""
    origin = entry.get("derived_from")
    if origin:
        return report_text(by_file[origin], by_file)
    path = REAL / entry["file"]
    if path.suffix.lower() == ".docx":
        return None
    skip = chrome_lines(entry.get("chrome"))
    prefixes = tuple(entry.get("chrome_prefixes") or ())
    kept: list[str] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if number in skip:
            continue
        for prefix in prefixes:
            if line.startswith(prefix):
                line = line[len(prefix) :]
                break
        kept.append(line)
    return "\n".join(kept) + "\n"


@dataclass
class Outcome:
    """What extract made of one report, against its expectation."""

    file: str
    error: str = ""
    checks: dict[str, bool] = field(default_factory=dict)
    differences: dict[str, list[str]] = field(default_factory=dict)
    kept: float = 0.0
    figures: float = 0.0

    def fail(self, check: str, message: str) -> None:
        self.checks[check] = False
        self.differences.setdefault(check, []).append(message)

    def ok(self, check: str) -> bool:
        return not self.error and self.checks.get(check, False)


CHECKS = ("unit", "year", "genre", "title", "split", "sections", "tree", "title_block")


def conform(
    entry: Mapping[str, Any], by_file: Mapping[str, Mapping[str, Any]], work: Path
) -> Outcome:
    """Extract, build back and compare one report; every difference is recorded."""
    outcome = Outcome(str(entry["file"]))
    source_path = REAL / entry["file"]
    stem = source_path.stem
    try:
        extraction = extract(source_path)
        data = extraction.data
        target = work / "inputs" / stem / f"{data['year']}.yaml"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(to_yaml(extraction), encoding="utf-8")
        draft = read_draft(target)
        text = report_text(entry, by_file)
        if text is None:
            reference = read_document(source_path)
        else:
            clean = work / "reports" / f"{stem}.txt"
            clean.parent.mkdir(parents=True, exist_ok=True)
            clean.write_text(text, encoding="utf-8")
            reference = read_document(clean)
        fidelity = compare(reference, draft)
    except Exception as exc:  # every way of failing is a finding of the set, never a crash
        outcome.error = f"{type(exc).__name__}: {exc}".splitlines()[0]
        return outcome
    for check in CHECKS:
        outcome.checks[check] = True
    _check_fields(outcome, entry, data)
    _check_parts(outcome, entry, parts_of(data))
    _check_fidelity(outcome, entry, fidelity, draft)
    return outcome


def _check_fields(outcome: Outcome, entry: Mapping[str, Any], data: Mapping[str, Any]) -> None:
    unit = data.get("unit") if isinstance(data.get("unit"), Mapping) else {}
    name, level = unit.get("name"), unit.get("level")
    if (name, level) != (entry["unit"], entry["level"]):
        outcome.fail("unit", f"单位 {name}（{level}），应为 {entry['unit']}（{entry['level']}）")
    if data.get("year") != entry["year"]:
        outcome.fail("year", f"年份 {data.get('year')}，应为 {entry['year']}")
    if data.get("genre") != entry["genre"]:
        outcome.fail("genre", f"体裁 {data.get('genre')!r}，应为 {entry['genre']}")
    found, wanted = _lines(data.get("title")), _lines(entry.get("title"))
    if [comparison_key(t) for t in found] != [comparison_key(t) for t in wanted]:
        outcome.fail("title", f"标题 {found or '无'}，应为 {wanted or '无'}")


def _lines(title: Any) -> list[str]:
    if title is None:
        return []
    if isinstance(title, list):
        return [str(line) for line in title]
    return [line for line in str(title).splitlines() if line.strip()]


def _check_parts(outcome: Outcome, entry: Mapping[str, Any], parts: tuple[PartView, ...]) -> None:
    wanted = entry["parts"]
    found = [(p.kind, p.key) for p in parts]
    expected = [(p["kind"], comparison_key(p["title"] or "")) for p in wanted]
    if found != expected:
        shown = "；".join(f"{p.kind}“{p.title}”" for p in parts) or "无"
        should = "；".join(f"{p['kind']}“{p['title'] or ''}”" for p in wanted)
        outcome.fail("split", f"部分 {shown}，应为 {should}")
    counts = [p.sections for p in parts]
    if counts != [p["sections"] for p in wanted]:
        outcome.fail("sections", f"各部分分项数 {counts}，应为 {[p['sections'] for p in wanted]}")


def _check_fidelity(
    outcome: Outcome, entry: Mapping[str, Any], fidelity: Fidelity, draft: SourceDoc
) -> None:
    outcome.kept, outcome.figures = fidelity.kept, fidelity.recall
    if fidelity.kept < MIN_KEPT:
        outcome.differences.setdefault("kept", []).append(f"原文文字保留 {fidelity.kept:.2%}")
    if fidelity.recall < 1:
        missing = "、".join(fidelity.missing_figures[:8])
        outcome.differences.setdefault("figures", []).append(
            f"数字召回 {fidelity.recall:.1%}，缺少 {missing}"
        )
    if not fidelity.tree_match:
        outcome.fail("tree", f"标题层级不一致：{fidelity.first_tree_difference()}")
    front = "".join(line.key for line in front_lines(draft))
    for name in ("subtitle", "byline", "salutation"):
        wanted = entry.get(name)
        if wanted and comparison_key(wanted) not in front:
            outcome.fail("title_block", f"草稿标题块中没有{name}“{wanted}”")


@pytest.fixture(scope="module")
def outcomes(tmp_path_factory: pytest.TempPathFactory) -> list[Outcome]:
    entries = expectations()
    by_file = {str(entry["file"]): entry for entry in entries}
    work = tmp_path_factory.mktemp("real")
    return [conform(entry, by_file, work) for entry in entries]


def listing(outcomes: list[Outcome], keys: tuple[str, ...]) -> Iterator[str]:
    for outcome in outcomes:
        if outcome.error:
            yield f"{outcome.file}: 提取失败：{outcome.error}"
            continue
        for key in keys:
            for message in outcome.differences.get(key, []):
                yield f"{outcome.file}: {message}"


def _report(outcomes: list[Outcome], keys: tuple[str, ...], title: str) -> str:
    lines = list(listing(outcomes, keys))
    return f"{title}（{len(lines)} 处）：\n" + "\n".join(lines)


def test_every_report_has_a_complete_expectation() -> None:
    entries = expectations()
    files = {p.name for p in REAL.iterdir() if p.suffix in (".txt", ".docx")}
    assert files == {entry["file"] for entry in entries}
    for entry in entries:
        assert entry["source"] and entry["level"] in LEVELS and entry["genre"] in GENRES
        assert entry["form"] in FORMS and isinstance(entry["complete"], bool)
        assert entry["unit"].endswith(entry["level"]) and 1949 < entry["year"] < 2100
        assert entry["parts"] and all(p["kind"] in KINDS for p in entry["parts"])
        assert entry["form"] == "web" or entry.get("derived_from") or entry.get("conversion")


def test_the_set_covers_the_class_of_reports() -> None:
    entries = expectations()
    assert len(entries) >= 40
    assert len({entry["province"] for entry in entries}) >= 10
    assert {"街道", "镇", "乡", "区", "县", "省"} <= {entry["level"] for entry in entries}
    assert set(GENRES) <= {entry["genre"] for entry in entries}
    assert set(FORMS) <= {entry["form"] for entry in entries}
    government = {e["level"] for e in entries if e["genre"] == "政府工作报告"}
    assert {"镇", "乡", "区", "县", "省"} <= government


def test_extraction_succeeds_on_every_report(outcomes: list[Outcome]) -> None:
    failed = [o for o in outcomes if o.error]
    assert not failed, _report(failed, (), "提取失败")


def test_unit_year_genre_and_title_match(outcomes: list[Outcome]) -> None:
    keys = ("unit", "year", "genre", "title")
    wrong = [o for o in outcomes if not all(o.ok(key) for key in keys)]
    assert not wrong, _report(wrong, keys, "单位、年份、体裁或标题与预期不同")


def test_review_and_plan_split_match(outcomes: list[Outcome]) -> None:
    wrong = [o for o in outcomes if not o.ok("split")]
    assert not wrong, _report(wrong, ("split",), "工作情况与工作谋划的划分与预期不同")


def test_draft_keeps_the_text_and_every_figure(outcomes: list[Outcome]) -> None:
    wrong = [o for o in outcomes if o.error or o.kept < MIN_KEPT or o.figures < 1]
    assert not wrong, _report(wrong, ("kept", "figures"), "草稿丢失了原文文字或数字")


def test_heading_trees_match_on_nearly_every_report(outcomes: list[Outcome]) -> None:
    keys = ("tree", "sections")
    wrong = [o for o in outcomes if not (o.ok("tree") and o.ok("sections"))]
    share = 1 - len(wrong) / len(outcomes)
    assert share >= MIN_TREES, _report(
        wrong, keys, f"标题层级一致 {share:.0%}，低于 {MIN_TREES:.0%}"
    )


def test_chrome_ranges_read_as_written() -> None:
    assert chrome_lines("1-3, 7, 9-") >= {1, 2, 3, 7, 9, 10, 5000}
    assert chrome_lines("") == set() and 4 not in chrome_lines("1-3, 7, 9-")
