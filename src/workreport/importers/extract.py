"""Last year's report (.txt/.docx) → the data of a YAML input that builds back into its text.

The title block (title lines, subtitle, date line, byline, salutation) goes into its fields and
the opening sentence into ``preface``. The heading tree gives the parts (see :mod:`.parts`):
the review, the plan and any others (a five-year part, 政府自身建设) in ``parts`` with an
``outline``; a report whose top headings are work areas is a single part whose title is not
shown. The final 各位代表！…… paragraph is ``closing_remarks``; 名词解释 and 附件 after the body
are ``appendices``. Unit, year and genre come from :mod:`.identity`; when one cannot be found
the file still gets written, with a highlighted placeholder and a note.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import Location
from . import SourceError
from .identify import (
    guess_kind,
    metadata_title,
    opening_year,
    placeholder_year,
    unit_of,
    year_from_front,
    year_from_parts,
)
from .identity import (
    PLAN_GENRE,
    REVIEW_GENRE,
    genre_of,
    year_in_title,
)
from .paragraphs import Indicator, Prose
from .parts import Kind, Node, Part, part_kind, split_parts, tree
from .prose import comparison_key
from .sections import build_part, intro_text, table_data
from .sources import Block, SourceDoc, read_document
from .textform import Dropped

__all__ = ["Extraction", "extract", "part_kind", "to_yaml"]

_CLOSING_REMARKS = re.compile(r"^(?:各位代表|同志们|各位委员)[！!，,]")
MIN_HAN_SHARE = 0.3
"""A text with fewer Chinese characters than this share of its letters is not a report."""


@dataclass
class Extraction:
    """What :func:`extract` found: the YAML data, its indicators and notes for the user."""

    source: SourceDoc
    data: dict[str, Any]
    indicators: list[Indicator]
    notes: list[str]

    @property
    def dropped(self) -> tuple[Dropped, ...]:
        return self.source.dropped


def extract(
    path: Path | str,
    *,
    year: int | None = None,
    unit_name: str | None = None,
    kind: Kind | None = None,
    fallback_year: int | None = None,
) -> Extraction:
    """Read a report and lay it out as the data of ``inputs/<unit>/<year>.yaml``.

    ``year`` and ``unit_name`` override what is found in the text; ``kind`` says whether a
    text without part headings is a review or a plan; ``fallback_year`` (the output file's
    name) is used when the text names no year.
    """
    path = Path(path)
    if path.suffix.lower() in (".yaml", ".yml"):
        raise SourceError(
            "extract 读取的是已有报告（.docx 或 .txt），不是数据文件。", at=Location(str(path))
        )
    if path.suffix.lower() == ".pdf":
        raise SourceError(
            "extract 不直接读取 PDF。",
            at=Location(str(path)),
            hint="在 PDF 阅读器中全选复制正文，粘贴到记事本另存为 .txt（UTF-8）再提取；"
            "扫描件需先做文字识别（OCR）。",
        )
    doc = read_document(path)
    _check_is_report(doc, path)
    notes: list[str] = []
    root = tree(doc.blocks)
    title = doc.front.title or metadata_title(doc)
    named = doc.front.page_title or title  # the page's heading names unit and year best
    title_year = year_in_title(named) or year_in_title(title)
    parts = split_parts(root, title_year)
    preface: list[Block] = []
    if parts is None:
        chosen = kind or _title_kind(named) or guess_kind(root)
        notes.append(
            f"报告没有“工作情况”“工作谋划”这样的部分标题，按{_KIND_NAMES[chosen]}处理，"
            "分项升为一级标题（show_title: false）。"
        )
        parts = [Part(chosen, chosen, root)]
    else:
        preface = list(root.paragraphs)
    found_year = title_year or year_from_parts(parts) or year_from_front(doc, named)
    if found_year is None and preface:
        found_year = opening_year(preface[0].text, "review")
    if found_year is None and parts[0].node is root and root.paragraphs:
        found_year = opening_year(root.paragraphs[0].text, parts[0].kind)
    chosen_year = year or found_year or fallback_year
    data: dict[str, Any] = {}
    if chosen_year is None:
        chosen_year = placeholder_year(path)
        notes.append(
            f"报告中找不到回顾的年份，暂按 {chosen_year} 年写入；请核对，或用 --year 指定。"
        )
    if year and found_year and year != found_year:
        notes.append(f"报告中的年份是 {found_year}，已按指定的 {year} 写入。")
    unit = unit_of(doc, named, unit_name, notes)
    data["unit"] = unit
    data["year"] = chosen_year
    # Delivered to a congress: a salutation with a byline or a meeting subtitle.
    government = bool(doc.front.salutation) and bool(doc.front.byline or doc.front.subtitle)
    titles = [p.node.title for p in parts]
    data["genre"] = genre_of(named, government, [p.role for p in parts], titles)
    use_bold = any(r.bold for b in doc.blocks if b.kind == "paragraph" for r in b.runs)
    prose = Prose()
    _title_block(doc, title, data, prose)
    if preface:
        data["preface"] = _listed(intro_text(preface, prose))
    remarks = _closing_remarks(parts[-1].node)
    data["indicators"] = {}
    _fill_parts(data, parts, chosen_year, prose, use_bold)
    if remarks:
        data["closing_remarks"] = _listed(intro_text(remarks, prose))
    appendices = _appendices(doc.blocks, prose)
    if appendices:
        data["appendices"] = appendices
    data["indicators"] = {i.id: i.as_yaml(path.name) for i in prose.indicators}
    if not data["indicators"]:
        del data["indicators"]
    placed = _count_tables(data)
    if placed < doc.tables:
        notes.append(
            f"原文中有 {doc.tables - placed} 个表格位于部分开头或结尾，数据中这里只能写文字，"
            "已逐行写成段落（单元格之间空一格）；可改写到分项段落的 table 中。"
        )
    skipped = _level_jumps(doc.blocks)
    if skipped:
        notes.append(f"标题“{skipped[0].text}”比上一级标题低了不止一级，已写明其层级（level）。")
    return Extraction(doc, data, prose.indicators, notes)


_KIND_NAMES = {"review": "工作情况", "plan": "工作谋划"}


def _listed(text: str | list[str]) -> list[str]:
    return [text] if isinstance(text, str) else text


def _count_tables(data: Any) -> int:
    """How many ``table`` entries the data holds."""
    if isinstance(data, dict):
        return ("table" in data) + sum(_count_tables(value) for value in data.values())
    if isinstance(data, list):
        return sum(_count_tables(value) for value in data)
    return 0


def _title_kind(title: str) -> Kind | None:
    """A title naming only a summary (总结) or only a plan (计划, 要点) says which part it is."""
    review, plan = bool(REVIEW_GENRE.search(title)), bool(PLAN_GENRE.search(title))
    if review != plan:
        return "review" if review else "plan"
    return None


def _check_is_report(doc: SourceDoc, path: Path) -> None:
    """A clear message for files that are not a Chinese report at all."""
    text = "".join(b.text for b in doc.blocks) + doc.front.title
    if not text.strip():
        hint = "扫描件请先做文字识别（OCR）；网页请复制正文后另存为 .txt。"
        raise SourceError("报告中没有正文。", at=Location(str(path)), hint=hint)
    han = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff")
    letters = sum(1 for ch in text if ch.isalpha())
    if han < MIN_HAN_SHARE * letters or han < 20:
        raise SourceError(
            "这个文件不像一份中文工作报告：几乎没有汉字。",
            at=Location(str(path)),
            hint="请选择报告本身（.docx 或 .txt），而不是英文材料、表格或其他文件。",
        )
    if len(doc.blocks) > 3 and all(_is_table_row(b.text) for b in doc.blocks[:50]):
        raise SourceError(
            "这个文件看起来是表格（每行都是用逗号或制表符分隔的数据），不是报告正文。",
            at=Location(str(path)),
            hint="指标表请用 workreport import-indicators 导入。",
        )


def _is_table_row(text: str) -> bool:
    return text.count("\t") >= 2 or (text.count(",") >= 2 and "，" not in text and "。" not in text)


def _title_block(doc: SourceDoc, title: str, data: dict[str, Any], prose: Prose) -> None:
    front = doc.front
    if front.title_lines or title:
        lines = [prose.title(line) for line in front.title_lines or [title]]
        data["title"] = lines[0] if len(lines) == 1 else lines
    for key in ("subtitle", "date_line", "byline", "salutation"):
        value = getattr(front, key)
        if value:
            data[key] = value


def _closing_remarks(node: Node) -> list[Block]:
    """Trailing 各位代表！…… paragraphs at the very end of the body, taken out of their node."""
    last = node
    while last.children:
        last = last.children[-1]
    found: list[Block] = []
    for index, block in enumerate(last.paragraphs):
        if _CLOSING_REMARKS.match(block.text) and index > 0:
            found = last.paragraphs[index:]
            del last.paragraphs[index:]
            break
    return found


def _fill_parts(
    data: dict[str, Any], parts: list[Part], year: int, prose: Prose, use_bold: bool
) -> None:
    others: list[dict[str, Any]] = []
    for part in parts:
        titled = part.node.heading is not None
        if part.role in ("review", "plan"):
            default = f"{year}年工作情况" if part.role == "review" else f"{year + 1}年工作谋划"
            title = _part_title(part.node, titled, default, prose)
            data[part.role] = build_part(part.node, part.kind, title, prose, use_bold)
        else:
            title = {"id": part.role, "title": prose.title(part.node.title)}
            others.append(build_part(part.node, part.kind, title, prose, use_bold))
    if others:
        data["parts"] = others
    roles = [p.role for p in parts]
    if others or roles not in (["review", "plan"], ["review"], ["plan"]):
        data["outline"] = [{"part": role} for role in roles]


def _part_title(node: Node, titled: bool, default: str, prose: Prose) -> dict[str, Any]:
    """``show_title: false`` for an untitled part, ``title`` only where it is not the default."""
    if not titled:
        return {"show_title": False}
    if comparison_key(node.title) != comparison_key(default):
        return {"title": prose.title(node.title)}
    return {}


def _appendices(blocks: tuple[Block, ...], prose: Prose) -> list[dict[str, Any]]:
    """名词解释 and 附件 after the body: a title and paragraphs (``term：`` lines are leads)."""
    found: list[dict[str, Any]] = []
    lead = ""
    for block in blocks:
        if block.kind == "appendix":
            found.append({"title": block.text or block.number, "paragraphs": []})
            lead = ""
        elif found and block.kind == "table":
            entries: list[Any] = found[-1]["paragraphs"]
            table = table_data(block, prose)
            last = entries[-1] if entries and not lead else None
            if isinstance(last, str):
                entries[-1] = {"text": last, "table": table}
            elif isinstance(last, dict) and "table" not in last:
                last["table"] = table
            else:
                entries.append({"lead": lead, "table": table} if lead else {"table": table})
                lead = ""
        elif found and block.kind == "paragraph":
            paragraphs: list[Any] = found[-1]["paragraphs"]
            text = prose.text(block.runs)
            if text.endswith(("：", ":")) and len(text) <= 30:
                lead = text
                continue
            paragraphs.append({"lead": lead, "text": text} if lead else text)
            lead = ""
    for appendix in found:
        if not appendix["paragraphs"]:
            del appendix["paragraphs"]
    return found


def _level_jumps(blocks: tuple[Block, ...]) -> list[Block]:
    """Headings more than one level below the heading before them (一、 then 1.)."""
    jumps = []
    level = 0
    for block in blocks:
        if block.kind == "heading":
            if level and block.level > level + 1:
                jumps.append(block)
            level = block.level
    return jumps


def to_yaml(extraction: Extraction) -> str:
    """The YAML input file: a header comment, then the data; each indicator says where it was."""
    from .yamlio import commented, dump, flow_tables, make_yaml

    data = commented(extraction.data)
    flow_tables(data)
    source = extraction.source.path.name
    data.yaml_set_start_comment(
        f"由 workreport extract 从“{source}”提取。请核对：\n"
        "- 只有带单位、有名称的数字写成了指标，拿不准的数字留在正文里；指标名称由数字前的文字\n"
        "  生成，id 由名称中的常见词译成英文、其余写成拼音，同名指标每年 id 相同，可以改；\n"
        "- 每个指标上方的注释是它在原文中的上下文，核对无误后可以删去；\n"
        '- 原文删节处（****）写成 {{ todo("原文删节") }}，草稿中显示为【待补充：原文删节】。'
    )
    indicators = data.get("indicators")
    if indicators:
        for indicator in extraction.indicators:
            indicators.yaml_set_comment_before_after_key(
                indicator.id, before=f"原文：……{indicator.context}……", indent=2
            )
    return dump(data, make_yaml())
