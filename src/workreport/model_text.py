"""Typed text of a report: paragraphs, inline items, tables and sections, and the text fields
that may hold several paragraphs. Part of the input model (:mod:`workreport.model`).

Field names are the contract with YAML authors and templates; titles and descriptions are
Chinese because they feed the JSON Schema that editors show while typing.

The classes are :class:`msgspec.Struct` types: defining them costs microseconds, which keeps a
build's start-up short. A few fields accept a friendlier form than their type says (a list of
paragraphs for one text, a paragraph written as plain text, a number in a table cell); such a
type carries ``Meta(extra={"form": …})`` and :mod:`workreport.model_forms` brings the data to
the declared type before msgspec checks it.

No ``from __future__ import annotations`` here nor in :mod:`workreport.model`: the annotations
are evaluated once, as the classes are made, and msgspec and the forms walk read them as they
are instead of evaluating strings again (which cost more than the rest of the checking).
"""

import datetime
from collections.abc import Callable, Mapping
from typing import Annotated, Any, ClassVar, Literal

from msgspec import Meta, Struct, to_builtins

Rule = Callable[[Any, Mapping[str, Any]], None]
"""A check of one field that its type cannot state: (value, the other fields) → raises
:class:`RuleBroken`."""


class RuleBroken(ValueError):
    """A field breaks a rule of the model; ``kind`` names the rule for the Chinese messages."""

    def __init__(self, kind: str, **ctx: Any) -> None:
        super().__init__(kind)
        self.kind = kind
        self.ctx = ctx


