"""Folders and files of inputs → many drafts at once, built in parallel, one outcome per input.

``find_inputs`` turns what a user typed (``inputs/``, a unit's folder, single files) into the
list of ``<unit>/<year>.yaml`` files; ``build_many`` builds them on every core and places the
drafts in one output folder under their title-based names. A failing input becomes an
:class:`Outcome` with its located message; it never stops the others.

Workers are forked from a parent that has already imported the pipeline and built the styled
base document, so a worker starts warm (on systems without ``fork``, each worker warms itself
once). Each worker hands its draft back as bytes, and the parent writes the files under their
final names only when every name is known, so two units whose titles coincide never
overwrite each other, whatever order they finish in. Nothing is staged on disk: a batch that
is killed leaves no half-made folders behind, only the drafts already written in full.
"""

from __future__ import annotations

import contextlib
import gc
import multiprocessing
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import (
    Executor,
    Future,
    ProcessPoolExecutor,
    ThreadPoolExecutor,
    as_completed,
)
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, replace
from pathlib import Path

from .cores import cpu_count
from .errors import InputError, WorkreportError
from .pagecount import estimate_pages
from .tree import Document, to_text

YEAR_FILE = re.compile(r"^\d{4}\.ya?ml$", re.IGNORECASE)


@dataclass(frozen=True)
class Job:
    """One input to build: where it is, and the build options."""

    index: int
    input: Path
    templates: tuple[Path, ...] = ()
    strict: bool = False
    lint: bool = True
    force: bool = False
    review: bool = False


@dataclass(frozen=True)
class Outcome:
    """What became of one input: the draft and its counts, or the error message."""

    input: Path
    unit: str
    year: int | None = None
    filename: str | None = None
    output: Path | None = None
    pages: int | None = None
    pages_exact: bool = False
    placeholders: int = 0
    lint_findings: int | None = None
    error: str | None = None
    warnings: tuple[str, ...] = ()
    notice: str | None = None
    seconds: float = 0.0
    data: bytes | None = None
    """The draft's .docx until it is written (then None)."""

    @property
    def ok(self) -> bool:
        return self.error is None


def find_inputs(paths: Iterable[Path | str]) -> list[Path]:
    """Input files named by ``paths``: files as given, folders searched for year files.

    A folder may be ``inputs/`` (``<unit>/<year>.yaml`` inside), one unit's folder
    (``<year>.yaml`` inside) or a project holding ``inputs/``. Sorted, without duplicates.
    """
    found: list[Path] = []
    for path in map(Path, paths):
        if path.is_dir():
            files = _year_files(path)
            if not files and (path / "inputs").is_dir():
                files = _year_files(path / "inputs")
            if not files:
                raise InputError(
                    f"在“{path}”中没有找到数据文件。",
                    hint="数据文件应放在 inputs/<单位>/<年份>.yaml，如 inputs/<单位>/2022.yaml。",
                )
            found += files
        elif path.is_file():
            found.append(path)
        else:
            raise InputError(f"找不到输入文件“{path}”。", hint="检查文件名和所在文件夹是否正确。")
    unique: dict[Path, Path] = {}
    for path in found:
        unique.setdefault(path.resolve(), path)
    return sorted(unique.values(), key=lambda p: (str(p.parent), p.name))


def _year_files(folder: Path) -> list[Path]:
    own = [p for p in folder.iterdir() if p.is_file() and YEAR_FILE.match(p.name)]
    nested = [
        p
        for unit in sorted(folder.iterdir())
        if unit.is_dir() and not unit.name.startswith(".")
        for p in unit.iterdir()
        if p.is_file() and YEAR_FILE.match(p.name)
    ]
    return sorted(own) + sorted(nested)


def build_many(
    inputs: Sequence[Path],
    outdir: Path,
    *,
    templates: Sequence[Path] = (),
    strict: bool = False,
    lint: bool = True,
    force: bool = False,
    review: bool = False,
    workers: int | None = None,
    on_start: Callable[[int], None] | None = None,
    on_done: Callable[[Outcome], None] | None = None,
) -> list[Outcome]:
    """Build every input into ``outdir``; outcomes in input order.

    A file already at a draft's name is replaced only when it is an unedited draft (or
    ``force`` is given); otherwise the draft gets a new name, as a single build does.
    ``review`` writes proofreading comments into each draft, as ``build --review`` does.

    ``on_start`` is called with the number of jobs once the workers are running (so a progress
    display can start without forking a process that runs threads); ``on_done`` after each.
    """
    outdir = Path(outdir)
    try:
        outdir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise WorkreportError(f"无法在“{outdir}”中写入文件：{exc.strerror}。") from None
    _remove_old_staging(outdir)
    jobs = [
        Job(i, Path(p), tuple(map(Path, templates)), strict, lint, force, review)
        for i, p in enumerate(inputs)
    ]
    count = min(len(jobs), workers or cpu_count())
    if count <= 1:
        outcomes = _run_here(jobs, on_start, on_done)
    else:
        outcomes = _run_parallel(jobs, count, on_start, on_done)
    return _place(outcomes, jobs, outdir)


