"""Input path → draft: the pipeline as a library (load, validate, derive, render, parse, write).

The CLI is a thin layer over these functions; tests and other programs call them directly.
:func:`check` runs every check without writing and collects all it finds; :func:`build` runs
the same checks first, then writes the draft without ever replacing a draft someone edited.
"""

from __future__ import annotations

import dataclasses
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import jinja2

from .citations import citation_problems, template_problems
from .derive import IndicatorView, derive
from .errors import (
    ErrorGroup,
    InputWarning,
    Location,
    PlaceholderWarning,
    StrictError,
    TemplateError,
    WorkreportError,
    display_path,
)
from .load import Raw, load
from .markup import parse
from .model import Report
from .numbers import PLACEHOLDER_OPEN
from .protect import State, notice, stamped_docx, write_draft
from .render import (
    ENTRY_TEMPLATE,
    TemplateEncodingError,
    make_environment,
    render_fields,
    render_report,
    syntax_message,
    template_dirs,
    unit_key,
)
from .series import YearFiles
from .styles import Profile, load_profile
from .tree import Document, to_text
from .validate import validate, validate_all, walk

if TYPE_CHECKING:
    from .highlights import Highlights
    from .lint.model import Finding
    from .trace import FigureRecord
    from .tree import Annotation

INDICATOR_ATTRIBUTES = frozenset(
    {f.name for f in dataclasses.fields(IndicatorView)}
    | {name for name in dir(IndicatorView) if not name.startswith("_")}
)
"""What ``{{ ind.<id>.<attribute> }}`` may name."""


@dataclass(frozen=True)
class Draft:
    """A parsed draft and what it was made from."""

    input: Path
    report: Report
    markup: str
    document: Document
    profile: Profile
    template_dirs: tuple[Path, ...]

    @property
    def placeholders(self) -> list[str]:
        return self.document.placeholders()

    def default_filename(self) -> str:
        """``××街道2022年工作情况和2023年工作谋划（草稿）.docx``: title, year and stage, cut to a
        length every file system takes (see :func:`workreport.safeio.fit_filename`)."""
        from .safeio import fit_filename

        return fit_filename(self.title_filename())

    def title_filename(self) -> str:
        """The file name the title gives, whatever its length.

        A title without the report's year gets it added (``××工作报告（2022年）``), so the
        drafts of two years never share a name.
        """
        year = self.report.year
        title = self.document.title or f"{self.report.unit.name}{year}年工作报告"
        if str(year) not in title:
            title += f"（{year}年）"
        stage = f"（{self.report.stage}）" if self.report.stage else ""
        return _safe_filename(f"{title}{stage}.docx")


@dataclass(frozen=True)
class BuildResult:
    """Where a build wrote and what it left to fill in.

    ``kept`` is the file asked for when it was kept because a person had edited it (or it was
    not a workreport draft); ``output`` is then the new name written instead.
    """

    output: Path
    draft: Draft
    kept: Path | None = None
    kept_state: State | None = None
    warnings: tuple[WorkreportError, ...] = ()
    comments: int = 0
    """Proofreading comments written into the draft (``review=True``)."""
    figure_comments: int = 0
    """Comments on cited figures (indicator, source, input line) written with ``review=True``."""

    @property
    def placeholders(self) -> list[str]:
        return self.draft.placeholders

    @property
    def notice(self) -> str | None:
        """What to tell a user when their file was kept; None when nothing was kept."""
        if self.kept is None or self.kept_state is None:
            return None
        return notice(self.kept, self.output, self.kept_state)


@dataclass(frozen=True)
class CheckResult:
    """Everything :func:`check` found in one input, and the draft when it could be made."""

    input: Path
    problems: tuple[WorkreportError, ...]
    draft: Draft | None = None

    @property
    def errors(self) -> list[WorkreportError]:
        return [p for p in self.problems if not isinstance(p, InputWarning)]

    @property
    def warnings(self) -> list[WorkreportError]:
        return [p for p in self.problems if isinstance(p, InputWarning)]

    @property
    def exit_code(self) -> int:
        """0 clean, 1 warnings only, 2 errors."""
        return 2 if self.errors else 1 if self.warnings else 0


