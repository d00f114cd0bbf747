""":class:`~workreport.load.Raw` data → typed :class:`~workreport.model.Report`.

pydantic does the checking; this module turns its first error into one Chinese message that
points at the YAML line (through :meth:`Raw.locate`) and says how to fix it.
"""

from __future__ import annotations

import difflib
from typing import Any

from pydantic import BaseModel, ValidationError

from .errors import InputError
from .load import Raw, format_key_path
from .model import Report


def validate(raw: Raw) -> Report:
    """Check raw data against the model. Raises :class:`InputError` located at the bad key."""
    if not isinstance(raw.data, dict):
        raise InputError(
            "文件顶层应是“键: 值”的映射（unit、year、indicators……）。",
            at=raw.locate(()),
            hint="参照 inputs/ 下的示例文件的结构填写。",
        )
    try:
        report = Report.model_validate(raw.data)
    except ValidationError as exc:
        raise _first_error(exc, raw) from None
    _check_references(report, raw)
    return report


def _check_references(report: Report, raw: Raw) -> None:
    """Targets must name indicators that exist."""
    known = list(report.indicators)
    for index, target in enumerate(report.plan.targets if report.plan else []):
        if target.indicator is not None and target.indicator not in report.indicators:
            close = difflib.get_close_matches(target.indicator, known, n=3, cutoff=0.5)
            raise InputError(
                f"目标引用了不存在的指标“{target.indicator}”。",
                at=raw.locate(("plan", "targets", index, "indicator")),
                hint=f"是否想写 {'、'.join(close)}？"
                if close
                else "先在 indicators 下定义这个指标。",
            )


def _first_error(exc: ValidationError, raw: Raw) -> InputError:
    errors = exc.errors(include_url=False)
    # A mistyped key shows up twice: as an unknown key and as a missing one. Name the typo.
    error = min(errors, key=lambda e: {"extra_forbidden": 0, "missing": 2}.get(e["type"], 1))
    loc = tuple(error["loc"])
    kind = error["type"]
    value = error.get("input")
    field = format_key_path(loc) or "文件"
    message, hint = _explain(kind, loc, value, error.get("ctx") or {})
    return InputError(f"{field}：{message}", at=raw.locate(loc), hint=hint)


def _explain(
    kind: str, loc: tuple[Any, ...], value: Any, ctx: dict[str, Any]
) -> tuple[str, str | None]:
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"缺少必填项“{name}”。", f"在上一级下面补上“{name}: …”。"
    if kind == "extra_forbidden":
        known = _known_fields(loc[:-1])
        close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
        hint = f"是否想写“{close[0]}”？" if close else f"可用的键有：{'、'.join(known)}。"
        return f"不认识的键“{name}”。", hint
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type"):
        return f"应当是数字，却写成了“{value}”。", _number_hint(value)
    if kind == "literal_error":
        return f"“{value}”不是可选的值。", f"可选：{ctx.get('expected', '')}。"
    if kind == "string_type":
        if isinstance(value, dict):
            return (
                "应当是文字，却被读成了一组键值。",
                '以 {{ 开头的文字要整体用双引号括起来，如 text: "{{ ind.gdp }}……"。',
            )
        return (
            f"应当是文字，却是{_describe(value)}。",
            "把内容写成文字；含冒号等符号时用引号括起来。",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"应当是一组“键: 值”，却是{_describe(value)}。",
            "检查缩进，或是否把冒号写成了全角“：”。",
        )
    if kind == "list_type":
        return f"应当是列表（每项以“- ”开头），却是{_describe(value)}。", None
    if kind == "string_pattern_mismatch":
        return (
            f"指标 id“{name}”只能由英文字母、数字和下划线组成，且不能以数字开头。",
            "例如 industrial_added_value；中文名称写在 name 里。",
        )
    if kind in ("greater_than_equal", "less_than_equal"):
        return f"数值“{value}”超出允许范围。", None
    if kind.startswith("date"):
        return f"“{value}”不是有效日期。", "日期写成 2023-01-10 的形式。"
    return f"取值“{value}”无效（{kind}）。", None


def _number_hint(value: Any) -> str:
    text = str(value)
    if text.endswith("%"):
        return f"百分数只写数字，去掉“%”：写成 {text.rstrip('%').strip()}。"
    if any(ch in text for ch in "亿万元家人个亩"):
        return "数值只写数字，单位写在 unit 里，如 value: 400 和 unit: 亿元。"
    return "只写阿拉伯数字（可带小数点），如 104.86；暂缺时留空。"


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"文字“{value[:20]}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "一组键值"
    if value is None:
        return "空值"
    return f"“{value}”"


def _known_fields(parent_loc: tuple[Any, ...]) -> list[str]:
    """Field names allowed at ``parent_loc``, found by walking the model classes."""
    model: type[BaseModel] | None = Report
    for part in parent_loc:
        if model is None:
            return []
        if isinstance(part, int) or part not in model.model_fields:
            # a list index or a dict key (indicator id): the annotation's item type follows
            continue
        model = _model_of(model.model_fields[part].annotation)
    return list(model.model_fields) if model else []


def _model_of(annotation: Any) -> type[BaseModel] | None:
    from typing import get_args

    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in get_args(annotation):
        found = _model_of(arg)
        if found:
            return found
    return None
