"""This year's input YAML → next year's (``workreport rollover``), comments and key order kept.

What carries over and what starts empty:

* ``year`` moves on by one, ``stage`` starts again as 草稿, ``date`` is emptied and the years in
  titles move on (``2022年`` → ``2023年``).
* The title block: the title's lines move on a year; ``byline``, ``salutation`` and ``genre``
  stay; ``subtitle`` and ``date_line`` (the meeting and its date) and ``preface`` and
  ``closing_remarks`` become placeholders with last year's wording as the hint.
* Structure stays, facts do not: ``run_in`` and ``level`` of parts and sections, the further
  ``parts`` (titles kept, text as placeholders), ``outline`` and the ``appendices`` (titles kept,
  each entry a placeholder naming its term); a table keeps its header and first column.
* ``unit``, ``issuer``, ``outline`` and the indicator definitions (name, unit, decimals) stay;
  each indicator's ``value`` moves to ``previous`` and the new ``value`` is empty, as are
  ``growth``, ``approx`` (it described last year's figure) and ``source``.
* The plan's targets become the new review's ``targets``: the next draft states for each whether
  it was met. A target named without an indicator gets one (``target_1`` …) to hold the result.
* The plan's sections become the skeleton of the new review: their titles and lead sentences
  are kept as hints inside placeholders (``{{ todo('…') }}``) and every paragraph is a
  placeholder, so no sentence states last year's facts as this year's. Without a plan, this
  year's review sections serve as the skeleton.
* A fresh plan skeleton: placeholders for the overview, the requirements and one section; the
  targets keep their indicators with their numbers emptied.

The file is edited with ruamel.yaml's round-trip mode, which keeps the user's comments, key
order and quoting; the result is validated before it is written, and never over an existing file.
"""

from __future__ import annotations

import copy
import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import DoubleQuotedScalarString

from .api import read_input
from .errors import InputError, WriteError
from .load import loads
from .model import Appendix, Paragraph, Part, Plan, Report, Section
from .safewrite import changed_since, read_with_snapshot, write_text
from .textfile import decode
from .validate import validate

ROLLED_INDICATOR_FIELDS = ("growth", "source")
"""Indicator fields that describe this year's figure and start empty next year."""


def rollover(path: Path | str, output: Path | str | None = None) -> Path:
    """Write next year's input beside ``path`` (or to ``output``); return where it went."""
    path = Path(path)
    _, report = read_input(path)
    target = Path(output) if output is not None else path.with_name(f"{report.next_year}.yaml")
    if target.exists():
        raise WriteError(
            f"“{target}”已存在，没有改动它。",
            hint="rollover 不会覆盖已有文件；确需重新生成时，先把它改名或删除。",
        )
    try:
        source, before = read_with_snapshot(path)
    except OSError as exc:
        raise WriteError(f"无法读取“{path}”：{exc.strerror}。") from None
    text, encoding = decode(source)
    result = rollover_text(text, report, source_name=path.name)
    validate(loads(result, path=target))  # a bug here must not leave an unusable file behind
    if changed_since(before):
        raise WriteError(
            f"“{path}”在读取时被修改了，没有生成“{target}”。",
            hint="保存好今年的文件后重新运行 rollover。",
        )
    write_text(target, result, "utf-8" if encoding == "unknown" else encoding, exclusive=True)
    return target


def rollover_text(text: str, report: Report, *, source_name: str = "") -> str:
    """Next year's YAML text from this year's ``text`` and its validated ``report``."""
    yaml = _yaml()
    try:
        data = yaml.load(text)
    except YAMLError as exc:
        raise InputError(f"无法按原格式读取“{source_name}”：{exc}") from None
    year = report.year
    data["year"] = year + 1
    if data.get("stage"):
        data["stage"] = "草稿"
    if "date" in data:
        data["date"] = None
    title = data.get("title")
    if isinstance(title, list):
        for index, line in enumerate(title):
            title[index] = shift_years(str(line), year)
    elif title:
        data["title"] = shift_years(str(title), year)
    _roll_front_matter(data)

    _roll_indicators(data)
    review = _review_skeleton(data, report)
    plan = _plan_skeleton(data, report.plan, report) if report.plan is not None else None
    _put_part(data, "review", review, before="plan")
    if plan is None:
        data.pop("plan", None)
    else:
        _put_part(data, "plan", plan)
    _cover_outline(data, has_plan=plan is not None)
    if report.parts:
        data["parts"] = CommentedSeq([_part_skeleton(part, year) for part in report.parts])
    if report.appendices:
        data["appendices"] = CommentedSeq([_appendix_skeleton(a) for a in report.appendices])

    source = "工作谋划" if report.plan else "工作情况"
    data.yaml_set_comment_before_after_key(
        "review",
        before=f"工作情况：标题和引领句取自{year}年的{source}，只作提示，"
        f"逐项改写成{year + 1}年的实际情况；\n"
        "数字写进 indicators，正文用 {{ ind.指标id }} 引用。",
    )
    if plan is not None:
        data.yaml_set_comment_before_after_key(
            "plan", before=f"\n工作谋划：{year + 2}年的谋划，待起草。"
        )
    out = io.StringIO()
    yaml.dump(data, out)
    return _with_note(out.getvalue(), source_name or f"{year}.yaml", year, source)


