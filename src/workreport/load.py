"""YAML file → :class:`Raw` data with the source position of every key and value.

The loader composes PyYAML's node graph (which knows lines and columns) and builds plain
Python data from it while recording, for each key path, where the value starts. Later stages
look positions up by the path validation or the renderer report, so every message can point at
the line a user has to edit. Duplicate keys, alias bombs, oversized or damaged files and the
typing slips of a Chinese input method (full-width colons, spaces and quotes) are refused here
with a message that names the slip.

libyaml (when PyYAML has it) scans and parses, about ten times faster than the Python parser;
a file libyaml refuses is parsed again by the Python parser, whose errors the messages are
written for.
"""

from __future__ import annotations

import codecs
import re
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

from .errors import InputError, InputWarning, Location
from .slips import UNQUOTED_BRACES, quote_hint_for, syntax_error
from .textfile import decode

KeyPath = tuple[str | int, ...]

MAX_NODES = 100_000
"""Nodes built from one file at most; aliases repeat nodes, so this stops alias bombs."""
MAX_CHARS = 5_000_000
"""Characters of text built from one file at most (aliases of long texts count each time)."""
MAX_BYTES = 5_000_000
"""Largest input file read; a year's report is some tens of kilobytes."""
MAX_DEPTH = 64
"""Deepest nesting of lists and mappings accepted."""

RESAVE_HINT = (
    "用记事本打开，选“文件 → 另存为”，“编码”选 UTF-8 后保存；或在 VS Code 中点右下角的编码名称，"
    "选“通过编码保存”→ UTF-8。"
)


@dataclass
class Raw:
    """Plain data read from one YAML file, with positions for every key path."""

    path: Path
    data: Any
    positions: dict[KeyPath, tuple[int, int]] = field(default_factory=dict)
    encoding: str = "utf-8"
    warnings: list[InputWarning] = field(default_factory=list)
    text: str = ""

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


def load(path: Path | str) -> Raw:
    """Read one YAML input file. Raises :class:`InputError` with a location on any problem."""
    path = Path(path)
    try:
        if path.is_file() and path.stat().st_size > MAX_BYTES:
            raise InputError(
                f"文件太大（{path.stat().st_size // 1_000_000} MB），不像是一年的报告数据。",
                at=Location(str(path)),
                hint="检查是否选错了文件；一年的数据文件通常只有几十 KB。",
            )
        data = path.read_bytes()
    except FileNotFoundError:
        raise InputError(
            f"找不到输入文件“{path}”。",
            at=Location(str(path)),
            hint="检查文件名和所在文件夹是否正确。",
        ) from None
    except IsADirectoryError:
        raise InputError(
            f"“{path}”是文件夹，不是 YAML 文件。", hint="请指定一个 .yaml 文件。"
        ) from None
    except OSError as exc:
        raise InputError(f"无法读取“{path}”：{exc.strerror}。") from None
    text, encoding = decode(data)
    if encoding == "utf-8-damaged":
        raise _damaged(data, path)
    if encoding == "unknown":
        raise InputError(
            "无法识别文件的编码（既不是 UTF-8，也不是 GBK/GB18030）。",
            at=first_bad_byte(data, path),
            hint=RESAVE_HINT,
        )
    raw = loads(text, path=path, encoding=encoding)
    if encoding in ("gb18030", "utf-16"):
        name = "GBK/GB18030" if encoding == "gb18030" else "UTF-16（记事本中的“Unicode”）"
        raw.warnings.append(
            InputWarning(
                f"文件以 {name} 编码保存，已按此编码读取。",
                at=Location(str(path)),
                hint="建议另存为 UTF-8，换电脑或用 VS Code 编辑时才不会乱码：" + RESAVE_HINT,
            )
        )
    return raw


def _damaged(data: bytes, path: Path) -> InputError:
    at = first_bad_byte(data, path)
    return InputError(
        f"第 {at.line} 行有损坏的字符（不是有效的 UTF-8 编码），可能是文件被截断或复制时出错。",
        at=at,
        hint="在这一行删掉乱码，重新输入这几个字，再以 UTF-8 编码保存。",
    )


