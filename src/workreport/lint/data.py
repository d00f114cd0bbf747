"""Word-list files (built-in ``data/`` plus a unit's ``lint/`` folders) → one :class:`LintData`.

Every list is a plain UTF-8 file, one entry a line, ``#`` starting a comment. A unit extends
the built-in lists by putting files of the same name in its own folder (``inputs/<单位>/lint/``
for instance) and passing it to the engine; its entries are added to the built-in ones, and
a line ``!entry`` removes a built-in entry. Two-column files (``.tsv``) hold ``wrong<TAB>right``
with an optional third column of notes; a ``wrong`` field starting with ``re:`` is a regular
expression. Everything is read once per combination of folders (:func:`functools.cache`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

from ..errors import Location
from .errors import LintInputError


@dataclass(frozen=True)
class Phrase:
    """One ``wrong → right`` entry; ``pattern`` is a compiled form of ``wrong``."""

    wrong: str
    right: str
    note: str
    pattern: re.Pattern[str]


@dataclass
class PhraseTable:
    """A table of :class:`Phrase` entries with one combined regex for the literal ones."""

    entries: dict[str, Phrase]
    literal_re: re.Pattern[str] | None = field(init=False)
    regex_entries: list[Phrase] = field(init=False)

    def __post_init__(self) -> None:
        literals = sorted(
            (e.wrong for e in self.entries.values() if not e.wrong.startswith("re:")),
            key=len,
            reverse=True,
        )
        self.literal_re = re.compile("|".join(map(re.escape, literals))) if literals else None
        self.regex_entries = [e for e in self.entries.values() if e.wrong.startswith("re:")]


@dataclass
class LintData:
    """All word lists, merged over the folders they came from."""

    folders: tuple[str, ...]
    reduplication_allow: frozenset[str]
    traditional_allow: frozenset[str]
    indicators: tuple[str, ...]
    stock_phrases: PhraseTable
    set_phrases: PhraseTable
    residue_web: PhraseTable
    page_chrome: tuple[str, ...] = ()
    metadata_labels: tuple[str, ...] = ()
    known_words: frozenset[str] = frozenset()
    redup_context: dict[str, list[tuple[str, int]]] = field(init=False)

    def __post_init__(self) -> None:
        # Index every doubled unit inside an allowed word, so a repeat in the text can be
        # checked against the words that could legitimately surround it.
        index: dict[str, list[tuple[str, int]]] = {}
        for word in self.reduplication_allow:
            for size in range(1, len(word) // 2 + 1):
                for at in range(len(word) - 2 * size + 1):
                    unit = word[at : at + size]
                    if word[at + size : at + 2 * size] == unit:
                        index.setdefault(unit * 2, []).append((word, at))
        self.redup_context = index

    def allows_repeat(self, text: str, start: int, end: int) -> bool:
        """Whether the repeat ``text[start:end]`` lies inside an allowed word in ``text``."""
        for word, at in self.redup_context.get(text[start:end], ()):
            begin = start - at
            if begin >= 0 and text.startswith(word, begin):
                return True
        return False


def _entries(lines: list[str]) -> list[tuple[int, str]]:
    """(line number, entry) for the lines that are neither blank nor comments."""
    out = []
    for number, raw in enumerate(lines, 1):
        line = raw.strip(" \t\r\n\ufeff")
        # A regular expression may itself contain "#": only plain entries lose a tail comment.
        if not line.startswith("re:"):
            line = line.split("#", 1)[0].strip()
        if line:
            out.append((number, line))
    return out


def _read(folder: Path | None, name: str) -> list[str] | None:
    if folder is None:
        source = resources.files("workreport.lint").joinpath("data", name)
        return source.read_text(encoding="utf-8").splitlines()
    path = folder / name
    if not path.is_file():
        return None
    try:
        return path.read_text(encoding="utf-8-sig").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise LintInputError(
            f"无法读取词表文件：{exc}", at=Location(str(path)), hint="词表须为 UTF-8 文本文件。"
        ) from exc


def _merge_list(folders: list[Path | None], name: str) -> list[str]:
    merged: dict[str, None] = {}
    for folder in folders:
        lines = _read(folder, name)
        for _, entry in _entries(lines or []):
            if entry.startswith("!"):
                merged.pop(entry[1:].strip(), None)
            else:
                merged[entry] = None
    return list(merged)


def _merge_table(folders: list[Path | None], name: str, *, regex: bool = False) -> PhraseTable:
    merged: dict[str, Phrase] = {}
    for folder in folders:
        lines = _read(folder, name)
        where = str(folder / name) if folder else f"data/{name}"
        for number, entry in _entries(lines or []):
            if entry.startswith("!"):
                key = entry[1:].split("\t", 1)[0].strip()
                merged.pop("re:" + key if regex and not key.startswith("re:") else key, None)
                continue
            parts = entry.split("\t") if "\t" in entry else entry.split(None, 2)
            parts = [p.strip() for p in parts]
            if len(parts) < 2 or not parts[0]:
                raise LintInputError(
                    "词表行缺少“错误写法<TAB>正确写法”两列",
                    at=Location(where, number),
                    hint="每行写“错误写法”和“正确写法”，用制表符隔开，第三列可写说明。",
                )
            wrong, right, note = parts[0], parts[1], parts[2] if len(parts) > 2 else ""
            if regex and not wrong.startswith("re:"):
                wrong = "re:" + wrong
            source = wrong[3:] if wrong.startswith("re:") else re.escape(wrong)
            try:
                pattern = re.compile(source, re.M)
            except re.error as exc:
                raise LintInputError(
                    f"词表中的正则表达式有误：{exc}", at=Location(where, number)
                ) from exc
            merged[wrong] = Phrase(wrong, right, note, pattern)
    return PhraseTable(merged)


@cache
def load_data(folders: tuple[str, ...] = ()) -> LintData:
    """The built-in lists merged with those in ``folders`` (later folders win)."""
    paths: list[Path | None] = [None]
    for folder in folders:
        path = Path(folder)
        if not path.is_dir():
            raise LintInputError(
                f"找不到规则词表文件夹：{folder}", hint="请检查 --rules-dir 指定的路径。"
            )
        paths.append(path)
    return LintData(
        folders=folders,
        reduplication_allow=frozenset(_merge_list(paths, "reduplication_allow.txt")),
        traditional_allow=frozenset("".join(_merge_list(paths, "traditional_allow.txt"))),
        indicators=tuple(_merge_list(paths, "indicators.txt")),
        stock_phrases=_merge_table(paths, "stock_phrases.tsv"),
        set_phrases=_merge_table(paths, "set_phrases.tsv"),
        residue_web=_merge_table(paths, "residue_web.tsv", regex=True),
        page_chrome=tuple(_merge_list(paths, "page_chrome.txt")),
        metadata_labels=tuple(_merge_list(paths, "metadata_labels.txt")),
        known_words=frozenset(_merge_list(paths, "known_words.txt")),
    )
