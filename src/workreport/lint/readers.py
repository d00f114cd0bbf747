"""Files (.txt, .docx, .yaml) → text for lint, one paragraph a line; corrected text → files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from ..errors import Location
from ..safeio import open_docx, read_text
from ..safewrite import write_bytes
from .chars import is_han
from .engine import lint_text
from .model import Finding, LintInputError, Profile

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import _Cell

YAML_SUFFIXES = (".yaml", ".yml")
DAMAGED_UTF8 = "utf-8-damaged"
"""What :func:`workreport.textfile.decode` calls UTF-8 with a few broken bytes."""


@dataclass(frozen=True)
class Source:
    """A file's text as lint sees it, with what is needed to write a corrected copy back."""

    path: Path
    text: str
    encoding: str
    """The encoding a corrected copy is written in (the file's own for text files)."""
    editable: bool
    """Whether the text is the file itself, intact, so it may be corrected in place."""

    @property
    def draft(self) -> bool:
        """Whether the text is the draft a YAML input builds."""
        return self.path.suffix.lower() in YAML_SUFFIXES

    @property
    def label(self) -> str:
        """How findings name the text: the path, marked when it is a YAML input's draft."""
        return (
            f"{self.path}（草稿）" if self.path.suffix.lower() in YAML_SUFFIXES else str(self.path)
        )


def read_text_file(path: str | Path) -> str:
    """Decode a text file: UTF-8 (with or without BOM), UTF-16 with BOM, else GB18030.

    Raises :class:`LintInputError` when the file cannot be read or decoded.
    """
    return _decode_file(Path(path))[0]


def _decode_file(path: Path) -> tuple[str, str]:
    return read_text(path, LintInputError)


def _join_soft_breaks(text: str) -> str:
    """A manual line break inside a paragraph → nothing between Chinese, a space otherwise."""
    if "\n" not in text:
        return text
    parts = text.split("\n")
    out = parts[0]
    for part in parts[1:]:
        glue = "" if (out and is_han(out[-1])) or (part and is_han(part[0])) else " "
        out += glue + part
    return out


def read_docx(path: str | Path) -> str:
    """The text of a .docx: one paragraph a line, table cells paragraph by paragraph in order."""
    document = open_docx(Path(path), LintInputError)
    lines: list[str] = []
    _collect(document, lines, set())
    return "\n".join(lines)


def _collect(container: Document | _Cell, lines: list[str], seen: set[object]) -> None:
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    for block in container.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(_join_soft_breaks(block.text))
        elif isinstance(block, Table):
            for row in block.rows:
                for cell in row.cells:
                    # A merged cell comes back once per grid cell it spans (as a new proxy each
                    # time when merged down): its <w:tc> element tells the copies apart.
                    if cell._tc not in seen:
                        seen.add(cell._tc)
                        _collect(cell, lines, seen)


DraftReader = Callable[[Path], str]
"""A YAML input → its draft's plain text (:func:`workreport.api.draft_text`).

Lint does not build drafts itself: the pipeline that builds them also proofreads them
(``build --review``), so the caller hands the builder in and the import graph stays a tree.
"""


def read_draft(path: str | Path, draft: DraftReader | None = None) -> str:
    """The plain text of the draft that a YAML input file produces, through ``draft``."""
    if draft is None:
        raise LintInputError(
            "检查 YAML 输入需要先生成草稿文本",
            at=Location(str(path)),
            hint="用命令 workreport lint 检查，或在程序中传入 draft=workreport.api.draft_text。",
        )
    return draft(Path(path))


def read_source(path: str | Path, draft: DraftReader | None = None) -> Source:
    """The text lint checks for ``path``, chosen by its suffix (.docx, .yaml/.yml, else text).

    ``draft`` builds a YAML input's draft text (see :data:`DraftReader`).
    """
    path = Path(path)
    suffix = path.suffix.lower()
    if not path.exists():
        raise LintInputError("文件不存在", at=Location(str(path)))
    if path.is_dir():
        raise LintInputError("这是一个文件夹，不是文件", at=Location(str(path)))
    if suffix == ".docx":
        return Source(path, read_docx(path), "utf-8", editable=False)
    if suffix == ".doc":
        raise LintInputError(
            "不支持旧版 .doc 文件", at=Location(str(path)), hint="请在 Word 或 WPS 中另存为 .docx。"
        )
    if suffix in YAML_SUFFIXES:
        return Source(path, read_draft(path, draft), "utf-8", editable=False)
    text, encoding = _decode_file(path)
    if encoding == DAMAGED_UTF8:
        # Broken bytes read as U+FFFD: a corrected copy is fine, overwriting would lose them.
        return Source(path, text, "utf-8", editable=False)
    return Source(path, text, encoding, editable=True)


def read_any(path: str | Path, draft: DraftReader | None = None) -> str:
    """The text lint checks for ``path`` (see :func:`read_source`)."""
    return read_source(path, draft).text


def fixed_path(path: str | Path) -> Path:
    """Where a corrected copy goes, beside the file.

    ``报告.txt`` → ``报告.fixed.txt`` (a text file keeps its suffix); ``报告.docx`` and
    ``2022.yaml`` → ``报告.docx.fixed.txt``, ``2022.yaml.fixed.txt`` (their text is plain text).
    """
    path = Path(path)
    if path.suffix.lower() in (".docx", *YAML_SUFFIXES) or not path.suffix:
        return path.with_name(f"{path.name}.fixed.txt")
    return path.with_name(f"{path.stem}.fixed{path.suffix}")


def write_text_atomic(path: str | Path, text: str, encoding: str = "utf-8") -> None:
    """Write ``text`` in ``encoding`` through a temporary file and a rename (never half-written).

    Newlines are written as they are in ``text``; a failure raises a ``WriteError``.
    """
    write_bytes(Path(path), text.encode(encoding))


def lint_path(
    path: str | Path,
    *,
    select: str | Iterable[str] | None = None,
    ignore: str | Iterable[str] | None = None,
    data_dirs: Sequence[str] = (),
    profile: Profile = "default",
    draft: DraftReader | None = None,
) -> list[Finding]:
    """Proofread a .txt, .docx or .yaml file; findings name the file as their source.

    A .yaml input is proofread through its draft, which ``draft`` builds (see :data:`DraftReader`).
    """
    source = read_source(path, draft)
    return lint_text(
        source.text,
        source=source.label,
        select=select,
        ignore=ignore,
        data_dirs=data_dirs,
        profile=profile,
        draft=source.draft,
    )