def shift_years(text: str, year: int) -> str:
    """``2022年…2023年…`` → ``2023年…2024年…``: this year and next move on by one.

    Only a year written as ``<year>年`` moves; the end of a span (``2021—2025年``) stays.
    """
    return re.sub(
        r"(?<![\d—–～~\-至到])(\d{4})(?=年)",
        lambda m: str(int(m[1]) + 1) if int(m[1]) in (year, year + 1) else m[1],
        text,
    )


def todo(hint: str) -> DoubleQuotedScalarString:
    """A placeholder field, ``"{{ todo('hint') }}"``, with the hint made safe to quote."""
    hint = plain_hint(hint).replace("\\", "＼").replace("'", "’")
    quoted: DoubleQuotedScalarString = DoubleQuotedScalarString(f"{{{{ todo('{hint}') }}}}")
    return quoted


def plain_hint(text: str) -> str:
    """Text of last year's fields as a hint: template code becomes ……, except that a field which
    is a single placeholder gives its own hint (``{{ todo('分项标题') }}`` → ``分项标题``)."""
    whole = re.fullmatch(r"\s*\{\{\s*todo\(\s*(['\"])(.*?)\1\s*\)\s*\}\}\s*", text, re.S)
    if whole:
        return whole[2].strip()
    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", "……", text, flags=re.S).strip()


def _yaml() -> YAML:
    yaml = YAML()  # round-trip mode
    yaml.preserve_quotes = True
    yaml.width = 4096  # long Chinese lines stay on one line, as the user wrote them
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.allow_unicode = True
    return yaml


FRONT_MATTER_HINTS = {
    "subtitle": "副标题（会议名称和日期）",
    "date_line": "日期行",
    "preface": "开头",
    "closing_remarks": "结束语",
}
"""Fields of the title block and the frame that state last year's meeting, date or words."""


def _roll_front_matter(data: CommentedMap) -> None:
    for key, name in FRONT_MATTER_HINTS.items():
        old = data.get(key)
        if not old:
            continue
        first = old[0] if isinstance(old, list) else str(old)
        data[key] = todo(f"{name}，上年为：{_short(str(first))}")


def _short(text: str, limit: int = 30) -> str:
    text = plain_hint(text).split("\n")[0]
    return text if len(text) <= limit else text[:limit] + "……"


def _roll_indicators(data: CommentedMap) -> None:
    indicators = data.get("indicators") or {}
    for indicator in indicators.values():
        if not isinstance(indicator, CommentedMap):
            continue
        value = indicator.get("value")
        if "value" in indicator:
            indicator["value"] = None
        else:
            _put_after(indicator, "value", None, "name")
        _put_after(indicator, "previous", value, "value")
        approx = indicator.pop("approx", None)
        if approx and value is not None and not indicator.fa.flow_style():
            indicator.yaml_add_eol_comment(
                f"上年是约数（{approx}），据此算出的增减只作参考", "previous"
            )
        for field in ROLLED_INDICATOR_FIELDS:
            if field in indicator:
                indicator[field] = None


def _put_after(mapping: CommentedMap, key: str, value: Any, after: str) -> None:
    """Set ``key`` right after ``after`` (or at the end), keeping the other keys' order."""
    if key in mapping:
        mapping[key] = value
        return
    keys = list(mapping)
    position = keys.index(after) + 1 if after in keys else len(keys)
    mapping.insert(position, key, value)


def _put_part(data: CommentedMap, key: str, value: CommentedMap, before: str = "") -> None:
    if key in data:
        data[key] = value
    elif before in data:
        data.insert(list(data).index(before), key, value)
    else:
        data[key] = value


def _review_skeleton(data: CommentedMap, report: Report) -> CommentedMap:
    """Next year's review: targets to report against and one placeholder per planned item."""
    year = report.year + 1
    skeleton = CommentedMap()
    if report.review is not None:
        _carry_part_settings(data.get("review"), skeleton, report.year)
    skeleton["intro"] = todo(f"{year}年工作总述")
    targets = _targets_to_report(data, report)
    if targets:
        skeleton["targets"] = targets
    sections = report.plan.sections if report.plan else []
    if not sections and report.review is not None:
        sections = report.review.sections
    skeleton["sections"] = CommentedSeq(
        [_review_section(s) for s in sections] or [_blank_review_section()]
    )
    if report.review is not None and report.review.closing:
        skeleton["closing"] = todo("其他工作：此外，……等工作进一步加强。")
    if report.review is not None and report.review.problems:
        skeleton["problems"] = CommentedSeq([DoubleQuotedScalarString(todo("存在的问题") + "。")])
    return skeleton


