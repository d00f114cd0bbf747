"""The lexicon misspelling rule (word.lexicon), its index and disk cache, and the draft-only rules."""

from __future__ import annotations

from pathlib import Path

import pytest

from workreport.cache import CACHE_ENV
from workreport.lint import lexicon as lexicon_module
from workreport.lint import lint_path, lint_text
from workreport.lint.lexicon import Lexicon, load
from workreport.lint.rules_lexicon import suspects

from .conftest import ROOT, SAMPLE_INPUT

# Misspellings no word list names, each in the kind of sentence a report has, with the word
# meant. 溶合 is a rare dictionary word, so it is reported only beside the document's own
# 融合发展; 贯切 is confirmed by the dictionary's 贯彻落实.
MISSPELLINGS = [
    ("全面贯切落实党的二十大精神，推动各项工作。", "贯切", "贯彻"),
    ("坚持精亦求精，打造一批精品工程。", "精亦求精", "精益求精"),
    ("广大干部脚踏实第干好每一项工作。", "脚踏实第", "脚踏实地"),
    ("招商引资要有的放失，突出产业链招商。", "有的放失", "有的放矢"),
    ("坚持不泄抓好作风建设，持续纠治“四风”。", "坚持不泄", "坚持不懈"),
    (
        "推动文旅融合发展，深化农文旅溶合发展，建设文旅融合发展示范区。",
        "溶合",
        "融合",
    ),
]


@pytest.mark.parametrize(("text", "wrong", "right"), MISSPELLINGS, ids=[m[1] for m in MISSPELLINGS])
def test_misspelling_is_found_with_its_correction(text: str, wrong: str, right: str) -> None:
    findings = [f for f in lint_text(text) if f.rule_id == "word.lexicon"]
    assert len(findings) == 1
    found = findings[0]
    assert text[found.col - 1 : found.end_col - 1] == wrong
    assert found.fix is None  # a suspicion, not a safe fix: names and new words look alike
    assert f"“{wrong}”应为“{right}”" in found.message and right in found.advice


def test_correct_text_and_coinages_are_left_alone() -> None:
    clean = "".join(text.replace(wrong, right) for text, wrong, right in MISSPELLINGS)
    coined = (
        "编制“十五五”规划，推进数智化转型，建设“浙里办”平台。"
        "盘活国有“三资”，推动个转企、小升规，实现设区市全覆盖。"
        "坚持新官理旧账，打造先进装备智造基地，推动装备制造业发展。"
    )
    assert [f for f in lint_text(clean + coined) if f.rule_id == "word.lexicon"] == []


# Two-character slips confirmed by nothing but the pair and the text: the two characters stand
# together in no dictionary word, and the text uses the corrected word elsewhere.
PAIR_SLIPS = [
    ("深化与周边国家合作，扩大对周边地区开放。在调边国家实施一批民生项目。", "调边", "周边"),
    ("提升应急管理能力，健全应急管理体系。推进基层应急管埋规范化建设。", "管埋", "管理"),
    ("持续优化营商环境。以优化营商环竟为基础，全面深化改革。", "环竟", "环境"),
]


@pytest.mark.parametrize(("text", "wrong", "right"), PAIR_SLIPS, ids=[m[1] for m in PAIR_SLIPS])
def test_a_slip_in_a_word_the_text_uses_is_found(text: str, wrong: str, right: str) -> None:
    found = [(s.wrong, s.right) for s in suspects(text)]
    assert found == [(wrong, right)]


@pytest.mark.parametrize(
    "text",
    [
        "支持中芯国际扩产，建设创新中心和研发中心。",  # a pun character (芯 for 心)
        "推动城投、津融等重组优化，做强金融服务，发展普惠金融。",  # a province's short name
        "阳江万洋众创城项目开工，服务群众，惠及群众。",  # neither side reads as words
        "在调边国家实施一批民生项目。",  # the text never uses 周边
        "夜深人静时谋划发展。深人推进改革，深入开展调研。",  # 深人 stands inside 夜深人静
        "这不是问题。表格末尾的空行不提，其余照报。",  # a negation and a verb: a phrase
    ],
)
def test_names_and_weak_cases_are_left_to_the_writer(text: str) -> None:
    assert suspects(text) == []


def test_a_string_glued_to_a_word_elsewhere_is_still_used_once() -> None:
    text = "保护产权面积不减。重大基础设施权面贯彻国防要求，全面提升设施水平。"
    assert [(s.wrong, s.right) for s in suspects(text)] == [("权面", "全面")]


def test_a_string_used_twice_is_a_term_not_a_slip() -> None:
    text = "推动固防工作。强边固防成效明显。"
    assert suspects(text) == []


