"""The body of a Word report in reading order: paragraphs, and tables as rows of cell texts.

A table with a single column is the page's layout (a frame around the whole report, a boxed
paragraph), not a table of the report: its cells' paragraphs and tables are read as body
content in their place. Any other table is read as rows of cell texts, one text per grid
column; a merged cell is read once, in its first row and column, and the cells it covers are
empty; a table nested in a cell gives its text to that cell.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import TYPE_CHECKING

from ..safeio import strip_controls

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table, _Cell
    from docx.text.paragraph import Paragraph

Rows = list[list[str]]


def body_items(container: Document | _Cell) -> Iterator[Paragraph | Rows]:
    """Paragraphs and (as rows) tables of ``container``, in order; layout tables unwrapped."""
    from docx.text.paragraph import Paragraph

    for content in container.iter_inner_content():
        if isinstance(content, Paragraph):
            yield content
        elif len(content.columns) <= 1:
            for cell in _distinct_cells(content):
                yield from body_items(cell)
        else:
            rows = table_rows(content)
            if rows:
                yield rows


def table_rows(table: Table) -> Rows:
    """``table``'s rows of cell texts (see the module docstring); rows without text are left
    out."""
    seen: dict[int, object] = {}  # keeps each element alive, so its id stays its own
    rows: Rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            if id(cell._tc) in seen:
                cells.append("")
                continue
            seen[id(cell._tc)] = cell._tc
            cells.append(cell_text(cell))
        if any(cells):
            rows.append(cells)
    return rows


def cell_text(cell: _Cell) -> str:
    """All text of a cell, its paragraphs and nested tables run together."""
    from docx.oxml.ns import qn

    text = "".join(node.text or "" for node in cell._tc.iter(qn("w:t")))
    return strip_controls(text).replace("\t", " ").strip()


def _distinct_cells(table: Table) -> Iterator[_Cell]:
    """Each cell of ``table`` once, row by row (a merged cell is listed once)."""
    seen: dict[int, object] = {}
    for row in table.rows:
        for cell in row.cells:
            if id(cell._tc) not in seen:
                seen[id(cell._tc)] = cell._tc
                yield cell
