"""jieba's dictionary → the set of two- to four-character Chinese words, read once per process.

Used as evidence, not as a speller: a doubled character is an accident of word boundaries
when a word ends at the first copy and another starts at the second (水平|平安). Without
jieba installed the set is empty and callers fall back to what they can judge alone.
"""

from __future__ import annotations

import re
from functools import cache
from importlib import resources

_ENTRY_RE = re.compile(r"^(\S{2,4}) ", re.M)


@cache
def words() -> frozenset[str]:
    """Every entry of two to four characters in jieba's ``dict.txt`` (about 290 000)."""
    try:
        source = resources.files("jieba").joinpath("dict.txt")
        text = source.read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError, OSError):
        return frozenset()
    return frozenset(_ENTRY_RE.findall(text))


def available() -> bool:
    """Whether a word list could be read."""
    return bool(words())


def word_ending_at(text: str, end: int, longest: int = 4) -> bool:
    """Whether a word of two or more characters ends just before ``end`` in ``text``."""
    known = words()
    return any(text[end - size : end] in known for size in range(2, longest + 1) if end >= size)


def word_starting_at(text: str, start: int, longest: int = 4) -> bool:
    """Whether a word of two or more characters starts at ``start`` in ``text``."""
    known = words()
    return any(
        text[start : start + size] in known
        for size in range(2, longest + 1)
        if start + size <= len(text)
    )


def word_covering(text: str, first: int, last: int, longest: int = 4) -> bool:
    """Whether a word of three or more characters covers ``text[first:last + 1]`` (沉甸甸)."""
    known = words()
    for size in range(max(3, last - first + 1), longest + 1):
        for begin in range(last - size + 1, first + 1):
            if begin >= 0 and begin + size <= len(text) and text[begin : begin + size] in known:
                return True
    return False
