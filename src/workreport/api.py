"""Input path → draft: the pipeline as a library (load, validate, derive, render, parse, write).

The CLI is a thin layer over these functions; tests and other programs call them directly.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from .derive import derive
from .errors import StrictError, WriteError
from .load import Raw, load
from .markup import parse
from .model import Report
from .render import (
    ENTRY_TEMPLATE,
    make_environment,
    render_fields,
    render_report,
    template_dirs,
    unit_key,
)
from .styles import Profile, load_profile
from .tree import Document, to_text
from .validate import validate


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
        """``外海街道2022年工作情况和2023年工作谋划（草稿）.docx``."""
        title = self.document.title or f"{self.report.unit.name}{self.report.year}年工作报告"
        stage = f"（{self.report.stage}）" if self.report.stage else ""
        return _safe_filename(f"{title}{stage}.docx")


@dataclass(frozen=True)
class BuildResult:
    """Where a build wrote and what it left to fill in."""

    output: Path
    draft: Draft

    @property
    def placeholders(self) -> list[str]:
        return self.draft.placeholders


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
    context = derive(report, last_year_report(path, report))
    dirs = template_dirs(path, unit_key(path), [Path(t) for t in templates])
    env = make_environment(dirs)
    rendered = render_fields(report, context, env, raw)
    context = {**context, "report": rendered}
    markup = render_report(context, env, ENTRY_TEMPLATE)
    document = parse(markup, source=f"{path}（渲染结果）")
    profile = load_profile(*_style_overrides(dirs))
    return Draft(path, rendered, markup, document, profile, tuple(dirs))


def draft_text(path: Path | str, *, templates: Sequence[Path | str] = ()) -> str:
    """The draft of one input as plain text (headings numbered), for proofreading."""
    return to_text(make_draft(path, templates=templates).document)


def build(
    path: Path | str,
    output: Path | str | None = None,
    *,
    templates: Sequence[Path | str] = (),
    strict: bool = False,
) -> BuildResult:
    """Build the .docx draft of one input; the previous file at ``output`` survives a failure."""
    from .write import write_docx  # python-docx is only imported for commands that write

    draft = make_draft(path, templates=templates)
    if strict and draft.placeholders:
        shown = "、".join(draft.placeholders[:5]) + ("……" if len(draft.placeholders) > 5 else "")
        raise StrictError(
            f"草稿中还有 {len(draft.placeholders)} 处待补充内容：{shown}",
            hint="在 YAML 中补全这些数据后再构建，或去掉 --strict 先生成草稿。",
        )
    target = Path(output) if output is not None else Path.cwd() / draft.default_filename()
    atomic_write(target, write_docx(draft.document, draft.profile))
    return BuildResult(target, draft)


def atomic_write(target: Path, data: bytes) -> None:
    """Write ``data`` to a temporary file beside ``target`` and move it into place."""
    target = Path(target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise WriteError(f"无法在“{target.parent}”中写入文件：{exc.strerror}。") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp creates 0600; a draft is an ordinary file
        os.replace(tmp, target)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        hint = (
            "如果文件正在 Word 或 WPS 中打开，请先关闭。"
            if isinstance(exc, PermissionError)
            else None
        )
        raise WriteError(f"无法写入“{target}”：{exc.strerror}。", hint=hint) from None


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _style_overrides(dirs: Sequence[Path]) -> list[Path]:
    """``style.yaml`` files in the template folders, most general first, so specific ones win."""
    return [d / "style.yaml" for d in reversed(dirs) if (d / "style.yaml").is_file()]


def _safe_filename(name: str) -> str:
    return "".join("_" if ch in '\\/:*?"<>|' else ch for ch in name)
