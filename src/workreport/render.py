"""Report + context → markup text, through sandboxed Jinja2 templates.

Templates are user-supplied code: they run in Jinja's immutable sandbox with undefined names
as errors, under the time, size and repetition limits of :mod:`workreport.sandbox`, and the
loader reads nothing outside the template folders, links included. Text fields of the YAML
are small templates themselves (``{{ ind.gdp }}``), rendered in the same sandbox before the
report template sees them. Every Jinja failure is turned into a
:class:`TemplateError` located at the template line or the YAML field it came from.

Compiling is most of the cost of rendering, so compiled templates and fields are kept: in the
process (one environment per set of template folders) and on disk (Jinja's bytecode cache, in
workreport's cache folder), so that a draft rarely compiles anything.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
import msgspec
from jinja2.exceptions import SecurityError
from jinja2.loaders import split_template_path

from . import numbers, sandbox
from .charts import chart
from .citations import chinese_place
from .errors import Location, TemplateError, WorkreportError
from .load import RESAVE_HINT, KeyPath, Raw, first_bad_byte
from .sandbox import LimitedSandbox, budget
from .template_cache import bytecode_cache

BUILTIN_TEMPLATES = Path(__file__).parent / "data" / "templates"
ENTRY_TEMPLATE = "report.md.j2"
"""Folder of workreport's caches; set it empty to keep them in memory only."""


def template_dirs(input_path: Path, unit_key: str, extra: Sequence[Path] = ()) -> list[Path]:
    """Folders searched for templates, first match wins.

    ``--templates`` folders, then ``templates/<unit>/`` and ``templates/default/`` of the
    project the input belongs to (the folder holding ``inputs/``), then the built-in defaults.
    """
    root = project_root(input_path)
    dirs = [Path(d) for d in extra]
    dirs += [root / "templates" / unit_key, root / "templates" / "default"]
    dirs.append(BUILTIN_TEMPLATES / "default")
    seen: list[Path] = []
    for d in dirs:
        if d.is_dir() and d.resolve() not in [s.resolve() for s in seen]:
            seen.append(d)
    return seen


def project_root(input_path: Path) -> Path:
    """``…/inputs/<unit>/<year>.yaml`` → ``…``; any other file → its own folder."""
    folder = input_path.resolve().parent
    if folder.parent.name == "inputs":
        return folder.parent.parent
    return folder


def unit_key(input_path: Path) -> str:
    """The unit's folder name (``inputs/<unit>/`` → ``<unit>``), used for ``templates/<unit>/``."""
    return input_path.resolve().parent.name


def make_environment(search_path: Sequence[Path]) -> LimitedSandbox:
    """The sandboxed environment for ``search_path``, whose loader cannot leave those folders.

    One environment per set of folders serves every build in this process, so a template is
    compiled once, not once per draft; a template whose file changes is compiled again
    (Jinja's ``auto_reload``). Call :func:`clear_caches` after adding a template that should
    hide one of the same name further down ``search_path``.
    """
    folders = tuple(Path(p) for p in search_path)
    return _environment(tuple((p, p.resolve()) for p in folders))


