"""Report + context → markup text, through sandboxed Jinja2 templates.

Templates are user-supplied code: they run in Jinja's immutable sandbox with undefined names
as errors. Text fields of the YAML are small templates themselves (``{{ ind.gdp }}``), rendered
in the same sandbox before the report template sees them. Every Jinja failure is turned into a
:class:`TemplateError` located at the template line or the YAML field it came from.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2
from jinja2.sandbox import ImmutableSandboxedEnvironment, SecurityError
from pydantic import BaseModel

from . import numbers
from .errors import Location, TemplateError, WorkreportError
from .load import KeyPath, Raw

BUILTIN_TEMPLATES = Path(__file__).parent / "data" / "templates"
ENTRY_TEMPLATE = "report.md.j2"


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


def make_environment(search_path: Sequence[Path]) -> ImmutableSandboxedEnvironment:
    """A sandboxed environment whose loader cannot leave ``search_path``."""
    env = ImmutableSandboxedEnvironment(
        loader=jinja2.FileSystemLoader([str(p) for p in search_path], encoding="utf-8"),
        undefined=jinja2.StrictUndefined,
        autoescape=False,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
        auto_reload=False,
    )
    env.filters.update(FILTERS)
    env.globals.update(GLOBALS)
    return env


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
}
GLOBALS: dict[str, Any] = {
    "todo": numbers.placeholder,
    "year_span": numbers.year_span,
    "span": numbers.span,
    "target": numbers.target,
    "attainment": numbers.attainment,
}


def render_fields(
    model: BaseModel, context: dict[str, Any], env: jinja2.Environment, raw: Raw
) -> Any:
    """Render every text field of ``model`` that contains template syntax; return a copy."""
    return _render_value(model, (), context, env, raw)


def _render_value(
    value: Any, path: KeyPath, context: dict[str, Any], env: jinja2.Environment, raw: Raw
) -> Any:
    if isinstance(value, str):
        if "{{" not in value and "{%" not in value:
            return value
        return _render_string(value, path, context, env, raw)
    if isinstance(value, BaseModel):
        updates = {}
        for name in type(value).model_fields:
            current = getattr(value, name)
            rendered = _render_value(current, (*path, name), context, env, raw)
            if rendered is not current:
                updates[name] = rendered
        return value.model_copy(update=updates) if updates else value
    if isinstance(value, list):
        items = [_render_value(v, (*path, i), context, env, raw) for i, v in enumerate(value)]
        return items if any(a is not b for a, b in zip(items, value, strict=True)) else value
    return value


def _render_string(
    source: str, path: KeyPath, context: dict[str, Any], env: jinja2.Environment, raw: Raw
) -> str:
    at = raw.locate(path)
    try:
        return env.from_string(source).render(context)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"{at.key_path} 中的模板语法错误：{_syntax_message(exc)}",
            at=_offset(at, exc.lineno),
            hint="检查 {{ }} 和 {% %} 是否成对；只想写花括号本身时改用全角符号。",
        ) from None
    except Exception as exc:
        raise _runtime_error(exc, at, f"{at.key_path} 中") from None


def render_report(
    context: dict[str, Any], env: jinja2.Environment, name: str = ENTRY_TEMPLATE
) -> str:
    """Render the report's entry template with ``context`` into markup text."""
    try:
        template = env.get_template(name)
    except jinja2.TemplateSyntaxError as exc:
        raise TemplateError(
            f"模板语法错误：{_syntax_message(exc)}",
            at=Location(exc.filename or exc.name or name, exc.lineno),
            hint="检查 {{ }}、{% %} 是否成对，{% if %}/{% for %} 是否有对应的 end 标签。",
        ) from None
    except jinja2.TemplateNotFound as exc:
        raise _not_found(exc, env) from None
    try:
        return template.render(context)
    except Exception as exc:
        at = _template_frame(exc.__traceback__) or Location(template.filename or name)
        raise _runtime_error(exc, at, "模板") from None


def _runtime_error(exc: BaseException, at: Location, where: str) -> WorkreportError:
    frame_at = _template_frame(exc.__traceback__)
    if frame_at is not None and frame_at.file != "<template>":
        at = frame_at
    if isinstance(exc, WorkreportError):
        return type(exc)(f"{where}{exc.message}", at=exc.at or at, hint=exc.hint)
    if isinstance(exc, jinja2.TemplateSyntaxError):
        return TemplateError(
            f"模板语法错误：{_syntax_message(exc)}",
            at=Location(exc.filename or str(exc.name), exc.lineno),
        )
    if isinstance(exc, jinja2.TemplateNotFound):
        return _not_found(exc, None, at)
    if isinstance(exc, SecurityError):
        return TemplateError(
            f"{where}使用了不允许的写法：{exc}。",
            at=at,
            hint="模板只能读取报告数据，不能访问以下划线开头的属性或内部对象。",
        )
    if isinstance(exc, jinja2.UndefinedError):
        return TemplateError(
            f"{where}用到了未定义的名称（{_undefined_name(exc)}）。",
            at=at,
            hint="检查拼写；可用的数据有 report、unit、year、next_year、ind、targets。",
        )
    return TemplateError(f"{where}渲染失败：{type(exc).__name__}: {exc}", at=at)


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


def _syntax_message(exc: jinja2.TemplateSyntaxError) -> str:
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