def _carry_part_settings(old: Any, new: CommentedMap, year: int) -> None:
    for key in ("title", "show_title", "run_in"):
        if isinstance(old, dict) and key in old and old[key] is not None:
            value = old[key]
            new[key] = shift_years(value, year) if isinstance(value, str) else value


def _targets_to_report(data: CommentedMap, report: Report) -> CommentedSeq | None:
    """The plan's targets, each tied to an indicator so the result can be filled in."""
    plan = data.get("plan") or {}
    raw_targets = plan.get("targets") if isinstance(plan, dict) else None
    if not raw_targets:
        return None
    targets: CommentedSeq = copy.deepcopy(raw_targets)
    indicators = data.setdefault("indicators", CommentedMap())
    _carry_units(targets, report)
    for target in targets:
        if target.get("indicator") or not target.get("name"):
            continue
        key = _free_id(indicators)
        definition = CommentedMap(name=target["name"], value=None, unit=target.get("unit") or "")
        if target.get("growth") is not None:
            definition["growth"] = None
        definition.fa.set_flow_style()
        indicators[key] = definition
        indicators.yaml_add_eol_comment(f"由{report.year}年的主要目标生成，填入实绩", key)
        target.insert(0, "indicator", key)
    return targets


def _carry_units(targets: CommentedSeq, report: Report) -> None:
    """A value target without a unit gets its indicator's, so the next year's file says it."""
    for target in targets:
        if not isinstance(target, dict) or "value" not in target or target.get("unit"):
            continue
        indicator = report.indicators.get(str(target.get("indicator") or ""))
        if indicator is not None and indicator.unit:
            target["unit"] = indicator.unit


def _free_id(indicators: CommentedMap) -> str:
    n = 1
    while f"target_{n}" in indicators:
        n += 1
    return f"target_{n}"


def _review_section(section: Section) -> CommentedMap:
    """A planned (or last year's) section as a review section of placeholders."""
    skeleton = CommentedMap()
    skeleton["title"] = todo(section.title)
    for key in ("level", "run_in"):
        if getattr(section, key) is not None:
            skeleton[key] = getattr(section, key)
    if section.intro:
        skeleton["intro"] = todo("导语")
    if section.with_targets:
        skeleton["with_targets"] = True
    # items stay items so that 一是、二是 numbering (enumerate) still applies to them
    for field, entries in (("paragraphs", section.paragraphs), ("items", section.items)):
        if entries:
            skeleton[field] = CommentedSeq([_review_paragraph(p) for p in entries])
    if not (section.paragraphs or section.items or section.subsections):
        skeleton["paragraphs"] = CommentedSeq([_paragraph(None, "工作情况和成效")])
    if section.enumerate:
        skeleton["enumerate"] = True
    if section.subsections:
        skeleton["subsections"] = CommentedSeq([_review_section(s) for s in section.subsections])
    return skeleton


def _review_paragraph(paragraph: Paragraph, kind: str = "上年计划") -> CommentedMap:
    if paragraph.lead:
        result = _paragraph(paragraph.lead, "工作情况和成效")
    elif not paragraph.text and paragraph.table is not None:
        result = CommentedMap()
    else:
        first = re.split(r"[。；：]", plain_hint(paragraph.text), maxsplit=1)[0]
        hint = first if len(first) <= 20 else first[:20] + "……"
        result = _paragraph(None, f"工作情况和成效（{kind}：{hint}）")
    if paragraph.table is not None:
        result["table"] = _table_skeleton(paragraph)
    return result


def _table_skeleton(paragraph: Paragraph) -> CommentedMap:
    """A table's header and first column (what the rows are about) stay; every figure goes."""
    assert paragraph.table is not None
    table = CommentedMap()
    if paragraph.table.header:
        header = CommentedSeq(paragraph.table.header)
        header.fa.set_flow_style()
        table["header"] = header
    rows = CommentedSeq()
    for row in paragraph.table.rows:
        cells = CommentedSeq([row[0], *(todo("数值") for _ in row[1:])])
        cells.fa.set_flow_style()
        rows.append(cells)
    table["rows"] = rows
    return table


