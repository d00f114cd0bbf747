"""The conformance set of real reports (``tests/fixtures/real``) → the report text of each.

A second set of professionally published reports for the lint benchmarks, to tell a rule that
works for the class of reports from one fitted to the development corpus. Of the set, only the
reports as published are read (``*.txt`` without ``derived_from``: the PDF and Word copies
made from them would count the same text twice), with the page chrome their hand-written
expectation lists (``chrome``, ``chrome_prefixes``) left out. The 15 provincial reports
(``sheng-*``) are the corpus reports again, cut by hand rather than from 各位代表 on; the
other 20 (街道, 镇, 乡, 区, 县) are held out from all tuning.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent
REAL = ROOT / "tests" / "fixtures" / "real"
PROVINCIAL = "sheng-"


def chrome_lines(spec: str | None) -> set[int]:
    """Line numbers from ``"1-9, 12, 120-"`` (an open range runs to the end of the file)."""
    numbers: set[int] = set()
    for piece in (spec or "").replace(" ", "").split(","):
        if piece:
            first, _, last = piece.partition("-")
            end = int(last) if last else (10**6 if "-" in piece else int(first))
            numbers.update(range(int(first), end + 1))
    return numbers


def _text(entry: dict[str, Any]) -> str:
    skip = chrome_lines(entry.get("chrome"))
    prefixes = tuple(entry.get("chrome_prefixes") or ())
    kept = []
    for number, line in enumerate((REAL / entry["file"]).read_text("utf-8").splitlines(), 1):
        if number not in skip:
            prefix = next((p for p in prefixes if line.startswith(p)), "")
            kept.append(line[len(prefix) :])
    return "\n".join(kept)


def load_real(local_only: bool = False) -> list[tuple[str, str]]:
    """(file name, text) of every report of the set as published, sorted by file name, without
    its page chrome; with ``local_only`` the provincial reports (the corpus again) are left out."""
    entries: list[dict[str, Any]] = []
    for path in sorted(REAL.glob("expected-*.yaml")):
        entries += yaml.safe_load(path.read_text("utf-8")) or []
    return [
        (str(entry["file"]), _text(entry))
        for entry in sorted(entries, key=lambda e: str(e["file"]))
        if not entry.get("derived_from")
        and str(entry["file"]).endswith(".txt")
        and not (local_only and str(entry["file"]).startswith(PROVINCIAL))
    ]
