"""Word paragraph → the number Word prints before it (一、 （一） 1.) and its outline level.

Word keeps list numbers out of the paragraph text: a paragraph (or its style) refers to a
numbering definition through ``w:numPr`` (``w:numId`` + ``w:ilvl``), and ``numbering.xml`` says
how each level is formatted (``w:numFmt``, ``w:lvlText`` such as ``%1、`` or ``（%2）``).
This module replays the counters in document order, as Word does when it lays the file out.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from docx.oxml.ns import qn

from ..numbers import chinese_numeral

_CHINESE_FORMATS = {
    "chineseCounting",
    "chineseCountingThousand",
    "taiwaneseCounting",
    "taiwaneseCountingThousand",
    "japaneseCounting",
    "ideographDigital",
    "koreanCounting",
}
_LEGAL_DIGITS = "零壹贰叁肆伍陆柒捌玖"
_STYLE_HEADING_NAMES = ("heading ", "标题 ")


@dataclass(frozen=True)
class Level:
    """One level of a numbering definition."""

    fmt: str = "decimal"
    text: str = "%1."
    start: int = 1
    style: str = ""


@dataclass(frozen=True)
class ParagraphNumbering:
    """The printed number of a paragraph ("" when none) and its outline level (0 = top)."""

    number: str = ""
    outline: int | None = None


@dataclass
class _StyleInfo:
    based_on: str | None = None
    num_id: str | None = None
    ilvl: int | None = None
    outline: int | None = None
    name: str = ""


@dataclass
class NumberingState:
    """Numbering definitions and styles of one document, and the counters so far."""

    document: Any
    abstract: dict[str, dict[int, Level]] = field(default_factory=dict)
    nums: dict[str, tuple[str, dict[int, int]]] = field(default_factory=dict)
    styles: dict[str, _StyleInfo] = field(default_factory=dict)
    counters: dict[str, list[int]] = field(default_factory=dict)
    started: set[str] = field(default_factory=set)

    def __post_init__(self) -> None:
        self._read_numbering()
        self._read_styles()

    def _read_numbering(self) -> None:
        try:
            root = self.document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.findall(qn("w:abstractNum")):
            levels: dict[int, Level] = {}
            for lvl in abstract.findall(qn("w:lvl")):
                levels[int(lvl.get(qn("w:ilvl"), "0"))] = Level(
                    _val(lvl, "w:numFmt") or "decimal",
                    _val(lvl, "w:lvlText") or "",
                    int(_val(lvl, "w:start") or 1),
                    _val(lvl, "w:pStyle") or "",
                )
            self.abstract[abstract.get(qn("w:abstractNumId"), "")] = levels
        for num in root.findall(qn("w:num")):
            overrides = {
                int(o.get(qn("w:ilvl"), "0")): int(_val(o, "w:startOverride") or 1)
                for o in num.findall(qn("w:lvlOverride"))
                if _val(o, "w:startOverride") is not None
            }
            self.nums[num.get(qn("w:numId"), "")] = (_val(num, "w:abstractNumId") or "", overrides)

    def _read_styles(self) -> None:
        for style in self.document.styles.element.findall(qn("w:style")):
            ppr = style.find(qn("w:pPr"))
            num_id, ilvl = _num_pr(ppr)
            outline = _val(ppr, "w:outlineLvl") if ppr is not None else None
            self.styles[style.get(qn("w:styleId"), "")] = _StyleInfo(
                _val(style, "w:basedOn"),
                num_id,
                ilvl,
                int(outline) if outline is not None else None,
                (_val(style, "w:name") or "").lower(),
            )

    def style_chain(self, style_id: str | None) -> list[_StyleInfo]:
        chain: list[_StyleInfo] = []
        while style_id and style_id in self.styles and len(chain) < 20:
            info = self.styles[style_id]
            chain.append(info)
            style_id = info.based_on
        return chain

    def advance(self, num_id: str, ilvl: int) -> str:
        """Count one more paragraph at ``ilvl`` of list ``num_id``; return its printed number."""
        if num_id not in self.nums:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        counters = self.counters.setdefault(abstract_id, [0] * 9)
        if num_id not in self.started:
            self.started.add(num_id)
            for overridden, start in overrides.items():
                if 0 <= overridden < 9:
                    counters[overridden] = start - 1
        ilvl = min(max(ilvl, 0), 8)
        level = levels.get(ilvl, Level())
        counters[ilvl] = counters[ilvl] + 1 if counters[ilvl] else level.start
        counters[ilvl + 1 :] = [0] * (8 - ilvl)
        if level.fmt in ("none", "bullet"):
            return ""
        text = level.text
        for k in range(ilvl + 1, 0, -1):
            shown = levels.get(k - 1, Level())
            value = counters[k - 1] or shown.start
            text = text.replace(f"%{k}", format_counter(value, shown.fmt))
        return text


def paragraph_numbering(paragraph: Any, state: NumberingState) -> ParagraphNumbering:
    """The number Word prints before ``paragraph`` and its outline level."""
    ppr = paragraph._p.pPr
    num_id, ilvl = _num_pr(ppr)
    outline_text = _val(ppr, "w:outlineLvl") if ppr is not None else None
    style_id = _val(ppr, "w:pStyle") if ppr is not None else None
    chain = state.style_chain(style_id or _default_style(state))
    for info in chain:
        if num_id is None and info.num_id is not None:
            num_id, ilvl = info.num_id, ilvl if ilvl is not None else info.ilvl
        if outline_text is None and info.outline is not None:
            outline_text = str(info.outline)
    outline = int(outline_text) if outline_text is not None else _heading_name_level(chain)
    if outline is not None and outline >= 9:
        outline = None
    number = ""
    if num_id not in (None, "0"):
        if ilvl is None:
            ilvl = _level_of_style(state, num_id, style_id)
        number = state.advance(num_id, ilvl)
    return ParagraphNumbering(number, outline)


def format_counter(value: int, fmt: str) -> str:
    """One counter as ``numFmt`` shows it: 3 → "三" (chineseCounting), "3" (decimal) …"""
    if fmt in _CHINESE_FORMATS:
        return chinese_numeral(value)
    if fmt == "chineseLegalSimplified":
        return "".join(_LEGAL_DIGITS[int(d)] for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt.startswith("decimalFullWidth"):
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese") and 1 <= value <= 20:
        return chr(0x2460 + value - 1)
    if fmt == "decimalEnclosedParen" and 1 <= value <= 20:
        return chr(0x2474 + value - 1)
    if fmt in ("upperLetter", "lowerLetter"):
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman"):
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    return str(value)


def _roman(value: int) -> str:
    parts: tuple[tuple[int, str], ...] = (
        *((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC")),
        *((50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")),
    )
    out = ""
    for size, letters in parts:
        count, value = divmod(value, size)
        out += letters * count
    return out


def _val(element: Any, tag: str) -> str | None:
    if element is None:
        return None
    child = element.find(qn(tag))
    return None if child is None else child.get(qn("w:val"))


def _num_pr(ppr: Any) -> tuple[str | None, int | None]:
    if ppr is None:
        return None, None
    num_pr = ppr.find(qn("w:numPr"))
    if num_pr is None:
        return None, None
    ilvl = _val(num_pr, "w:ilvl")
    return _val(num_pr, "w:numId"), int(ilvl) if ilvl is not None else None


def _default_style(state: NumberingState) -> str | None:
    for style in state.document.styles.element.findall(qn("w:style")):
        if style.get(qn("w:type")) == "paragraph" and style.get(qn("w:default")) in ("1", "true"):
            return str(style.get(qn("w:styleId")))
    return None


def _heading_name_level(chain: list[_StyleInfo]) -> int | None:
    for info in chain:
        for prefix in _STYLE_HEADING_NAMES:
            if info.name.startswith(prefix) and info.name[len(prefix) :].isdigit():
                return int(info.name[len(prefix) :]) - 1
    return None


def _level_of_style(state: NumberingState, num_id: str, style_id: str | None) -> int:
    """The list level a style is bound to (``w:pStyle`` inside ``w:lvl``), else 0."""
    abstract_id = state.nums.get(num_id, ("", {}))[0]
    for ilvl, level in state.abstract.get(abstract_id, {}).items():
        if style_id and level.style == style_id:
            return ilvl
    return 0