def _part_skeleton(part: Part, year: int) -> CommentedMap:
    """A further part (such as 政府自身建设) as structure: its id and headings, no sentences."""
    skeleton = CommentedMap()
    skeleton["id"] = part.id
    skeleton["title"] = shift_years(part.title, year)
    if not part.show_title:
        skeleton["show_title"] = False
    if part.run_in:
        skeleton["run_in"] = True
    if part.intro:
        skeleton["intro"] = todo(f"{shift_years(part.title, year)}的总述")
    if part.paragraphs:
        skeleton["paragraphs"] = CommentedSeq(
            [_review_paragraph(p, "上年") for p in part.paragraphs]
        )
    if part.sections:
        skeleton["sections"] = CommentedSeq([_review_section(s) for s in part.sections])
    if part.closing:
        skeleton["closing"] = todo("结尾")
    return skeleton


def _appendix_skeleton(appendix: Appendix) -> CommentedMap:
    """An appendix keeps its title; each entry asks again for its text, naming its term."""
    skeleton = CommentedMap()
    skeleton["title"] = appendix.title
    entries = CommentedSeq()
    for paragraph in appendix.paragraphs:
        if paragraph.lead:
            entry = CommentedMap(lead=paragraph.lead)  # a term, not a fact: it stays
            entry["text"] = todo(f"“{plain_hint(paragraph.lead)}”的解释")
            entries.append(entry)
        else:
            entries.append(todo(f"上年为：{_short(paragraph.text, 20)}"))
    skeleton["paragraphs"] = entries
    return skeleton


def _paragraph(lead: str | None, text: str) -> CommentedMap:
    paragraph = CommentedMap()
    if lead is not None:
        paragraph["lead"] = todo(lead)
    paragraph["text"] = todo(text)
    return paragraph


def _blank_review_section() -> CommentedMap:
    section = CommentedMap()
    section["title"] = todo("分项标题")
    section["paragraphs"] = CommentedSeq([_paragraph("引领句", "工作情况和成效")])
    return section


def _plan_skeleton(data: CommentedMap, this_plan: Plan, report: Report) -> CommentedMap:
    """A fresh plan: placeholders, the same targets with empty numbers, one section."""
    plan_year = report.year + 2
    old = data.get("plan") or {}
    skeleton = CommentedMap()
    if report.review is not None:  # a plan-only year gains a review: default headings then
        _carry_part_settings(old, skeleton, report.year)
    elif this_plan.run_in:
        skeleton["run_in"] = True
    skeleton["intro"] = todo(f"{plan_year}年工作谋划的总述")
    if this_plan.requirements:
        skeleton["requirements"] = todo("总体要求")
    if isinstance(old, dict) and old.get("targets"):
        targets = copy.deepcopy(old["targets"])
        _carry_units(targets, report)
        for target in targets:
            for key in ("growth", "value"):
                if key in target:
                    target[key] = None
        skeleton["targets"] = targets
    section = CommentedMap()
    section["title"] = todo("重点工作的标题")
    section["items"] = CommentedSeq([_paragraph("事项的引领句", "具体举措")])
    sections = this_plan.sections
    if any(s.with_targets for s in sections):
        section["with_targets"] = True
    if sections and sections[0].enumerate:
        section["enumerate"] = True
    if sections and sections[0].level is not None:
        section["level"] = sections[0].level
    skeleton["sections"] = CommentedSeq([section])
    if this_plan.closing:
        skeleton["closing"] = todo("结尾")
    return skeleton


def _cover_outline(data: CommentedMap, *, has_plan: bool) -> None:
    """An outline that leaves out a part the new file now has gets an entry for it."""
    outline = data.get("outline")
    if not outline:
        return
    named = {entry.get("part") for entry in outline if isinstance(entry, dict)}
    missing = [p for p in ("review", "plan") if p not in named and (p == "review" or has_plan)]
    if not missing:
        return
    for entry in outline:  # an untitled lone part would run into the new part's numbering
        if isinstance(entry, dict) and entry.get("title") == "":
            del entry["title"]
    if "review" in missing:
        outline.insert(0, CommentedMap(part="review"))
    if "plan" in missing:
        outline.append(CommentedMap(part="plan"))


def _with_note(text: str, source_name: str, year: int, skeleton_from: str) -> str:
    """Put a note on where the file came from after the file's opening comment lines."""
    note = (
        f"# 由 workreport rollover 根据 {source_name} 生成：指标的{year}年数值已移到 previous，"
        f"{year + 1}年的数值待填；\n"
        f"# 工作情况按{year}年的{skeleton_from}搭好了框架，【待补充】处逐一改写。\n"
    )
    lines = text.splitlines(keepends=True)
    head = 0
    while head < len(lines) and lines[head].startswith("#"):
        head += 1
    return "".join(lines[:head]) + note + "".join(lines[head:])
