"""Lines typed with a Chinese input method → named YAML mistakes with the fixed line.

Office staff type YAML with an input method: a full-width colon, space, quote or bracket where
YAML wants the ASCII one. :func:`diagnose_line` names such a slip on one line and proposes the
fixed line; :func:`syntax_error` turns PyYAML's English syntax errors into a located Chinese
message, blaming a slip only when re-parsing with the fix gets past the error.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Location


@dataclass(frozen=True)
class LineProblem:
    """An input-method slip found on one line: where it is, how to fix it, the fixed line."""

    column: int
    message: str
    hint: str
    fixed: str


def _keyed(match: re.Match[str]) -> str:
    return f"{match['lead']}{match['key']}: {match['rest'].strip()}".rstrip()


_LEAD = r"^(?P<lead>[ ]*(?:-[ ]+)?)"
_KEY = r"(?P<key>[^\s:：#\"'“”‘’{}\[\],，]{1,30}?)"
_QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'"})
_BRACKETS = str.maketrans("｛｝［］", "{}[]")
_SLIPS: list[tuple[re.Pattern[str], str, str, Any]] = [
    # (pattern with group "at" marking the column, message, hint, line → fixed line)
    (
        re.compile(r"^(?P<lead>[ ]*)(?P<at>\u3000)[ \u3000]*"),
        "这一行用全角空格“　”缩进。",
        "YAML 只认半角空格：删掉全角空格，改用半角空格缩进（每级 2 个）。",
        lambda m, line: line[: m.end()].replace("\u3000", "  ") + line[m.end() :],
    ),
    (
        re.compile(_LEAD + _KEY + r"[ \u3000]*(?P<at>：)[ \u3000]*(?P<rest>.*)$"),
        "“{key}”后面用了全角冒号“：”。",
        "键和值之间要用半角冒号加空格，不能用全角冒号，改成“{fixed}”（切换到英文输入法再输入冒号）。",
        lambda m, line: _keyed(m),
    ),
    (
        re.compile(_LEAD + r"(?P<key>[A-Za-z_]\w*):(?P<at>\u3000+)(?P<rest>.*)$"),
        "“{key}:”后面用了全角空格。",
        "冒号后面要用半角空格，改成“{fixed}”。",
        lambda m, line: _keyed(m),
    ),
    (
        re.compile(_LEAD + r"(?P<key>[A-Za-z_]\w*):(?P<at>)(?P<rest>[^\s:/\u3000].*)$"),
        "“{key}:”后面缺少空格。",
        "冒号后面要有一个半角空格，改成“{fixed}”。",
        lambda m, line: _keyed(m),
    ),
    (
        re.compile(_LEAD + r"(?:[A-Za-z_]\w*:[ ]+)?(?P<at>[“”‘’])"),
        "用了全角引号当作 YAML 的引号。",
        'YAML 只认半角引号：把“……”换成 "……"（切换到英文输入法再输入引号）。',
        lambda m, line: line.translate(_QUOTES),
    ),
    (
        re.compile(r"[{\[][^}\]]*?(?P<at>，)\s*[A-Za-z_]\w*\s*:"),
        "花括号 { } 里的两项之间用了全角逗号“，”。",
        "{ } 和 [ ] 里的各项要用半角逗号“,”加空格分隔。",
        lambda m, line: line[: m.start("at")] + ", " + line[m.end("at") :],
    ),
    (
        re.compile(r"(?P<at>[｛｝［］])"),
        "用了全角括号“｛ ｝”或“［ ］”。",
        "YAML 的花括号和方括号要用半角的 { } 和 [ ]（切换到英文输入法）。",
        lambda m, line: line.translate(_BRACKETS),
    ),
]


def diagnose_line(line: str) -> LineProblem | None:
    """The input-method slip on ``line`` that would break YAML syntax, if it has one."""
    if line.lstrip(" ").startswith("#"):
        return None
    for pattern, message, hint, fix in _SLIPS:
        match = pattern.search(line)
        if match is None:
            continue
        fixed = fix(match, line)
        key = match.groupdict().get("key")
        shown = fixed.strip() if len(fixed.strip()) <= 40 else fixed.strip()[:40] + "……"
        return LineProblem(
            match.start("at") + 1,
            message.replace("{key}", key or ""),
            hint.replace("{fixed}", shown),
            fixed,
        )
    return None


def syntax_error(exc: yaml.MarkedYAMLError, path: Path, text: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = (exc.problem or "").strip()
    if line is not None:
        slip = _find_slip(text, line)
        if slip is not None:
            number, found = slip
            return InputError(
                found.message, at=Location(str(path), number, found.column), hint=found.hint
            )
    message = f"YAML 格式错误（{_translate(problem)}）。"
    hint = "检查这一行及上一行的缩进、冒号和引号是否配对。"
    opened = _unclosed_quote(text, line) if line is not None else None
    if opened is not None:
        start = opened.line + 1
        return InputError(
            f"第 {start} 行开始的引号一直延续到第 {line} 行，可能少了结束引号。",
            at=Location(str(path), start, opened.column + 1),
            hint=f"在第 {start} 行这段文字的末尾补上同样的半角引号。",
        )
    source = text.split("\n")[line - 1] if line is not None and line <= text.count("\n") + 1 else ""
    for offset, candidate in ((0, source), (1, _previous_line(text, line))):
        braces = _BRACES.match(candidate)
        if braces is not None and line is not None:
            return InputError(
                UNQUOTED_BRACES,
                at=Location(str(path), line - offset, braces.start("value") + 1),
                hint=_quote_hint(braces),
            )
    if "cannot start any token" in problem:
        hint = '以 %、@、` 或 {% 开头的文字要用双引号括起来，如 text: "{% if … %}……"。'
    elif problem.startswith("mapping values are not allowed") and re.match(
        r"^[ ]*(?:-[ ]+)?[^\s:#]+: .*: ", source
    ):
        message = "值里有“: ”（冒号加空格），YAML 会把它当成又一个“键: 值”。"
        key, value = source.strip().removeprefix("- ").split(": ", 1)
        hint = f'把整个值用双引号括起来：{key}: "{value}"；或把冒号换成全角“：”。'
    elif problem.startswith("found unexpected end of stream") and exc.context_mark:
        line, column = exc.context_mark.line + 1, exc.context_mark.column + 1
        message = "这里开始的引号没有配对的结束引号。"
        hint = "在这段文字末尾补上同样的半角引号。"
    elif problem.startswith("but found another document"):
        hint = "删掉“---”这一行：一个文件只写一年的数据，另一年写到另一个文件。"
    elif problem.startswith("found unknown escape character"):
        hint = "双引号里的反斜杠“\\”要写成两个“\\\\”，或改用单引号括起这段文字。"
    return InputError(message, at=Location(str(path), line, column), hint=hint)


_BRACES = re.compile(
    r"^[ ]*(?P<lead>(?:-[ ]+)?(?:[A-Za-z_][\w.]*:[ ]+)?)(?P<value>\{[{%][^#]*?)[ ]*$"
)
UNQUOTED_BRACES = "以“{{”或“{%”开头的值没有加引号，YAML 把它当成了花括号 { } 的写法。"


def _previous_line(text: str, line: int | None) -> str:
    """The line above ``line``: YAML often notices an unquoted ``{{`` one line late."""
    lines = text.split("\n")
    return lines[line - 2] if line is not None and 2 <= line <= len(lines) + 1 else ""


def _quote_hint(match: re.Match[str]) -> str:
    value = match["value"].replace('"', '\\"')
    if len(value) > 40:
        value = value[:40] + "……"
    return f'把整个值用双引号括起来：{match["lead"]}"{value}"。'


def quote_hint_for(line: str) -> str:
    """The fix for a line whose value starts with ``{{`` unquoted, or a general one."""
    match = _BRACES.match(line)
    if match is None:
        return '把以 {{ 开头的整个值用双引号括起来，如 text: "{{ ind.gdp }}……"。'
    return _quote_hint(match)


def _unclosed_quote(text: str, line: int) -> yaml.Mark | None:
    """Where a quoted text starts that ran on over lines and ended on the error ``line``.

    A missing closing quote makes YAML read on to the next quote, lines further down, and
    report the damage there; the quote that opened it is where the fix goes.
    """
    last = None
    try:
        for token in yaml.scan(text, Loader=yaml.SafeLoader):
            if token.start_mark.line + 1 > line:
                break
            if isinstance(token, yaml.ScalarToken) and token.style in ('"', "'"):
                spans = token.end_mark.line > token.start_mark.line
                last = token if spans and token.end_mark.line + 1 == line else None
    except yaml.YAMLError:
        pass
    return last.start_mark if last is not None else None


def _find_slip(text: str, line: int) -> tuple[int, LineProblem] | None:
    """A slip on the error line or the two above it whose fix gets the parser past ``line``.

    YAML often notices a slip a line late; re-parsing with the fix applied confirms that the
    slip is the cause, so legitimate full-width marks in nearby prose are never blamed.
    """
    lines = text.split("\n")
    for number in range(min(line, len(lines)), max(0, line - 3), -1):
        found = diagnose_line(lines[number - 1])
        if found is None:
            continue
        trial = "\n".join([*lines[: number - 1], found.fixed, *lines[number:]])
        try:
            yaml.compose(trial, Loader=yaml.SafeLoader)
        except yaml.MarkedYAMLError as again:
            mark = again.problem_mark or again.context_mark
            if mark is None or mark.line + 1 <= line:
                continue
        except (yaml.YAMLError, RecursionError):
            continue
        return number, found
    return None


_PROBLEMS = {
    "mapping values are not allowed here": (
        "这里不能出现“键: 值”，可能是缩进不对或值里有未加引号的冒号"
    ),
    "could not find expected ':'": "缺少半角冒号“:”",
    "found character '\\t' that cannot start any token": "出现了制表符",
    "found character": "值以 YAML 的特殊符号开头",
    "did not find expected key": "缩进不一致，找不到预期的键",
    "found undefined alias": "引用了未定义的别名",
    "expected <block end>, but found '<block sequence start>'": "列表项“-”的缩进不一致",
    "expected <block end>, but found '-'": "列表项“-”的缩进不一致",
    "expected <block end>": "缩进不一致",
    "sequence entries are not allowed here": "这里不能出现列表项“-”，可能是缩进不对",
    "found unexpected end of stream": "文件意外结束，可能有未闭合的引号",
    "did not find expected '-' indicator": "列表项缺少“-”或缩进不一致",
    "found unknown escape character": "双引号字符串中有无效的转义符“\\”",
    "expected ',' or '}'": "花括号 { } 里的写法有误，各项之间要用半角逗号分隔",
    "expected ',' or ']'": "方括号 [ ] 里的写法有误，各项之间要用半角逗号分隔",
    "expected alphabetic or numeric character": "“&”或“*”后面缺少名称",
    "found duplicate anchor": "同名的锚点“&”出现了两次",
    "expected a comment or a line break": "值后面有多余的内容",
    "expected the node content": "缺少值",
    "expected '<document start>'": "文件顶层的缩进不一致",
    "but found another document": "文件中有多个 YAML 文档（“---”分隔），只能有一个",
    "expected chomping or indentation indicators": "“|”或“>”后面的写法有误",
    "found a tab character": "出现了制表符",
    "expected ' '": "指令后面缺少空格",
    "found unexpected ':'": "多了一个冒号",
    "expected URI": "标签“!”的写法有误",
    "expected '!'": "标签“!”的写法有误",
    "found unexpected document separator": "文字中间出现了“---”或“...”",
}


def _translate(problem: str) -> str:
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    return "无法解析这一行"
