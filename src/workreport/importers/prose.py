"""Report prose → normalised text: punctuation width, redactions, heading numbers, comparison keys.

Source reports are often typed with half-width punctuation (``,`` for ``，``) and carry
redactions (``****``) where the public copy dropped words; drafts show placeholders
(``【待补充：原文删节】``) in their place. These helpers put both into one form.
"""

from __future__ import annotations

import re
import unicodedata

REDACTION = re.compile(r"\*{2,}")
PLACEHOLDER = re.compile(r"【待补充[^】]*】")
GAP = "□"
"""What a redaction and a placeholder both become in comparison keys."""

_CN_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
_CN_NUMERAL = "[一二三四五六七八九十]+"
# Heading numbers by GB/T 9704 level; half- and full-width brackets and stops are both typed.
_HEADING_PATTERNS = (
    (1, re.compile(rf"^({_CN_NUMERAL})、")),
    (2, re.compile(rf"^[（(]({_CN_NUMERAL})[）)]")),
    (3, re.compile(r"^(\d{1,2})(?:[.．](?!\d)|、)")),
    (4, re.compile(r"^[（(](\d{1,2})[）)]")),
)
_ENUMERATION = re.compile(rf"^({_CN_NUMERAL})是")
_WIDE = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_MARKS = re.compile(r"[,;:?!()]")
LEAD_MARKS = "，。；：！？"


def chinese_to_int(text: str) -> int | None:
    """一 → 1, 十一 → 11, 二十三 → 23 (up to 99); None for anything else."""
    if not text or any(ch not in _CN_DIGITS and ch != "十" for ch in text):
        return None
    if "十" not in text:
        return _CN_DIGITS[text] if len(text) == 1 else None
    tens, _, ones = text.partition("十")
    if len(tens) > 1 or len(ones) > 1 or "十" in ones:
        return None
    return (_CN_DIGITS[tens] if tens else 1) * 10 + (_CN_DIGITS[ones] if ones else 0)


def split_heading_number(text: str) -> tuple[int, int, str, str] | None:
    """``（一）标题`` → (level 2, 1, "（一）", "标题"); None when the text has no heading number."""
    for level, pattern in _HEADING_PATTERNS:
        match = pattern.match(text)
        if match is None:
            continue
        digits = match.group(1)
        value = int(digits) if digits.isdigit() else chinese_to_int(digits)
        if value is None:
            return None
        return level, value, match.group(0), text[match.end() :].lstrip()
    return None


def split_enumeration(text: str) -> tuple[int, str] | None:
    """``二是……`` → (2, "……"); None when the text does not open with 一是, 二是 …"""
    match = _ENUMERATION.match(text)
    if match is None:
        return None
    value = chinese_to_int(match.group(1))
    return None if value is None else (value, text[match.end() :])


def widen_punctuation(text: str) -> str:
    """Half-width ``,;:?!()`` → full-width, except between digits (``1,234``, ``8:30``)."""

    def wide(match: re.Match[str]) -> str:
        ch, pos = match.group(), match.start()
        before = text[pos - 1] if pos else ""
        after = text[pos + 1] if pos + 1 < len(text) else ""
        if ch in ",:" and before.isdigit() and after.isdigit():
            return ch
        return _WIDE[ch]

    return _HALF_MARKS.sub(wide, text)


def comparison_key(text: str) -> str:
    """The form two texts are compared in: gaps unified, NFKC width, no whitespace."""
    text = PLACEHOLDER.sub(GAP, REDACTION.sub(GAP, text))
    text = unicodedata.normalize("NFKC", text)
    return "".join(text.split())


def is_punctuation(ch: str) -> bool:
    """Punctuation as CommonMark sees it when deciding whether ``**`` opens or closes."""
    if not ch:
        return False
    return unicodedata.category(ch).startswith(("P", "S")) or (ch.isascii() and not ch.isalnum())


def bold_markup(text: str, before: str, after: str) -> str | None:
    """``**text**`` that the markup parser reads as bold between ``before`` and ``after``.

    None when CommonMark would not take the asterisks as emphasis there (for example a bold
    run that starts with a quotation mark right after a Chinese character).
    """
    if not text or text[0].isspace() or text[-1].isspace():
        return None
    opens = not is_punctuation(text[0]) or not before or before.isspace() or is_punctuation(before)
    closes = not is_punctuation(text[-1]) or not after or after.isspace() or is_punctuation(after)
    return f"**{text}**" if opens and closes else None


def escape_template(text: str) -> str:
    """Literal braces as Jinja expressions, so a text field never opens a tag by accident."""
    return text.replace("{", "{{ '{' }}") if "{" in text else text


_INLINE_ENUM = re.compile(rf"(?:^|(?<=[，。；：,;:]))({_CN_NUMERAL})是")
MIN_INLINE_ITEMS = 2
INLINE_ENDS = "。；！？"


def split_inline_items(text: str) -> tuple[int, list[tuple[int, int]]] | None:
    """``实施……：一是A；二是B。`` → (where 一是 starts, [(start, end) of A, of B]).

    Items are 一是, 二是 … in sequence, each at the start of the text or after a punctuation
    mark; each item's text runs to the next one's 二是 and keeps its own closing mark. None when
    the paragraph has fewer than two such items.
    """
    marks: list[re.Match[str]] = []
    for match in _INLINE_ENUM.finditer(text):
        if chinese_to_int(match.group(1)) == len(marks) + 1:
            marks.append(match)
    if len(marks) < MIN_INLINE_ITEMS:
        return None
    spans = [
        (mark.end(), marks[i + 1].start() if i + 1 < len(marks) else len(text))
        for i, mark in enumerate(marks)
    ]
    # Items are printed with their own closing mark, or ；/。 when they have none: an item
    # that ends in ， would come back as “，；”, so such a paragraph stays as it is.
    if any(text[end - 1 : end] not in INLINE_ENDS for _, end in spans):
        return None
    return marks[0].start(), spans
