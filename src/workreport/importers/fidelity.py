"""Source report + draft → how faithfully the draft reproduces it.

Both sides are read the same way (:mod:`.sources`) and compared after normalisation: full- and
half-width punctuation are the same, heading numbers are compared as levels (（一） and (一)
are both level 2), and a redaction ``****`` equals a placeholder 【待补充：…】.

- title block: the lines before the first heading (title lines, subtitle, byline, salutation,
  opening sentence) of both sides, and where the draft put each source line — a title block
  printed under 一、 is a difference, even when every heading matches;
- review/plan split (when the draft is a YAML input): each part of the data against the
  source heading of the same title, judged by its words and year (回顾/总结 … look back,
  计划/谋划 … look ahead);
- heading tree: the (level, title) list of both sides, equal or not;
- figure recall: the share of the source's figures (number + unit, :func:`figures.tokens`)
  found in the draft, counted with multiplicity (title lines left out: the draft always
  prints a title, and its year is no figure of the report);
- character similarity: 2·M / (len(source) + len(draft)) over the body text (title left
  out), M the matching characters, aligned paragraph by paragraph first;
- text kept: the share of the source's characters, title block included, that the draft
  has — in order, or as whole paragraphs printed elsewhere.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

from .fidelity_front import FrontLine, describe_front, front_lines, front_problems
from .fidelity_split import PartView, compare_split, data_parts, source_parts
from .figures import tokens
from .prose import comparison_key
from .sources import SourceDoc


@dataclass(frozen=True)
class Fidelity:
    """The comparison of one source with one draft."""

    source: SourceDoc
    draft: SourceDoc
    source_tree: tuple[tuple[int, str], ...]
    draft_tree: tuple[tuple[int, str], ...]
    figures_total: int
    figures_found: int
    missing_figures: tuple[str, ...]
    extra_figures: tuple[str, ...]
    similarity: float
    paragraphs_source: int
    paragraphs_draft: int
    paragraphs_equal: int
    """Source paragraphs found word for word (after normalisation) in the draft, in order."""
    kept: float = 1.0
    """Share of the source's characters, title block included, found in the draft."""
    front_source: tuple[FrontLine, ...] = ()
    front_draft: tuple[FrontLine, ...] = ()
    front_problems: tuple[str, ...] = ()
    """What differs in the title block, in words; empty when it matches."""
    parts_source: tuple[PartView, ...] = ()
    parts_draft: tuple[PartView, ...] | None = None
    """The data's parts, when the draft is a YAML input; None for a Word or text draft."""
    split_problems: tuple[str, ...] = ()

    @property
    def tree_match(self) -> bool:
        return self.source_tree == self.draft_tree

    @property
    def title_block_match(self) -> bool:
        return not self.front_problems

    @property
    def split_match(self) -> bool:
        return not self.split_problems

    @property
    def recall(self) -> float:
        return self.figures_found / self.figures_total if self.figures_total else 1.0

    def first_tree_difference(self) -> str:
        """The first heading that differs, in words; "" when the trees match."""
        for index, (ours, theirs) in enumerate(
            zip(self.source_tree, self.draft_tree, strict=False), start=1
        ):
            if ours != theirs:
                return f"第 {index} 个标题：原文 {_show(ours)}，草稿 {_show(theirs)}"
        if len(self.source_tree) != len(self.draft_tree):
            return f"标题数量不同：原文 {len(self.source_tree)} 个，草稿 {len(self.draft_tree)} 个"
        return ""

    def passed(self, min_similarity: float = 0.98) -> bool:
        """Same title block, split and heading tree, every figure, enough of the characters."""
        return (
            self.tree_match
            and self.title_block_match
            and self.split_match
            and self.recall == 1.0
            and self.similarity >= min_similarity
        )

    def describe(self) -> list[str]:
        """The comparison in a few Chinese lines, for the terminal."""
        lines = describe_front(self.front_source, self.front_draft, self.front_problems)
        if self.parts_draft is not None:
            if self.split_problems:
                lines.append("工作情况与工作谋划：不一致")
                lines.extend(f"  {problem}" for problem in self.split_problems)
            else:
                named = "、".join(_kind_name(p.kind) for p in self.parts_draft) or "无"
                lines.append(f"工作情况与工作谋划：一致（{named}）")
        count = len(self.source_tree)
        if self.tree_match:
            lines.append(f"标题层级：一致（{count} 个标题）")
        else:
            lines.append(f"标题层级：不一致，{self.first_tree_difference()}")
        recall = f"数字召回：{self.recall:.1%}（{self.figures_found}/{self.figures_total}）"
        if self.missing_figures:
            recall += f"；草稿中缺少：{'、'.join(self.missing_figures[:10])}"
        if self.extra_figures:
            recall += f"；草稿中多出：{'、'.join(self.extra_figures[:10])}"
        lines.append(recall)
        lines.append(f"字符相似度：{self.similarity:.2%}（原文文字保留 {self.kept:.2%}）")
        order = (
            "，顺序一致"
            if self.paragraphs_equal == self.paragraphs_source == self.paragraphs_draft
            and self.title_block_match
            else ""
        )
        lines.append(
            f"段落：原文 {self.paragraphs_source} 段，草稿 {self.paragraphs_draft} 段，"
            f"其中 {self.paragraphs_equal} 段与原文相同{order}"
        )
        return lines