def read_input(path: Path | str) -> tuple[Raw, Report]:
    """Load and validate one input file."""
    raw = load(path)
    return raw, validate(raw)


def last_year_report(path: Path, report: Report) -> Report | None:
    """``<year-1>.yaml`` beside the input, validated, when it exists."""
    candidate = path.with_name(f"{report.year - 1}{path.suffix}")
    if not candidate.is_file():
        return None
    return read_input(candidate)[1]


def make_draft(path: Path | str, *, templates: Sequence[Path | str] = ()) -> Draft:
    """Run load → validate → derive → render → parse for one input file."""
    path = Path(path)
    raw, report = read_input(path)
    return _draft_with(path, raw, report, templates)


def _draft_with(
    path: Path, raw: Raw, report: Report, templates: Sequence[Path | str] = ()
) -> Draft:
    """The draft of an input already read, with the templates its unit and ``templates`` give."""
    dirs = template_dirs(path, unit_key(path), [Path(t) for t in templates])
    return _draft(path, raw, report, dirs, make_environment(dirs))


def _draft(
    path: Path, raw: Raw, report: Report, dirs: list[Path], env: jinja2.Environment
) -> Draft:
    """derive → render → parse for a validated input."""
    context = _context(path, report)
    rendered = render_fields(report, context, env, raw)
    context = {**context, "report": rendered}
    markup = render_report(context, env, ENTRY_TEMPLATE)
    document = parse(markup, source=f"{path}（渲染结果）")
    profile = load_profile(*_style_overrides(dirs))
    return Draft(path, rendered, markup, document, profile, tuple(dirs))


def _context(path: Path, report: Report) -> dict[str, Any]:
    """The template context of ``report``, with last year's file and every year's series."""
    years = YearFiles(path, report, lambda other: read_input(other)[1])
    return derive(report, last_year_report(path, report), years)


def highlights(path: Path | str, *, templates: Sequence[Path | str] = ()) -> Highlights:
    """The input's chosen headline figures (``highlights:``), written as the draft writes them."""
    from .highlights import headline_figures

    path = Path(path)
    checked = check(path, templates=templates)
    if checked.errors:
        raise checked.errors[0] if len(checked.errors) == 1 else ErrorGroup(checked.errors)
    assert checked.draft is not None
    report = read_input(path)[1]
    context = _context(path, report)
    return headline_figures(report, context["ind"], checked.draft.document.title)


def draft_text(path: Path | str, *, templates: Sequence[Path | str] = ()) -> str:
    """The draft of one input as plain text (headings numbered), for proofreading."""
    return to_text(make_draft(path, templates=templates).document)


def check(path: Path | str, *, templates: Sequence[Path | str] = ()) -> CheckResult:
    """Check one input and the templates it uses, writing nothing; collect every problem.

    Loading stops at the first problem (the rest of a broken file cannot be read). After
    that every problem of the model is reported, then the cross-checks, the templates'
    syntax and citations; the draft is rendered in memory only when nothing was wrong, and
    its placeholders become warnings located at the YAML fields they come from.
    """
    path = Path(path)
    try:
        raw = load(path)
    except WorkreportError as exc:
        return CheckResult(path, (exc,))
    report, errors = validate_all(raw)
    problems: list[WorkreportError] = [*raw.warnings, *errors]
    dirs = template_dirs(path, unit_key(path), [Path(t) for t in templates])
    env = make_environment(dirs)
    problems += _template_problems(env, list(report.indicators) if report else None)
    if report is not None:
        problems += citation_problems(raw, report, INDICATOR_ATTRIBUTES)
    if report is None or any(not isinstance(p, InputWarning) for p in problems):
        return CheckResult(path, tuple(problems))
    try:
        draft = _draft(path, raw, report, dirs, env)
    except WorkreportError as exc:
        return CheckResult(path, (*problems, exc))
    return CheckResult(path, (*problems, *placeholder_warnings(raw, draft)), draft)


