"""``workreport new``: a new unit's files, built with zero edits, never overwriting anything."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
import yaml

from tests.conftest import run_cli as run
from workreport.api import build, make_draft
from workreport.errors import InputError, WriteError
from workreport.rollover import rollover
from workreport.scaffold import NewUnit, create_unit


def test_new_then_build_with_zero_edits_through_the_cli(tmp_path: Path) -> None:
    made = run("new", "shili", "--name", "示例街道", "--year", "2023", cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    source = tmp_path / "inputs" / "shili" / "2023.yaml"
    assert f"已创建：{Path('inputs/shili/2023.yaml')}" in made.stdout
    assert source.is_file()
    assert (tmp_path / "templates" / "shili" / "README.md").is_file()

    built = run("build", str(source), "-o", "draft.docx", cwd=tmp_path)
    assert built.returncode == 0, built.stderr
    text = "\n".join(p.text for p in docx.Document(str(tmp_path / "draft.docx")).paragraphs)
    assert text.startswith("示例街道2023年工作情况\n和2024年工作谋划\n（草稿）")  # title in 2 lines
    assert "【待补充：地区生产总值】" in text
    assert "None" not in text and "{{" not in text


def test_new_draft_is_all_placeholders_no_invented_figures(tmp_path: Path) -> None:
    [source, *_] = create_unit(tmp_path, NewUnit("shili", "示例镇", 2023, level="镇"))
    draft = make_draft(source)
    headings = [(b.number, b.text) for b in draft.document.blocks if hasattr(b, "number")]
    assert [h[0] for h in headings] == ["一、", "（一）", "二、", "（一）"]
    assert headings[0][1] == "2023年工作情况" and headings[2][1] == "2024年工作谋划"
    assert len(draft.placeholders) >= 10
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    assert data["unit"] == {"name": "示例镇", "short_name": "示例", "level": "镇", "parent": None}
    assert all(i.get("value") is None for i in data["indicators"].values())
    assert [t.get("growth") for t in data["plan"]["targets"]] == [None]


def test_every_field_has_a_chinese_comment(tmp_path: Path) -> None:
    [source, *_] = create_unit(tmp_path, NewUnit("shili", "示例街道", 2023))
    seen: set[str] = set()
    explained: set[str] = set()
    for line in source.read_text(encoding="utf-8").splitlines():
        code = line.lstrip().removeprefix("#").strip().removeprefix("- ")
        key = code.split(":")[0] if ":" in code else ""
        if not key.isidentifier():
            continue
        if not line.lstrip().startswith("#"):
            seen.add(key)
        if "#" in line.lstrip().removeprefix("#") and re.search(r"#.*[\u4e00-\u9fff]", line):
            explained.add(key)
    assert seen - explained == set()
    assert {"unit", "indicators", "review", "plan", "targets", "previous"} <= seen
    assert {"outline", "approx", "enumerate", "with_targets", "show_title"} <= explained


def test_new_refuses_existing_files_and_writes_nothing(tmp_path: Path) -> None:
    readme = tmp_path / "templates" / "shili" / "README.md"
    readme.parent.mkdir(parents=True)
    readme.write_text("我的说明\n", encoding="utf-8")
    with pytest.raises(WriteError, match="已有文件"):
        create_unit(tmp_path, NewUnit("shili", "示例街道", 2023))
    assert readme.read_text(encoding="utf-8") == "我的说明\n"
    assert not (tmp_path / "inputs").exists()
    assert not (tmp_path / "templates" / "shili" / "style.yaml").exists()

    again = run("new", "shili", "--name", "示例街道", "--year", "2023", cwd=tmp_path)
    assert again.returncode == 2
    assert "错误：已有文件" in again.stderr and "rollover" in again.stderr
    assert "Traceback" not in again.stderr


@pytest.mark.parametrize("key", ["../up", "a/b", ".hidden", "default", ""])
def test_unit_key_must_be_one_plain_folder_name(tmp_path: Path, key: str) -> None:
    with pytest.raises(InputError, match="单位文件夹名"):
        create_unit(tmp_path, NewUnit(key, "示例街道", 2023))
    assert list(tmp_path.iterdir()) == []


def test_new_style_file_changes_nothing_until_uncommented(tmp_path: Path) -> None:
    [plain, *_] = create_unit(tmp_path / "a", NewUnit("shili", "示例街道", 2023))
    assert make_draft(plain).profile.grid.line_pitch_pt == 28
    [source, _, style] = create_unit(tmp_path / "b", NewUnit("shili", "示例街道", 2023))
    text = style.read_text(encoding="utf-8").replace("# grid:", "grid:")
    style.write_text(text.replace("#   line_pitch_pt: 29", "  line_pitch_pt: 29"), "utf-8")
    assert make_draft(source).profile.grid.line_pitch_pt == 29


def test_new_unit_rolls_over_to_next_year(tmp_path: Path) -> None:
    [source, *_] = create_unit(tmp_path, NewUnit("shili", "示例街道", 2023))
    result = build(rollover(source), tmp_path / "2024.docx")
    assert result.draft.document.title == "示例街道2024年工作情况和2025年工作谋划"
    text = "\n".join(p.text for p in docx.Document(str(result.output)).paragraphs)
    assert "（一）" not in text  # numbers come from Word's list numbering, not the text
    assert "【待补充：分项标题，如“全力以赴稳经济，稳中向好态势不断巩固”】" not in text
    assert "【待补充：重点工作标题，如“着力聚焦工业兴街，实现高水平高质量发展”】" in text
