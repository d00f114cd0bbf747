"""jieba's dictionary → the set of two- to four-character Chinese words, read once per process.

Used as evidence, not as a speller: a doubled character is an accident of word boundaries
when a word ends at the first copy and another starts at the second (水平|平安). Without
jieba installed the set is empty and callers fall back to what they can judge alone.
"""

from __future__ import annotations

import importlib.util
import marshal
import os
import re
import tempfile
from functools import cache
from pathlib import Path

from ..cache import cache_folder

_ENTRY_RE = re.compile(r"^(\S{2,4}) ", re.M)
_FORMAT = 1
"""Bumped when what is kept of the dictionary changes, so an old cache file is not read."""


@cache
def words() -> frozenset[str]:
    """Every entry of two to four characters in jieba's ``dict.txt`` (about 290 000).

    Parsing the 5 MB dictionary takes a few hundred milliseconds; the set is kept in the
    cache folder (:func:`workreport.cache.cache_folder`) under a name made of the dictionary's
    size and modification time, so later processes read it back in a few tens.
    """
    path = _dictionary()
    if path is None:
        return frozenset()
    try:
        stat = path.stat()
        cached = _cache_file(stat.st_size, stat.st_mtime_ns)
        found = _read_cache(cached)
        if found is not None:
            return found
        text = path.read_text(encoding="utf-8")
    except OSError:
        return frozenset()
    found = frozenset(_ENTRY_RE.findall(text))
    _write_cache(cached, found)
    return found


def _dictionary() -> Path | None:
    """jieba's ``dict.txt``, found without importing jieba (its import sets up a tokenizer)."""
    spec = importlib.util.find_spec("jieba")
    if spec is None or not spec.submodule_search_locations:
        return None
    for folder in spec.submodule_search_locations:
        path = Path(folder) / "dict.txt"
        if path.is_file():
            return path
    return None


def _cache_file(size: int, mtime: int) -> Path | None:
    folder = cache_folder()
    return folder / f"lint-words-{_FORMAT}-{size}-{mtime}.marshal" if folder else None


def _read_cache(path: Path | None) -> frozenset[str] | None:
    if path is None or not path.is_file():
        return None
    try:
        value = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return None  # a damaged cache file is rebuilt
    return value if isinstance(value, frozenset) else None


def _write_cache(path: Path | None, value: frozenset[str]) -> None:
    """Best effort: a read-only or full disk only costs the next process the parse again."""
    if path is None:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=".lint-words.", dir=path.parent)
        with os.fdopen(fd, "wb") as handle:
            handle.write(marshal.dumps(value))
        os.replace(tmp, path)
    except OSError:
        return


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
