"""YAML file → :class:`Raw` data with the source position of every key and value.

The loader composes PyYAML's node graph (which knows lines and columns) and builds plain
Python data from it while recording, for each key path, where the value starts. Later stages
look positions up by the path pydantic or the renderer report, so every message can point at
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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.resolver import Resolver

if yaml.__with_libyaml__:
    from yaml._yaml import CParser

from .errors import InputError, InputWarning, Location

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


def read_text(path: Path) -> str:
    """Decode a text file as UTF-8 (with or without BOM), falling back to GB18030."""
    return decode(path.read_bytes())[0]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Windows editors often save GBK; GB18030 is its superset.

    The name is ``"utf-8-damaged"`` for UTF-8 with a few broken bytes (a truncated file) and
    ``"unknown"`` when neither UTF-8 nor GB18030 fits; the text then has U+FFFD in their place.
    """
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return body.decode("utf-8", errors="replace"), "utf-8-damaged"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for ch in replaced if ord(ch) > 0x7F) - bad
    if good > 4 * bad or _cut_short(data):
        # Mostly valid multi-byte UTF-8, or UTF-8 cut off mid-character: a damaged UTF-8
        # file, not a GBK one.
        return replaced, "utf-8-damaged"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return replaced, "unknown"


def _cut_short(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 except for a character cut off at its very end."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.end == len(data) and exc.reason == "unexpected end of data"
    return False


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
        raise _syntax_error(exc, path, text) from None
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
    builder = _Builder(path)
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


def compose(text: str) -> yaml.Node | None:
    """YAML text → its node graph (with line and column marks), parsed by libyaml when present.

    libyaml is about ten times faster than PyYAML's Python parser, but words its errors
    differently; on any failure the text is parsed again by the Python parser, so a broken
    file gets exactly the error (and the Chinese message built from it) it always had.
    """
    if yaml.__with_libyaml__:
        loader = _FastLoader(text)
        try:
            return loader.get_single_node()
        except (yaml.YAMLError, RecursionError, UnicodeEncodeError):
            pass
        finally:
            loader.dispose()
    return yaml.compose(text, Loader=yaml.SafeLoader)


def safe_load(text: str) -> Any:
    """YAML text → plain data, like :func:`yaml.safe_load`, parsed by libyaml when present.

    On any failure the Python parser reads the text again and raises its own error.
    """
    if yaml.__with_libyaml__:
        loader = _FastLoader(text)
        try:
            return loader.get_single_data()
        except (yaml.YAMLError, RecursionError, UnicodeEncodeError):
            pass
        finally:
            loader.dispose()
    return yaml.safe_load(text)


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

    def __init__(self, path: Path) -> None:
        self.path = path
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
        raise InputError("键必须是简单的文字。", at=self._at(node))

    def _at(self, node: yaml.Node) -> Location:
        line, column = _mark(node)
        return Location(str(self.path), line, column)


def _mark(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


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


def _syntax_error(exc: yaml.MarkedYAMLError, path: Path, text: str) -> InputError:
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
