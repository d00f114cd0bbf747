"""Parts of the heading tree → the review, plan and other parts of the YAML input.

Under each heading, the first paragraph without a lead is the section's intro (for a run-in
heading, the text that continues its line); the others become paragraphs (review) or items
(plan); 一是/二是 paragraphs are numbered by the template, and 一是……二是…… inside one
paragraph become that paragraph's items. A review's last paragraph opening with 此外 is its
closing.
"""

from __future__ import annotations

from typing import Any

from .paragraphs import Analysed, Prose, analyse
from .parts import Kind, Node
from .prose import split_inline_items, widen_punctuation
from .sources import Block, Run


def intro_text(paragraphs: list[Block], prose: Prose) -> str | list[str]:
    """A text field: one paragraph as a string, several as a list of strings.

    A table here (a part's opening, where the data has no place for one) is written a row a
    paragraph, its cells separated by a full-width space, so none of its text is lost.
    """
    texts: list[str] = []
    for block in paragraphs:
        if block.kind == "table":
            texts += ["\u3000".join(prose.title(c) for c in row if c) for row in block.cells]
        else:
            texts.append(prose.text(block.runs))
    texts = [t for t in texts if t]
    return texts[0] if len(texts) == 1 else texts


def table_data(block: Block, prose: Prose) -> dict[str, Any]:
    """A table block as the data's ``table``: the first row its header, the others its rows."""
    rows = [[prose.title(cell) for cell in row] for row in block.cells]
    table: dict[str, Any] = {"header": rows[0]}
    if rows[1:]:
        table["rows"] = rows[1:]
    return table


def split_tables(blocks: list[Block]) -> tuple[list[Block], list[tuple[int, Block]]]:
    """Paragraphs apart from tables; each table with the index of the paragraph before it
    (-1 when it comes first)."""
    texts: list[Block] = []
    tables: list[tuple[int, Block]] = []
    for block in blocks:
        if block.kind == "table":
            tables.append((len(texts) - 1, block))
        else:
            texts.append(block)
    return texts, tables


def place_tables(
    entries: list[Any], tables: list[tuple[int, Block]], offset: int, prose: Prose
) -> list[dict[str, Any]]:
    """Put each table after the entry of the paragraph it followed (``offset`` paragraphs
    went elsewhere, as the intro); the tables before the first entry are returned, as
    paragraphs holding only a table."""
    leading: list[dict[str, Any]] = []
    shift = 0
    for after, block in tables:
        table = {"text": "", "table": table_data(block, prose)}
        at = after - offset
        if at < 0:
            leading.append(table)
            continue
        at += shift
        entry = entries[at]
        if isinstance(entry, str):
            entries[at] = {"text": entry, "table": table["table"]}
        elif "table" not in entry:
            entry["table"] = table["table"]
        else:  # a second table after the same paragraph
            entries.insert(at + 1, table)
            shift += 1
    return leading


def build_part(
    node: Node, kind: Kind, title: dict[str, Any], prose: Prose, use_bold: bool
) -> dict[str, Any]:
    """A part: its title fields, intro, sections and (review) closing; the plan's second and
    later opening paragraphs are its 总体要求 (``requirements``) when it has no sections."""
    part = dict(title)
    paragraphs = list(node.paragraphs)
    texts, tables = split_tables(paragraphs)
    if "id" in part and not node.children and len(paragraphs) > 1 and texts:
        # A further part without sections (政府自身建设): its paragraphs keep their leads.
        items = analyse([list(p.runs) for p in texts], use_bold=use_bold)
        offset = 0
        if items[0].enum is None and items[0].lead is None and not any(a < 0 for a, _ in tables):
            part["intro"] = prose.text(items.pop(0).body)
            offset = 1
        # The template closes a further part's leads with ，; a lead ending in 。 keeps it.
        entries = [_entry(item, "，", prose, inline=True) for item in items]
        part["paragraphs"] = place_tables(entries, tables, offset, prose) + entries
        return part
    if paragraphs:
        plan = kind == "plan" and "id" not in part
        if plan and len(paragraphs) > 1 and not node.children and not tables:
            part["intro"] = prose.text(paragraphs[0].runs)
            part["requirements"] = intro_text(paragraphs[1:], prose)
        else:
            part["intro"] = intro_text(paragraphs, prose)
    closing: list[str] = []
    last = len(node.children) - 1
    sections = [
        _section(
            child,
            node.level,
            kind,
            prose,
            use_bold,
            closing if i == last and kind == "review" else None,
        )
        for i, child in enumerate(node.children)
    ]
    if sections:
        part["sections"] = sections
    if closing:
        part["closing"] = closing[0]
    return part


