"""The development corpus (``shared/corpus/provincial-2026``) → the body text of each report.

Each corpus file is a short header (``key: value`` lines), one blank line, then the page text as
scraped: page chrome at the top (来源, 时间, 字号, the byline), the report, page chrome at the
bottom (相关报道, 分享到, 收藏). The body runs from the first 各位代表 line to the last line
that still reads as report text. Benchmarks use the body: nearly every finding in it is a
false alarm, since these texts went through professional editing.

The corpus sits beside the repository (``../shared/corpus``), as it does on the development
machines and in CI; :func:`corpus_dir` says clearly when it is missing.
"""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CORPUS_SET = "provincial-2026"
_GREETING_RE = re.compile(r"^各位代表[：:！!，,]")
_SENTENCE_END = tuple("。！？；：”）")
SHORTEST_BODY_LINE = 20
"""A trailing line this long, or ending as a sentence does, is report text, not page chrome."""


class CorpusMissing(FileNotFoundError):
    """The corpus folder beside the repository is not there."""


@dataclass(frozen=True)
class Report:
    """One corpus report: its file name and the body text (lines joined by ``\\n``)."""

    name: str
    body: str


def corpus_dir(repo_root: Path = ROOT) -> Path:
    """``<repo_root>/../shared/corpus/provincial-2026``; :class:`CorpusMissing` if absent.

    ``WORKREPORT_CORPUS`` names another corpus folder; a checkout kept one level deeper
    (a worktree under ``<project>/wt/``) finds the ``shared/`` of the folder above.
    """
    override = os.environ.get("WORKREPORT_CORPUS")
    if override:
        candidates = [Path(override) / CORPUS_SET, Path(override)]
    else:
        parents = Path(repo_root).resolve().parents
        candidates = [p / "shared" / "corpus" / CORPUS_SET for p in list(parents)[:2]]
    for folder in candidates:
        if folder.is_dir() and any(folder.glob("*.txt")):
            return folder
    raise CorpusMissing(
        f"corpus not found: {candidates[0]} (a copy of shared/ is expected beside the repository,"
        " or set WORKREPORT_CORPUS)"
    )


def page_text(raw: str) -> str:
    """The scraped page text of a corpus file: everything after the header's blank line."""
    _, sep, rest = raw.replace("\r\n", "\n").partition("\n\n")
    return rest if sep else raw


def body_text(page: str) -> str:
    """From the first 各位代表 line to the last line that reads as report text."""
    lines = page.split("\n")
    start = next((i for i, line in enumerate(lines) if _GREETING_RE.match(line.strip())), 0)
    end = len(lines)
    while end > start:
        line = lines[end - 1].strip()
        if len(line) >= SHORTEST_BODY_LINE or line.endswith(_SENTENCE_END[:3]):
            break
        end -= 1
    return "\n".join(lines[start:end])


def load_reports(repo_root: Path = ROOT) -> list[Report]:
    """Every report of the corpus set, sorted by file name, as body text."""
    folder = corpus_dir(repo_root)
    return [
        Report(path.name, body_text(page_text(path.read_text(encoding="utf-8"))))
        for path in sorted(folder.glob("*.txt"))
    ]


def load_pages(repo_root: Path = ROOT) -> list[Report]:
    """Every report of the corpus set with its page chrome (everything after the header)."""
    folder = corpus_dir(repo_root)
    return [
        Report(path.name, page_text(path.read_text(encoding="utf-8")))
        for path in sorted(folder.glob("*.txt"))
    ]
