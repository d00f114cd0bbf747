"""The command line, run as a user runs it: a real subprocess, real files, exit codes."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import run_cli as run


def test_build_writes_default_name_and_counts_placeholders(demo_project: Path) -> None:
    result = run("build", "inputs/demo/2022.yaml", cwd=demo_project)
    assert result.returncode == 0, result.stderr
    expected = demo_project / "示例街道2022年工作情况和2023年工作谋划（草稿）.docx"
    assert expected.is_file()
    assert f"已生成：{expected}" in result.stdout
    assert "还有 1 处【待补充】内容" in result.stdout


def test_strict_fails_on_placeholders(demo_project: Path) -> None:
    result = run("build", "inputs/demo/2022.yaml", "-o", "out.docx", "--strict", cwd=demo_project)
    assert result.returncode == 2
    assert "错误：草稿中还有 1 处待补充内容：【待补充：规上企业】" in result.stderr
    assert not (demo_project / "out.docx").exists()


@pytest.mark.parametrize(
    ("old", "new", "expected"),
    [
        ("year: 2022", "year: 2022\nyear: 2023", "2022.yaml:3:1: 错误：键“year”重复出现"),
        (
            "{{ ind.gdp }}",
            "{{ ind.gpd }}",
            "2022.yaml:14:17: 错误：工作情况 › 分项第1项 › 段落第1项 › 正文："
            "引用了不存在的指标“gpd”：{{ ind.gpd }}。 建议：是否想写 gdp？",
        ),
        (
            "value: 104.86",
            "value: 104.86亿",
            "2022.yaml:4:30: 错误：indicators.gdp.value：应当是数字，却写成了“104.86亿”。",
        ),
        (
            "intro: 坚决扛起经济发展主战场的责任担当。",
            'intro: "{% if %}坚决扛起经济发展主战场的责任担当。"',
            "2022.yaml:11:14: 错误：review.sections[0].intro 中的模板语法错误",
        ),
        (
            "  intro: 坚决",
            "  intro: {% if %}坚决",
            "2022.yaml:11:14: 错误：以“{{”或“{%”开头的值没有加引号，YAML 把它当成了花括号 { } 的写法。"
            ' 建议：把整个值用双引号括起来：intro: "{% if %}坚决',
        ),
    ],
)
def test_bad_input_exit_2_with_located_chinese_message(
    demo_project: Path, old: str, new: str, expected: str
) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    result = run("build", "inputs/demo/2022.yaml", "-o", "out.docx", cwd=demo_project)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Traceback" not in result.stderr


def test_failed_build_leaves_previous_draft_intact(demo_project: Path) -> None:
    assert run("build", "inputs/demo/2022.yaml", "-o", "out.docx", cwd=demo_project).returncode == 0
    before = (demo_project / "out.docx").read_bytes()
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{{ ind.gdp }}", "{{ ind.nope }}"),
        encoding="utf-8",
    )
    assert run("build", "inputs/demo/2022.yaml", "-o", "out.docx", cwd=demo_project).returncode == 2
    assert (demo_project / "out.docx").read_bytes() == before
    assert [p.name for p in demo_project.iterdir() if p.name.endswith(".tmp")] == []


def test_error_shows_the_source_line_with_a_caret(demo_project: Path) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 104.86", "value: 104.86亿"),
        encoding="utf-8",
    )
    lines = run("build", "inputs/demo/2022.yaml", cwd=demo_project).stderr.splitlines()
    assert (
        lines[1]
        == "   4 |   gdp: {name: 地区生产总值, value: 104.86亿, unit: 亿元, previous: 98.5}"
    )
    # the caret sits under "1" of 104.86: 6 ASCII cells + 7 wide characters before it
    assert lines[2].index("^") == lines[1].index("104.86亿") + len("地区生产总值") + 0


@pytest.mark.parametrize("encoding", ["gbk", "ascii"])
def test_messages_survive_non_utf8_consoles(demo_project: Path, encoding: str) -> None:
    result = run("build", "inputs/demo/missing.yaml", cwd=demo_project, encoding=encoding)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr and "UnicodeEncodeError" not in result.stderr
    if encoding == "gbk":
        assert "找不到输入文件" in result.stderr
    else:
        # click writes UTF-8 to a console that claims ASCII (LANG=C), rather than failing
        assert "\ufffd" in result.stderr


def test_help_lists_commands_in_chinese(demo_project: Path) -> None:
    result = run("--help", cwd=demo_project)
    assert result.returncode == 0
    assert "build" in result.stdout and "生成 Word 草稿" in result.stdout


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["nosuch"], "错误：没有“nosuch”这个命令。\n运行“workreport --help”查看用法。"),
        (["build"], "错误：缺少参数 INPUT...。\n运行“workreport build --help”查看用法。"),
        (["build", "--frce", "a.yaml"], "错误：没有 --frce 这个选项，是否想写 --force？"),
        (
            ["check", "--format", "xml", "a.yaml"],
            "错误：--format 的值无效：“xml”不在可选值 'text', 'json' 之中。",
        ),
        (
            ["build", "a.yaml", "-j", "0"],
            "错误：'-j' / '--jobs' 的值无效：0 超出允许的范围（x>=1）。",
        ),
    ],
)
def test_usage_mistakes_are_explained_in_chinese(
    demo_project: Path, args: list[str], expected: str
) -> None:
    result = run(*args, cwd=demo_project)
    assert result.returncode == 2
    assert expected in result.stderr
    assert "Usage" not in result.stderr and "Error" not in result.stderr
