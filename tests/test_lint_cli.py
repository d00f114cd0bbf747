"""``workreport lint``: exit codes, text and JSON output, --fix, --in-place, --list-rules."""

from __future__ import annotations

import json
from pathlib import Path

import docx
from click.testing import CliRunner

from workreport.commands.lint import command
from workreport.lint import RULES

BAD = "全面贯彻落实落实党的二十大精神,推动发展。\r\n创新是国家高新区的靈魂。\r\n率先开放34****医疗机构。\r\n"
CLEAN = "全面贯彻落实党的二十大精神，推动高质量发展。\n"


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(command, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _file(tmp_path: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    path = tmp_path / name
    path.write_bytes(text.encode(encoding))
    return path


def test_clean_file_exits_0(tmp_path: Path) -> None:
    code, out, _ = _run(_file(tmp_path, "好.txt", CLEAN))
    assert code == 0
    assert out == "检查了 1 个文件，没有发现问题。\n"


def test_findings_exit_1_one_line_each(tmp_path: Path) -> None:
    path = _file(tmp_path, "报告.txt", BAD)
    code, out, _ = _run(path)
    assert code == 1
    lines = out.splitlines()
    assert lines[:4] == [
        f"{path}:1:5: dup.word 词语重复：“落实落实”（建议：删去重复的“落实”）",
        f"{path}:1:16: punct.halfwidth 中文语境中使用了半角“,”（建议：改为全角“，”）",
        f"{path}:2:10: char.traditional 简体文本中出现繁体字“靈”（建议：改为“灵”）",
        f"{path}:3:7: leftover.redaction 残留的脱敏或占位符号“****”"
        "（建议：把 ****、XX、××、○○、某某 换成实际内容，或删去）",
    ]
    assert lines[4] == "共发现 4 处问题（错误 4），涉及 1 个文件；其中 3 处可自动修复（--fix）。"


def test_unreadable_files_exit_2_with_a_chinese_message(tmp_path: Path) -> None:
    good = _file(tmp_path, "好.txt", CLEAN)
    code, out, err = _run(good, tmp_path / "没有.txt")
    assert code == 2
    assert f"{tmp_path / '没有.txt'}: 错误：文件不存在" in err
    assert "另有 1 个文件无法读取" in out
    (tmp_path / "乱码.txt").write_bytes(b"\x80\x80\xff")
    code, _, err = _run(tmp_path / "乱码.txt")
    assert code == 2 and "文件编码无法识别" in err
    broken = _file(tmp_path, "坏.docx", "不是 Word 文件")
    code, _, err = _run(broken)
    assert code == 2 and "无法打开 Word 文件" in err and "Traceback" not in err


def test_no_file_is_a_usage_error() -> None:
    code, _, err = _run()
    assert code == 2 and "请给出要检查的文件" in err


def test_json_format(tmp_path: Path) -> None:
    path = _file(tmp_path, "报告.txt", BAD)
    code, out, _ = _run(path, "--format", "json", "--select", "dup,char")
    assert code == 1
    data = json.loads(out)
    assert [(d["rule_id"], d["line"], d["col"], d["fix"]) for d in data] == [
        ("dup.word", 1, 5, "落实"),
        ("char.traditional", 2, 10, "灵"),
    ]
    assert data[0]["source"] == str(path) and data[0]["fixable"] is True
    code, out, _ = _run(_file(tmp_path, "好.txt", CLEAN), "--format", "json")
    assert (code, json.loads(out)) == (0, [])


def test_select_and_ignore(tmp_path: Path) -> None:
    path = _file(tmp_path, "报告.txt", BAD)
    code, out, _ = _run(path, "--ignore", "punct", "--ignore", "dup,char,leftover")
    assert (code, out) == (0, "检查了 1 个文件，没有发现问题。\n")
    code, out, _ = _run(path, "--select", "leftover")
    assert code == 1 and out.count("leftover.redaction") == 1


def test_fix_writes_a_corrected_copy(tmp_path: Path) -> None:
    path = _file(tmp_path, "报告.txt", BAD, "gb18030")
    code, out, err = _run(path, "--fix")
    target = tmp_path / "报告.fixed.txt"
    assert f"已修正 3 处，写入 {target}" in err
    assert path.read_bytes() == BAD.encode("gb18030")  # the original is untouched
    assert target.read_bytes().decode("gb18030") == (
        "全面贯彻落实党的二十大精神，推动发展。\r\n创新是国家高新区的灵魂。\r\n率先开放34****医疗机构。\r\n"
    )
    assert code == 1  # the redaction needs a person
    assert out.splitlines()[0].startswith(f"{target}:3:7: leftover.redaction")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["报告.fixed.txt", "报告.txt"]


def test_in_place_rewrites_text_files_only(tmp_path: Path) -> None:
    path = _file(tmp_path, "报告.txt", "推动发展,实现突破。\n")
    code, out, _ = _run(path, "--in-place")
    assert code == 0
    assert path.read_text(encoding="utf-8") == "推动发展，实现突破。\n"
    assert out == "检查了 1 个文件，没有发现问题。\n"
    document = docx.Document()
    document.add_paragraph("推动发展,实现突破。")
    word = tmp_path / "报告.docx"
    document.save(str(word))
    before = word.read_bytes()
    code, _, err = _run(word, "--in-place")
    assert code == 2 and "只能原地修正" in err
    assert word.read_bytes() == before


def test_fix_of_a_docx_writes_text(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("外海街道")
    document.add_paragraph("推动发展,实现突破。")
    word = tmp_path / "报告.docx"
    document.save(str(word))
    code, _, _ = _run(word, "--fix")
    assert code == 0
    fixed = tmp_path / "报告.docx.fixed.txt"
    assert fixed.read_text(encoding="utf-8") == "外海街道\n推动发展，实现突破。"


def test_list_rules_prints_every_rule(tmp_path: Path) -> None:
    code, out, _ = _run("--list-rules")
    assert code == 0
    lines = out.splitlines()
    assert [line.split()[0] for line in lines] == [rule.id for rule in RULES]
    assert lines[0].split()[1:] == ["错误", "可修复", "中文语境中使用了半角标点"]
    code, out, _ = _run("--list-rules", "--select", "num", "--format", "json")
    assert [r["id"] for r in json.loads(out)] == [r.id for r in RULES if r.id.startswith("num")]


def test_rules_dir(tmp_path: Path) -> None:
    unit = tmp_path / "lint"
    unit.mkdir()
    (unit / "stock_phrases.tsv").write_text("外海街到\t外海街道\n", encoding="utf-8")
    path = _file(tmp_path, "报告.txt", "外海街到全力以赴稳经济。\n")
    assert _run(path)[0] == 0
    code, out, _ = _run(path, "--rules-dir", unit)
    assert code == 1 and "“外海街到”应为“外海街道”" in out
    code, _, err = _run(path, "--rules-dir", tmp_path / "没有")
    assert code == 2 and "找不到规则词表文件夹" in err
