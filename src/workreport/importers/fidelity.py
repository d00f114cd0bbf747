"""Source report + draft → how faithfully the draft reproduces it (headings, figures, characters).

Both sides are read the same way (:mod:`.sources`) and compared after normalisation: full- and
half-width punctuation are the same, heading numbers are compared as levels (（一） and (一)
are both level 2), and a redaction ``****`` equals a placeholder 【待补充：…】. The title block
(title, stage, date) is left out, since the draft always adds one.

- heading tree: the (level, title) list of both sides, equal or not;
- figure recall: the share of the source's figures (number + unit, :func:`figures.tokens`)
  found in the draft, counted with multiplicity;
- character similarity: 2·M / (len(source) + len(draft)) over the body text, where M is the
  number of matching characters, aligned paragraph by paragraph first.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from difflib import SequenceMatcher

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

    @property
    def tree_match(self) -> bool:
        return self.source_tree == self.draft_tree

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
        """Same heading tree, every figure, and at least ``min_similarity`` of the characters."""
        return self.tree_match and self.recall == 1.0 and self.similarity >= min_similarity

    def describe(self) -> list[str]:
        """The comparison in a few Chinese lines, for the terminal."""
        source_title = f"原文标题“{self.source.title}”" if self.source.title else "原文无标题"
        draft_title = f"草稿标题“{self.draft.title}”" if self.draft.title else "草稿无标题"
        lines = [f"标题块不参与比较（{source_title}，{draft_title}）。"]
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
        lines.append(f"字符相似度：{self.similarity:.2%}")
        order = (
            "，顺序一致"
            if self.paragraphs_equal == self.paragraphs_source == self.paragraphs_draft
            else ""
        )
        lines.append(
            f"段落：原文 {self.paragraphs_source} 段，草稿 {self.paragraphs_draft} 段，"
            f"其中 {self.paragraphs_equal} 段与原文相同{order}"
        )
        return lines


def _show(entry: tuple[int, str]) -> str:
    return f"{entry[0]} 级“{entry[1]}”"


def heading_tree(doc: SourceDoc) -> tuple[tuple[int, str], ...]:
    return tuple((b.level, comparison_key(b.text)) for b in doc.headings())


def body_keys(doc: SourceDoc) -> list[str]:
    """Each heading and paragraph as a comparison key, numbers of headings left out."""
    return [key for b in doc.blocks if (key := comparison_key(b.text))]


def compare(source: SourceDoc, draft: SourceDoc) -> Fidelity:
    """Compare ``draft`` with the ``source`` it should reproduce."""
    ours, theirs = body_keys(source), body_keys(draft)
    wanted = Counter(t for key in ours for t in tokens(key))
    present = Counter(t for key in theirs for t in tokens(key))
    found = sum(min(n, present[t]) for t, n in wanted.items())
    missing = tuple(sorted((wanted - present).elements()))
    extra = tuple(sorted((present - wanted).elements()))
    matched = _matching_characters(ours, theirs)
    total = sum(map(len, ours)) + sum(map(len, theirs))
    source_paragraphs, draft_paragraphs = _paragraph_keys(source), _paragraph_keys(draft)
    same = SequenceMatcher(None, source_paragraphs, draft_paragraphs, autojunk=False)
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
    )


def _paragraph_keys(doc: SourceDoc) -> list[str]:
    return [comparison_key(b.text) for b in doc.blocks if b.kind == "paragraph"]


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
