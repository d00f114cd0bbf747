"""A draft's document tree → the number of pages it will take, estimated on the line grid."""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING

from .tree import Document, Heading, PageBreak, Paragraph, Table, Title

if TYPE_CHECKING:
    from .styles import Profile

MM_TO_PT = 72 / 25.4
_NARROW = re.compile(r"[\u0000-\u1fff]+")
"""Runs of characters that take half a cell on the line grid (digits, Latin letters …)."""


def estimate_pages(document: Document, profile: Profile) -> int:
    """Pages the draft will take, counted on the profile's line grid (about ±1 page).

    Chinese characters take a full cell and digits or Latin letters half of one; each
    paragraph starts a new line, a page break a new page. Word, WPS and LibreOffice may differ
    by a line here and there, so the summary shows this as an estimate.
    """
    from .write.docx import split_title

    page = profile.page
    body_pt = (page.height_mm - page.top_mm - page.bottom_mm) * MM_TO_PT
    per_page = max(1, int(body_pt / profile.grid.line_pitch_pt))
    per_line = profile.grid.chars_per_line
    indent = profile.first_line_chars

    def lines(text: str, first: int = indent) -> int:
        narrow = sum(map(len, _NARROW.findall(text)))
        cells = first + len(text) - 0.5 * narrow
        return max(1, math.ceil(cells / per_line - 1e-9))

    used = 0
    pages = 1
    for block in document.blocks:
        if isinstance(block, Title):
            used += len(split_title(block.text, profile.title_max_chars)) + len(block.notes) + 1
        elif isinstance(block, Heading):
            used += lines(block.number + block.text)
        elif isinstance(block, Paragraph):
            used += lines(block.text)
        elif isinstance(block, Table):
            rows = (block.header, *block.rows) if block.header else block.rows
            used += len(rows) + 1
        elif isinstance(block, PageBreak):
            pages, used = pages + 1, 0
        while used > per_page:
            pages, used = pages + 1, used - per_page
    return pages