_OLD_STAGING = re.compile(r"^\.workreport-[A-Za-z0-9_]{8}$")
_STAGED_DRAFT = re.compile(r"^(\d+\.docx|\.\d+\.docx\.\w+\.tmp)$")
"""A staged draft, or the temporary file of one whose writing was cut short."""


def _remove_old_staging(outdir: Path) -> None:
    """Remove the staging folders (``.workreport-xxxxxxxx``) that killed batches of earlier
    versions left, when they hold nothing but their numbered drafts."""
    try:
        folders = [p for p in outdir.iterdir() if p.is_dir() and _OLD_STAGING.match(p.name)]
        for folder in folders:
            if all(_STAGED_DRAFT.match(f.name) and f.is_file() for f in folder.iterdir()):
                shutil.rmtree(folder, ignore_errors=True)
    except OSError:
        return


def _run_here(
    jobs: list[Job],
    on_start: Callable[[int], None] | None,
    on_done: Callable[[Outcome], None] | None,
) -> list[Outcome]:
    if on_start:
        on_start(len(jobs))
    outcomes = []
    for job in jobs:
        outcomes.append(build_job(job))
        if on_done:
            on_done(outcomes[-1])
    return outcomes


def _run_parallel(
    jobs: list[Job],
    workers: int,
    on_start: Callable[[int], None] | None,
    on_done: Callable[[Outcome], None] | None,
) -> list[Outcome]:
    results, lost = _pool_round(jobs, workers, on_start, on_done)
    if lost:  # a worker died: the jobs it took down go to a fresh pool
        again, lost = _pool_round(lost, workers, None, on_done)
        results.update(again)
    for job in lost:  # it died again: one at a time, so only the culprit is reported
        results[job.index] = outcome = _run_alone(job)
        if on_done:
            on_done(outcome)
    return [results[job.index] for job in jobs]


def _pool_round(
    jobs: list[Job],
    workers: int,
    on_start: Callable[[int], None] | None,
    on_done: Callable[[Outcome], None] | None,
) -> tuple[dict[int, Outcome], list[Job]]:
    """Build ``jobs`` in a pool: their outcomes by index, and the jobs lost to a dead worker.

    When a worker dies (killed, out of memory), every job not yet finished fails with it,
    whichever job caused it.
    """
    results: dict[int, Outcome] = {}
    lost: list[Job] = []
    with _executor(min(workers, len(jobs)), jobs[0].templates) as pool:
        with _frozen():
            futures: dict[Future[Outcome], Job] = {pool.submit(build_job, j): j for j in jobs}
        if on_start:
            on_start(len(jobs))
        for future in as_completed(futures):
            job = futures[future]
            try:
                outcome = future.result()
            except BrokenProcessPool:
                lost.append(job)
                continue
            except Exception as exc:  # could not be handed back: report, go on
                outcome = Outcome(job.input, _unit_guess(job.input), error=f"内部错误：{exc!r}")
            results[job.index] = outcome
            if on_done:
                on_done(outcome)
    return results, sorted(lost, key=lambda j: j.index)


def _run_alone(job: Job) -> Outcome:
    """Build one job in a worker of its own, after its workers died twice; a job that kills
    this one too is reported, and no other unit is lost with it."""
    try:
        with _executor(1, job.templates) as pool:
            with _frozen():
                future = pool.submit(build_job, job)
            return future.result()
    except BrokenProcessPool:
        message = "处理这份数据的进程意外退出（可能是内存不足或被系统结束），这份草稿没有生成。"
    except Exception as exc:
        message = f"内部错误：{exc!r}"
    return Outcome(job.input, _unit_guess(job.input), error=f"{job.input}: {message}")


def _executor(workers: int, templates: tuple[Path, ...]) -> Executor:
    """A process pool whose workers start with the pipeline imported and the base built.

    Its workers start on the first job submitted: submit it under :func:`_frozen`.
    """
    if "fork" in multiprocessing.get_all_start_methods():
        warm_up(templates)  # forked workers inherit all of it
        return ProcessPoolExecutor(workers, mp_context=multiprocessing.get_context("fork"))
    return ProcessPoolExecutor(workers, initializer=_warm_worker, initargs=(templates,))


@contextlib.contextmanager
def _frozen() -> Iterator[None]:
    """Freeze what this process holds while workers are forked from it, then thaw it.

    A forked worker keeps it frozen: the cyclic garbage collector no longer scans the
    imported pipeline after every few drafts (a tenth of a draft's time), and the memory
    pages it would touch stay shared with the parent instead of being copied.
    """
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def _warm_worker(templates: Sequence[Path]) -> None:
    """A started (not forked) worker's set-up: :func:`warm_up`, then freeze what it loaded."""
    warm_up(templates)
    gc.freeze()


def warm_up(templates: Sequence[Path] = ()) -> None:
    """Import the build pipeline and build the default base document in this process."""
    from .api import make_draft  # noqa: F401
    from .styles import load_profile
    from .write.base import base_parts

    base_parts(load_profile())
    lint_text = _lint_function()
    if lint_text is not None:
        lint_text("。", ignore=SUMMARY_IGNORE)