def first_bad_byte(data: bytes, path: Path) -> Location:
    """Line and column of the first byte that is not valid UTF-8."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    try:
        data.decode("utf-8")
        start = len(data)
    except UnicodeDecodeError as exc:
        start = exc.start
    line = data[:start].count(b"\n") + 1
    line_start = data.rfind(b"\n", 0, start) + 1
    column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
    return Location(str(path), line, column)


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
        raise _tab_error(text, path)
    try:
        node = compose(text)
    except yaml.MarkedYAMLError as exc:
        raise syntax_error(exc, path, text) from None
    except yaml.reader.ReaderError as exc:
        raise _control_character(exc, path, text) from None
    except yaml.YAMLError as exc:
        raise InputError(f"YAML 格式错误：{exc}", at=Location(str(path))) from None
    except RecursionError:
        raise _too_deep(_deepest(text, path)) from None
    if node is None:
        raise InputError(
            "文件中没有数据，只有注释或空行。",
            at=Location(str(path), 1, 1),
            hint="参照 inputs/ 下的示例文件填写 unit、year 等内容。",
        )
    builder = _Builder(path, text)
    data = builder.build(node, ())
    return Raw(path, data, builder.positions, encoding, text=text)


if yaml.__with_libyaml__:

    class _FastLoader(Composer, CParser, SafeConstructor, Resolver):
        """libyaml's scanner and parser (C) under PyYAML's own composer and constructor.

        The composer recurses once per level of nesting: in Python that recursion ends in a
        :class:`RecursionError`, where libyaml's own (Cython) composer would overflow the C
        stack on a deeply nested file. Composer comes first so its methods win over CParser's.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            Composer.__init__(self)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)


T = TypeVar("T")


def compose(text: str) -> yaml.Node | None:
    """YAML text → its node graph (with line and column marks), parsed by libyaml when present.

    libyaml is about ten times faster than PyYAML's Python parser, but words its errors
    differently; on any failure the text is parsed again by the Python parser, so a broken
    file gets exactly the error (and the Chinese message built from it) it always had.
    """

    def python_parser() -> yaml.Node | None:
        return yaml.compose(text, Loader=yaml.SafeLoader)

    if yaml.__with_libyaml__ and nesting_bound(text) <= C_COMPOSER_DEPTH:
        return _with_libyaml(text, CParser.get_single_node, python_parser)
    return _with_libyaml(text, _FastLoader.get_single_node, python_parser)


C_COMPOSER_DEPTH = 1000
"""Deepest nesting left to libyaml's own composer (C, several times faster than PyYAML's):
it recurses on the C stack, a few hundred bytes a level, so a thousand levels take well under
the smallest thread stack; a file that may nest deeper goes to the Python composer."""
_BLOCK_LEAD = re.compile(r"^[ ]*(?:[-?:][ ]+)*", re.MULTILINE)


def nesting_bound(text: str) -> int:
    """An upper bound of how deep the collections in YAML ``text`` can nest, found cheaply.

    A flow collection opens with a bracket, so there are no more flow levels than brackets;
    each block level is indented more than the one holding it (a sequence may share its
    key's column, hence two levels a column), counting ``- `` and ``? `` that open a line.
    """
    flow = text.count("[") + text.count("{")
    block = max((len(found.group()) for found in _BLOCK_LEAD.finditer(text)), default=0)
    return flow + 2 * (block + 1) + 2


def safe_load(text: str) -> Any:
    """YAML text → plain data, like :func:`yaml.safe_load`, parsed by libyaml when present.

    On any failure the Python parser reads the text again and raises its own error.
    """
    return _with_libyaml(text, _FastLoader.get_single_data, lambda: yaml.safe_load(text))


def _with_libyaml(text: str, read: Callable[[_FastLoader], T], fallback: Callable[[], T]) -> T:
    """``read`` with the libyaml-backed loader; ``fallback`` (the Python parser) when it fails."""
    if yaml.__with_libyaml__:
        loader = _FastLoader(text)
        try:
            return read(loader)
        except (yaml.YAMLError, RecursionError, UnicodeEncodeError):
            pass
        finally:
            loader.dispose()
    return fallback()


def _tab_error(text: str, path: Path) -> InputError:
    index = text.index("\t")
    line_no = text[:index].count("\n") + 1
    line = text.split("\n")[line_no - 1]
    column = len(line.split("\t")[0]) + 1
    if line[: column - 1].strip():
        message = "文字中有制表符（Tab），YAML 文件中不能出现 Tab。"
        hint = "删掉这个 Tab，需要间隔时用空格。"
    else:
        message = "YAML 文件中不能使用制表符（Tab）缩进。"
        hint = "把 Tab 换成空格（每级缩进 2 个空格）。"
    return InputError(message, at=Location(str(path), line_no, column), hint=hint)


def _control_character(exc: yaml.reader.ReaderError, path: Path, text: str) -> InputError:
    line = text[: exc.position].count("\n") + 1
    column = exc.position - (text.rfind("\n", 0, exc.position) + 1) + 1
    code = f"U+{exc.character:04X}" if isinstance(exc.character, int) else "?"
    return InputError(
        f"第 {line} 行有看不见的控制字符（{code}），可能是从网页或其他软件复制来的。",
        at=Location(str(path), line, column),
        hint="删掉这一行光标所在处的那个字符（可把这一行删掉后重新输入）。",
    )


