""":class:`~workreport.load.Raw` data → typed :class:`~workreport.model.Report`, and every problem.

msgspec does the checking (on data brought to the model's forms by
:mod:`workreport.model_forms`); when it refuses, :mod:`workreport.validate_walk` collects every
problem, and this module turns them into Chinese messages that point at the YAML line (through
:meth:`Raw.locate`) and say how to fix them, naming the usual slips:
a number written in Chinese or with its unit, a percent sign, a key typed wrong or in Chinese.
Cross-checks follow: the year against the file name, targets against indicators, and (for
``workreport check``) indicator citations in prose and templates, found without rendering.
"""

from __future__ import annotations

import difflib
import functools
import math
import re
import unicodedata
from collections.abc import Iterator
from typing import Any

import msgspec
from msgspec import inspect as mi

from .errors import InputError, Location
from .load import KeyPath, Raw, format_key_path
from .model import Report, Section, Target
from .model_forms import fields_of, normalize, report_type, struct_in, title_of
from .slips import LineProblem, diagnose_line
from .validate_walk import Problem, problems

LARGEST = 1e15
"""Figures at or above this are refused: no report states them, and they break formatting."""


def validate(raw: Raw) -> Report:
    """Check raw data against the model. Raises :class:`InputError` located at the bad key."""
    report, errors = validate_all(raw)
    if errors:
        raise errors[0]
    assert report is not None
    return report


def validate_all(raw: Raw) -> tuple[Report | None, list[InputError]]:
    """The report (when the model accepts it) and every problem found, most telling first."""
    if not isinstance(raw.data, dict):
        error = InputError(
            "文件顶层应是“键: 值”的映射（unit、year、indicators……）。",
            at=raw.locate(()),
            hint="参照 inputs/ 下的示例文件的结构填写。",
        )
        return None, [error]
    data = normalize(raw.data)
    try:
        report = msgspec.convert(data, Report, strict=False)
    except msgspec.ValidationError as exc:
        return None, _model_errors(problems(data, exc), raw)
    errors = [
        *_year_matches_file(report, raw),
        *_finite_numbers(report, raw),
        *_target_references(report, raw),
        *_part_references(report, raw),
        *_chart_references(report, raw),
        *_field_slips(raw),
    ]
    return report, errors


def _chart_references(report: Report, raw: Raw) -> list[InputError]:
    """Charts and highlights must name known indicators."""
    known = list(report.indicators)
    errors = [
        InputError(
            f"“数读”引用了不存在的指标“{item.indicator}”。",
            at=raw.locate(("highlights", index, "indicator")),
            hint=closest_ids(item.indicator, known, "先在 indicators 下定义它。"),
        )
        for index, item in enumerate(report.highlights)
        if item.indicator not in report.indicators
    ]
    for part in ("review", "plan"):
        section_list = getattr(report, part).sections if getattr(report, part) else []
        for key_path, section in _sections(section_list, (part, "sections")):
            for c, request in enumerate(section.charts):
                for i, indicator in enumerate(request.indicators):
                    if indicator not in report.indicators:
                        errors.append(
                            InputError(
                                f"图表引用了不存在的指标“{indicator}”。",
                                at=raw.locate((*key_path, "charts", c, "indicators", i)),
                                hint=closest_ids(indicator, known, "先在 indicators 下定义它。"),
                            )
                        )
    return errors


def _sections(sections: list[Section], key_path: KeyPath) -> Iterator[tuple[KeyPath, Section]]:
    for index, section in enumerate(sections):
        yield (*key_path, index), section
        yield from _sections(section.subsections, (*key_path, index, "subsections"))


def _year_matches_file(report: Report, raw: Raw) -> list[InputError]:
    stem = raw.path.stem
    if not re.fullmatch(r"\d{4}", stem) or int(stem) == report.year:
        return []
    return [
        InputError(
            f"year 写的是 {report.year}，但文件名是 {raw.path.name}。",
            at=raw.locate(("year",)),
            hint=f"改成 year: {stem}，或把文件改名为 {report.year}{raw.path.suffix}"
            "（每年一个文件）。",
        )
    ]


def _finite_numbers(report: Report, raw: Raw) -> list[InputError]:
    errors = []
    for path, value in walk(report):
        if not isinstance(value, float):
            continue
        if not math.isfinite(value):
            message = f"{format_key_path(path)}：“{value}”不是有效的数字。"
        elif abs(value) >= LARGEST:
            message = f"{format_key_path(path)}：数值 {value:g} 太大。"
        else:
            continue
        errors.append(InputError(message, at=raw.locate(path), hint="只写普通的数字；暂缺时留空。"))
    return errors


