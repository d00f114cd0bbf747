"""Plant typical slips into clean report text, recording where each one is.

:func:`inject` takes text that went through professional editing and a seed, and returns the
text with slips of every kind in :data:`KINDS` planted at chosen places, and a :class:`Slip`
per edit giving its kind and its span in the new text. The same text, seed and settings always
give the same result. The kinds are the slips proofreaders see in drafts:

- ``dup.word``: a word typed twice (落实落实), never one read across two words;
- ``homophone``: one character of a common word replaced by a common character with the same
  usual reading, tone included, so that the result is no word (贯彻 → 贯澈);
- ``near-form``: the same with a character that looks alike (``near_forms.txt``);
- ``idiom``: one character of a four-character idiom replaced by a homophone or look-alike
  (精益求精 → 精亦求精);
- ``traditional``: a character in its traditional form (发展 → 發展);
- ``halfwidth``: a Chinese comma, semicolon, colon, question or exclamation mark typed
  half-width;
- ``quotes``: a pair of quotation marks flipped (”…“), doubled in one direction (“…“) or,
  when no other quotation mark follows in the paragraph, missing its closing half;
- ``space``: a stray space between two characters.

Usage: ``python benchmarks/inject.py FILE [SEED]`` prints the slips planted into FILE.
"""

from __future__ import annotations

import random
import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from workreport.lint.lexicon import Lexicon, load

KINDS = (
    "dup.word",
    "homophone",
    "near-form",
    "idiom",
    "traditional",
    "halfwidth",
    "quotes",
    "space",
)
MISSPELT = ("homophone", "near-form", "idiom")
"""Kinds whose slips are planted at most once per text each: a misspelling typed the same
way twice is one habit, counted once, and reads as a term of the document."""
COMMON_WORD = 1000
"""Jieba count from which a word counts as common (贯彻 2922, 融合 1392)."""
COMMON_CHAR = 2000
"""Jieba count from which a simplified character is one an input method offers early."""
GAP = 12
"""Characters kept between two slips, and between a slip and a finding the clean text has."""
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
HALFWIDTH = {"，": ",", "；": ";", "：": ":", "？": "?", "！": "!"}
_HAN = re.compile(r"[\u4e00-\u9fff]")
_QUOTED = re.compile(r"“([^“”\n]{2,30})”")


@dataclass(frozen=True)
class Edit:
    """A replacement of ``[start, end)`` of the clean text."""

    kind: str
    start: int
    end: int
    text: str


@dataclass(frozen=True)
class Slip:
    """One planted slip: its kind, its span in the new text, what was there and what is now."""

    kind: str
    start: int
    end: int
    original: str
    planted: str


@cache
def _converter(config: str) -> Callable[[str], str]:
    import opencc

    convert: Callable[[str], str] = opencc.OpenCC(config).convert
    return convert


def _words(lex: Lexicon, text: str, sizes: Sequence[int]) -> list[tuple[int, str]]:
    """(offset, word) of every common dictionary word in ``text`` of the given lengths."""
    found = []
    for m in re.finditer(r"[\u4e00-\u9fff]+", text):
        run = m.group()
        for size in sizes:
            for i in range(len(run) - size + 1):
                word = run[i : i + size]
                if lex.freq(word) >= COMMON_WORD and not NUMERALS.intersection(word):
                    found.append((m.start() + i, word))
    return found


def _glued(lex: Lexicon, text: str, start: int, end: int) -> bool:
    """Whether ``text[start:end]`` makes a word with the character before or after it: a
    typist doubles a word typed as a unit, not one read across two (创建国家 has no 建国)."""
    before, after = text[max(0, start - 1) : start + 1], text[end - 1 : end + 1]
    return (len(before) == 2 and lex.is_word(before)) or (len(after) == 2 and lex.is_word(after))


def _swap(lex: Lexicon, word: str, rng: random.Random, how: str) -> str | None:
    """``word`` with one character replaced by a common homophone or look-alike, or None."""
    options = []
    for j, char in enumerate(word):
        if char in NUMERALS or char in "的地得":
            continue
        if how == "homophone":
            pool = [c for c in lex.similar.get(char, ()) if lex.homophones(char, c)]
        else:
            pool = list(lex.near.get(char, ""))
        for c in sorted(pool):
            changed = word[:j] + c + word[j + 1 :]
            common = lex.freq(c) >= COMMON_CHAR and _converter("t2s")(c) == c and c not in NUMERALS
            if common and not lex.is_word(changed):
                options.append(changed)
    return rng.choice(options) if options else None


