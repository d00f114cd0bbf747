"""Typed text of a report: paragraphs, inline items, tables and sections, and the text fields
that may hold several paragraphs. Part of the input model (:mod:`workreport.model`).

Field names are the contract with YAML authors and templates; titles and descriptions are
Chinese because they feed the JSON Schema that editors show while typing.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
)
from pydantic_core import PydanticCustomError


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


def _text_or_list(value: Any) -> Any:
    """Text fields that may hold several paragraphs accept a string or a list of strings."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and all(isinstance(item, str) for item in value):
        return value
    raise PydanticCustomError("text_or_list", "text or a list of texts expected")


def _join_paragraphs(value: str | list[str]) -> str:
    """A list of paragraphs as one text, paragraphs separated by a blank line (as markup has it)."""
    if isinstance(value, str):
        return value
    return "\n\n".join(item.strip() for item in value if item.strip())


TextBlock = Annotated[
    str | list[str], BeforeValidator(_text_or_list), AfterValidator(_join_paragraphs)
]
"""One or more paragraphs: a string (a blank line starts a new paragraph) or a list of strings.

Templates always see a string: a list is joined with blank lines.
"""


def _paragraph_from_text(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


def _cell_text(value: Any) -> Any:
    """A table cell written as a number (``100``, ``6.5``) is its text."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return value
    return str(int(value)) if isinstance(value, float) and value.is_integer() else str(value)


Cell = Annotated[
    str,
    BeforeValidator(_cell_text),
    WithJsonSchema({"anyOf": [{"type": "string"}, {"type": "number"}]}),
]


class Item(_Model):
    """One item of a paragraph's inline list (一是……二是……): an optional lead, then text."""

    lead: str | None = Field(None, title="引领句", description="事项开头加粗的概括句。")
    text: str = Field("", title="正文", description="事项的内容；可用 {{ ind.指标id }} 引用指标。")


ItemField = Annotated[Item, BeforeValidator(_paragraph_from_text)]


class Table(_Model):
    """A table kept as a table: a header row and body rows of text cells."""

    header: list[Cell] = Field(
        default_factory=list, title="表头", description="表头各列的文字，如 [指标, 数值]；可不写。"
    )
    rows: list[list[Cell]] = Field(
        default_factory=list,
        title="表格行",
        description="每行一项，写成列表，如 [地区生产总值, 100亿元]；单元格可引用指标。",
    )


class Paragraph(_Model):
    """A paragraph (review) or an item (plan): an optional bold lead sentence, then text.

    ``items`` continue the same paragraph as 一是……二是……; ``table`` puts a table after it.
    """

    lead: str | None = Field(
        None, title="引领句", description="段首加粗的概括句，如“经济运行稳中有进”。"
    )
    text: str = Field("", title="正文", description="可用 {{ ind.指标id }} 引用指标。")
    items: list[ItemField] = Field(
        default_factory=list,
        title="段内事项",
        description="写在同一段里的事项，依次接在正文之后，如“一是……；二是……。”",
    )
    enumerate: bool = Field(
        True, title="一是二是", description="段内事项前是否加“一是”“二是”……，默认加。"
    )
    table: Table | None = Field(
        None, title="表格", description="写在本段之后的表格：header（表头）和 rows（各行）。"
    )


ParagraphField = Annotated[Paragraph, BeforeValidator(_paragraph_from_text)]


class Section(_Model):
    """A numbered section （一）… with its paragraphs, items or subsections."""

    title: str = Field(title="标题", description="不写序号，序号自动生成。")
    intro: TextBlock | None = Field(
        None, title="导语", description="标题下第一段；可写多段（空行分段，或写成列表）。"
    )
    run_in: bool | None = Field(
        None,
        title="标题接正文",
        description="为 true 时标题与正文同段：“（一）标题。导语……”，标题用标题字体；"
        "不写则按所在部分的 run_in。",
    )
    level: int | None = Field(
        None,
        ge=1,
        le=4,
        title="标题级别",
        description="1～4，对应 一、（一）1.（1）；不写则比上一级低一级。越级时写明，"
        "如部分标题下直接是“1.”写 3。",
    )
    paragraphs: list[ParagraphField] = Field(
        default_factory=list,
        title="段落",
        description="每段一项：lead（引领句）和 text（正文），或直接写文字。",
    )
    items: list[ParagraphField] = Field(
        default_factory=list, title="事项", description="逐条列出的工作事项（如一是、二是）。"
    )
    subsections: list[Section] = Field(
        default_factory=list, title="下级标题", description="下一级标题（1. 或（1））及其内容。"
    )
    enumerate: bool = Field(
        False, title="一是二是", description="为 true 时每个事项前加“一是”“二是”……"
    )
    with_targets: bool = Field(
        False,
        title="目标写在本项",
        description="为 true 时，主要目标（工作情况中为目标完成情况）写在本分项导语之后，"
        "不再写在本部分开头。",
    )

    @field_validator("subsections")
    @classmethod
    def _room_below(cls, subsections: list[Section], info: ValidationInfo) -> list[Section]:
        if subsections and info.data.get("level") == 4:
            raise PydanticCustomError("too_deep", "a level-4 heading has no level below it")
        return subsections
