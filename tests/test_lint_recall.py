"""Slips planted by ``benchmarks/inject.py`` into the seed reports are found at their place."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from workreport.api import draft_text

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from inject import KINDS, inject
from lint_recall import body, recall

SEEDS = ROOT / "tests" / "fixtures" / "seeds"
WHOLE = ("dup.word", "idiom", "traditional", "halfwidth", "quotes", "space")
"""Kinds whose slips lint finds almost always (at least 95% of them)."""
WORDS = ("homophone", "near-form")
"""One wrong character in a common word: a two-character slip is reported only on evidence
beyond the dictionary's frequencies (see word.lexicon), so some are missed by design; most
misses are in words the text uses nowhere else, which short texts often are."""


@pytest.fixture(scope="module")
def counts() -> tuple[Counter[str], Counter[str]]:
    """Three slips of each kind planted into each seed report and each bundled input's draft."""
    texts = [body(p) for p in sorted(SEEDS.glob("*.txt"))]
    texts += [draft_text(p) for p in sorted((ROOT / "inputs").glob("*/*.yaml"))]
    return recall(texts, seed=12, per_kind=3)


def test_injector_is_deterministic_and_records_positions() -> None:
    text = body(sorted(SEEDS.glob("*.txt"))[0])
    first = inject(text, 7, per_kind=2)
    assert first == inject(text, 7, per_kind=2)
    planted, slips = first
    assert {s.kind for s in slips} >= {"dup.word", "traditional", "space", "homophone"}
    for slip in slips:
        assert planted[slip.start : slip.end] == slip.planted != slip.original
    assert inject(text, 8, per_kind=2)[1] != slips


def test_every_kind_is_planted(counts: tuple[Counter[str], Counter[str]]) -> None:
    planted, _ = counts
    assert set(planted) == set(KINDS)
    assert sum(planted.values()) >= 150


def test_whole_kinds_are_found_at_their_place(counts: tuple[Counter[str], Counter[str]]) -> None:
    planted, found = counts
    total = sum(planted[k] for k in WHOLE)
    assert sum(found[k] for k in WHOLE) >= 0.95 * total, {k: (found[k], planted[k]) for k in KINDS}


def test_most_word_slips_are_found(counts: tuple[Counter[str], Counter[str]]) -> None:
    planted, found = counts
    assert sum(found[k] for k in WORDS) >= 0.6 * sum(planted[k] for k in WORDS)


def test_benchmark_corpus_loader_takes_the_body() -> None:
    sample = Path(__file__).parent / "fixtures" / "seeds" / "README.md"
    assert body(sample) == sample.read_text("utf-8").replace("\r\n", "\n")
