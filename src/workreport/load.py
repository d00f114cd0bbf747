"""YAML file → :class:`Raw` data with the source position of every key and value.

The loader composes PyYAML's node graph (which knows lines and columns) and builds plain
Python data from it while recording, for each key path, where the value starts. Later stages
look positions up by the path pydantic or the renderer report, so every message can point at
the line a user has to edit. Duplicate keys and alias bombs are refused here.
"""

from __future__ import annotations

import codecs
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from .errors import InputError, Location

KeyPath = tuple[str | int, ...]

MAX_NODES = 100_000
"""Nodes built from one file at most; aliases repeat nodes, so this stops alias bombs."""


@dataclass
class Raw:
    """Plain data read from one YAML file, with positions for every key path."""

    path: Path
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    encoding: str = "utf-8"

    def locate(self, key_path: KeyPath) -> Location:
        """The location of ``key_path`` or of its nearest ancestor that has one."""
        path = tuple(key_path)
        while path and path not in self.positions:
            path = path[:-1]
        line, column = self.positions.get(path, (1, 1))
        return Location(str(self.path), line, column, format_key_path(tuple(key_path)))


def format_key_path(key_path: KeyPath) -> str:
    """``("review", "sections", 0, "title")`` → ``review.sections[0].title``."""
    text = ""
    for part in key_path:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else str(part))
    return text


def read_text(path: Path) -> str:
    """Decode a text file as UTF-8 (with or without BOM), falling back to GB18030."""
    return decode(path.read_bytes())[0]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Windows editors often save GBK; GB18030 is its superset."""
    if data.startswith(codecs.BOM_UTF8):
        return data[len(codecs.BOM_UTF8) :].decode("utf-8", errors="replace"), "utf-8-sig"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return data.decode("utf-8", errors="replace"), "unknown"


def load(path: Path | str) -> Raw:
    """Read one YAML input file. Raises :class:`InputError` with a location on any problem."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"找不到输入文件“{path}”。", hint="检查文件名和所在文件夹是否正确。"
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"“{path}”是文件夹，不是 YAML 文件。", hint="请指定一个 .yaml 文件。"
        ) from None
    except OSError as exc:
        raise InputError(f"无法读取“{path}”：{exc.strerror}。") from None
    text, encoding = decode(data)
    return loads(text, path=path, encoding=encoding)


def loads(text: str, *, path: Path | str = "<输入>", encoding: str = "utf-8") -> Raw:
    """Parse YAML text; ``path`` is only used in messages."""
    path = Path(path)
    if not text.strip():
        raise InputError(
            "文件是空的。",
            at=Location(str(path), 1, 1),
            hint="从 `workreport new` 生成的样例开始填写，或复制 inputs/ 下的示例文件。",
        )
    if "\t" in text:
        line_no = text[: text.index("\t")].count("\n") + 1
        column = len(text.split("\n")[line_no - 1].split("\t")[0]) + 1
        raise InputError(
            "YAML 文件中不能使用制表符（Tab）缩进。",
            at=Location(str(path), line_no, column),
            hint="把 Tab 换成空格（每级缩进 2 个空格）。",
        )
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as exc:
        raise _syntax_error(exc, path, text) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{exc}", at=Location(str(path))) from None
    builder = _Builder(path)
    data = builder.build(node, ()) if node is not None else None
    return Raw(path=path, data=data, positions=builder.positions, encoding=encoding)


class _Builder:
    """Turns a composed node graph into Python data, recording positions and counting nodes."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.count = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES:
            raise InputError(
                f"文件展开后超过 {MAX_NODES} 个节点，可能含有大量嵌套的锚点和别名（&、*）。",
                at=self._at(node),
                hint="去掉相互引用的锚点和别名，直接写出内容。",
            )
        self.positions.setdefault(key_path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key_path, i)) for i, item in enumerate(node.value)]
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            raise InputError(f"无法识别的值：{exc}", at=self._at(node)) from None

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[Any, Any]:
        self.constructor.flatten_mapping(node)  # resolves YAML merge keys (<<)
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self.constructor.construct_object(key_node)
            if not isinstance(key, str | int | float | bool) or key is None:
                raise InputError("键必须是简单的文字。", at=self._at(key_node))
            key = str(key) if not isinstance(key, str) else key
            if key in result:
                first_line = self.positions.get((*key_path, key), (0, 0))[0]
                raise InputError(
                    f"键“{key}”重复出现（第 {first_line} 行已经写过）。",
                    at=self._at(key_node),
                    hint="删除或合并重复的那一项：同一层级每个键只能出现一次。",
                )
            child_path = (*key_path, key)
            self.positions[child_path] = _mark(value_node)
            result[key] = self.build(value_node, child_path)
        return result

    def _at(self, node: yaml.Node) -> Location:
        line, column = _mark(node)
        return Location(str(self.path), line, column)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _syntax_error(exc: yaml.MarkedYAMLError, path: Path, text: str) -> InputError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    column = mark.column + 1 if mark else None
    problem = (exc.problem or "").strip()
    hint = "检查这一行及上一行的缩进、冒号和引号是否配对。"
    if "cannot start any token" in problem:
        hint = '以 %、@、` 或 {% 开头的文字要用双引号括起来，如 text: "{% if … %}……"。'
    elif line is not None:
        lines = text.splitlines()
        nearby = lines[max(0, line - 2) : line]
        if any("：" in ln and ":" not in ln.split("#")[0] for ln in nearby):
            hint = "键和值之间要用半角冒号加空格（name: 外海街道），不能用全角冒号“：”。"
    return InputError(
        f"YAML 格式错误（{_translate(problem)}）。", at=Location(str(path), line, column), hint=hint
    )


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
    "found unexpected end of stream": "文件意外结束，可能有未闭合的引号",
    "did not find expected '-' indicator": "列表项缺少“-”或缩进不一致",
    "found unknown escape character": "双引号字符串中有无效的转义符“\\”",
}


def _translate(problem: str) -> str:
    for english, chinese in _PROBLEMS.items():
        if problem.startswith(english):
            return chinese
    return problem or "无法解析"