def walk(value: Any, path: KeyPath = ()) -> list[tuple[KeyPath, Any]]:
    """Every leaf of a model (or plain data) with its key path, in order."""
    leaves: list[tuple[KeyPath, Any]] = []
    _collect(value, path, leaves)
    return leaves


def _collect(value: Any, path: KeyPath, leaves: list[tuple[KeyPath, Any]]) -> None:
    # One list for the whole walk: nested generators would pass every leaf up each level.
    if isinstance(value, msgspec.Struct):
        for name in value.__struct_fields__:
            _collect(getattr(value, name), (*path, name), leaves)
    elif isinstance(value, dict):
        for key, item in value.items():
            _collect(item, (*path, key), leaves)
    elif isinstance(value, list):
        for index, item in enumerate(value):
            _collect(item, (*path, index), leaves)
    else:
        leaves.append((path, value))


def _target_references(report: Report, raw: Raw) -> list[InputError]:
    """Targets (of the plan and of last year's plan under review) must name known indicators."""
    errors = []
    known = list(report.indicators)
    for part in ("plan", "review"):
        section = getattr(report, part)
        for index, target in enumerate(section.targets if section else []):
            if target.value is not None and not _target_unit(target, report):
                errors.append(
                    InputError(
                        f"目标数值 {_format(target.value)} 没有单位，草稿会写成“{target.verb}…"
                        f"{_format(target.value)}{target.bound}”。",
                        at=raw.locate((part, "targets", index, "value")),
                        hint="在这个目标里写上 unit（如 unit: 亿元），或给所引用的指标写上 unit。",
                    )
                )
            if target.indicator is None or target.indicator in report.indicators:
                continue
            errors.append(
                InputError(
                    f"目标引用了不存在的指标“{target.indicator}”。",
                    at=raw.locate((part, "targets", index, "indicator")),
                    hint=closest_ids(target.indicator, known, "先在 indicators 下定义这个指标。"),
                )
            )
    return errors


def _part_references(report: Report, raw: Raw) -> list[InputError]:
    """Part ids are unique, and the outline names only review, plan and those ids."""
    errors = []
    seen: set[str] = set()
    for index, part in enumerate(report.parts):
        if part.id in seen:
            errors.append(
                InputError(
                    f"parts 中有两个部分的 id 都是“{part.id}”。",
                    at=raw.locate(("parts", index, "id")),
                    hint="每个部分的 id 要不同，如 five_year、self_building。",
                )
            )
        seen.add(part.id)
    known = ["review", "plan", *seen]
    for index, entry in enumerate(report.outline or []):
        if entry.part in known:
            continue
        errors.append(
            InputError(
                f"outline 中的部分“{entry.part}”不存在。",
                at=raw.locate(("outline", index, "part")),
                hint=closest_ids(
                    entry.part, known, "写 review、plan，或先在 parts 中定义这个部分（id）。"
                ),
            )
        )
    return errors


def _target_unit(target: Target, report: Report) -> str:
    indicator = report.indicators.get(target.indicator or "")
    return target.unit or (indicator.unit if indicator else "")


def closest_ids(key: str, known: list[str], otherwise: str) -> str:
    close = difflib.get_close_matches(key, known, n=3, cutoff=0.5)
    return f"是否想写 {'、'.join(close)}？" if close else otherwise


@functools.cache
def _all_field_names() -> frozenset[str]:
    """Every key the model knows, at any level."""
    names: set[str] = set()
    seen: set[type] = set()
    pending: list[mi.StructType] = [report_type()]
    while pending:
        model = pending.pop()
        seen.add(model.cls)
        for name, field in fields_of(model).items():
            names.add(name)
            inner = struct_in(field.type)
            if inner is not None and inner.cls not in seen:
                pending.append(inner)
    return frozenset(names)


_KEY_AS_TEXT = re.compile(
    r"(?P<key>[A-Za-z_]\w*)[ \u3000]*(?P<colon>：|:(?! ))[ \u3000]*(?P<rest>.*)"
)


