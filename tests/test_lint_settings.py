"""Profiles and a unit's lint settings, in the CLI and in ``build --review``; grouping and
residue as the CLI shows them."""

from __future__ import annotations

from pathlib import Path

import docx
from click.testing import CliRunner

from workreport.api import build
from workreport.commands.lint import command
from workreport.lint import lint_text, read_settings

QUOTED = "弘扬“蒙古马精神”、“三北精神”，投资4千万元。\n"
TABLE = (
    "索 引 号：11330000002482870P/2026-00012    分　　类：政府工作报告\n"
    "发布机构：示例省人民政府办公厅    成文日期：2026-01-22\n"
    "标　　题：2026年示例省政府工作报告\n"
    "\n"
    "各位代表：\n"
    "现在，我代表省人民政府向大会报告工作,请予审议。\n"
)


def _run(*args: str | Path) -> tuple[int, str, str]:
    result = CliRunner().invoke(command, [str(a) for a in args])
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    return result.exit_code, result.stdout, result.stderr


def _unit(tmp_path: Path, settings: str) -> Path:
    folder = tmp_path / "lint"
    folder.mkdir()
    (folder / "settings.yaml").write_text(settings, encoding="utf-8")
    return folder


def test_strict_profile_adds_the_standards_suggestions(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text(QUOTED, encoding="utf-8")
    assert _run(path) == (0, "检查了 1 个文件，没有发现问题。\n", "")
    code, out, _ = _run(path, "--profile", "strict")
    assert code == 1
    assert "punct.enum-comma" in out and "num.unit-magnitude" in out


def test_a_units_settings_choose_the_profile_and_rules(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text(QUOTED, encoding="utf-8")
    unit = _unit(tmp_path, "profile: strict\nignore: [num]\n")
    code, out, _ = _run(path, "--rules-dir", unit)
    assert code == 1 and "punct.enum-comma" in out and "num.unit-magnitude" not in out
    # the command line wins over the unit's choice
    assert _run(path, "--rules-dir", unit, "--profile", "default")[0] == 0


def test_bad_settings_are_one_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text(QUOTED, encoding="utf-8")
    unit = _unit(tmp_path, "profile: 严格\n")
    code, out, err = _run(path, "--rules-dir", unit)
    assert code == 2 and out == ""
    assert "settings.yaml" in err and "校对档位“严格”无效" in err and "default" in err
    (unit / "settings.yaml").write_text("level: strict\n", encoding="utf-8")
    code, _, err = _run(path, "--rules-dir", unit)
    assert code == 2 and "不认识的键：level" in err
    assert read_settings(()).profile == "default"


def test_one_cause_is_one_line_with_its_places(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("推动发展,实现突破。\n" * 39, encoding="utf-8")
    code, out, _ = _run(path)
    lines = out.splitlines()
    assert code == 1 and len(lines) == 2
    assert lines[0].startswith(f"{path}:1:5: punct.halfwidth 中文语境中使用了半角“,”")
    assert "同一问题共 39 处，另见 2:5、3:5、" in lines[0] and lines[0].endswith("等")
    assert lines[1] == (
        "共发现 39 处问题（错误 39），涉及 1 个文件，归为 1 个原因；其中 39 处可自动修复（--fix）。"
    )


def test_a_pasted_table_is_one_residue_finding_and_fix_leaves_it(tmp_path: Path) -> None:
    findings = lint_text(TABLE)
    assert [(f.rule_id, f.line) for f in findings] == [
        ("residue.web", 1),
        ("punct.halfwidth", 6),
    ]
    assert "共3行" in findings[0].message and findings[0].fix is None
    path = tmp_path / "报告.txt"
    path.write_text(TABLE, encoding="utf-8")
    code, _, err = _run(path, "--fix")
    assert code == 1 and "已修正 1 处" in err
    fixed = (tmp_path / "报告.fixed.txt").read_text(encoding="utf-8")
    assert fixed.split("\n")[:3] == TABLE.split("\n")[:3]  # the residue is the editor's to delete
    assert "报告工作，请予审议" in fixed


def test_page_chrome_is_one_finding_a_block() -> None:
    page = "打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】\n来源：示例日报\n时间：2026-02-02\n\n各位代表：\n"
    findings = lint_text(page)
    assert [(f.rule_id, f.line) for f in findings] == [("residue.web", 1)]
    assert "共10行" in findings[0].message


def test_build_review_follows_the_units_settings(demo_project: Path) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    text = path.read_text(encoding="utf-8").replace(
        "坚持稳字当头。", "坚持“稳字当头”、“稳中求进”。"
    )
    path.write_text(text, encoding="utf-8")
    plain = build(path, demo_project / "a.docx", review=True)
    assert plain.comments == 0
    _unit(path.parent, "profile: strict\n")
    strict = build(path, demo_project / "b.docx", review=True)
    comments = docx.Document(str(demo_project / "b.docx")).comments
    assert strict.comments + strict.figure_comments == len(comments)  # figures carry their source
    assert strict.comments >= 1
    assert any("punct.enum-comma" in c.text for c in comments)


def test_spaces_of_one_kind_are_one_cause_and_words_are_not(tmp_path: Path) -> None:
    path = tmp_path / "报告.txt"
    path.write_text("共 100 个村，示例 街道。\n落实落实，推进推进。\n", encoding="utf-8")
    _, out, _ = _run(path)
    lines = out.splitlines()
    assert [line.split(": ", 1)[1].split(" ", 1)[0] for line in lines[:-1]] == [
        "space.cjk",
        "dup.word",
        "dup.word",
    ]
    assert "同一问题共 3 处" in lines[0]
    assert lines[-1].startswith("共发现 5 处问题（错误 2，警告 3），涉及 1 个文件，归为 3 个原因")


def test_a_table_read_cell_by_cell_is_one_block() -> None:
    cells = "索 引 号：\n11330000002482870P/2026-00012\n发布机构：\n示例省人民政府办公厅\n成文日期：\n2026-01-22\n"
    text = cells + "\n各位代表：\n现在，我代表省人民政府向大会报告工作。\n"
    findings = lint_text(text)
    assert [(f.rule_id, f.line) for f in findings] == [("residue.web", 1)]
    assert "共6行" in findings[0].message


def test_lines_broken_as_in_a_pdf_copy_are_one_finding_a_run() -> None:
    pdf = (
        "示例街道深入学习宣传贯彻党的二十大精神，全面落实区委区政府各项决策部署，坚持稳中求进工作总基调，推动经济\n"
        "社会高质量发展取得新成效，全年实现地区生产总值同比增长，规模以上工业增加值稳步增长，固定资产投资保持较快\n"
        "— 2 —\n"
        "增长，民生福祉持续增进，社会大局和谐稳定，各项事业取得新进展，为全面建设社会主义现代化开好局起好步作出了\n"
        "积极贡献。\n"
    )
    findings = lint_text(pdf, select="residue.linebreak")
    assert [(f.line, f.col) for f in findings] == [(1, 52)]
    assert "从第1行起连续3行都这样断开" in findings[0].message
