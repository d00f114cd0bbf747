"""jieba's word list: read once, kept in the cache folder, a damaged cache file rebuilt."""

from __future__ import annotations

from pathlib import Path

import pytest

from workreport.lint import wordlist


def test_the_word_list_knows_common_words_and_not_slips() -> None:
    words = wordlist.words()
    assert len(words) > 200_000
    assert {"水平", "平安", "首都", "都市", "沉甸甸"} <= words
    assert "村陈" not in words
    text = "推进更高水平平安建设"
    i = text.index("平平")
    assert wordlist.word_ending_at(text, i + 1) and wordlist.word_starting_at(text, i + 1)
    assert wordlist.word_covering("一份沉甸甸的答卷", 3, 4)
    assert not wordlist.word_covering("常常", 0, 1)  # a word shorter than three covers nothing


def test_the_cache_file_round_trips_and_survives_damage(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("WORKREPORT_CACHE_DIR", str(tmp_path))
    target = wordlist._cache_file(10, 20)
    assert target is not None and target.parent == tmp_path
    wordlist._write_cache(target, frozenset({"水平", "平安"}))
    assert wordlist._read_cache(target) == frozenset({"水平", "平安"})
    target.write_bytes(b"\x00damaged")
    assert wordlist._read_cache(target) is None
    monkeypatch.setenv("WORKREPORT_CACHE_DIR", "")
    assert wordlist._cache_file(10, 20) is None  # the disk cache turned off