def _field_slips(raw: Raw) -> list[InputError]:
    """A list item like ``- lead：经济运行`` was meant as ``- lead: 经济运行`` (a key, not text)."""
    errors = []
    for path, value in walk(raw.data):
        if not (isinstance(value, str) and path and isinstance(path[-1], int)):
            continue
        match = _KEY_AS_TEXT.match(value)
        if match is None or match["key"] not in _all_field_names():
            continue
        key = match["key"]
        slip = "冒号用了全角“：”" if match["colon"] == "：" else "冒号后面缺少空格"
        errors.append(
            InputError(
                f"这一项被读成了一段文字“{value[:20]}”：看起来想写“{key}: …”，但{slip}。",
                at=raw.locate(path),
                hint=f"改成“{key}: {match['rest'][:20]}”（半角冒号加空格）。",
            )
        )
    return errors


# ---- problems → Chinese -------------------------------------------------------------------

_PRIORITY = {"extra_forbidden": 0, "missing": 2}


def _model_errors(found: list[Problem], raw: Raw) -> list[InputError]:
    # A mistyped key shows up twice: as an unknown key and as a missing one. Name the typo.
    typos = {
        (p.loc[:-1], suggestion)
        for p in found
        if p.kind == "extra_forbidden"
        for suggestion in _suggestions(p.loc)
    }
    kept, seen = [], set()
    for problem in sorted(found, key=lambda p: _PRIORITY.get(p.kind, 1)):
        loc = problem.loc
        if problem.kind == "missing" and (loc[:-1], loc[-1]) in typos:
            continue
        if loc not in seen:
            seen.add(loc)
            kept.append(_to_input_error(problem, raw))
    return kept


def _to_input_error(problem: Problem, raw: Raw) -> InputError:
    loc = tuple(part for part in problem.loc if part != "[key]")
    kind = problem.kind
    value = problem.value
    at = raw.locate(loc)
    if kind in ("model_type", "dict_type", "model_attributes_type", "list_type") and isinstance(
        value, str
    ):
        slip = _slip_at(raw, at.line)
        if slip is not None:
            at = Location(at.file, at.line, slip.column, at.key_path)
            return InputError(slip.message, at=at, hint=slip.hint)
    field = format_key_path(loc) or "文件"
    message, hint = _explain(kind, loc, value, problem.ctx)
    return InputError(f"{field}：{message}", at=at, hint=hint)


def _slip_at(raw: Raw, line: int | None) -> LineProblem | None:
    lines = raw.text.split("\n")
    return diagnose_line(lines[line - 1]) if line is not None and 1 <= line <= len(lines) else None


