"""Character classes of Chinese text → predicates and regex fragments the rules share."""

from __future__ import annotations

HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
"""Han ideographs (CJK Unified, Extension A–F, compatibility), as a regex class body."""

CJK_PUNCT = "，。、；：？！“”‘’（）《》【】〈〉「」『』…·～"
"""Full-width marks of Chinese text. The dash "—" is left out: it also frames page numbers."""

SPACES = " \t\u3000\u00a0"
"""Spaces that can stray into a line (ASCII, tab, ideographic, no-break)."""

CN_DIGITS = "零〇一二三四五六七八九十百千两"


def is_han(ch: str) -> bool:
    """Whether ``ch`` is a Han ideograph."""
    if not ch:
        return False
    code = ord(ch[0])
    return (
        0x4E00 <= code <= 0x9FFF
        or 0x3400 <= code <= 0x4DBF
        or 0xF900 <= code <= 0xFAFF
        or 0x20000 <= code <= 0x2EBEF
    )


def is_cjk(ch: str) -> bool:
    """Whether ``ch`` is Chinese text: an ideograph or a full-width Chinese mark."""
    return bool(ch) and (is_han(ch) or ch in CJK_PUNCT or ch == "—")


def neighbour(text: str, index: int, step: int, skip: str = SPACES) -> str:
    """The nearest character from ``index`` in direction ``step`` (±1) past ``skip``, same line."""
    j = index + step
    while 0 <= j < len(text) and text[j] in skip:
        j += step
    if 0 <= j < len(text) and text[j] != "\n":
        return text[j]
    return ""


def char_at(text: str, index: int) -> str:
    """``text[index]`` or "" outside the text or across a line break."""
    if 0 <= index < len(text) and text[index] != "\n":
        return text[index]
    return ""