def _sites(lex: Lexicon, text: str, kind: str, rng: random.Random) -> list[Edit]:
    """Every place ``kind`` could be planted in ``text``, as edits (a sample of them for words)."""
    edits: list[Edit] = []
    if kind == "dup.word":
        for at, word in _words(lex, text, (2,)):
            doubled = text[at + 2 : at + 4] == word or text[at - 2 : at] == word
            if not doubled and not _glued(lex, text, at, at + 2):
                edits.append(Edit(kind, at, at + 2, word * 2))
    elif kind in ("homophone", "near-form"):
        words = _words(lex, text, (2, 3, 4))
        for at, word in rng.sample(words, min(len(words), 400)):
            changed = _swap(lex, word, rng, kind)
            if changed is not None:
                edits.append(Edit(kind, at, at + len(word), changed))
    elif kind == "idiom":
        for i in range(len(text) - 3):
            idiom = text[i : i + 4]
            if idiom in lex.idioms:
                changed = _swap(lex, idiom, rng, rng.choice(("homophone", "near-form")))
                changed = changed or _swap(lex, idiom, rng, "homophone")
                if changed is not None:
                    edits.append(Edit(kind, i, i + 4, changed))
    elif kind == "traditional":
        for i, char in enumerate(text):
            if _HAN.match(char):
                trad = _converter("s2t")(char)
                if len(trad) == 1 and trad != char:
                    edits.append(Edit(kind, i, i + 1, trad))
    elif kind == "halfwidth":
        for i in range(1, len(text)):
            if text[i] in HALFWIDTH and _HAN.match(text[i - 1]):
                edits.append(Edit(kind, i, i + 1, HALFWIDTH[text[i]]))
    elif kind == "quotes":
        for m in _QUOTED.finditer(text):
            inner = m.group(1)
            variants = [f"”{inner}“", f"“{inner}“"]
            line_end = text.find("\n", m.end())
            rest = text[m.end() : line_end if line_end >= 0 else len(text)]
            if not re.search("[“”]", rest):
                variants.append(f"“{inner}")  # a missing half is told only when no quote follows
            edits.append(Edit(kind, m.start(), m.end(), rng.choice(variants)))
    elif kind == "space":
        for i in range(1, len(text)):
            if _HAN.match(text[i - 1]) and _HAN.match(text[i]):
                edits.append(Edit(kind, i - 1, i + 1, f"{text[i - 1]} {text[i]}"))
    return edits


def inject(
    text: str,
    seed: int,
    *,
    per_kind: int = 5,
    kinds: Sequence[str] = KINDS,
    avoid: Sequence[int] = (),
    lex: Lexicon | None = None,
) -> tuple[str, list[Slip]]:
    """``text`` with up to ``per_kind`` slips of each kind planted, and the slips planted.

    No slip is planted within :data:`GAP` characters of another or of an offset in ``avoid``
    (the findings the clean text already has), so that each finding can be traced to its slip;
    no misspelling (:data:`MISSPELT`) is planted twice in the same form.
    """
    lex = lex or load()
    rng = random.Random(seed)
    taken = [(a - GAP, a + GAP) for a in avoid]
    chosen: list[Edit] = []
    for kind in kinds:
        sites = _sites(lex, text, kind, rng)
        rng.shuffle(sites)
        planted = 0
        for edit in sites:
            if planted == per_kind:
                break
            if any(edit.start < b and a < edit.end for a, b in taken):
                continue
            if kind in MISSPELT and any(e.text == edit.text for e in chosen):
                continue  # the same misspelling twice would read as a term, and not be a new slip
            taken.append((edit.start - GAP, edit.end + GAP))
            chosen.append(edit)
            planted += 1
    pieces: list[str] = []
    slips: list[Slip] = []
    cursor = shift = 0
    for edit in sorted(chosen, key=lambda e: e.start):
        pieces += [text[cursor : edit.start], edit.text]
        start = edit.start + shift
        slips.append(
            Slip(edit.kind, start, start + len(edit.text), text[edit.start : edit.end], edit.text)
        )
        shift += len(edit.text) - (edit.end - edit.start)
        cursor = edit.end
    pieces.append(text[cursor:])
    return "".join(pieces), slips


def main(argv: list[str]) -> int:
    text = Path(argv[1]).read_text("utf-8")
    _, slips = inject(text, int(argv[2]) if len(argv) > 2 else 0)
    for slip in slips:
        print(f"{slip.start}\t{slip.kind}\t{slip.original} → {slip.planted}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