class _Model(Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    __rules__: ClassVar[Mapping[str, Rule]] = {}
    """Field name → its rule, run in field order once the fields have their types."""

    def __post_init__(self) -> None:
        if self.__rules__:
            values = {name: getattr(self, name) for name in self.__struct_fields__}
            for name, rule in self.__rules__.items():
                rule(values[name], values)

    def as_data(self) -> dict[str, Any]:
        """The fields as plain data: dicts, lists, text, numbers and dates."""
        data: dict[str, Any] = to_builtins(self, builtin_types=(datetime.date,))
        return data


def doc(title: str, description: str | None = None) -> Meta:
    """A field's Chinese title and description, as the JSON Schema shows them."""
    return Meta(title=title, description=description)


ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
IndicatorId = Annotated[str, Meta(pattern=ID_PATTERN)]
"""An indicator's id: ASCII letters, digits and underscores."""

_TEXTS = {"type": "array", "items": {"type": "string"}}

TextBlock = Annotated[
    str,
    Meta(extra={"form": "text_block"}, extra_json_schema={"anyOf": [{"type": "string"}, _TEXTS]}),
]
"""One or more paragraphs: a string (a blank line starts a new paragraph) or a list of strings.

Templates always see a string: a list is joined with blank lines.
"""

Cell = Annotated[
    str,
    Meta(
        extra={"form": "cell"},
        extra_json_schema={"anyOf": [{"type": "string"}, {"type": "number"}]},
    ),
]
"""A table cell: text, or a number (``100``, ``6.5``) that becomes its text."""


class Item(_Model, frozen=True):
    """One item of a paragraph's inline list (一是……二是……): an optional lead, then text."""

    lead: Annotated[str | None, doc("引领句", "事项开头加粗的概括句。")] = None
    text: Annotated[str, doc("正文", "事项的内容；可用 {{ ind.指标id }} 引用指标。")] = ""


ItemField = Annotated[Item, Meta(extra={"form": "paragraph"})]
"""An item, or its text alone."""


class Table(_Model, frozen=True):
    """A table kept as a table: a header row and body rows of text cells."""

    header: Annotated[list[Cell], doc("表头", "表头各列的文字，如 [指标, 数值]；可不写。")] = []
    rows: Annotated[
        list[list[Cell]],
        doc("表格行", "每行一项，写成列表，如 [地区生产总值, 100亿元]；单元格可引用指标。"),
    ] = []


class Paragraph(_Model, frozen=True):
    """A paragraph (review) or an item (plan): an optional bold lead sentence, then text.

    ``items`` continue the same paragraph as 一是……二是……; ``table`` puts a table after it.
    """

    lead: Annotated[str | None, doc("引领句", "段首加粗的概括句，如“经济运行稳中有进”。")] = None
    text: Annotated[str, doc("正文", "可用 {{ ind.指标id }} 引用指标。")] = ""
    items: Annotated[
        list[ItemField],
        doc("段内事项", "写在同一段里的事项，依次接在正文之后，如“一是……；二是……。”"),
    ] = []
    enumerate: Annotated[bool, doc("一是二是", "段内事项前是否加“一是”“二是”……，默认加。")] = True
    table: Annotated[
        Table | None, doc("表格", "写在本段之后的表格：header（表头）和 rows（各行）。")
    ] = None


ParagraphField = Annotated[Paragraph, Meta(extra={"form": "paragraph"})]
"""A paragraph, or its text alone."""


class ChartRequest(_Model, frozen=True):
    """A chart of indicators' figures over the years, placed after a section's text."""

    indicators: Annotated[
        list[IndicatorId], Meta(min_length=1), doc("指标", "画在图中的指标 id，单位须相同。")
    ]
    kind: Annotated[Literal["bar", "line"], doc("类型", "bar（柱状图）或 line（折线图）。")] = "bar"
    growth: Annotated[
        bool, doc("增速折线", "为 true 时再画第一个指标的逐年增速（右侧坐标轴）。")
    ] = False
    title: Annotated[str | None, doc("图题", "不写则为“指标名称（起止年份）”。")] = None
    source: Annotated[str | None, doc("数据来源", "不写则用指标的 source。")] = None


def _room_below(subsections: "list[Section]", values: Mapping[str, Any]) -> None:
    if subsections and values.get("level") == 4:
        raise RuleBroken("too_deep")


class Section(_Model, frozen=True):
    """A numbered section （一）… with its paragraphs, items or subsections."""

    __rules__ = {"subsections": _room_below}

    title: Annotated[str, doc("标题", "不写序号，序号自动生成。")]
    intro: Annotated[
        TextBlock | None, doc("导语", "标题下第一段；可写多段（空行分段，或写成列表）。")
    ] = None
    run_in: Annotated[
        bool | None,
        doc(
            "标题接正文",
            "为 true 时标题与正文同段：“（一）标题。导语……”，标题用标题字体；"
            "不写则按所在部分的 run_in。",
        ),
    ] = None
    level: Annotated[
        Annotated[int, Meta(ge=1, le=4)] | None,
        doc(
            "标题级别",
            "1～4，对应 一、（一）1.（1）；不写则比上一级低一级。越级时写明，"
            "如部分标题下直接是“1.”写 3。",
        ),
    ] = None
    paragraphs: Annotated[
        list[ParagraphField], doc("段落", "每段一项：lead（引领句）和 text（正文），或直接写文字。")
    ] = []
    items: Annotated[list[ParagraphField], doc("事项", "逐条列出的工作事项（如一是、二是）。")] = []
    subsections: Annotated[
        list["Section"], doc("下级标题", "下一级标题（1. 或（1））及其内容。")
    ] = []
    enumerate: Annotated[bool, doc("一是二是", "为 true 时每个事项前加“一是”“二是”……")] = False
    charts: Annotated[
        list[ChartRequest],
        doc("图表", "本分项正文之后的图表：各年数据来自同一文件夹中每年的数据文件。"),
    ] = []
    with_targets: Annotated[
        bool,
        doc(
            "目标写在本项",
            "为 true 时，主要目标（工作情况中为目标完成情况）写在本分项导语之后，"
            "不再写在本部分开头。",
        ),
    ] = False