@functools.lru_cache(maxsize=32)
def _environment(folders: tuple[tuple[Path, Path], ...]) -> LimitedSandbox:
    """The environment for ``folders``, each as spelled and as resolved.

    The spelling names template files in messages; the resolved path is part of the key
    because a relative folder points elsewhere once the current folder changes.
    """
    env = LimitedSandbox(
        loader=_Utf8Loader(folders),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=True,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    env.bytecode_cache = bytecode_cache(Path(__file__), Path(sandbox.__file__))
    return env


@functools.lru_cache(maxsize=1024)  # some 5 KB each: a few dozen drafts' worth of fields
def _field_template(env: jinja2.Environment, source: str) -> jinja2.Template:
    """A text field of the YAML, compiled once per (environment, field text) in this process.

    Most fields are the same from one draft to the next (and across the units of a batch),
    and compiling is most of the cost of rendering one. The compiled code is also kept in the
    environment's bytecode cache, in a bucket named by the field's text, so a new process does
    not compile it again. A field that fails to compile raises every time: exceptions are not
    cached.
    """
    cache = env.bytecode_cache
    if cache is None:
        return env.from_string(source)
    bucket = cache.get_bucket(env, source, None, source)
    if bucket.code is None:
        bucket.code = env.compile(source)
        cache.set_bucket(bucket)
    return env.template_class.from_code(env, bucket.code, env.make_globals(None), None)


def clear_caches() -> None:
    """Forget the environments and compiled templates of this process (``watch`` starts afresh)."""
    _environment.cache_clear()
    _field_template.cache_clear()


class TemplateEncodingError(TemplateError):
    """A template file saved in another encoding than UTF-8 (GBK, as Windows editors often do)."""


def not_utf8(name: str, folders: Sequence[Path]) -> TemplateEncodingError:
    """The error for template ``name`` (found in the first of ``folders`` that has it) not being
    UTF-8, located at its first bad byte."""
    path = next((Path(d) / name for d in folders if (Path(d) / name).is_file()), Path(name))
    try:
        at = first_bad_byte(path.read_bytes(), path)
    except OSError:
        at = Location(str(path))
    return TemplateEncodingError(f"模板“{name}”不是 UTF-8 编码。", at=at, hint=RESAVE_HINT)


class _Utf8Loader(jinja2.FileSystemLoader):
    """A file loader that reports a template saved in another encoding with a located message,
    wherever it is loaded (the entry template, an include, an import), and that never reads a
    file outside its folders, even through a symbolic link inside one.

    The folders come resolved as well as spelled: an environment (and its loader) serves only
    while its folders resolve to the same places (:func:`make_environment`), so only the
    template's own path is resolved on each load.
    """

    def __init__(self, folders: tuple[tuple[Path, Path], ...]) -> None:
        super().__init__([str(spelled) for spelled, _ in folders], encoding="utf-8")
        self.resolved = [resolved for _, resolved in folders]

    def get_source(
        self, environment: jinja2.Environment, template: str
    ) -> tuple[str, str, Callable[[], bool]]:
        pieces = split_template_path(template)  # refuses "../" itself
        for folder, resolved in zip(self.searchpath, self.resolved, strict=True):
            candidate = Path(folder, *pieces)
            if candidate.is_file():
                _inside(candidate, resolved, template)
                break
        try:
            return super().get_source(environment, template)
        except UnicodeDecodeError:
            raise not_utf8(template, [Path(p) for p in self.searchpath]) from None


def _inside(path: Path, folder: Path, name: str) -> None:
    """Refuse ``path`` when, links resolved, it is not inside ``folder`` (given resolved);
    before it is read, so nothing of the file it points to reaches a draft or a message."""
    try:
        outside = not path.resolve().is_relative_to(folder)
    except (OSError, RuntimeError):  # a link loop
        outside = True
    if outside:
        raise TemplateError(
            f"“{name}”是指向模板文件夹以外的链接（或在这样链接的文件夹里），不能用作模板。",
            at=Location(str(path)),
            hint="把模板文件本身复制进模板文件夹，不要用快捷方式或符号链接指向别处。",
        )


def _lead(paragraph: Any, sep: str = "，", prefix: str = "") -> str:
    """A paragraph as markup: bold lead sentence (with ``sep`` unless it ends in a mark), text.

    ``prefix`` (such as 一是) opens the paragraph, inside the bold lead when there is one.
    """
    lead = (getattr(paragraph, "lead", None) or "").strip()
    text = (getattr(paragraph, "text", None) or "").strip()
    if not lead:
        return f"{prefix}{text}"
    lead = prefix + lead
    mark = sep
    if lead[-1] in "，。；：！？":
        lead, mark = lead[:-1], lead[-1]
    # The mark stays outside the asterisks: CommonMark does not close emphasis after a
    # punctuation mark followed by a letter; the parser folds it back into the bold run.
    return f"**{lead}**{mark}{text}"


FILTERS: dict[str, Callable[..., Any]] = {
    "lead": _lead,
    "numeral": numbers.chinese_numeral,
    "enumeration": numbers.enumeration,
    "ordinal": numbers.ordinal,
    "rank": numbers.rank,
    "streak": numbers.streak,
    "cn_date": numbers.cn_date,
    "cn_year": numbers.cn_year,
    "growth": numbers.growth,
    "amount": numbers.amount,
    "number": numbers.format_number,
    "join_targets": numbers.join_targets,
}
GLOBALS: dict[str, Any] = {
    "chart": chart,
    "todo": numbers.placeholder,
    "year_span": numbers.year_span,
    "span": numbers.span,
    "target": numbers.target,
    "attainment": numbers.attainment,
}


def render_fields(
    model: msgspec.Struct, context: dict[str, Any], env: jinja2.Environment, raw: Raw
) -> Any:
    """Render every text field of ``model`` that contains template syntax; return a copy.

    All fields of one draft share one time and output budget (:mod:`workreport.sandbox`).
    """
    with budget():
        return _render_value(model, (), context, env, raw)


def _render_value(
    value: Any, path: KeyPath, context: dict[str, Any], env: jinja2.Environment, raw: Raw
) -> Any:
    if isinstance(value, str):
        if "{{" not in value and "{%" not in value:
            return value
        return _render_string(value, path, context, env, raw)
    if isinstance(value, msgspec.Struct):
        updates = {}
        for name in value.__struct_fields__:
            current = getattr(value, name)
            rendered = _render_value(current, (*path, name), context, env, raw)
            if rendered is not current:
                updates[name] = rendered
        return msgspec.structs.replace(value, **updates) if updates else value
    if isinstance(value, list):
        items = [_render_value(v, (*path, i), context, env, raw) for i, v in enumerate(value)]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def _render_string(
    source: str, path: KeyPath, context: dict[str, Any], env: jinja2.Environment, raw: Raw
) -> str:
    at = raw.locate(path)
    try:
        return _field_template(env, source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{at.key_path} 中的模板语法错误：{syntax_message(exc)}",
            at=_offset(at, exc.lineno),
            hint="检查 {{ }} 和 {% %} 是否成对；只想写花括号本身时改用全角符号。",
        ) from None
    except Exception as exc:
        raise _runtime_error(exc, at, f"{chinese_place(tuple(path))}：") from None


def render_report(
    context: dict[str, Any], env: jinja2.Environment, name: str = ENTRY_TEMPLATE
) -> str:
    """Render the report's entry template with ``context`` into markup text."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误：{syntax_message(exc)}",
            at=Location(exc.filename or exc.name or name, exc.lineno),
            hint="检查 {{ }}、{% %} 是否成对，{% if %}/{% for %} 是否有对应的 end 标签。",
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise _not_found(exc, env) from None
    try:
        with budget():
            return template.render(context)
    except Exception as exc:
        at = _template_frame(exc.__traceback__) or Location(template.filename or name)
        raise _runtime_error(exc, at, "模板") from None


def _runtime_error(exc: BaseException, at: Location, where: str) -> WorkreportError:
    frame_at = _template_frame(exc.__traceback__)
    if frame_at is not None and frame_at.file != "<template>":
        at = frame_at
    if isinstance(exc, TemplateEncodingError):
        return exc  # names its own file and line, wherever the template was included
    if isinstance(exc, WorkreportError):
        return type(exc)(f"{where}{exc.message}", at=exc.at or at, hint=exc.hint)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"模板语法错误：{syntax_message(exc)}",
            at=Location(exc.filename or str(exc.name), exc.lineno),
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return _not_found(exc, None, at)
    if isinstance(exc, SecurityError):
        return TemplateError(
            f"{where}使用了不允许的写法：{security_message(exc)}。",
            at=at,
            hint="模板只能读取报告数据，不能访问以下划线开头的属性或内部对象，也不能修改数据。",
        )
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(
            f"{where}用到了未定义的名称（{_undefined_name(exc)}）。",
            at=at,
            hint="检查拼写；可用的数据有 report、unit、year、next_year、ind、targets。",
        )
    message, hint = _plain_words(exc)
    return TemplateError(f"{where}{message}", at=at, hint=hint)


_CJK = re.compile(r"[\u4e00-\u9fff]")
_FILTER_HINT = "过滤器只作用于紧挨着它的一项：(10 ** 20) | numeral 要加括号。"


def _plain_words(exc: BaseException) -> tuple[str, str | None]:
    """A Python error raised while rendering → (what went wrong, how to fix it), in Chinese.

    Filters and functions of :mod:`workreport.numbers` raise ValueError with a Chinese
    message that is shown as it is; other errors are named by kind, never by Python's text.
    """
    if isinstance(exc, ValueError) and _CJK.search(str(exc)):
        return f"有一处数值不合要求：{exc}。", None
    if isinstance(exc, ZeroDivisionError):
        return "做了除以零的计算。", "检查 {{ }} 中的除法，除数不能为 0 或空值。"
    if isinstance(exc, OverflowError):
        return "计算结果太大，超出了能表示的范围。", "检查 {{ }} 中的乘方和乘法。"
    if isinstance(exc, RecursionError):
        return "模板嵌套或递归太深。", "检查是否有宏或 include 调用了自己。"
    if isinstance(exc, TypeError):
        return (
            "把运算或过滤器用在了不合适的数据上（如文字做算术、空值当数字）。",
            "检查 {{ }} 中的运算和过滤器的写法。" + _FILTER_HINT,
        )
    if isinstance(exc, KeyError | IndexError | AttributeError):
        return "取了一个不存在的项。", "检查 {{ }} 中的键名、序号和属性名。"
    if isinstance(exc, ValueError):
        return "有一处数值不合要求。", "检查 {{ }} 中交给过滤器和函数的数值。"
    return "无法完成这一处的渲染。", "检查 {{ }} 和 {% %} 中的写法。"


def _not_found(
    exc: jinja2.TemplateNotFound, env: jinja2.Environment | None, at: Location | None = None
) -> TemplateError:
    folders = ""
    if env is not None and isinstance(env.loader, jinja2.FileSystemLoader):
        folders = "、".join(str(p) for p in env.loader.searchpath)
    return TemplateError(
        f"找不到模板“{exc.name}”。" + (f"查找过：{folders}。" if folders else ""),
        at=at,
        hint="检查模板文件名；模板名只能指向模板文件夹内的文件，不能用“../”。",
    )


def _template_frame(tb: TracebackType | None) -> Location | None:
    """The innermost traceback frame that belongs to a template: its file and line."""
    found = None
    while tb is not None:
        code = tb.tb_frame.f_code
        if code.co_filename.endswith(".j2") or code.co_filename == "<template>":
            found = Location(code.co_filename, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _offset(at: Location, lineno: int | None) -> Location:
    """A line inside a multi-line YAML text field, counted from where the field starts."""
    if lineno is None or lineno <= 1 or at.line is None:
        return at
    return Location(at.file, at.line + lineno, None, at.key_path)


_UNSAFE_ATTRIBUTE = re.compile(r"^access to attribute '(?P<name>[^']*)' of '[^']*' object")
_UNSAFE_CALL = re.compile(r"^(?P<name>.*) is not safely callable$", re.DOTALL)


def security_message(exc: SecurityError) -> str:
    """Jinja's sandbox refusal in Chinese: ``不能访问属性“__class__”``."""
    text = exc.message or ""
    if found := _UNSAFE_ATTRIBUTE.match(text):
        return f"不能访问属性“{found['name']}”"
    if found := _UNSAFE_CALL.match(text):
        return f"不能调用“{found['name']}”"
    return text


def syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
    """Jinja's syntax error in Chinese for the usual slips; others as Jinja words them."""
    text = exc.message or ""
    if "unexpected end of template" in text.lower():
        return "模板意外结束，缺少结束标签（如 {% endif %}、{% endfor %}）"
    if "unexpected '}'" in text.lower():
        return "多了一个“}”或“{{ }}”不配对"
    if "Encountered unknown tag" in text:
        return f"未知的标签（{text}）"
    if "expected token 'end of print statement'" in text:
        return "“{{ … }}”里的表达式写法有误"
    return text


def _undefined_name(exc: jinja2.UndefinedError) -> str:
    text = str(exc.message or exc)
    return text.replace("is undefined", "未定义").replace("has no attribute", "没有属性")
