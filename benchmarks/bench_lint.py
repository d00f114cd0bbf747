"""Time :func:`workreport.lint.lint_text` on 20 000 characters of report text.

Usage: ``python benchmarks/bench_lint.py [SEED_DIR]``. The text is the five source reports
repeated (``tests/fixtures/seeds`` unless a folder is given) cut to 20 000 characters; without
them a built-in paragraph is repeated instead. The first call loads the word lists, OpenCC's
dictionaries and jieba's word list (from the cache folder once it has been read there); its
time is reported apart, then the best and median of several warm runs, as a process that
lints many files sees them.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from workreport.lint import lint_text, read_text_file

ROOT = Path(__file__).resolve().parent.parent
SIZE = 20_000
TARGET = 0.2
FALLBACK = (
    "2022年，外海街道全面贯彻落实党的二十大精神,规模以上工业增加值104.86亿元，"
    "工业投资增长35.7%，占固定资产投资比重约50.44%；推进龙溪路(云沁路-高新路)等21项工程，"
    "打造“一网融合”、“一网受理”，率先开放34****医疗机构。\n"
)


def sample(folder: Path) -> str:
    """``SIZE`` characters of report text."""
    texts = [read_text_file(p) for p in sorted(folder.glob("*.txt"))] if folder.is_dir() else []
    text = "\n".join(texts) or FALLBACK
    return (text * (SIZE // len(text) + 1))[:SIZE]


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else ROOT / "tests" / "fixtures" / "seeds"
    text = sample(folder)
    start = time.perf_counter()
    findings = lint_text(text)  # warm-up: word lists, OpenCC, jieba's words, regex caches
    first = time.perf_counter() - start
    runs = []
    for _ in range(7):
        start = time.perf_counter()
        lint_text(text)
        runs.append(time.perf_counter() - start)
    best = min(runs)
    print(
        f"lint_text：{len(text)} 字，{len(findings)} 条结果，"
        f"首次（含读入词表）{first * 1000:.0f} ms，"
        f"之后最快 {best * 1000:.1f} ms，中位 {sorted(runs)[len(runs) // 2] * 1000:.1f} ms"
        f"（目标 < {TARGET * 1000:.0f} ms）"
    )
    return 0 if best < TARGET else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
