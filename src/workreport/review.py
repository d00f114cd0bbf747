"""Document tree → proofreading findings anchored to block spans (for ``build --review``).

The draft's plain text (:func:`~workreport.tree.text_lines`) is proofread with
:mod:`workreport.lint`; each finding on a heading or paragraph becomes an
:class:`~workreport.tree.Annotation` the writer shows as a Word comment (审校意见).
"""

from __future__ import annotations

from collections.abc import Iterable

from .tree import Annotation, Document, Heading, Paragraph, text_lines

# Placeholders are already highlighted in the draft; a comment on each would only be noise.
DEFAULT_IGNORE = ("leftover.placeholder",)


def review_annotations(
    document: Document, *, ignore: Iterable[str] = DEFAULT_IGNORE
) -> list[Annotation]:
    """Lint the draft and anchor every finding on a heading or paragraph to its span."""
    from .lint import lint_text  # the word lists load only when a review is asked for

    lines = text_lines(document)
    text = "\n".join(line.text for line in lines)
    annotations = []
    for finding in lint_text(text, source=document.source, ignore=list(ignore), draft=True):
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