def _template_problems(env: jinja2.Environment, ids: list[str] | None) -> list[WorkreportError]:
    """Syntax, encoding and citation problems of every template the input can use."""
    problems: list[WorkreportError] = []
    assert env.loader is not None
    for name in env.list_templates(filter_func=lambda n: n.endswith(".j2")):
        try:
            source, filename, _ = env.loader.get_source(env, name)
        except TemplateEncodingError as exc:
            problems.append(exc)
            continue
        except (jinja2.TemplateNotFound, OSError):
            continue
        file = filename or name
        error = _syntax_error(env, name, source, file)
        if error is not None:
            problems.append(
                TemplateError(
                    f"模板语法错误：{syntax_message(error)}",
                    at=Location(file, error.lineno),
                    hint="检查 {{ }}、{% %} 是否成对，{% if %}/{% for %} 是否有对应的 end 标签。",
                )
            )
            continue
        problems += template_problems(source, file, ids, INDICATOR_ATTRIBUTES)
    return problems


def _syntax_error(
    env: jinja2.Environment, name: str, source: str, file: str
) -> jinja2.TemplateSyntaxError | None:
    """The syntax error of template ``name``, if it has one.

    The template is compiled through ``env``, which keeps it for the render that follows and
    finds it in the bytecode cache next time, so checking costs (almost) nothing. What only
    compiling refuses, such as an unknown filter, is reported where the template is rendered,
    as before: only the parser's verdict counts here.
    """
    try:
        env.get_template(name)
    except jinja2.TemplateAssertionError:
        try:
            env.parse(source, name, file)
        except jinja2.TemplateSyntaxError as exc:
            return exc
    except jinja2.TemplateSyntaxError as exc:
        return exc
    except (jinja2.TemplateNotFound, OSError, TemplateEncodingError):
        pass  # removed or re-saved since it was read: the render will say what it finds
    return None


_PLACEHOLDER = re.compile(re.escape(PLACEHOLDER_OPEN) + r"(?:：[^】]*)?】")


def placeholder_warnings(raw: Raw, draft: Draft) -> list[PlaceholderWarning]:
    """One warning per YAML field whose text still has placeholders, and one for the rest.

    The rest are placeholders the templates wrote (targets, attainment) from missing data.
    """
    warnings = []
    from_fields: Counter[str] = Counter()
    missing = {ind.name: key for key, ind in draft.report.indicators.items() if ind.value is None}
    for path, value in walk(draft.report):
        found = _PLACEHOLDER.findall(value) if isinstance(value, str) else []
        if not found:
            continue
        from_fields.update(found)
        names = [f[len(PLACEHOLDER_OPEN) + 1 : -1] for f in found]
        ids = [missing[n] for n in dict.fromkeys(names) if n in missing]
        hint = (
            "在 " + "、".join(f"indicators.{i}.value" for i in ids) + " 填写数值。"
            if ids
            else "补齐数据或文字后，这里的【待补充】会消失。"
        )
        warnings.append(_placeholder_warning(found, raw.locate(path), hint))
    rest = Counter(draft.placeholders) - from_fields
    if rest:
        found = list(rest.elements())
        hint = "模板根据 indicators 和 targets 生成这些内容：补齐相应的数值即可。"
        warnings.append(_placeholder_warning(found, Location(str(raw.path)), hint))
    return warnings


def _placeholder_warning(found: list[str], at: Location, hint: str) -> PlaceholderWarning:
    names = list(dict.fromkeys(f[len(PLACEHOLDER_OPEN) + 1 : -1] or "（未注明）" for f in found))
    shown = "、".join(names[:5]) + ("……" if len(names) > 5 else "")
    return PlaceholderWarning(f"还有 {len(found)} 处待补充：{shown}", at=at, hint=hint)


def build(
    path: Path | str,
    output: Path | str | None = None,
    *,
    templates: Sequence[Path | str] = (),
    strict: bool = False,
    force: bool = False,
    review: bool = False,
) -> BuildResult:
    """Check and build the .docx draft of one input.

    The previous file at ``output`` survives a failure; a draft edited since it was generated,
    or a file workreport did not write, is kept and the draft goes to a new name (see
    :func:`workreport.protect.free_target`) unless ``force`` is given. ``review`` proofreads the
    draft and writes each finding as a Word comment on its span (:mod:`workreport.review`).
    """
    prepared = prepare(path, templates=templates, strict=strict, review=review)
    draft = prepared.draft
    target = Path(output) if output is not None else Path.cwd()
    target, shortened = _fit_name(target)
    if target.is_dir():
        target, shortened = _fit_name(target / draft.title_filename())
    written, found = write_draft(target, prepared.data, force)
    kept = target if written != target else None
    return BuildResult(
        written,
        draft,
        kept,
        found if kept else None,
        (*prepared.warnings, *shortened),
        prepared.comments,
        prepared.figure_comments,
    )


