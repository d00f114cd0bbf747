"""``workreport check``: every mistake a YAML author can make ends in a located Chinese message.

Each case breaks the demo project in one way and asserts the message, its location and the
exit status of ``workreport check`` (run in-process, through the real command), and that no
traceback is printed. Encodings and consoles are checked in real subprocesses.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest
from click.testing import CliRunner

from workreport.api import build, check
from workreport.cli import cli
from workreport.commands.schema import schema_text
from workreport.protect import HASH_PROPERTY, State, state

from .conftest import ROOT, require_program

INPUT = "inputs/demo/2022.yaml"


@dataclass(frozen=True)
class Case:
    """One broken project: edits to the demo input, extra files, and what check must say."""

    id: str
    expect: str  # part of the message (or hint) that names the mistake
    at: str  # "LINE:COL", "LINE" or "" (the whole file), in the file ``where``
    replace: tuple[tuple[str, str], ...] = ()
    text: str | None = None  # the whole input instead of the demo's
    data: bytes | None = None  # the input's bytes, for encodings
    files: dict[str, str | bytes] = field(default_factory=dict)
    where: str = INPUT
    exit: int = 2


def swap(old: str, new: str) -> tuple[tuple[str, str], ...]:
    return ((old, new),)


GDP = "  gdp: {name: 地区生产总值, value: 104.86, unit: 亿元, previous: 98.5}"
TEXT = 'text: "地区生产总值{{ ind.gdp }}，{{ ind.gdp.yoy }}；新增{{ ind.firms }}。"'
BOMB = "\n".join(
    ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    + [
        f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 10)}]"
        for i in range(1, 8)
    ]
)
TEMPLATE = "templates/demo/targets.md.j2"

CASES = [
    # ---- input-method slips that break YAML syntax -----------------------------------------
    Case(
        "fullwidth-colon", "“名称”后面用了全角冒号“：”", "1:3", text="名称：示例街道\nyear: 2022\n"
    ),
    Case(
        "fullwidth-colon-nested",
        "改成“name: 示例街道”",
        "2:7",
        swap("unit: {name: 示例街道, level: 街道}", "unit:\n  name：示例街道\n  level: 街道"),
    ),
    Case(
        "fullwidth-colon-single-key",
        "“name”后面用了全角冒号“：”",
        "2:7",
        swap("unit: {name: 示例街道, level: 街道}", "unit:\n  name：示例街道"),
    ),
    Case(
        "fullwidth-space-indent",
        "这一行用全角空格“　”缩进",
        "2:1",
        swap("unit: {name: 示例街道, level: 街道}", "unit:\n\u3000\u3000name: 示例街道"),
    ),
    Case(
        "fullwidth-space-after-colon",
        "“year:”后面用了全角空格",
        "2:6",
        swap("year: 2022", "year:\u30002022"),
    ),
    Case("no-space-after-colon", "“year:”后面缺少空格", "2:6", swap("year: 2022", "year:2022")),
    Case(
        "fullwidth-quotes",
        "用了全角引号当作 YAML 的引号",
        "17:10",
        swap("intro: 2023年是开局之年。", "intro: “2023年: 开局之年”"),
    ),
    Case(
        "fullwidth-comma-in-braces",
        "花括号 { } 里的两项之间用了全角逗号“，”",
        "19:22",
        swap("{indicator: gdp, growth: 6}", "{indicator: gdp，growth: 6}"),
    ),
    Case(
        "fullwidth-braces",
        "用了全角括号",
        "19:7",
        swap("{indicator: gdp, growth: 6}", "｛indicator: gdp, growth: 6｝"),
    ),
    Case(
        "colon-space-in-value",
        '把整个值用双引号括起来：intro: "2023年是: 开局之年。"',
        "17:16",
        swap("intro: 2023年是开局之年。", "intro: 2023年是: 开局之年。"),
    ),
    Case("tab-indent", "不能使用制表符（Tab）缩进", "2:1", swap("year: 2022", "\tyear: 2022")),
    Case(
        "tab-in-text",
        "文字中有制表符（Tab）",
        "17:16",
        swap("2023年是开局之年。", "2023年是\t开局之年。"),
    ),
    Case(
        "unclosed-quote",
        "第 8 行开始的引号一直延续到第 14 行，可能少了结束引号",
        "8:10",
        swap('{{ ind.output.named }}。"', "{{ ind.output.named }}。"),
    ),
    Case("bad-escape", "反斜杠", "17:16", swap("intro: 2023年是开局之年。", 'intro: "2023\\q年"')),
    Case(
        "value-starts-with-jinja",
        "以“{{”或“{%”开头的值没有加引号",
        "11:14",
        swap("intro: 坚决", "intro: {% if %}坚决"),
    ),
    Case(
        "list-indent",
        "列表项“-”的缩进不一致",
        "15:10",
        swap("        - 普通段落，没有引领句。", "         - 普通段落，没有引领句。"),
    ),
    Case(
        "duplicate-key",
        "键“year”重复出现（第 2 行已经写过）",
        "3:1",
        swap("year: 2022", "year: 2022\nyear: 2022"),
    ),
    Case(
        "undefined-alias",
        "引用了未定义的别名",
        "17:10",
        swap("intro: 2023年是开局之年。", "intro: *missing"),
    ),
    Case(
        "two-documents", "删掉“---”这一行", "3:1", swap("year: 2022", "year: 2022\n---\nyear: 2023")
    ),
    Case("alias-bomb", "可能含有大量嵌套的锚点和别名", "1:35", text=BOMB),
    Case("deep-nesting", "嵌套层级太深", "1:68", text="a: " + "[" * 3000 + "]" * 3000 + "\n"),
    Case("empty-file", "文件是空的。", "1:1", text="\n  \n"),
    Case("only-comments", "文件中没有数据，只有注释或空行。", "1:1", text="# 外海街道\n# 2022\n"),
    Case(
        "control-character",
        "看不见的控制字符（U+0007）",
        "17:14",
        swap("2023年是开局", "2023\x07年是开局"),
    ),
    Case(
        "python-tag",
        "不支持的 YAML 标签",
        "17:10",
        swap("intro: 2023年是开局之年。", "intro: !!python/object:os.system x"),
    ),
    Case(
        "impossible-date",
        "“2023-02-30”不是有效的日期",
        "3:7",
        swap("year: 2022", "year: 2022\ndate: 2023-02-30"),
    ),
    Case(
        "bad-merge-key",
        "“<<”（合并键）后面只能是",
        "8:3",
        swap('  intro: "2022年', '  <<: 3\n  intro: "2022年'),
    ),
    # ---- files: encodings, size, names ------------------------------------------------------
    Case(
        "unknown-encoding",
        "无法识别文件的编码",
        "1:18",
        data="unit: {name: Stra\xdfe}\nyear: 2022\n".encode("latin-1") + b"\x80\xff\x80\xff",
    ),
    Case(
        "damaged-utf8",
        "第 2 行有损坏的字符",
        "2:11",
        data="unit: {name: 示例街道}\nyear: 二〇二二年".encode()[:-1] + b"\n",
    ),
    Case(
        "too-large",
        "文件太大",
        "",
        text="unit: {name: 示例街道}\nyear: 2022\n" + "# 注释\n" * 800_000,
    ),
    Case(
        "missing-file", "找不到输入文件“inputs/demo/2021.yaml”", "", where="inputs/demo/2021.yaml"
    ),
    Case(
        "gbk-file",
        "文件以 GBK/GB18030 编码保存，已按此编码读取",
        "",
        data="unit: {name: 示例街道}\nyear: 2022\n".encode("gbk"),
        exit=1,
    ),
    # ---- the model -------------------------------------------------------------------------
    Case(
        "unknown-key",
        "是否想写“name”？",
        "4:29",
        swap("{name: 地区生产总值, value: 104.86", "{name: 地区生产总值, nmae: 104.86"),
    ),
    Case(
        "chinese-key",
        "键要用英文：把“名称”改成“name”（单位名称）",
        "1:12",
        swap("{name: 示例街道", "{名称: 示例街道"),
    ),
    Case(
        "number-with-unit",
        "value: 104.86，unit: 亿",
        "4:30",
        swap("value: 104.86", "value: 104.86亿"),
    ),
    Case(
        "chinese-number",
        "应当是阿拉伯数字，却写成了中文数字“四百”",
        "5:35",
        swap("value: 400", "value: 四百"),
    ),
    Case(
        "percent-sign",
        "百分数只写数字，去掉“%”：写成 35.7",
        "4:30",
        swap("value: 104.86", "value: 35.7%"),
    ),
    Case(
        "fullwidth-digits",
        "却写成了全角数字“１０４.８６”",
        "4:30",
        swap("value: 104.86", "value: １０４.８６"),
    ),
    Case(
        "thousands-separator",
        "不要写千位分隔符：写成 1234",
        "4:30",
        swap("value: 104.86", 'value: "1,234"'),
    ),
    Case("year-in-chinese", "写成 year: 2022", "2:7", swap("year: 2022", "year: 二〇二二")),
    Case("year-with-nian", "只写数字：写成 year: 2022", "2:7", swap("year: 2022", "year: 2022年")),
    Case(
        "year-not-file-name",
        "year 写的是 2023，但文件名是 2022.yaml",
        "2:7",
        swap("year: 2022", "year: 2023"),
    ),
    Case(
        "yes-no-in-chinese",
        "应当是 true 或 false，却写成了“是”",
        "12:18",
        swap("      paragraphs:", "      enumerate: 是\n      paragraphs:"),
    ),
    Case("approx-word", "“大约”不是可选的值", "5:58", swap("approx: 超", "approx: 大约")),
    Case(
        "missing-unit", "缺少必填项“unit”", "1:1", swap("unit: {name: 示例街道, level: 街道}\n", "")
    ),
    Case(
        "chinese-indicator-id", "指标 id“产值”只能由英文字母", "4:7", swap("  gdp: {", "  产值: {")
    ),
    Case("infinite-number", "“inf”不是有效的数字", "4:30", swap("value: 104.86", "value: .inf")),
    Case(
        "huge-number",
        "数值 1e+20 太大",
        "4:30",
        swap("value: 104.86", "value: 100000000000000000000.0"),
    ),
    Case("top-level-list", "文件顶层应是“键: 值”的映射", "1:1", text="- unit\n- year\n"),
    Case(
        "number-as-text",
        '用双引号括起来：name: "2022"',
        "1:14",
        swap("{name: 示例街道", "{name: 2022"),
    ),
    Case(
        "list-item-fullwidth-colon",
        "看起来想写“lead: …”，但冒号用了全角“：”",
        "15:11",
        swap("- 普通段落，没有引领句。", "- lead：经济运行"),
    ),
    Case(
        "text-instead-of-list",
        "应当是列表（每项以“- ”开头）",
        "23:14",
        swap(
            '      items:\n        - {lead: 持续壮大经济基本盘, text: "坚持稳字当头。"}',
            "      items: 坚持稳字当头。",
        ),
    ),
    Case(
        "target-unknown-indicator",
        "目标引用了不存在的指标“gpd”。 建议：是否想写 gdp？",
        "19:19",
        swap("{indicator: gdp,", "{indicator: gpd,"),
    ),
    Case(
        "review-target-unknown-indicator",
        "目标引用了不存在的指标“outptu”。 建议：是否想写 output？",
        "17:19",
        swap("plan:", "  targets:\n    - {indicator: outptu, value: 400}\nplan:"),
    ),
    Case(
        "date-in-chinese",
        "不是有效日期",
        "3:7",
        swap("year: 2022", "year: 2022\ndate: 2023年1月10日"),
    ),
    # ---- prose and templates ---------------------------------------------------------------
    Case(
        "prose-unknown-indicator",
        "工作情况 › 分项第1项 › 段落第1项 › 正文：引用了不存在的指标“gpd”：{{ ind.gpd }}。"
        " 建议：是否想写 gdp？",
        "14:17",
        swap("{{ ind.gdp }}", "{{ ind.gpd }}"),
    ),
    Case(
        "prose-unknown-attribute",
        "指标 gdp 没有“grwoth”这一项。 建议：是否想写 growth？",
        "14:17",
        swap("{{ ind.gdp.yoy }}", "{{ ind.gdp.grwoth }}"),
    ),
    Case(
        "prose-syntax",
        "review.intro 中的模板语法错误：多了一个“}”",
        "8:10",
        swap("{{ ind.output.named }}", "{{ ind.output.named }"),
    ),
    Case(
        "prose-sandbox",
        "不能访问以下划线开头的属性或使用 attr 过滤器（“__class__”）",
        "17:10",
        swap("intro: 2023年是开局之年。", "intro: \"{{ ''.__class__ }}\""),
    ),
    Case(
        "template-syntax",
        "模板语法错误：模板意外结束",
        "2",
        files={TEMPLATE: "第一行\n{% for t in targets %}{{ t }}\n"},
        where=TEMPLATE,
    ),
    Case(
        "template-undefined-name",
        "未定义的名称（'no_such_thing' 未定义）",
        "2",
        files={TEMPLATE: "目标：\n{{ no_such_thing }}\n"},
        where=TEMPLATE,
    ),
    Case(
        "template-sandbox",
        "模板不能访问以下划线开头的属性或使用 attr 过滤器（“__class__”）",
        "2:6",
        files={TEMPLATE: "目标：\n{{ ''.__class__.__mro__ }}\n"},
        where=TEMPLATE,
    ),
    Case(
        "template-attr-filter",
        "使用 attr 过滤器",
        "1:12",
        files={TEMPLATE: "{{ targets | attr('__len__') }}\n"},
        where=TEMPLATE,
    ),
    Case(
        "template-include-escape",
        "模板名“../../secret.txt”指向模板文件夹以外",
        "1:13",
        files={TEMPLATE: '{% include "../../secret.txt" %}\n', "secret.txt": "机密"},
        where=TEMPLATE,
    ),
    Case(
        "template-unknown-indicator",
        "模板引用了不存在的指标“outptu”。 建议：是否想写 output？",
        "2:4",
        files={TEMPLATE: "目标：\n{{ ind.outptu }}\n"},
        where=TEMPLATE,
    ),
    Case(
        "template-not-utf8",
        "模板“targets.md.j2”不是 UTF-8 编码",
        "1:2",
        files={TEMPLATE: "目标：{{ targets | join('；') }}\n".encode("gbk")},
        where=TEMPLATE,
    ),
    Case(
        "style-not-yaml",
        "样式文件不是有效的 YAML",
        "2:1",
        files={"templates/demo/style.yaml": "latin_font: [Arial\n"},
        where="templates/demo/style.yaml",
    ),
]


def apply(case: Case, project: Path) -> None:
    source = project / INPUT
    if case.data is not None:
        source.write_bytes(case.data)
    elif case.text is not None:
        source.write_text(case.text, encoding="utf-8")
    else:
        text = source.read_text(encoding="utf-8")
        for old, new in case.replace:
            assert old in text, old
            text = text.replace(old, new, 1)
        source.write_text(text, encoding="utf-8")
    for name, content in case.files.items():
        path = project / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")


def run_check(project: Path, *args: str) -> tuple[int, str]:
    """``workreport check`` in-process from ``project``: exit status and output."""
    cwd = Path.cwd()
    os.chdir(project)
    try:
        result = CliRunner().invoke(cli, ["check", *args])
    finally:
        os.chdir(cwd)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.output
    return result.exit_code, result.output


def test_there_are_at_least_forty_distinct_cases() -> None:
    assert len({c.id for c in CASES}) == len(CASES) >= 40


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_mistake_is_named_and_located(case: Case, demo_project: Path) -> None:
    apply(case, demo_project)
    target = INPUT if case.id != "missing-file" else case.where
    status, output = run_check(demo_project, target)
    assert status == case.exit, output
    severity = "错误" if case.exit == 2 else "警告"
    located = f"{case.where}:{case.at}: {severity}：" if case.at else f"{case.where}: {severity}："
    assert located in output, output
    assert case.expect in output, output
    assert "Traceback" not in output and "Error:" not in output


def test_clean_input_exits_0(demo_project: Path) -> None:
    apply(Case("clean", "", "", swap("value: , unit: 家", "value: 57, unit: 家")), demo_project)
    assert run_check(demo_project, INPUT) == (0, "检查了 1 个文件，没有发现问题。\n")


def test_placeholders_are_warnings_at_the_field_they_come_from(demo_project: Path) -> None:
    status, output = run_check(demo_project, INPUT)
    assert status == 1
    assert output.splitlines()[0] == (
        "inputs/demo/2022.yaml:14:17: 警告：还有 1 处待补充：规上企业"
        " 建议：在 indicators.firms.value 填写数值。"
    )
    assert output.splitlines()[-1] == "检查了 1 个文件：0 个错误，1 个警告。"


def test_every_problem_is_reported_not_only_the_first(demo_project: Path) -> None:
    apply(
        Case(
            "several",
            "",
            "",
            (
                ("{{ ind.gdp }}", "{{ ind.gpd }}"),
                ("{{ ind.output.named }}", "{{ ind.outptu.named }}"),
            ),
            files={TEMPLATE: "{{ ind.firm }}\n{% include '../x.j2' %}\n"},
        ),
        demo_project,
    )
    status, output = run_check(demo_project, INPUT)
    assert status == 2
    errors = [line for line in output.splitlines() if " 错误：" in line]
    assert [line.split(" 错误：")[0] for line in errors] == [
        f"{TEMPLATE}:1:4:",
        f"{TEMPLATE}:2:13:",
        "inputs/demo/2022.yaml:8:10:",
        "inputs/demo/2022.yaml:14:17:",
    ]
    assert "是否想写 firms？" in errors[0] and "是否想写 output？" in errors[2]


def test_model_errors_are_all_reported(demo_project: Path) -> None:
    apply(
        Case("two", "", "", (("value: 104.86", "value: 104.86亿"), ("approx: 超", "approx: 大约"))),
        demo_project,
    )
    problems = check(demo_project / INPUT).problems
    assert [(p.at.line, p.at.column) for p in problems if p.at] == [(4, 30), (5, 58)]


def test_typo_is_named_once_not_also_as_missing(demo_project: Path) -> None:
    apply(Case("typo", "", "", swap("{name: 地区生产总值,", "{nmae: 地区生产总值,")), demo_project)
    problems = check(demo_project / INPUT).problems
    assert [p.message for p in problems] == ["indicators.gdp.nmae：不认识的键“nmae”。"]


def test_json_format_for_tools(demo_project: Path) -> None:
    apply(Case("json", "", "", swap("value: 104.86", "value: 四百")), demo_project)
    status, output = run_check(demo_project, "--format", "json", INPUT)
    assert status == 2
    assert json.loads(output) == [
        {
            "severity": "error",
            "kind": "InputError",
            "message": "indicators.gdp.value：应当是阿拉伯数字，却写成了中文数字“四百”。",
            "hint": "写成 value: 400。",
            "file": INPUT,
            "line": 4,
            "column": 30,
            "key_path": "indicators.gdp.value",
        }
    ]


def test_check_writes_nothing(demo_project: Path) -> None:
    before = sorted(p.relative_to(demo_project) for p in demo_project.rglob("*"))
    run_check(demo_project, INPUT)
    apply(CASES[0], demo_project)
    run_check(demo_project, INPUT)
    assert sorted(p.relative_to(demo_project) for p in demo_project.rglob("*")) == before


def test_a_folder_checks_every_year_file_in_it(demo_project: Path) -> None:
    (demo_project / "inputs" / "demo" / "2023.yaml").write_text(
        "unit: {name: 示例街道}\nyear: 2022\n", encoding="utf-8"
    )
    status, output = run_check(demo_project, "inputs")
    assert status == 2
    assert "inputs/demo/2023.yaml:2:7: 错误：year 写的是 2022，但文件名是 2023.yaml。" in output
    assert "检查了 2 个文件：1 个错误，1 个警告。" in output


def test_utf8_with_bom_is_read_silently(demo_project: Path) -> None:
    source = demo_project / INPUT
    source.write_bytes(b"\xef\xbb\xbf" + source.read_bytes())
    status, output = run_check(demo_project, INPUT)
    assert status == 1 and "编码" not in output
    assert "inputs/demo/2022.yaml:14:17: 警告" in output


def test_chinese_file_and_folder_names(demo_project: Path) -> None:
    unit = demo_project / "inputs" / "示例街道"
    (demo_project / "inputs" / "demo").rename(unit)
    (demo_project / "模板").mkdir()
    (demo_project / "模板" / "targets.md.j2").write_text("{{ ind.gpd }}\n", encoding="utf-8")
    status, output = run_check(demo_project, "inputs/示例街道/2022.yaml", "-t", "模板")
    assert status == 2
    assert (
        "模板/targets.md.j2:1:4: 错误：模板引用了不存在的指标“gpd”。 建议：是否想写 gdp？" in output
    )


def test_build_runs_the_same_checks_first(demo_project: Path) -> None:
    from workreport.api import build
    from workreport.errors import ErrorGroup, TemplateError

    apply(CASES[-4], demo_project)  # a template with an unknown indicator, never rendered
    (demo_project / "templates" / "demo" / "unused.md.j2").write_text(
        "{% if %}\n", encoding="utf-8"
    )
    with pytest.raises(ErrorGroup) as info:
        build(demo_project / INPUT, demo_project / "out.docx")
    assert all(isinstance(e, TemplateError) for e in info.value.errors)
    assert len(info.value.errors) == 2
    assert not (demo_project / "out.docx").exists()


# ---- consoles that cannot print Chinese --------------------------------------------------------


def run_cli(project: Path, *args: str, env: dict[str, str]) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import sys; from workreport.cli import main; sys.exit(main())",
            *args,
        ],
        cwd=project,
        capture_output=True,
        env={**os.environ, **env},
        check=False,
    )


@pytest.mark.parametrize(
    ("env", "encoding"),
    [
        ({"PYTHONIOENCODING": "gbk"}, "gbk"),
        ({"PYTHONIOENCODING": "ascii"}, "utf-8"),
        ({"LC_ALL": "C", "LANG": "C", "PYTHONIOENCODING": ""}, "utf-8"),
    ],
    ids=["gbk-console", "ascii-console", "lang-c"],
)
def test_messages_print_on_any_console(
    demo_project: Path, env: dict[str, str], encoding: str
) -> None:
    apply(CASES[0], demo_project)
    result = run_cli(demo_project, "check", INPUT, env=env)
    out = result.stdout.decode(encoding, errors="replace")
    assert result.returncode == 2
    assert b"Traceback" not in result.stderr and b"UnicodeEncodeError" not in result.stderr
    assert "inputs/demo/2022.yaml:1:3: 错误：“名称”后面用了全角冒号“：”。" in out


def test_json_stays_valid_on_an_ascii_console(demo_project: Path) -> None:
    apply(CASES[0], demo_project)
    result = run_cli(
        demo_project, "check", "--format", "json", INPUT, env={"PYTHONIOENCODING": "ascii"}
    )
    assert result.returncode == 2
    problems = json.loads(result.stdout.decode("ascii"))
    assert problems[0]["message"] == "“名称”后面用了全角冒号“：”。"


# ---- nothing lost: an edited draft is never overwritten ---------------------------------------


def edit(draft: Path, words: str = "（已修改）") -> None:
    """What a person does in Word: change the text and save."""
    import docx

    document = docx.Document(str(draft))
    document.paragraphs[-1].add_run(words)
    document.save(str(draft))


def test_an_unedited_draft_is_replaced(demo_project: Path) -> None:
    out = demo_project / "草稿.docx"
    first = build(demo_project / INPUT, out)
    assert (first.output, first.kept, state(out)) == (out, None, State.GENERATED)
    second = build(demo_project / INPUT, out)
    assert (second.output, second.kept, second.notice) == (out, None, None)


def test_an_edited_draft_is_kept_and_the_new_draft_gets_a_new_name(demo_project: Path) -> None:
    out = demo_project / "草稿.docx"
    build(demo_project / INPUT, out)
    edit(out)
    edited = out.read_bytes()
    assert state(out) is State.EDITED
    result = build(demo_project / INPUT, out)
    assert result.output == demo_project / "草稿（2）.docx"
    assert result.kept == out and out.read_bytes() == edited
    assert result.notice == (
        f"“{out}”生成后有人修改过，为免覆盖，新草稿写到了：{result.output}。"
        "确认要覆盖原文件时加 --force。"
    )
    # building again replaces the unedited 草稿（2）.docx rather than piling up copies
    assert build(demo_project / INPUT, out).output == demo_project / "草稿（2）.docx"
    assert not (demo_project / "草稿（3）.docx").exists()


def test_force_replaces_an_edited_draft(demo_project: Path) -> None:
    out = demo_project / "草稿.docx"
    build(demo_project / INPUT, out)
    edit(out)
    result = build(demo_project / INPUT, out, force=True)
    assert (result.output, result.kept) == (out, None)
    assert state(out) is State.GENERATED


@pytest.mark.parametrize("content", [b"\xe4\xb8\xad", b"PK\x03\x04 not really a zip"])
def test_a_file_workreport_did_not_write_is_kept(demo_project: Path, content: bytes) -> None:
    out = demo_project / "去年的报告.docx"
    out.write_bytes(content)
    result = build(demo_project / INPUT, out)
    assert out.read_bytes() == content
    assert result.output == demo_project / "去年的报告（2）.docx"
    assert result.notice is not None and "不是 workreport 生成的草稿" in result.notice


def test_the_stamp_is_a_custom_document_property(demo_project: Path) -> None:
    from workreport.write._xml import read_custom_properties

    out = build(demo_project / INPUT, demo_project / "草稿.docx").output
    assert len(read_custom_properties(out)[HASH_PROPERTY]) == 64


def test_opening_and_saving_without_edits_is_not_an_edit(demo_project: Path) -> None:
    soffice = require_program("soffice")
    out = build(demo_project / INPUT, demo_project / "草稿.docx").output
    saved = demo_project / "saved"
    subprocess.run(
        [
            soffice,
            "--headless",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(saved),
            str(out),
        ],
        capture_output=True,
        check=True,
        timeout=120,
        env={**os.environ, "HOME": str(demo_project)},
    )
    assert (saved / out.name).read_bytes() != out.read_bytes()  # LibreOffice rewrote the file
    assert state(saved / out.name) is State.GENERATED
    edit(saved / out.name)
    assert state(saved / out.name) is State.EDITED


def test_build_command_says_where_the_new_draft_went(demo_project: Path) -> None:
    out = demo_project / "草稿.docx"
    build(demo_project / INPUT, out)
    edit(out)
    result = run_cli(
        demo_project, "build", INPUT, "-o", "草稿.docx", env={"PYTHONIOENCODING": "utf-8"}
    )
    assert result.returncode == 0
    assert (
        "“草稿.docx”生成后有人修改过，为免覆盖，新草稿写到了：草稿（2）.docx。"
        in result.stderr.decode()
    )
    assert "已生成：草稿（2）.docx" in result.stdout.decode()
    forced = run_cli(demo_project, "build", INPUT, "-o", "草稿.docx", "--force", env={})
    assert forced.returncode == 0 and "已生成：草稿.docx" in forced.stdout.decode()
    assert state(out) is State.GENERATED


# ---- editor support --------------------------------------------------------------------------


def test_committed_schema_is_the_generated_one() -> None:
    committed = (ROOT / "schema" / "workreport.schema.json").read_text(encoding="utf-8")
    assert committed == schema_text(), "run: workreport schema -o schema/workreport.schema.json"


def test_every_field_has_a_chinese_title() -> None:
    schema = json.loads(schema_text())
    untitled = []

    def visit(node: object, path: str) -> None:
        if isinstance(node, dict):
            for name, prop in node.get("properties", {}).items():
                if not any("\u4e00" <= ch <= "\u9fff" for ch in prop.get("title", "")):
                    untitled.append(f"{path}.{name}")
            for key, value in node.items():
                visit(value, f"{path}/{key}")

    visit(schema, "")
    assert untitled == []
    assert schema["title"] == "workreport 年度数据文件"


def test_sample_inputs_name_the_schema_for_the_editor() -> None:
    samples = sorted((ROOT / "inputs").glob("*/*.yaml"))
    assert samples
    for sample in samples:
        first = sample.read_text(encoding="utf-8").splitlines()[0]
        assert first == "# yaml-language-server: $schema=../../schema/workreport.schema.json"


def test_schema_accepts_the_samples_and_flags_a_typo() -> None:
    import jsonschema
    import yaml

    validator = jsonschema.Draft202012Validator(json.loads(schema_text()))
    for sample in sorted((ROOT / "inputs").glob("*/*.yaml")):
        data = _dates_as_text(yaml.safe_load(sample.read_text(encoding="utf-8")))
        errors = list(validator.iter_errors(data))
        assert errors == [], f"{sample}: {errors[0].message}"
    typo = {"unit": {"name": "示例街道", "nmae": "示例"}, "year": 2022}
    assert [e.message for e in validator.iter_errors(typo)] == [
        "Additional properties are not allowed ('nmae' was unexpected)"
    ]


def _dates_as_text(value: object) -> object:
    """YAML as the editor's language server reads it: a date is text, as in JSON."""
    import datetime

    if isinstance(value, dict):
        return {k: _dates_as_text(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_dates_as_text(v) for v in value]
    return value.isoformat() if isinstance(value, datetime.date) else value


def test_schema_command_writes_the_file(tmp_path: Path) -> None:
    target = tmp_path / "模式" / "workreport.schema.json"
    result = CliRunner().invoke(cli, ["schema", "-o", str(target)])
    assert result.exit_code == 0 and f"已写出：{target}" in result.output
    assert target.read_text(encoding="utf-8") == schema_text()