def _explain(
    kind: str, loc: tuple[Any, ...], value: Any, ctx: dict[str, Any]
) -> tuple[str, str | None]:
    name = str(loc[-1]) if loc else ""
    if kind == "missing":
        return f"缺少必填项“{name}”。", f"在上一级下面补上“{name}: …”。"
    if kind == "extra_forbidden":
        return f"不认识的键“{name}”。", _unknown_key_hint(loc)
    if kind in ("float_parsing", "float_type", "int_parsing", "int_type", "int_from_float"):
        return _number_problem(name, value)
    if kind == "bool_parsing":
        return f"应当是 true 或 false，却写成了“{value}”。", "“是”写 true，“否”写 false。"
    if kind == "literal_error":
        hint = f"可选：{ctx.get('expected', '')}。"
        if isinstance(value, str) and value[:1] in "“‘\"'":
            hint = "去掉引号“”。" + hint
        return f"“{value}”不是可选的值。", hint
    if kind == "string_type":
        if isinstance(value, dict):
            return (
                "应当是文字，却被读成了一组键值。",
                '以 {{ 开头的文字要整体用双引号括起来，如 text: "{{ ind.gdp }}……"。',
            )
        if isinstance(value, int | float) and not isinstance(value, bool):
            return f"应当是文字，却被读成了数字 {value}。", f'用双引号括起来：{name}: "{value}"。'
        return (
            f"应当是文字，却是{_describe(value)}。",
            "把内容写成文字；含冒号等符号时用引号括起来。",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"应当是一组“键: 值”，却是{_describe(value)}。",
            "检查缩进：下一级的键要比上一级多缩进 2 个空格；冒号要用半角“:”。",
        )
    if kind == "list_type":
        return (
            f"应当是列表（每项以“- ”开头），却是{_describe(value)}。",
            "每一项另起一行，以“- ”（减号加空格）开头，比上一级多缩进 2 个空格。",
        )
    if kind == "text_or_list":
        return (
            f"应当是文字或文字列表，却是{_describe(value)}。",
            "写一段文字（空行分段），或每段一项的列表（每项以“- ”开头）。",
        )
    if kind == "title_lines":
        return (
            f"标题应当是一行文字，或一至两行的列表，却是{_describe(value)}。",
            "写成 title: 政府工作报告，或 title: [××镇人民政府, 2024年工作报告]。",
        )
    if kind == "too_deep":
        return (
            "标题最多四级：level 为 4 的分项下不能再有下级标题。",
            "把 level 改小，或把下级标题的内容写成 paragraphs。",
        )
    if kind == "reserved_part":
        return (
            f"部分 id 不能用“{value}”：review、plan 已是工作情况和工作谋划。",
            "换一个 id，如 five_year、self_building；工作情况和工作谋划写在 review、plan 下。",
        )
    if kind == "string_pattern_mismatch" and name in ("id", "part"):
        return (
            f"“{value}”只能由英文字母、数字和下划线组成，且不能以数字开头。",
            "例如 self_building；中文标题写在 title 里。",
        )
    if kind == "string_pattern_mismatch":
        return (
            f"指标 id“{name}”只能由英文字母、数字和下划线组成，且不能以数字开头。",
            "例如 industrial_added_value；中文名称写在 name 里。",
        )
    if kind in ("greater_than_equal", "greater_than"):
        return f"数值“{value}”太小，不能小于 {ctx.get('ge', ctx.get('gt'))}。", None
    if kind in ("less_than_equal", "less_than"):
        return f"数值“{value}”太大，不能大于 {ctx.get('le', ctx.get('lt'))}。", None
    if kind == "finite_number":
        return f"“{value}”不是有效的数字。", "只写普通的数字；暂缺时留空。"
    if kind.startswith("date"):
        return f"“{value}”不是有效日期。", "日期写成 2023-01-10 的形式。"
    return f"取值“{value}”无效。", "对照 inputs/ 下的示例文件检查这一项的写法。"


def _unknown_key_hint(loc: tuple[Any, ...]) -> str:
    suggestions = _suggestions(loc)
    model = _model_at(loc[:-1])
    known = list(fields_of(model)) if model else []
    name = str(loc[-1])
    if suggestions and not name.isascii():
        title = title_of(fields_of(model)[suggestions[0]]) if model else None
        return f"键要用英文：把“{name}”改成“{suggestions[0]}”（{title}）。"
    if suggestions:
        return f"是否想写“{suggestions[0]}”？"
    return f"可用的键有：{'、'.join(known)}。"


def _suggestions(loc: tuple[Any, ...]) -> list[str]:
    """Field names the unknown key at ``loc`` was probably meant to be (spelling or title)."""
    model = _model_at(loc[:-1])
    if model is None:
        return []
    name = str(loc[-1]).strip()
    fields = fields_of(model)
    titles = {field: title_of(info) or "" for field, info in fields.items()}
    if not name.isascii():
        by_title = [
            field
            for field, title in titles.items()
            if title and (name == title or name in title or title in name)
        ]
        return sorted(by_title, key=lambda f: titles[f] != name)[:1]
    return difflib.get_close_matches(name, list(fields), n=1, cutoff=0.5)


_CN_DIGITS = {"〇": 0, "零": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5}
_CN_DIGITS |= {"六": 6, "七": 7, "八": 8, "九": 9}
_CN_UNITS = {"十": 10, "百": 100, "千": 1000}


def chinese_number(text: str) -> float | None:
    """``四百`` → 400, ``二〇二二`` → 2022, ``一百零四点八六`` → 104.86; None if not a numeral."""
    whole, _, fraction = text.partition("点")
    if not whole or any(
        ch not in _CN_DIGITS and ch not in _CN_UNITS and ch != "万" for ch in whole
    ):
        return None
    if fraction and any(ch not in _CN_DIGITS for ch in fraction):
        return None
    if not any(ch in _CN_UNITS or ch == "万" for ch in whole):
        number = float("".join(str(_CN_DIGITS[ch]) for ch in whole))  # 二〇二二
    else:
        total, section, digit = 0, 0, 0
        for ch in whole:
            if ch in _CN_DIGITS:
                digit = _CN_DIGITS[ch]
            elif ch == "万":
                total += (section + digit) * 10_000
                section, digit = 0, 0
            else:
                section += (digit or 1) * _CN_UNITS[ch]
                digit = 0
        number = float(total + section + digit)
    if fraction:
        number += float("0." + "".join(str(_CN_DIGITS[ch]) for ch in fraction))
    return number