def build_job(job: Job) -> Outcome:
    """Build one input into its staging file; every error becomes the outcome's message."""
    started = time.perf_counter()
    try:
        from .api import prepare
        from .errors import PlaceholderWarning

        result = prepare(job.input, templates=job.templates, strict=job.strict, review=job.review)
        draft = result.draft
        outcome = Outcome(
            job.input,
            draft.report.unit.name,
            draft.report.year,
            filename=draft.default_filename(),
            pages=estimate_pages(draft.document, draft.profile),
            placeholders=len(draft.placeholders),
            lint_findings=_lint_count(draft.document) if job.lint else None,
            # placeholders are counted in the table; other warnings are shown in full
            warnings=tuple(
                w.render() for w in result.warnings if not isinstance(w, PlaceholderWarning)
            ),
            data=result.data,
        )
    except WorkreportError as exc:
        outcome = Outcome(job.input, _unit_guess(job.input), error=exc.render())
    except Exception as exc:  # a bug must not stop the other units, nor show a traceback
        outcome = Outcome(
            job.input, _unit_guess(job.input), error=f"{job.input}: 内部错误：{exc!r}"
        )
    return replace(outcome, seconds=time.perf_counter() - started)


def _unit_guess(path: Path) -> str:
    """A name for an input that failed before its unit was read: its folder and year."""
    return f"{path.parent.name}/{path.stem}"


SUMMARY_IGNORE = ("word.lexicon",)
"""Rules the summary's count leaves to ``lint`` and ``build --review``: the lexicon of
misspellings takes seconds to build on first use and some 150 MB, too much for a count."""


def _lint_function() -> Callable[..., Sequence[object]] | None:
    try:
        from .lint import lint_text
    except ImportError:
        return None
    return lint_text


def _lint_count(document: Document) -> int | None:
    """Number of proofreading findings on the draft's text; None when lint is unavailable."""
    lint_text = _lint_function()
    if lint_text is None:
        return None
    try:
        return len(lint_text(to_text(document), ignore=SUMMARY_IGNORE, draft=True))
    except Exception:  # proofreading is advice: its failure must not fail a written draft
        return None


def _place(outcomes: list[Outcome], jobs: list[Job], outdir: Path) -> list[Outcome]:
    """Write the drafts under their names; coinciding names get the unit folder added."""
    names: dict[int, str] = {}
    taken: dict[str, list[int]] = {}
    for job, outcome in zip(jobs, outcomes, strict=True):
        if outcome.filename:
            taken.setdefault(outcome.filename.casefold(), []).append(job.index)
    used: set[str] = set()
    for job, outcome in zip(jobs, outcomes, strict=True):
        if not outcome.filename:
            continue
        name = outcome.filename
        if len(taken[name.casefold()]) > 1:
            stem = name.removesuffix(".docx")
            folder = job.input.parent.name
            for label in (folder, f"{folder}-{job.input.stem}"):
                name = f"{stem}（{label}）.docx"
                if name.casefold() not in used:
                    break
            serial = 2
            while name.casefold() in used:
                name, serial = f"{stem}（{folder}-{job.input.stem}-{serial}）.docx", serial + 1
        used.add(name.casefold())
        names[job.index] = name

    def place(job: Job, outcome: Outcome) -> Outcome:
        if job.index in names and outcome.data is not None:
            outcome = _write(job, outcome, outdir / names[job.index])
            same = [jobs[i] for i in taken[(outcome.filename or "").casefold()] if i != job.index]
            if same:
                outcome = replace(outcome, notice=_same_title(outcome, same))
        return replace(outcome, data=None)

    # Every draft has a name of its own (and so do the new names of kept files, made from
    # it), so the writes are independent; each waits mostly for the disk to confirm it.
    with ThreadPoolExecutor(WRITERS) as writers:
        return list(writers.map(place, jobs, outcomes))


WRITERS = 4
"""Drafts written at once when a batch places its drafts."""


def _same_title(outcome: Outcome, others: list[Job]) -> str:
    """Says which units and years share a title, and the name each draft got instead."""
    also = "、".join(f"{_unit_guess(job.input)}" for job in others)
    note = (
        f"{outcome.unit} {outcome.year}年的报告标题与 {also} 相同，"
        f"草稿名加上了单位文件夹以示区别：{outcome.output.name if outcome.output else '—'}。"
    )
    return f"{outcome.notice}\n{note}" if outcome.notice else note


def _write(job: Job, outcome: Outcome, target: Path) -> Outcome:
    """Write a draft under its name, keeping a file a person edited (unless forced)."""
    from .protect import notice, write_draft

    assert outcome.data is not None
    try:
        written, found = write_draft(target, outcome.data, job.force)
    except WorkreportError as exc:
        return replace(outcome, error=exc.render())
    kept = notice(target, written, found) if written != target else None
    return replace(outcome, output=written, notice=kept)
