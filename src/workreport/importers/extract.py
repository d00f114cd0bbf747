"""Last year's report (.txt/.docx) → the data of a YAML input that builds back into its text.

The heading tree gives the parts and sections: two top headings named like 2022年工作情况 and
2023年工作谋划 are the review and plan parts; otherwise the top headings are the sections of a
single part whose title is not shown (a plan-only text of 工程 sections with 一是…二是…
items). Under each heading, the first paragraph without a lead is the section's intro; the
others become paragraphs (review) or items (plan), 一是/二是 items are numbered by the
template, and a review's last paragraph opening with 此外 is its closing. Figures become
indicators.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from ..errors import Location
from . import SourceError
from .paragraphs import Analysed, Indicator, Prose, analyse
from .prose import comparison_key, widen_punctuation
from .sources import Block, Run, SourceDoc, read_document

Kind = Literal["review", "plan"]
_REVIEW_WORDS = re.compile(r"工作情况|工作回顾|回顾|总结|工作成效|主要成绩|主要工作")
_PLAN_WORDS = re.compile(r"谋划|计划|打算|思路|安排|要点|展望|工作任务|目标任务")
_YEAR = re.compile(r"(\d{4})年")
_OPENING_YEAR = re.compile(r"^(\d{4})年(是|以来|，|,|全年|上半年)?")
_UNIT_SUFFIXES = (("街道", "镇", "乡"), ("区", "县"))
_NOT_IN_NAME = set("全本各该此我市省县镇乡街道的和在把与起")
_NOT_AFTER = set("村镇街域级长里")


def _pairs(text: str) -> frozenset[str]:
    """Two-character words written one after another."""
    return frozenset(text[i : i + 2] for i in range(0, len(text), 2))


# Verbs that often stand before 街道 (推动街道……), and words that end in a unit suffix.
_VERBS = _pairs(
    "发挥打造深化组织构建优化理顺完成推动推进推行加快开展保留贡献指引凝聚部署挖掘"
    "落户建设服务带领全面持续实现提升围绕立足聚焦支持引导打响"
)
_COMMON_WORDS = _pairs(
    "城乡镇乡下乡返乡家乡故乡老乡小镇城镇乡镇重镇社区园区片区辖区景区湾区市区地区"
    "街区校区验区范区发区郊县"
)
_PLAN_MARKERS = ("力争", "将", "谋划", "推动", "加快", "要")
_REVIEW_MARKERS = ("完成", "取得", "实现了", "获得", "成功", "累计", "荣获", "建成")


@dataclass
class Node:
    """A heading with the paragraphs under it and its subheadings (the root has no heading)."""

    heading: Block | None
    level: int
    paragraphs: list[Block] = field(default_factory=list)
    children: list[Node] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.heading.text if self.heading else ""


@dataclass
class Extraction:
    """What :func:`extract` found: the YAML data, its indicators and notes for the user."""

    source: SourceDoc
    data: dict[str, Any]
    indicators: list[Indicator]
    notes: list[str]


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
    doc = read_document(path)
    if not doc.blocks:
        raise SourceError("报告中没有正文。", at=Location(str(path)))
    notes: list[str] = []
    if doc.tables:
        notes.append(f"原文中的 {doc.tables} 个表格没有提取，请在模板或数据中另行补上。")
    root = _tree(doc.blocks)
    skipped = _level_jumps(doc.blocks)
    if skipped:
        notes.append(
            f"标题“{skipped[0].text}”比上一级标题低了不止一级；草稿按层级连续编号，序号会与原文不同。"
        )
    parts = _parts(root, kind, notes)
    found_year = _year(parts, notes)
    chosen_year = year or found_year or fallback_year
    if chosen_year is None:
        raise SourceError(
            "无法从报告中确定年份。", at=Location(str(path)), hint="用 --year 指定回顾的年份。"
        )
    if year and found_year and year != found_year:
        notes.append(f"报告中的年份是 {found_year}，已按指定的 {year} 写入。")
    text = "\n".join(b.text for b in doc.blocks)
    unit = _unit(unit_name or _find_unit(text), path)
    use_bold = any(r.bold for b in doc.blocks if b.kind == "paragraph" for r in b.runs)
    prose = Prose()
    data: dict[str, Any] = {"unit": unit, "year": chosen_year}
    if doc.title:
        data["title"] = prose.title(doc.title)
    data["indicators"] = {}
    for part_kind, node, titled in parts:
        builder = _review if part_kind == "review" else _plan
        data[part_kind] = builder(node, titled, chosen_year, prose, use_bold)
    data["indicators"] = {i.id: i.as_yaml(path.name) for i in prose.indicators}
    if not data["indicators"]:
        del data["indicators"]
    return Extraction(doc, data, prose.indicators, notes)


def _tree(blocks: tuple[Block, ...]) -> Node:
    root = Node(None, 0)
    stack = [root]
    for block in blocks:
        if block.kind == "heading":
            while stack[-1].level >= block.level:
                stack.pop()
            node = Node(block, block.level)
            stack[-1].children.append(node)
            stack.append(node)
        else:
            stack[-1].paragraphs.append(block)
    return root


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


def part_kind(title: str) -> Kind | None:
    """``2022年工作情况`` → review, ``2023年工作谋划`` → plan, anything else → None."""
    if _PLAN_WORDS.search(title):
        return "plan"
    if _REVIEW_WORDS.search(title):
        return "review"
    return None


def _parts(root: Node, kind: Kind | None, notes: list[str]) -> list[tuple[Kind, Node, bool]]:
    """(kind, node, title shown) for each part of the report."""
    tops = root.children
    kinds = [part_kind(n.title) for n in tops]
    is_parts = (
        1 <= len(tops) <= 2
        and all(kinds)
        and len(set(kinds)) == len(kinds)
        and all(_YEAR.search(n.title) or n.children for n in tops)
    )
    if not is_parts:
        chosen = kind or _guess_kind(root)
        notes.append(
            f"报告没有“工作情况”“工作谋划”这样的部分标题，按{_KIND_NAMES[chosen]}处理，"
            "分项升为一级标题（show_title: false）。"
        )
        return [(chosen, root, False)]
    parts = [(k, n, True) for k, n in zip(kinds, tops, strict=True) if k is not None]
    if root.paragraphs:
        notes.append(f"第一个部分标题之前的 {len(root.paragraphs)} 段已并入该部分的总述。")
        parts[0][1].paragraphs[:0] = root.paragraphs
    if [k for k, _, _ in parts] == ["plan", "review"]:
        notes.append("原文先谋划后回顾；模板先写工作情况，再写工作谋划。")
    return parts


_KIND_NAMES = {"review": "工作情况", "plan": "工作谋划"}


def _guess_kind(root: Node) -> Kind:
    """A text without part headings: 2023年是…… opens a plan, 2022年，…… a review."""
    first = root.paragraphs[0].text if root.paragraphs else ""
    match = _OPENING_YEAR.match(first)
    if match and match.group(2) == "是":
        return "plan"
    if match and match.group(2):
        return "review"
    text = "\n".join(b.text for b in _all_paragraphs(root))
    plan = sum(text.count(w) for w in _PLAN_MARKERS)
    review = sum(text.count(w) for w in _REVIEW_MARKERS)
    return "plan" if plan > review else "review"


def _all_paragraphs(node: Node) -> list[Block]:
    found = list(node.paragraphs)
    for child in node.children:
        found += _all_paragraphs(child)
    return found


def _year(parts: list[tuple[Kind, Node, bool]], notes: list[str]) -> int | None:
    """The review year: from a part title (2023年工作谋划 → 2022) or a part's first sentence."""
    years: list[int] = []
    for kind, node, titled in parts:
        text = node.title if titled else (node.paragraphs[0].text if node.paragraphs else "")
        match = _YEAR.search(text) if titled else _OPENING_YEAR.match(text)
        if match:
            years.append(int(match.group(1)) - (1 if kind == "plan" else 0))
    if len(set(years)) > 1:
        notes.append(f"两部分的年份不衔接（{'、'.join(map(str, years))}），按第一部分取年份。")
    return years[0] if years else None


