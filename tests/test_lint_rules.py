"""Every lint rule against its own examples, and the word lists against the rules that read them."""

from __future__ import annotations

import re

import pytest

from workreport.lint import RULES, Rule, apply_fixes, lint_text, load_data

RULE_IDS = [rule.id for rule in RULES]


def _examples(kind: str) -> list[tuple[Rule, str]]:
    return [(rule, text) for rule in RULES for text in getattr(rule, kind)]


def test_rule_ids_are_unique_and_dotted() -> None:
    assert len(RULE_IDS) == len(set(RULE_IDS))
    for rule_id in RULE_IDS:
        assert re.fullmatch(r"[a-z]+\.[a-z]+(?:-[a-z]+)*", rule_id), rule_id


@pytest.mark.parametrize("rule", RULES, ids=RULE_IDS)
def test_rule_is_documented_with_examples(rule: Rule) -> None:
    assert rule.bad, f"{rule.id} has no failing examples"
    assert rule.good, f"{rule.id} has no passing examples"
    assert rule.severity in ("error", "warning", "info")
    for text in (rule.summary, rule.advice, rule.category):
        assert re.search(r"[\u4e00-\u9fff]", text), f"{rule.id}: {text!r} is not Chinese"


@pytest.mark.parametrize(
    ("rule", "text"), _examples("bad"), ids=[f"{r.id}:{t[:12]}" for r, t in _examples("bad")]
)
def test_bad_example_triggers_its_rule(rule: Rule, text: str) -> None:
    findings = lint_text(text, rules=[rule], profile=rule.profile)
    assert findings, f"{rule.id} missed {text!r}"
    assert {f.rule_id for f in findings} == {rule.id}
    for f in findings:
        assert f.message and f.advice
        assert 1 <= f.col < f.end_col


@pytest.mark.parametrize(
    ("rule", "text"), _examples("good"), ids=[f"{r.id}:{t[:12]}" for r, t in _examples("good")]
)
def test_good_example_passes_its_rule(rule: Rule, text: str) -> None:
    assert lint_text(text, rules=[rule]) == []
    if rule.profile == "default":
        assert lint_text(text, rules=[rule], profile="strict") == []


@pytest.mark.parametrize(
    ("rule", "text"),
    _examples("strict"),
    ids=[f"{r.id}:{t[:12]}" for r, t in _examples("strict")],
)
def test_strict_example_is_a_suggestion_only(rule: Rule, text: str) -> None:
    assert lint_text(text, rules=[rule]) == []
    findings = lint_text(text, rules=[rule], profile="strict")
    assert findings and {f.rule_id for f in findings} == {rule.id}


def test_strict_rules_are_silent_by_default() -> None:
    strict = [rule for rule in RULES if rule.profile == "strict"]
    assert strict
    for rule in strict:
        for text in rule.bad:
            assert lint_text(text, rules=[rule]) == [], rule.id


def test_rules_cite_their_standard() -> None:
    for rule_id in ("punct.dash", "punct.enum-comma", "dup.word", "char.traditional",
                    "num.approx", "num.figure-consistency", "space.cjk",
                    "struct.heading-order"):  # fmt: skip
        rule = next(r for r in RULES if r.id == rule_id)
        assert re.search(r"GB/T 158(34|35)-2011|GB/T 9704|通用规范汉字表", rule.standard), rule_id


@pytest.mark.parametrize(
    ("rule", "text"),
    [(r, t) for r, t in _examples("bad") if r.fixable],
    ids=[f"{r.id}:{t[:12]}" for r, t in _examples("bad") if r.fixable],
)
def test_fix_removes_what_it_fixes(rule: Rule, text: str) -> None:
    findings = lint_text(text, rules=[rule], profile=rule.profile)
    fixed = apply_fixes(text, findings)
    if any(f.fix is not None for f in findings):
        assert fixed != text
    again = lint_text(fixed, rules=[rule], profile=rule.profile)
    assert [f for f in again if f.fix is not None] == []


def test_only_fixable_rules_offer_fixes() -> None:
    for rule, text in _examples("bad"):
        if not rule.fixable:
            found = lint_text(text, rules=[rule], profile=rule.profile)
            assert all(f.fix is None for f in found), rule.id


def test_stock_phrase_table_is_large_and_its_corrections_are_clean() -> None:
    table = load_data().stock_phrases
    assert len(table.entries) >= 60
    for entry in table.entries.values():
        if not entry.wrong.startswith("re:"):
            assert lint_text(entry.right, select="word") == [], entry.right


def test_required_stock_phrases_are_listed() -> None:
    wanted = {
        "布署": "部署", "再接再励": "再接再厉", "其它": "其他", "交待": "交代", "按装": "安装",
        "必竟": "毕竟", "一愁莫展": "一筹莫展", "迫不急待": "迫不及待", "震憾": "震撼",
        "松驰": "松弛", "渡假": "度假", "坐阵": "坐镇", "发韧": "发轫", "精减机构": "精简机构",
        "劣着汰": "劣者汰",
    }  # fmt: skip
    for wrong, right in wanted.items():
        findings = lint_text(f"要{wrong}好", select="word.stock-phrase")
        assert [f.fix for f in findings] == [right], wrong
    for text, right in (("截止2022年底", "截至"), ("即使有困难，既使条件不足也要干", "即使")):
        assert right in [f.fix for f in lint_text(text, select="word.stock-phrase")]


def test_allowed_reduplications_are_not_flagged() -> None:
    for word in load_data().reduplication_allow:
        assert lint_text(word, select="dup.word") == [], word


def test_traditional_allowlist_is_respected() -> None:
    allowed = load_data().traditional_allow
    assert {"乾", "夥", "徵"} <= allowed
    assert lint_text("乾县获益甚夥", select="char.traditional") == []
    assert [f.fix for f in lint_text("於是餘下", select="char.traditional")] == ["于", "余"]