def _show(entry: tuple[int, str]) -> str:
    return f"{entry[0]} 级“{entry[1]}”"


def _kind_name(kind: str | None) -> str:
    return {"review": "工作情况", "plan": "工作谋划"}.get(kind or "", "其他")


def heading_tree(doc: SourceDoc) -> tuple[tuple[int, str], ...]:
    return tuple((b.level, comparison_key(b.text)) for b in doc.headings())


def body_keys(doc: SourceDoc) -> list[str]:
    """Each heading and paragraph as a comparison key, numbers of headings left out."""
    return [key for b in doc.blocks if (key := comparison_key(b.text))]


def all_keys(doc: SourceDoc) -> list[str]:
    """The title lines and notes, then :func:`body_keys`: everything the document prints."""
    head = [*doc.title.splitlines(), *doc.notes]
    return [key for text in head if (key := comparison_key(text))] + body_keys(doc)


def compare(source: SourceDoc, draft: SourceDoc) -> Fidelity:
    """Compare ``draft`` with the ``source`` it should reproduce.

    When ``draft`` was read from a YAML input (:func:`.sources.read_draft`), the data's
    review and plan parts are compared with the source's headings too.
    """
    ours, theirs = body_keys(source), body_keys(draft)
    every_ours, every_theirs = all_keys(source), all_keys(draft)
    wanted = Counter(t for key in _figure_keys(source) for t in tokens(key))
    present = Counter(t for key in _figure_keys(draft) for t in tokens(key))
    found = sum(min(n, present[t]) for t, n in wanted.items())
    missing = tuple(sorted((wanted - present).elements()))
    extra = tuple(sorted((present - wanted).elements()))
    matched = _matching_characters(ours, theirs)
    total = sum(map(len, ours)) + sum(map(len, theirs))
    source_chars = sum(map(len, every_ours))
    kept = _kept_characters(every_ours, every_theirs) / source_chars if source_chars else 1.0
    source_paragraphs, draft_paragraphs = _paragraph_keys(source), _paragraph_keys(draft)
    same = SequenceMatcher(None, source_paragraphs, draft_paragraphs, autojunk=False)
    front_source, front_draft = front_lines(source), front_lines(draft)
    parts_source = source_parts(source)
    parts_draft = data_parts(draft.path)
    split = compare_split(parts_source, parts_draft) if parts_draft is not None else ()
    return Fidelity(
        source,
        draft,
        heading_tree(source),
        heading_tree(draft),
        sum(wanted.values()),
        found,
        missing,
        extra,
        2 * matched / total if total else 1.0,
        len(source_paragraphs),
        len(draft_paragraphs),
        sum(size for _, _, size in same.get_matching_blocks()),
        kept,
        front_source,
        front_draft,
        front_problems(front_source, front_draft, draft),
        parts_source,
        parts_draft,
        split,
    )


def _figure_keys(doc: SourceDoc) -> list[str]:
    """Where figures are counted: notes and body. The title line is left out, since the draft
    always prints one and its year is no figure of the report."""
    return [key for note in doc.notes if (key := comparison_key(note))] + body_keys(doc)


def _paragraph_keys(doc: SourceDoc) -> list[str]:
    return [comparison_key(b.text) for b in doc.blocks if b.kind == "paragraph"]


def _kept_characters(ours: list[str], theirs: list[str]) -> int:
    """Characters of ``ours`` that ``theirs`` keeps: those matched in order, and whole
    paragraphs printed elsewhere (a byline moved below the subtitle is kept, not lost)."""
    matched = _matching_characters(ours, theirs)
    anywhere = "".join(theirs)
    blocks = SequenceMatcher(None, ours, theirs, autojunk=False)
    for tag, i1, i2, _, _ in blocks.get_opcodes():
        if tag == "delete":
            matched += sum(len(key) for key in ours[i1:i2] if key in anywhere)
    return matched


def _matching_characters(ours: list[str], theirs: list[str]) -> int:
    """Characters the two texts share: blocks aligned first, then characters within changes."""
    blocks = SequenceMatcher(None, ours, theirs, autojunk=False)
    matched = 0
    for tag, i1, i2, j1, j2 in blocks.get_opcodes():
        if tag == "equal":
            matched += sum(len(k) for k in ours[i1:i2])
        elif tag == "replace":
            left, right = "".join(ours[i1:i2]), "".join(theirs[j1:j2])
            chars = SequenceMatcher(None, left, right, autojunk=False)
            matched += sum(size for _, _, size in chars.get_matching_blocks())
    return matched
