"""The lint API: positions, rule selection, fixes, output, file readers and unit word lists."""

from __future__ import annotations

import json
from pathlib import Path

import docx
import pytest

from workreport.api import draft_text
from workreport.lint import (
    Finding,
    LintInputError,
    apply_fixes,
    findings_to_json,
    fix_text,
    fixed_path,
    format_finding,
    lint_path,
    lint_text,
    load_data,
    read_docx,
    read_source,
    read_text_file,
    select_rules,
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_INPUT = ROOT / "inputs" / "waihai" / "2022.yaml"
TEXT = "外海街道\n全面贯彻落实落实党的二十大精神,推动发展。\n创新是国家高新区的靈魂。"


def test_positions_are_one_based_character_columns() -> None:
    findings = lint_text(TEXT, source="报告.txt")
    got = [(f.rule_id, f.line, f.col, f.end_col, f.fix) for f in findings]
    assert got == [
        ("dup.word", 2, 5, 9, "落实"),
        ("punct.halfwidth", 2, 16, 17, "，"),
        ("char.traditional", 3, 10, 11, "灵"),
    ]
    assert all(f.source == "报告.txt" for f in findings)
    line = TEXT.split("\n")[1]
    assert line[5 - 1 : 9 - 1] == "落实落实"
    assert line[16 - 1] == ","


def test_windows_newlines_give_the_same_findings() -> None:
    assert lint_text(TEXT.replace("\n", "\r\n")) == lint_text(TEXT)


def test_select_and_ignore_by_prefix() -> None:
    assert {f.rule_id for f in lint_text(TEXT, select="punct")} == {"punct.halfwidth"}
    assert {f.rule_id for f in lint_text(TEXT, select=["dup", "char"])} == {
        "dup.word",
        "char.traditional",
    }
    assert {f.rule_id for f in lint_text(TEXT, select="dup,char", ignore="char")} == {"dup.word"}
    assert lint_text(TEXT, ignore=["punct", "dup", "char"]) == []
    assert [r.id for r in select_rules(select="ALL")] == [r.id for r in select_rules()]
    assert select_rules(select="nothing") == []


def test_apply_fixes_round_trip_keeps_line_endings() -> None:
    text = "全面贯彻落实落实精神,推动发展...\r\n深入实施 “五美”专项行动，新增１２３家。\r\n"
    findings = lint_text(text)
    fixed, count = fix_text(text, findings)
    assert fixed == "全面贯彻落实精神，推动发展……\r\n深入实施“五美”专项行动，新增123家。\r\n"
    assert count == 5
    assert lint_text(fixed) == []
    assert apply_fixes(fixed, lint_text(fixed)) == fixed


def test_overlapping_fixes_are_applied_once() -> None:
    a = Finding("x.a", 1, 2, 4, "甲", "乙", "error", fix="AB")
    b = Finding("x.b", 1, 3, 5, "甲", "乙", "error", fix="CD")
    assert fix_text("12345", [a, b]) == ("12CD5", 1)


def test_format_and_json() -> None:
    finding = lint_text("推动发展,实现突破。", source="报告.txt")[0]
    assert format_finding(finding) == (
        "报告.txt:1:5: punct.halfwidth 中文语境中使用了半角“,”（建议：改为全角“，”）"
    )
    data = json.loads(findings_to_json([finding]))
    assert data == [
        {
            "rule_id": "punct.halfwidth",
            "line": 1,
            "col": 5,
            "end_col": 6,
            "message": "中文语境中使用了半角“,”",
            "advice": "改为全角“，”",
            "severity": "error",
            "source": "报告.txt",
            "fix": "，",
            "fixable": True,
        }
    ]


def test_a_quotation_over_paragraphs_is_not_unbalanced() -> None:
    text = "他说：“第一段话。\n“第二段话。”"
    assert lint_text(text, select="punct.pairs") == []
    assert [f.line for f in lint_text("他说：“第一段话。\n第二段话。", select="punct.pairs")] == [1]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030"])
def test_read_text_file_encodings(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "报告.txt"
    path.write_bytes(TEXT.encode(encoding))
    assert read_text_file(path) == TEXT


def test_unreadable_text_file(tmp_path: Path) -> None:
    path = tmp_path / "坏.txt"
    path.write_bytes(b"\x80\x80\xff")  # neither UTF-8 nor GB18030
    with pytest.raises(LintInputError, match="编码无法识别"):
        read_text_file(path)
    with pytest.raises(LintInputError, match="无法读取文件"):
        read_text_file(tmp_path / "没有.txt")


def _write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("外海街道2022年工作情况")
    paragraph = document.add_paragraph("全面贯彻落实落实党的二十大精神,")
    paragraph.add_run().add_break()
    paragraph.add_run("推动发展。")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "数值"
    table.cell(1, 0).merge(table.cell(1, 1)).text = "创新是国家高新区的靈魂。"
    document.add_paragraph("此外")
    document.save(str(path))


def test_read_docx_paragraphs_and_tables(tmp_path: Path) -> None:
    path = tmp_path / "报告.docx"
    _write_docx(path)
    assert read_docx(path).split("\n") == [
        "外海街道2022年工作情况",
        "全面贯彻落实落实党的二十大精神,推动发展。",
        "指标",
        "数值",
        "创新是国家高新区的靈魂。",
        "此外",
    ]
    findings = lint_path(path)
    assert [(f.rule_id, f.line) for f in findings] == [
        ("dup.word", 2),
        ("punct.halfwidth", 2),
        ("char.traditional", 5),
    ]
    assert findings[0].source == str(path)


def test_bad_docx_is_an_input_error(tmp_path: Path) -> None:
    path = tmp_path / "坏.docx"
    path.write_text("不是 Word 文件", encoding="utf-8")
    with pytest.raises(LintInputError, match="无法打开 Word 文件"):
        lint_path(path)
    (tmp_path / "旧.doc").write_bytes(b"x")
    with pytest.raises(LintInputError, match=r"不支持旧版 \.doc"):
        lint_path(tmp_path / "旧.doc")


def test_yaml_input_is_checked_through_its_draft() -> None:
    findings = lint_path(SAMPLE_INPUT, draft=draft_text)
    label = f"{SAMPLE_INPUT}（草稿）"
    assert findings == lint_text(draft_text(SAMPLE_INPUT), source=label)
    with pytest.raises(LintInputError, match="需要先生成草稿"):
        lint_path(SAMPLE_INPUT)


def test_unit_word_lists_extend_and_remove(tmp_path: Path) -> None:
    unit = tmp_path / "lint"
    unit.mkdir()
    (unit / "stock_phrases.tsv").write_text(
        "# 本单位常见笔误\n外海街到\t外海街道\t单位名称\n!其它\n", encoding="utf-8"
    )
    (unit / "reduplication_allow.txt").write_text("!常常\n", encoding="utf-8")
    text = "外海街到其它工作常常"
    builtin = [f.fix for f in lint_text(text, select=["word", "dup"])]
    assert builtin == ["其他"]
    merged = lint_text(text, select=["word", "dup"], data_dirs=[str(unit)])
    assert [(f.rule_id, f.fix) for f in merged] == [
        ("word.stock-phrase", "外海街道"),
        ("dup.word", None),
    ]
    assert load_data((str(unit),)) is load_data((str(unit),))  # read once


def test_bad_unit_word_lists(tmp_path: Path) -> None:
    with pytest.raises(LintInputError, match="找不到规则词表文件夹"):
        lint_text("文本", data_dirs=[str(tmp_path / "没有")])
    unit = tmp_path / "lint"
    unit.mkdir()
    (unit / "set_phrases.tsv").write_text("只有一列\n", encoding="utf-8")
    with pytest.raises(LintInputError, match="两列") as info:
        lint_text("文本", data_dirs=[str(unit)])
    assert info.value.at is not None and info.value.at.line == 1


def test_fixed_copy_names() -> None:
    assert fixed_path(Path("a/报告.txt")) == Path("a/报告.fixed.txt")
    assert fixed_path(Path("a/说明.md")) == Path("a/说明.fixed.md")
    assert fixed_path(Path("a/报告.docx")) == Path("a/报告.docx.fixed.txt")
    assert fixed_path(Path("inputs/waihai/2022.yaml")) == Path("inputs/waihai/2022.yaml.fixed.txt")


def test_damaged_utf8_is_read_but_not_editable(tmp_path: Path) -> None:
    path = tmp_path / "截断.txt"
    path.write_bytes("全面贯彻落实党的二十大精神,推动发展。".encode() + b"\xe4\xb8")
    source = read_source(path)
    assert source.text.endswith("\ufffd") and not source.editable and source.encoding == "utf-8"
    plain = tmp_path / "好.txt"
    plain.write_bytes("推动发展。".encode("utf-8-sig"))
    assert read_source(plain).editable and read_source(plain).encoding == "utf-8-sig"
