"""Lint on the five source reports: every real slip is found, and almost nothing else.

The reports are kept as found (half-width punctuation, redactions, typos), in
``tests/fixtures/seeds/`` (or the folder named by ``WORKREPORT_SEEDS``). Every finding below
was reviewed by hand; a new finding on these texts therefore fails a test until it is judged.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from workreport.lint import Finding, apply_fixes, lint_path, lint_text, read_text_file

ROOT = Path(__file__).resolve().parent.parent
SEEDS = Path(os.environ.get("WORKREPORT_SEEDS", ROOT / "tests" / "fixtures" / "seeds"))

# (report, rule, line, flagged text): the real slips in the reports.
SLIPS = [
    ("000", "residue.linebreak", 17, "配"),  # 配 / 合区委…: a paragraph broken mid-word
    ("000", "residue.web", 23, "文图 何榕 李雨溪 邱昱"),
    ("000", "word.set-phrase", 37, "链链补链"),  # 产业链链补链
    ("000", "dup.word", 67, "堵点堵点"),
    ("000", "word.set-phrase", 75, "精神胜利召开"),  # 党的二十大精神胜利召开后
    ("000", "dup.word", 77, "村村"),  # 直冲村村陈兆南: 村民 lost its 民
    ("001", "num.approx", 6, "约50.44"),
    ("001", "punct.dash", 8, "-"),  # 云沁路-高新路
    ("001", "word.set-phrase", 12, "三委串一"),
    ("001", "dup.word", 17, "落实落实"),
    ("001", "word.set-phrase", 26, "生恭鲤鱼"),
    ("002", "space.cjk", 5, " "),  # 见证高质量发展步伐 ——回眸
    ("002", "char.traditional", 55, "靈"),
    ("003", "word.stock-phrase", 6, "劣着汰"),
    ("003", "punct.pairs", 25, "“"),  # “城乡绿化美化工程“和
    ("003", "space.cjk", 25, " "),  # 实施 “五美”
    ("003", "punct.pairs", 36, "’"),  # “1+3+N’机制
    ("004", "residue.web", 2, "2022-10-12 08:52:22"),
    ("004", "residue.web", 2, "来源: 南方日报"),
    ("004", "residue.web", 3, "关注河南热线"),
    ("004", "residue.web", 53, "(●南方日报记者张俊黄林通讯员杨广恒)"),
    *[("002", "residue.web", n, f"{name} 摄") for n, name in
      ((9, "邱昱"), (13, "彭伟宗"), (17, "张浩洋"), (21, "张思琴"), (25, "付师华"), (115, "邱昱"))],
]  # fmt: skip

# Slips that only the strict profile reports: a 顿号 between quoted items is “usually not
# used” (GB/T 15834-2011 4.5.3.5), and 产业链链补链 joins the word 产业链 (the set phrase
# 强链补链 is broken there, which the default profile reports through word.set-phrase).
STRICT_SLIPS = [
    ("000", "dup.word", 37, "链链"),
    ("002", "punct.enum-comma", 45, "、"),  # “江海经验”、“榕树头议事”
]

# Spaces inside photo credits, datelines and bylines: part of the residue, reported with it
# and never on their own (so --fix leaves them to the editor deleting the residue).
RESIDUE_SPACES = [
    ("000", 23, 3), ("000", 23, 6), ("000", 23, 10), ("002", 9, 13), ("002", 9, 16),
    ("002", 13, 32), ("002", 17, 37), ("002", 21, 26), ("002", 25, 26), ("002", 25, 30),
    ("002", 115, 30), ("004", 2, 20), ("004", 2, 24),
]  # fmt: skip

# Spaces that part two phrases of a newspaper headline or a work's title. A report would not
# have them, but an editor may well keep them in these texts: counted as false alarms.
DISPUTABLE = [
    ("000", "space.cjk", 7, " "),  # 磅礴脉动 制造业当家
    ("004", "space.cjk", 1, " "),  # 建强“四大体系” 以高质量党建引领保障高质量发展
]
REDACTIONS = {"001": 81}
Seeds = dict[str, tuple[list[str], list[Finding]]]
FALSE_ALARMS_PER_10K = 3


@pytest.fixture(scope="module")
def seed_paths() -> list[Path]:
    """The five reports, numbered 000 to 004."""
    files = sorted(SEEDS.glob("00[0-4]_*.txt"))
    if len(files) != 5:
        pytest.fail(f"the five source reports are expected in {SEEDS} (set WORKREPORT_SEEDS)")
    return files


@pytest.fixture(scope="module")
def seeds(seed_paths: list[Path]) -> Seeds:
    """Report number → (its lines, its findings without punct.halfwidth)."""
    return {
        path.name[:3]: (read_text_file(path).split("\n"), lint_path(path, ignore="punct.halfwidth"))
        for path in seed_paths
    }


def _flagged(lines: list[str], f: Finding) -> str:
    return lines[f.line - 1][f.col - 1 : f.end_col - 1]


def _table(seeds: Seeds) -> list[tuple[str, str, int, str]]:
    return [
        (name, f.rule_id, f.line, _flagged(lines, f))
        for name, (lines, findings) in seeds.items()
        for f in findings
        if f.rule_id != "leftover.redaction"
    ]


@pytest.mark.parametrize("slip", SLIPS, ids=[f"{s[0]}:{s[1]}:{s[2]}" for s in SLIPS])
def test_each_real_slip_is_found(seeds: Seeds, slip: tuple[str, str, int, str]) -> None:
    assert slip in _table(seeds)


def test_redactions_are_all_found(seeds: Seeds) -> None:
    for name, (lines, findings) in seeds.items():
        marks = [_flagged(lines, f) for f in findings if f.rule_id == "leftover.redaction"]
        assert len(marks) == REDACTIONS.get(name, 0), name
        assert all(re.fullmatch(r"\*{2,}", m) for m in marks)
        stars = sum(len(re.findall(r"\*{2,}", line)) for line in lines)
        assert len(marks) == stars


@pytest.mark.parametrize("slip", STRICT_SLIPS, ids=[f"{s[0]}:{s[1]}:{s[2]}" for s in STRICT_SLIPS])
def test_strict_slips_are_found_by_the_strict_profile(
    seed_paths: list[Path], slip: tuple[str, str, int, str]
) -> None:
    path = next(p for p in seed_paths if p.name.startswith(slip[0]))
    lines = read_text_file(path).split("\n")
    found = lint_path(path, profile="strict")
    assert slip[1:] in [(f.rule_id, f.line, _flagged(lines, f)) for f in found]
    assert slip[1:] not in [(f.rule_id, f.line, _flagged(lines, f)) for f in lint_path(path)]


def test_nothing_else_is_flagged(seeds: Seeds) -> None:
    assert sorted(_table(seeds)) == sorted(SLIPS + DISPUTABLE)
    columns = {(n, f.line, f.col) for n, (_, fs) in seeds.items() for f in fs}
    assert not set(RESIDUE_SPACES) & columns


def test_false_alarms_stay_rare(seeds: Seeds) -> None:
    chars = sum(len("\n".join(lines)) for lines, _ in seeds.values())
    total = sum(len(findings) for _, findings in seeds.values())
    assert total <= len(SLIPS) + len(DISPUTABLE) + sum(REDACTIONS.values())
    assert len(DISPUTABLE) / chars * 10_000 < FALSE_ALARMS_PER_10K


def test_halfwidth_marks_in_chinese_are_all_found_and_fixed(seed_paths: list[Path]) -> None:
    path = seed_paths[1]
    text = read_text_file(path)
    findings = lint_path(path, select="punct.halfwidth")
    # Every , ; : ( ) in this report sits in Chinese text; none is inside a number.
    assert len(findings) == len(re.findall(r"[,;:()]", text))
    heading = [f.fix for f in findings if f.line == 3]
    assert heading[:2] == ["（", "）"]  # (一)坚决有力防疫情 → （一）
    fixed = apply_fixes(text, findings)
    assert fixed.split("\n")[2].startswith("（一）坚决有力防疫情，人民生命安全有效保障")
    assert not re.search(r"[,;:()]", fixed)


def test_fixing_every_seed_leaves_nothing_fixable(seed_paths: list[Path]) -> None:
    for path in seed_paths:
        text = read_text_file(path)
        fixed = apply_fixes(text, lint_path(path))
        assert fixed.count("\n") == text.count("\n")
        remaining = [f for f in lint_text(fixed) if f.fix is not None]
        assert remaining == [], path.name