def _too_deep(at: Location) -> InputError:
    return InputError(
        f"嵌套层级太深（超过 {MAX_DEPTH} 层）。",
        at=at,
        hint="检查是否有多余的“[”“{”或缩进一路加深；报告数据一般不超过 10 层。",
    )


def _deepest(text: str, path: Path) -> Location:
    """Where bracket nesting first goes deeper than :data:`MAX_DEPTH` (else the first line)."""
    depth = 0
    for index, ch in enumerate(text):
        depth += 1 if ch in "[{" else -1 if ch in "]}" else 0
        if depth > MAX_DEPTH:
            line = text[:index].count("\n") + 1
            return Location(str(path), line, index - (text.rfind("\n", 0, index) + 1) + 1)
    return Location(str(path), 1, 1)


class _Builder:
    """Turns a composed node graph into Python data, recording positions and counting nodes."""

    def __init__(self, path: Path, text: str = "") -> None:
        self.path = path
        self.text = text
        self.positions: dict[KeyPath, tuple[int, int]] = {}
        self.count = 0
        self.chars = 0
        self.constructor = yaml.SafeLoader("")

    def build(self, node: yaml.Node, key_path: KeyPath) -> Any:
        self.count += 1
        if self.count > MAX_NODES or self.chars > MAX_CHARS:
            raise InputError(
                f"文件展开后超过 {MAX_NODES} 个节点或 {MAX_CHARS} 个字，"
                "可能含有大量嵌套的锚点和别名（&、*）。",
                at=self._at(node),
                hint="去掉相互引用的锚点和别名，直接写出内容。",
            )
        if len(key_path) > MAX_DEPTH:
            raise _too_deep(self._at(node))
        self.positions.setdefault(key_path, _mark(node))
        if isinstance(node, yaml.MappingNode):
            return self._mapping(node, key_path)
        if isinstance(node, yaml.SequenceNode):
            return [self.build(item, (*key_path, i)) for i, item in enumerate(node.value)]
        self.chars += len(node.value)
        return self._construct(node)

    def _construct(self, node: yaml.Node) -> Any:
        try:
            return self.constructor.construct_object(node, deep=True)
        except yaml.YAMLError as exc:
            problem = getattr(exc, "problem", None) or str(exc)
            if "could not determine a constructor for the tag" in problem:
                message = f"不支持的 YAML 标签“{node.tag}”。"
                hint = "去掉以 ! 开头的标签，直接写值。"
            else:
                message, hint = "无法识别的值。", "检查这个值的写法；拿不准时用双引号括起来。"
            raise InputError(message, at=self._at(node), hint=hint) from None
        except (ValueError, OverflowError):
            # PyYAML turns 2023-02-30 into a date and fails: the value looked like a date
            raise InputError(
                f"“{node.value}”不是有效的日期。",
                at=self._at(node),
                hint="日期写成 2023-01-10 的形式，并检查月份和日子是否存在。",
            ) from None

    def _mapping(self, node: yaml.MappingNode, key_path: KeyPath) -> dict[Any, Any]:
        try:
            self.constructor.flatten_mapping(node)  # resolves YAML merge keys (<<)
        except yaml.YAMLError:
            raise InputError(
                "“<<”（合并键）后面只能是锚点引用的一组键值。",
                at=self._at(node),
                hint="去掉“<<”这一行，直接写出内容。",
            ) from None
        result: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            key = self._key(key_node)
            if key.startswith("\u3000"):
                raise InputError(
                    "这一行用全角空格“　”缩进。",
                    at=self._at(key_node),
                    hint="YAML 只认半角空格：删掉全角空格，改用半角空格缩进（每级 2 个）。",
                )
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

    def _key(self, node: yaml.Node) -> str:
        """Keys are text: ``on``, ``2022`` or ``1.5`` keep what was typed, not YAML's reading."""
        if isinstance(node, yaml.ScalarNode) and node.tag != "tag:yaml.org,2002:null":
            return str(node.value)
        if isinstance(node, yaml.MappingNode) and node.flow_style:
            # ``text: {{ ind.gdp }}`` reads as a mapping whose key is the mapping ``{ ind.gdp }``.
            line = node.start_mark.line
            source = self.text.split("\n", line + 1)[line] if self.text.count("\n") >= line else ""
            raise InputError(UNQUOTED_BRACES, at=self._at(node), hint=quote_hint_for(source))
        raise InputError("键必须是简单的文字。", at=self._at(node))

    def _at(self, node: yaml.Node) -> Location:
        line, column = _mark(node)
        return Location(str(self.path), line, column)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1