def _fit_name(target: Path) -> tuple[Path, tuple[InputWarning, ...]]:
    """``target`` with a name short enough for any file system, and a note when it was cut."""
    from .safeio import NAME_BYTES, fit_filename

    fitted = fit_filename(target.name)
    if fitted == target.name:
        return target, ()
    note = InputWarning(
        f"文件名有 {len(target.name.encode())} 字节，超过文件系统的上限，已缩短为“{fitted}”。",
        hint=f"用 -o 指定一个较短的文件名（不超过 {NAME_BYTES} 字节，"
        f"约 {NAME_BYTES // 3} 个汉字）。",
    )
    return target.with_name(fitted), (note,)


@dataclass(frozen=True)
class Prepared:
    """A checked draft as the bytes of its stamped .docx, not yet written anywhere."""

    draft: Draft
    data: bytes
    warnings: tuple[WorkreportError, ...]
    comments: int
    figure_comments: int = 0


def prepare(
    path: Path | str,
    *,
    templates: Sequence[Path | str] = (),
    strict: bool = False,
    review: bool = False,
) -> Prepared:
    """Everything :func:`build` does except writing: the checks, then the .docx in memory."""
    checked = check(path, templates=templates)
    errors = checked.errors
    if errors:
        raise errors[0] if len(errors) == 1 else ErrorGroup(errors)
    draft = checked.draft
    assert draft is not None
    if strict and draft.placeholders:
        shown = "、".join(draft.placeholders[:5]) + ("……" if len(draft.placeholders) > 5 else "")
        raise StrictError(
            f"草稿中还有 {len(draft.placeholders)} 处待补充内容：{shown}",
            hint="在 YAML 中补全这些数据后再构建，或去掉 --strict 先生成草稿。",
        )
    annotations: list[Annotation] = []
    figure_notes: list[Annotation] = []
    if review:
        annotations, figure_notes = _review_annotations(draft)
    notes = sorted([*annotations, *figure_notes], key=lambda a: (a.block, a.start))
    data = stamped_docx(draft.document, draft.profile, notes)
    return Prepared(draft, data, tuple(checked.warnings), len(annotations), len(figure_notes))


def _review_annotations(draft: Draft) -> tuple[list[Annotation], list[Annotation]]:
    """Word comments for ``draft``: proofreading and the cross-year checks, and one on each
    cited figure naming its indicator, source and input line."""
    from .lint.settings import unit_lint_dirs
    from .review import anchor_paragraph, review_annotations
    from .trace import figure_records
    from .tree import Annotation
    from .yearcheck import copied_fields, copied_note, dated_wording, unchanged_ids

    dated = dated_wording(draft.report, draft.document, source=draft.document.source)
    annotations = review_annotations(
        draft.document, data_dirs=unit_lint_dirs(draft.input), extra=dated
    )
    raw = load(draft.input)
    last = _default_last_year(draft.input, draft.report)
    last_report = (
        read_input(last)[1] if last is not None and last.suffix in (".yaml", ".yml") else None
    )
    unchanged = set(unchanged_ids(draft.report, last_report))  # rendering leaves values alone
    figure_notes = []
    for record in figure_records(draft, raw, last_report):
        if record.block is None or record.value is None or record.kind == "直接写出":
            continue
        where = display_path(record.input_line)
        if record.kind == "数值不一致":
            note = f"数值不一致：{record.note}"
        elif record.kind == "目标":
            note = f"目标：{record.text}；数据文件：{where}"
        else:
            note = (
                f"指标：{record.name}（{record.indicator_id}）；"
                f"来源：{record.source or '未注明来源'}；数据文件：{where}"
            )
        if record.indicator_id in unchanged:
            note += f"；数值与{draft.report.year - 1}年相同，请核实"
        figure_notes.append(Annotation(record.block, record.start, record.end, note))
    if last is not None:
        for copied in copied_fields(draft.report, last_year_paragraphs(last)):
            anchored = anchor_paragraph(draft.document, copied.field.text, copied_note(copied))
            if anchored is not None:
                annotations.append(anchored)
    return annotations, figure_notes