def _number_problem(name: str, value: Any) -> tuple[str, str]:
    """Message and hint for a number the YAML author typed some other way."""
    text = str(value).strip()
    plain = _format(value)
    generic = "只写阿拉伯数字（可带小数点），如 104.86；暂缺时留空。"
    if not isinstance(value, str):
        return f"应当是数字，却是{_describe(value)}。", generic
    if text[:1] in "“‘\"'" and text[-1:] in "”’\"'":
        return f"应当是数字，却写成了“{text}”。", f"数字外面不要加引号：写成 {name}: {text[1:-1]}。"
    normal = unicodedata.normalize("NFKC", text)
    if normal != text and _is_number(normal.replace(",", "")):
        return (
            f"应当是数字，却写成了全角数字“{text}”。",
            f"切换到英文输入法（半角）输入：写成 {normal.replace(',', '')}。",
        )
    if normal.endswith("%") and _is_number(normal[:-1]):
        return (
            f"应当是数字，却写成了“{text}”。",
            f"百分数只写数字，去掉“%”：写成 {normal[:-1].strip()}。",
        )
    if re.fullmatch(r"[+-]?\d{1,3}([,，]\d{3})+(\.\d+)?", normal):
        return (
            f"应当是数字，却写成了“{text}”。",
            f"不要写千位分隔符：写成 {re.sub('[,，]', '', normal)}。",
        )
    approx = ""
    if normal[:1] in "超近约逾" and len(normal) > 1:
        approx, normal = normal[0], normal[1:].strip()
    match = re.fullmatch(r"([+-]?\d+(?:\.\d+)?|[〇零一二两三四五六七八九十百千万点]+)(.*)", normal)
    if match:
        digits, rest = match[1], match[2].strip()
        if rest.startswith("余") and not approx:
            approx, rest = "余", rest[1:].strip()  # 40余家: 40 with 余
        if len(digits) > 1 and digits.endswith("万"):
            digits, rest = digits[:-1], "万" + rest  # 四百万元: 400 with the unit 万元
        number = float(digits) if _is_number(digits) else chinese_number(digits)
        if number is not None:
            shown = _format(number)
            if approx:
                parts = [
                    f"{name}: {shown}",
                    *([f"unit: {rest}"] if rest else []),
                    f"approx: {approx}",
                ]
                return (
                    f"应当是数字，却写成了“{text}”。",
                    f"数值只写数字，单位和约数用语各写一项：{'，'.join(parts)}。",
                )
            if not rest and not _is_number(digits):
                return f"应当是阿拉伯数字，却写成了中文数字“{text}”。", f"写成 {name}: {shown}。"
            if rest == "年":
                return f"应当是数字，却写成了“{text}”。", f"只写数字：写成 {name}: {shown}。"
            if rest:
                return (
                    f"应当是数字，却写成了“{text}”。",
                    f"数值只写数字，单位写在 unit 里：{name}: {shown}，unit: {rest}。",
                )
    return f"应当是数字，却写成了“{plain}”。", generic


def _is_number(text: str) -> bool:
    return re.fullmatch(r"[+-]?\d+(\.\d+)?", text) is not None


def _format(value: Any) -> str:
    if isinstance(value, float) and value.is_integer() and abs(value) < LARGEST:
        return str(int(value))
    return str(value)


def _describe(value: Any) -> str:
    if isinstance(value, str):
        return f"文字“{value[:20]}”"
    if isinstance(value, list):
        return "列表"
    if isinstance(value, dict):
        return "一组键值"
    if value is None:
        return "空值"
    if isinstance(value, int | float) and len(str(value)) > 20:
        return f"“{str(value)[:20]}……”"
    return f"“{value}”"


def _model_at(parent_loc: tuple[Any, ...]) -> mi.StructType | None:
    """The model class that holds the keys at ``parent_loc``, found by walking the models."""
    model: mi.StructType | None = report_type()
    for part in parent_loc:
        if model is None:
            return None
        fields = fields_of(model)
        if isinstance(part, int) or part not in fields:
            # a list index or a dict key (indicator id): the annotation's item type follows
            continue
        model = struct_in(fields[part].type)
    return model


# ---- citations in prose and templates, found without rendering ---------------------------