def _section(
    node: Node,
    parent_level: int,
    kind: Kind,
    prose: Prose,
    use_bold: bool,
    closing: list[str] | None,
) -> dict[str, Any]:
    run_in = node.heading is not None and node.heading.run_in
    title = node.title.rstrip("。") if run_in else node.title
    section: dict[str, Any] = {"title": prose.title(title)}
    if node.level > parent_level + 1:
        section["level"] = node.level
    blocks, tables = split_tables(list(node.paragraphs))
    if run_in:
        section["run_in"] = True
    paragraphs = [list(b.runs) for b in blocks]
    closing_runs: list[Run] | None = None
    last = widen_punctuation("".join(r.text for r in paragraphs[-1])) if paragraphs else ""
    if (
        closing is not None
        and not node.children
        and len(paragraphs) > 1
        and last.startswith("此外，")
        and not any(after == len(paragraphs) - 1 for after, _ in tables)
    ):
        closing_runs = paragraphs.pop()
    items = analyse(paragraphs, use_bold=use_bold)
    offset = 0
    table_first = any(after < 0 for after, _ in tables)  # the intro would print above it
    plain_first = bool(items) and items[0].enum is None and items[0].lead is None
    if items and (run_in or (plain_first and not table_first)):
        first = items.pop(0)
        section["intro"] = prose.text(first.runs if run_in else first.body)
        offset = 1
    entries: list[Any] = []
    key = "paragraphs"
    if items:
        sep = "，" if kind == "review" else "。"
        enumerated = any(item.enum for item in items)
        entries = [_entry(item, sep, prose, inline=not enumerated) for item in items]
        if enumerated:
            section["enumerate"] = True
        numbered = any(item.enum for item in items)
        # Inline 一是……二是…… print only inside paragraphs, not inside a section's items.
        inline = any(isinstance(e, dict) and "items" in e for e in entries)
        key = "items" if numbered or (kind == "plan" and not inline) else "paragraphs"
    leading = place_tables(entries, tables, offset, prose)
    if key == "paragraphs":
        entries = leading + entries
    elif leading:
        # The template prints a section's paragraphs before its items.
        section["paragraphs"] = leading
    if entries:
        section[key] = entries
    subsections = [
        _section(child, node.level, kind, prose, use_bold, None) for child in node.children
    ]
    if subsections:
        section["subsections"] = subsections
    if closing_runs is not None and closing is not None:
        closing.append(prose.text(closing_runs))
    return section


def _entry(item: Analysed, sep: str, prose: Prose, *, inline: bool) -> str | dict[str, Any]:
    """A paragraph or item: plain text, a lead and text, or (``inline``) text with inline
    一是 items."""
    entry: dict[str, Any] = {}
    if item.lead:
        lead = prose.text([Run(r.text) for r in item.lead])
        entry["lead"] = lead[: -len(sep)] if lead.endswith(sep) else lead
    body = item.body
    found = split_inline_items(widen_punctuation("".join(r.text for r in body))) if inline else None
    if found is not None:
        head, pieces = found
        entry["text"] = prose.text(_slice(body, 0, head))
        entry["items"] = [prose.text(_slice(body, start, end)) for start, end in pieces]
    else:
        entry["text"] = prose.text(body)
    if list(entry) == ["text"]:
        return str(entry["text"])
    return entry


def _slice(runs: list[Run], start: int, end: int) -> list[Run]:
    """The characters ``start``–``end`` of ``runs``, keeping bold."""
    out: list[Run] = []
    pos = 0
    for run in runs:
        a, b = max(start, pos), min(end, pos + len(run.text))
        if a < b:
            out.append(Run(run.text[a - pos : b - pos], run.bold))
        pos += len(run.text)
    return out