def test_seed_reports_have_no_lexicon_findings() -> None:
    for path in sorted((ROOT / "tests" / "fixtures" / "seeds").glob("*.txt")):
        assert [f for f in lint_path(path) if f.rule_id == "word.lexicon"] == [], path.name


def test_index_answers_the_questions_the_rule_asks() -> None:
    lex = load()
    assert lex.is_word("贯彻") and not lex.is_word("贯切")
    assert "有的放矢" in lex.idioms and len(lex.idioms) > 20_000
    assert lex.homophones("亦", "益") and lex.homophones("泄", "懈")
    assert not lex.homophones("母", "无")  # 无 reads mó only in 南无
    assert lex.looks_alike("失", "矢") and lex.looks_alike("切", "彻")
    assert (1, "精益求精") in lex.neighbours("精亦求精")
    assert lex.freq("融合") > 50 * lex.freq("溶合") > 0


def test_index_is_cached_on_disk_and_rebuilt_when_damaged(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    folder = tmp_path / "cache"
    monkeypatch.setenv(CACHE_ENV, str(folder))
    load.cache_clear()
    try:
        built = load()
        files = list(folder.glob("lexicon-*.pickle"))
        assert len(files) == 1
        load.cache_clear()
        again = load()
        assert isinstance(again, Lexicon) and again is not built
        assert again.masked == built.masked
        files[0].write_bytes(b"not a pickle")
        load.cache_clear()
        assert load().idioms == built.idioms
        assert files[0].read_bytes()[:1] == b"\x80"  # rewritten as a pickle
        monkeypatch.setattr(lexicon_module, "FORMAT", lexicon_module.FORMAT + 1)
        lexicon_module._write_cache(folder / "lexicon-new.pickle", built)
        assert [p.name for p in folder.glob("lexicon-*.pickle")] == ["lexicon-new.pickle"]
    finally:
        load.cache_clear()


def test_draft_rules_run_on_drafts_only() -> None:
    text = (
        "一、2022年工作情况\n"
        "实现规模以上工业产值400，工业投资增长35.7，占比提高。\n"
        "推动各项事业取得新突破、实现新发展、\n"
        "全力以赴防疫情、稳经济、保安全，不断巩固拓展稳中向好发展态势\n"
        "位列全区第3，17、26、27号地完成收地。\n"
        "指标名称、口径\t单位\t数值、\n"
    )
    ids = ["draft.bare-figure", "draft.unfinished"]
    assert [f for f in lint_text(text) if f.rule_id in ids] == []
    found = [(f.rule_id, f.line, f.col) for f in lint_text(text, draft=True) if f.rule_id in ids]
    assert found == [
        ("draft.bare-figure", 2, 11),
        ("draft.bare-figure", 2, 21),
        ("draft.unfinished", 3, 18),
        ("draft.unfinished", 4, 30),
    ]


def test_a_yaml_input_is_linted_as_a_draft() -> None:
    from workreport.api import draft_text

    findings = lint_path(SAMPLE_INPUT, draft=draft_text)
    assert all(f.source.endswith("（草稿）") for f in findings)
    assert [f for f in findings if f.rule_id.startswith("draft.")] == []


def test_a_missing_library_is_named_in_chinese(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(lexicon_module, "SOURCES", ("jieba", "not-installed-lexicon-source"))
    load.cache_clear()
    try:
        with pytest.raises(lexicon_module.LexiconMissingError) as caught:
            load()
        assert "not-installed-lexicon-source" in caught.value.message
        assert caught.value.exit_code == 2
    finally:
        load.cache_clear()


def test_a_units_known_words_are_not_reported(tmp_path: Path) -> None:
    """A term the dictionary lacks looks like a slip (井工煤矿 is one stroke from 开工, a word
    the text uses); the unit lists it in its known_words.txt, and only that word is let go."""
    text = (
        "推进井工煤矿智能化改造，新开工项目一批，开工建设一批重点工程。全面贯切落实党的二十大精神。"
    )
    before = {f.message for f in lint_text(text) if f.rule_id == "word.lexicon"}
    assert any("“井工”" in m for m in before) and any("“贯切”" in m for m in before)
    folder = tmp_path / "lint"
    folder.mkdir()
    (folder / "known_words.txt").write_text("# 本单位的新词\n井工煤矿\n", encoding="utf-8")
    after = [f for f in lint_text(text, data_dirs=[folder]) if f.rule_id == "word.lexicon"]
    assert [text[f.col - 1 : f.end_col - 1] for f in after] == ["贯切"]
