"""Document tree → proofreading findings anchored to block spans (for ``build --review``).

The draft's plain text (:func:`~workreport.tree.text_lines`) is proofread with
:mod:`workreport.lint`; each finding on a heading or paragraph becomes an
:class:`~workreport.tree.Annotation` the writer shows as a Word comment (审校意见).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from .lint.model import Finding
from .tree import Annotation, Document, Heading, Paragraph, text_lines

# Placeholders are already highlighted in the draft; a comment on each would only be noise.
DEFAULT_IGNORE = ("leftover.placeholder",)


def review_annotations(
    document: Document,
    *,
    ignore: Iterable[str] = DEFAULT_IGNORE,
    data_dirs: Sequence[str] = (),
    extra: Sequence[Finding] = (),
) -> list[Annotation]:
    """Lint the draft and anchor every finding on a heading or paragraph to its span.

    ``data_dirs`` are the unit's lint folders: their word lists extend the built-in ones and
    their ``settings.yaml`` chooses the profile and the rules (see :mod:`workreport.lint.settings`).
    ``extra`` are further findings on the lines of the draft's plain text
    (:func:`~workreport.tree.text_lines`), such as outdated wording.
    """
    from .lint import lint_text, read_settings  # word lists load only when a review is asked for

    settings = read_settings(tuple(data_dirs))
    lines = text_lines(document)
    text = "\n".join(line.text for line in lines)
    found = lint_text(
        text,
        source=document.source,
        select=list(settings.select),
        ignore=[*ignore, *settings.ignore],
        data_dirs=data_dirs,
        profile=settings.profile,
        draft=True,
    )
    return anchor_findings(document, [*found, *extra])


def anchor_findings(document: Document, findings: Iterable[Finding]) -> list[Annotation]:
    """Findings on the draft's plain-text lines → annotations on the blocks' spans."""
    lines = text_lines(document)
    annotations = []
    for finding in findings:
        line = lines[finding.line - 1]
        if not isinstance(document.blocks[line.block], Heading | Paragraph):
            continue
        start = max(finding.col - 1 - line.offset, 0)
        end = max(finding.end_col - 1 - line.offset, start + 1)
        note = f"{finding.message}（{finding.rule_id}）"
        if finding.advice:
            note += f"建议：{finding.advice}"
        annotations.append(Annotation(line.block, start, end, note))
    return annotations


def anchor_paragraph(document: Document, text: str, note: str) -> Annotation | None:
    """An annotation on the whole of the paragraph that contains ``text``; None if none does."""
    for index, block in enumerate(document.blocks):
        if isinstance(block, Paragraph):
            at = block.text.find(text)
            if at >= 0:
                return Annotation(index, at, at + len(text), note)
    return None