def _default_last_year(path: Path, report: Report) -> Path | None:
    candidate = path.with_name(f"{report.year - 1}{path.suffix}")
    return candidate if candidate.is_file() else None


def last_year_paragraphs(path: Path | str) -> list[str]:
    """Last year's paragraphs: the prose of an input file's draft, or a report's lines."""
    from .lint.readers import read_source
    from .yearcheck import prose_fields

    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        return [f.text for f in prose_fields(make_draft(path).report.as_data())]
    return read_source(path).text.split("\n")


def year_check(
    path: Path | str,
    *,
    last_year: Path | str | None = None,
    year: int | None = None,
    threshold: float | None = None,
    templates: Sequence[Path | str] = (),
) -> list[Finding]:
    """The cross-year checks of one input (.yaml) or report (.docx/.txt).

    Review paragraphs nearly the same as last year's, figures that did not change, and
    wording not current in the year it speaks of. Last year is ``last_year`` or, for an input
    file, ``<year-1>.yaml`` beside it; without one only the wording is checked. ``year`` is
    the reviewed year of a report file (read from its title when not given).
    """
    from .lint.outdated import line_years, outdated_findings, report_year
    from .lint.readers import read_source
    from .yearcheck import (
        DEFAULT_SIMILARITY,
        copied_lines,
        copied_paragraphs,
        dated_wording,
        unchanged_figures,
    )

    path = Path(path)
    limit = DEFAULT_SIMILARITY if threshold is None else threshold
    if path.suffix.lower() not in (".yaml", ".yml"):
        source = read_source(path)
        lines = source.text.split("\n")
        reviewed = year if year is not None else report_year(source.text)
        found = []
        if reviewed is not None:
            years = line_years(lines, reviewed)
            found += outdated_findings(lines, years, reviewed, source=source.label)
        if last_year is not None:
            found += copied_lines(
                lines, last_year_paragraphs(last_year), source=source.label, threshold=limit
            )
        return sorted(found, key=lambda f: (f.line, f.col))
    raw, report = read_input(path)
    draft = _draft_with(path, raw, report, templates)
    label = f"{path}（草稿）"
    found = dated_wording(draft.report, draft.document, source=label)
    last_path = Path(last_year) if last_year is not None else _default_last_year(path, report)
    if last_path is not None:
        found += copied_paragraphs(
            draft.report, raw, last_year_paragraphs(last_path), threshold=limit
        )
        if last_path.suffix.lower() in (".yaml", ".yml"):
            found += unchanged_figures(report, raw, read_input(last_path)[1])
    if last_path is None:
        found += unchanged_figures(report, raw, None)
    return found


def figures(path: Path | str, *, templates: Sequence[Path | str] = ()) -> list[FigureRecord]:
    """Every figure in the draft of one input, traced to its indicator, source and YAML line.

    Also the indicators never cited, figures typed into the prose without an indicator, and
    typed figures that give an indicator another value (:mod:`workreport.trace`).
    """
    from .trace import figure_records

    path = Path(path)
    checked = check(path, templates=templates)
    if checked.errors:
        raise checked.errors[0] if len(checked.errors) == 1 else ErrorGroup(checked.errors)
    assert checked.draft is not None
    report = checked.draft.report
    return figure_records(checked.draft, load(path), last_year_report(path, report))


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to ``target`` through :func:`workreport.safewrite.write_bytes`."""
    from .safewrite import write_bytes

    write_bytes(target, data)


def _style_overrides(dirs: Sequence[Path]) -> list[Path]:
    """``style.yaml`` files in the template folders, most general first, so specific ones win."""
    return [d / "style.yaml" for d in reversed(dirs) if (d / "style.yaml").is_file()]


def _safe_filename(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)
