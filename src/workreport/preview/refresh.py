"""Input → draft → PDF → page images, and what is still to do, for one preview refresh.

A refresh that fails (bad YAML, an unknown indicator) keeps the last good pages and marks
them out of date, with the located Chinese message; the next good save recovers.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..errors import Location, PlaceholderWarning, WorkreportError, display_path
from .office import Office
from .pages import PageImages

DRAFT_NAME = "draft.docx"


@dataclass
class State:
    """What the page shows; replaced whole under a lock, read by the server's threads."""

    version: int = 0
    pages: list[dict[str, int]] = field(default_factory=list)
    problems: list[dict[str, Any]] = field(default_factory=list)
    error: str | None = None
    stale: bool = False
    building: bool = True
    seconds: float = 0.0
    drawn: int = 0
    warm: bool = False
    title: str = ""


class Preview:
    """The preview of one input: builds into ``folder`` and keeps :attr:`state` current."""

    def __init__(
        self, input_path: Path, templates: Sequence[Path], office: Office, folder: Path
    ) -> None:
        self.input_path = input_path
        self.templates = tuple(templates)
        self.office = office
        self.folder = folder
        self.images = PageImages(folder)
        self.lock = threading.Lock()
        self.state = State(warm=office.warm)

    @property
    def draft_path(self) -> Path:
        return self.folder / DRAFT_NAME

    def snapshot(self) -> dict[str, Any]:
        with self.lock:
            return dict(vars(self.state))

    def refresh(self, *, layout_changed: bool = False) -> None:
        """Build, convert and draw; on a mistake keep the last pages and show the message."""
        from ..render import clear_caches
        from ..styles import clear_profile_cache

        clear_profile_cache()
        clear_caches()
        with self.lock:
            self.state.building = True
        started = time.perf_counter()
        try:
            problems, title = self._build_and_draw(layout_changed)
        except WorkreportError as exc:
            with self.lock:
                self.state.error = exc.render()
                self.state.stale = bool(self.state.pages)
                self.state.building = False
                self.state.version += 1
            return
        pages = [{"number": p.number, "version": p.version} for p in self.images.pages]
        with self.lock:
            self.state = State(
                version=self.state.version + 1,
                pages=pages,
                problems=problems,
                seconds=round(time.perf_counter() - started, 3),
                drawn=self.images.drawn,
                warm=self.office.warm,
                title=title,
                building=False,
            )

    def _build_and_draw(self, layout_changed: bool) -> tuple[list[dict[str, Any]], str]:
        from ..api import prepare
        from ..safewrite import write_bytes

        prepared = prepare(self.input_path, templates=self.templates)
        write_bytes(self.draft_path, prepared.data)
        # Proofreading runs while LibreOffice converts and the pages are drawn (other
        # processes): the refresh takes the longer of the two, not their sum.
        with ThreadPoolExecutor(max_workers=1) as pool:
            proofread = pool.submit(self._findings, prepared.draft)
            pdf = self.office.convert(self.draft_path, self.folder)
            self.images.update(pdf, redraw_all=layout_changed)
            findings = proofread.result()
        problems = [self._warning(w) for w in prepared.warnings]
        problems += [{**item, "page": self.images.page_of(snippet)} for item, snippet in findings]
        return problems, prepared.draft.document.title

    def _warning(self, warning: WorkreportError) -> dict[str, Any]:
        kind = "待补充" if isinstance(warning, PlaceholderWarning) else "检查"
        page = None
        if isinstance(warning, PlaceholderWarning):
            first = warning.message.split("：", 1)[-1].split("、")[0].rstrip("…")
            page = self.images.page_of(f"【待补充：{first}】") or self.images.page_of(first)
        return _problem(kind, warning.message, warning.at, page, warning.hint)

    def _findings(self, draft: Any) -> list[tuple[dict[str, Any], str]]:
        """Proofreading findings, each placed at its YAML field, with the words around it (to
        find its page once the pages are drawn)."""
        from ..lint import lint_text
        from ..load import load
        from ..tree import to_text
        from ..validate import walk

        text = to_text(draft.document)
        lines = text.split("\n")
        raw = load(self.input_path)
        fields = [(path, value) for path, value in walk(draft.report) if isinstance(value, str)]
        problems = []
        for finding in lint_text(text, source="草稿", draft=True):
            line = lines[finding.line - 1] if finding.line <= len(lines) else ""
            snippet = line[max(0, finding.col - 6) : finding.end_col + 5]
            path = next((p for p, value in fields if snippet and snippet in value), None)
            at = raw.locate(path) if path is not None else Location(str(self.input_path))
            item = _problem(
                "校对", f"{finding.message}（{finding.rule_id}）", at, None, finding.advice
            )
            problems.append((item, snippet))
        return problems


def _problem(
    kind: str, message: str, at: Location | None, page: int | None, hint: str | None
) -> dict[str, Any]:
    return {
        "kind": kind,
        "message": message,
        "file": display_path(at.file) if at is not None else "",
        "line": at.line if at is not None else None,
        "page": page,
        "hint": hint or "",
    }