def _find_unit(text: str) -> str | None:
    """The office the report speaks for: ``××街道``, ``××镇``, ``××区`` …

    The two characters before 街道 (then 镇, 乡, then 区, 县) are a candidate name unless
    they end a common word (城乡, 园区) or are a common verb (推动街道……). The full name
    written most often wins; how often the bare name recurs (“××力量”, “落户××”) breaks ties.
    """
    for suffixes in _UNIT_SUFFIXES:
        scores: Counter[str] = Counter()
        for suffix in suffixes:
            for match in re.finditer(re.escape(suffix), text):
                start = match.start()
                stem = text[max(0, start - 2) : start]
                after = text[match.end() : match.end() + 1]
                if len(stem) < 2 or stem in _VERBS or after in _NOT_AFTER:
                    continue
                if stem[-1] + suffix in _COMMON_WORDS:
                    continue
                if all(_is_han(c) and c not in _NOT_IN_NAME for c in stem):
                    scores[stem + suffix] = text.count(stem + suffix) * 1000 + text.count(stem)
        if scores:
            return scores.most_common(1)[0][0]
    return None


def _is_han(ch: str) -> bool:
    return "\u4e00" <= ch <= "\u9fff"


def _unit(name: str | None, path: Path) -> dict[str, str]:
    if not name:
        raise SourceError(
            "无法从报告中确定单位名称。",
            at=Location(str(path)),
            hint="用 --unit 指定，如 --unit ××街道。",
        )
    unit = {"name": name}
    for suffix in (*_UNIT_SUFFIXES[0], *_UNIT_SUFFIXES[1]):
        if name.endswith(suffix) and len(name) > len(suffix):
            unit["short_name"] = name[: -len(suffix)]
            unit["level"] = suffix
            break
    return unit


