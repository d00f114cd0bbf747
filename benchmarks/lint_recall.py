"""Recall of ``workreport lint`` on slips planted into edited report text, and its speed.

Usage: ``python benchmarks/lint_recall.py [CORPUS_DIR] [--seed N] [--per-kind N]
[--real all|local] [-v]``

The text is the body of each report in ``CORPUS_DIR`` (by default the nearest
``shared/corpus/provincial-2026`` beside the repository or a folder above it;
``tests/fixtures/seeds`` when there is none): what follows
the line that starts with 各位代表, or the whole text after the header when there is none.
:mod:`inject` plants ``--per-kind`` slips of each kind into every body, away from the findings
the clean body already has (with ``--real``, the reports of ``tests/fixtures/real`` as published,
see :mod:`real_reports`, are used instead: all 35, or the 20 local ones held out from tuning);
a slip counts as found only when a finding of the planted body
overlaps its span. Printed: recall per kind and overall, then the time ``lint_text`` takes on
20 000 characters with the lexicon loaded (cold: the first call in the process, the lexicon
read from the disk cache; warm: best of several later calls), and how long building the
lexicon without a cache takes. Exit status 1 when overall recall is under 95%.
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

from inject import KINDS, Slip, inject
from workreport.lint import Finding, lint_text
from workreport.lint.lexicon import build, load

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ("shared", "corpus", "provincial-2026")
DEFAULT_CORPUS = next(
    (p.joinpath(*CORPUS) for p in ROOT.parents if p.joinpath(*CORPUS).is_dir()),
    ROOT.parent.joinpath(*CORPUS),
)
FALLBACK = ROOT / "tests" / "fixtures" / "seeds"
TARGET = 0.95
SIZE = 20_000


def body(path: Path) -> str:
    """The report text of a corpus file: after its header, from the line after 各位代表 on."""
    text = path.read_text("utf-8").replace("\r\n", "\n")
    head, blank, rest = text.partition("\n\n")
    if blank and all(":" in line for line in head.split("\n")):
        text = rest
    lines = text.split("\n")
    for i, line in enumerate(lines):
        if line.strip().startswith("各位代表"):
            return "\n".join(lines[i + 1 :])
    return text


def offsets(text: str, findings: list[Finding]) -> list[tuple[int, int]]:
    """Findings → [start, end) offsets into ``text``."""
    starts = [0]
    for line in text.split("\n")[:-1]:
        starts.append(starts[-1] + len(line) + 1)
    return [(starts[f.line - 1] + f.col - 1, starts[f.line - 1] + f.end_col - 1) for f in findings]


def found(slip: Slip, spans: list[tuple[int, int]]) -> bool:
    return any(a < slip.end and slip.start < b for a, b in spans)


def recall(texts: list[str], seed: int, per_kind: int) -> tuple[Counter[str], Counter[str]]:
    """(planted, found) counts per kind over ``texts``."""
    planted: Counter[str] = Counter()
    hits: Counter[str] = Counter()
    for index, clean in enumerate(texts):
        avoid = [a for a, _ in offsets(clean, lint_text(clean))]
        text, slips = inject(clean, seed + index, per_kind=per_kind, avoid=avoid)
        spans = offsets(text, lint_text(text))
        for slip in slips:
            planted[slip.kind] += 1
            if found(slip, spans):
                hits[slip.kind] += 1
            elif "-v" in sys.argv:
                print(f"  漏报 {slip.kind}: {slip.original} → {slip.planted}")
    return planted, hits


def speed(texts: list[str]) -> tuple[float, float, float, float]:
    """(lexicon build without cache, cold first lint incl. cache load, warm best, load alone)."""
    text = ("\n".join(texts) * (SIZE // max(1, len("".join(texts))) + 1))[:SIZE]
    start = time.perf_counter()
    build()
    built = time.perf_counter() - start
    load.cache_clear()
    start = time.perf_counter()
    load()
    loaded = time.perf_counter() - start
    load.cache_clear()
    start = time.perf_counter()
    lint_text(text)
    cold = time.perf_counter() - start
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        lint_text(text)
        runs.append(time.perf_counter() - start)
    return built, cold, min(runs), loaded


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("corpus", nargs="?", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--seed", type=int, default=2026)
    parser.add_argument("--per-kind", type=int, default=5)
    parser.add_argument("-v", action="store_true", help="list the slips that were missed")
    parser.add_argument("--real", choices=["all", "local"], help="plant into the real reports")
    args = parser.parse_args(argv[1:])
    folder = args.corpus if args.corpus.is_dir() else FALLBACK
    if args.real:
        from real_reports import REAL, load_real

        texts = [text for _, text in load_real(local_only=args.real == "local")]
        where = f"{REAL}（{args.real}）"
    else:
        texts = [body(p) for p in sorted(folder.glob("*.txt"))]
        where = str(folder)
    load()  # the disk cache is written here on the first run ever
    planted, hits = recall(texts, args.seed, args.per_kind)
    print(f"语料：{where}（{len(texts)} 篇，{sum(map(len, texts))} 字），种子 {args.seed}")
    print("| 类别 | 植入 | 查出 | 查全率 |\n| --- | ---: | ---: | ---: |")
    for kind in KINDS:
        n, k = planted[kind], hits[kind]
        print(f"| {kind} | {n} | {k} | {k / n:.1%} |" if n else f"| {kind} | 0 | 0 | — |")
    total, got = sum(planted.values()), sum(hits.values())
    overall = got / total if total else 0.0
    print(f"| 合计 | {total} | {got} | {overall:.1%} |")
    built, cold, warm, loaded = speed(texts)
    print(
        f"速度（{SIZE} 字，含词典）：首次 {cold * 1000:.0f} ms"
        f"（其中从缓存读词典 {loaded * 1000:.0f} ms），之后最快 {warm * 1000:.0f} ms；"
        f"无缓存时建词典 {built:.1f} s"
    )
    return 0 if overall >= TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