def _intro(paragraphs: list[Block], prose: Prose) -> str:
    """Several paragraphs in one text field are separated by a blank line."""
    return "\n\n".join(prose.text(p.runs) for p in paragraphs)


def _part_title(node: Node, titled: bool, default: str, prose: Prose) -> dict[str, Any]:
    """``show_title: false`` for an untitled part, ``title`` only where it is not the default."""
    if not titled:
        return {"show_title": False}
    if comparison_key(node.title) != comparison_key(default):
        return {"title": prose.title(node.title)}
    return {}


def _review(node: Node, titled: bool, year: int, prose: Prose, use_bold: bool) -> dict[str, Any]:
    part = _part_title(node, titled, f"{year}年工作情况", prose)
    if node.paragraphs:
        part["intro"] = _intro(node.paragraphs, prose)
    closing: list[str] = []
    sections = [
        _section(child, "review", prose, use_bold, closing if i == len(node.children) - 1 else None)
        for i, child in enumerate(node.children)
    ]
    if sections:
        part["sections"] = sections
    if closing:
        part["closing"] = closing[0]
    return part


def _plan(node: Node, titled: bool, year: int, prose: Prose, use_bold: bool) -> dict[str, Any]:
    part = _part_title(node, titled, f"{year + 1}年工作谋划", prose)
    if node.paragraphs:
        part["intro"] = prose.text(node.paragraphs[0].runs)
    if len(node.paragraphs) > 1:
        part["requirements"] = _intro(node.paragraphs[1:], prose)
    sections = [_section(child, "plan", prose, use_bold, None) for child in node.children]
    if sections:
        part["sections"] = sections
    return part


def _section(
    node: Node, kind: Kind, prose: Prose, use_bold: bool, closing: list[str] | None
) -> dict[str, Any]:
    section: dict[str, Any] = {"title": prose.title(node.title)}
    paragraphs = [list(b.runs) for b in node.paragraphs]
    closing_runs: list[Run] | None = None
    last = widen_punctuation("".join(r.text for r in paragraphs[-1])) if paragraphs else ""
    if (
        closing is not None
        and not node.children
        and len(paragraphs) > 1
        and last.startswith("此外，")
    ):
        closing_runs = paragraphs.pop()
    items = analyse(paragraphs, use_bold=use_bold)
    if items and items[0].enum is None and items[0].lead is None:
        section["intro"] = prose.text(items.pop(0).body)
    if items:
        sep = "，" if kind == "review" else "。"
        entries = [_entry(item, sep, prose) for item in items]
        numbered = any(item.enum for item in items)
        if numbered:
            section["enumerate"] = True
        section["items" if kind == "plan" or numbered else "paragraphs"] = entries
    subsections = [_section(child, kind, prose, use_bold, None) for child in node.children]
    if subsections:
        section["subsections"] = subsections
    if closing_runs is not None and closing is not None:
        closing.append(prose.text(closing_runs))
    return section


def _entry(item: Analysed, sep: str, prose: Prose) -> str | dict[str, str]:
    """A paragraph or item: plain text, or a lead (without the template's own mark) and text."""
    if not item.lead:
        return prose.text(item.body)
    lead = prose.text([Run(r.text) for r in item.lead])
    if lead.endswith(sep):
        lead = lead[: -len(sep)]
    return {"lead": lead, "text": prose.text(item.body)}


def to_yaml(extraction: Extraction) -> str:
    """The YAML input file: a header comment, then the data; each indicator says where it was."""
    from .yamlio import commented, dump, make_yaml

    data = commented(extraction.data)
    source = extraction.source.path.name
    data.yaml_set_start_comment(
        f"由 workreport extract 从“{source}”提取。请核对：\n"
        "- 指标名称由数字前后的文字生成，id 由名称中的常见词翻译而来，可以改成更好记的；\n"
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
