"""Typed model of one year's inputs: what a valid ``inputs/<unit>/<year>.yaml`` contains.

Field names are the contract with YAML authors and templates; titles and descriptions are
Chinese because they feed the JSON Schema that editors show while typing.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

APPROX_WORDS = ("超", "近", "约", "逾", "余")
IndicatorId = Annotated[str, Field(pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", str_strip_whitespace=True, frozen=True)


class Unit(_Model):
    """The office the report is written for."""

    name: str = Field(title="单位名称", description="全称，如“××街道”。")
    short_name: str | None = Field(None, title="简称", description="如“××”，用于“××力量”一类说法。")
    level: str = Field("街道", title="层级", description="街道、镇、乡、区、县等。")
    parent: str | None = Field(None, title="上级", description="如“××市××区”。")


class Indicator(_Model):
    """One figure of the year: a value with its unit, and what it is compared with."""

    name: str = Field(title="指标名称", description="中文名称，如“规模以上工业增加值”。")
    value: float | None = Field(
        None, title="数值", description="只写数字，如 104.86；暂缺时留空，草稿中显示为【待补充】。"
    )
    unit: str = Field("", title="单位", description="如 亿元、%、家、人、亩。")
    previous: float | None = Field(None, title="上年数值", description="用于计算增速；可留空。")
    growth: float | None = Field(
        None,
        title="增速（%）",
        description="同比增长的百分数，只写数字：增长6.5%写 6.5，下降写负数。",
    )
    approx: Literal["超", "近", "约", "逾", "余"] | None = Field(
        None, title="约数用语", description="超、近、约、逾、余之一，如“超400亿元”。"
    )
    decimals: int | None = Field(
        None, ge=0, le=6, title="小数位数", description="数值保留的小数位数；不写则按原样。"
    )
    source: str | None = Field(None, title="来源", description="数据出处，如“区统计局2022年快报”。")


def _paragraph_from_text(value: Any) -> Any:
    return {"text": value} if isinstance(value, str) else value


class Paragraph(_Model):
    """A paragraph (review) or an item (plan): an optional bold lead sentence, then text."""

    lead: str | None = Field(
        None, title="引领句", description="段首加粗的概括句，如“经济运行稳中有进”。"
    )
    text: str = Field("", title="正文", description="可用 {{ ind.指标id }} 引用指标。")


ParagraphField = Annotated[Paragraph, BeforeValidator(_paragraph_from_text)]


class ChartRequest(_Model):
    """A chart of indicators' figures over the years, placed after a section's text."""

    indicators: list[IndicatorId] = Field(
        min_length=1, title="指标", description="画在图中的指标 id，单位须相同。"
    )
    kind: Literal["bar", "line"] = Field(
        "bar", title="类型", description="bar（柱状图）或 line（折线图）。"
    )
    growth: bool = Field(
        False, title="增速折线", description="为 true 时再画第一个指标的逐年增速（右侧坐标轴）。"
    )
    title: str | None = Field(None, title="图题", description="不写则为“指标名称（起止年份）”。")
    source: str | None = Field(None, title="数据来源", description="不写则用指标的 source。")


class Section(_Model):
    """A numbered section （一）… with its paragraphs, items or subsections."""

    title: str = Field(title="标题", description="不写序号，序号自动生成。")
    intro: str | None = Field(None, title="导语", description="标题下第一段。")
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
    charts: list[ChartRequest] = Field(
        default_factory=list,
        title="图表",
        description="本分项正文之后的图表：各年数据来自同一文件夹中每年的数据文件。",
    )
    with_targets: bool = Field(
        False,
        title="目标写在本项",
        description="为 true 时，主要目标（工作情况中为目标完成情况）写在本分项导语之后，"
        "不再写在本部分开头。",
    )


class Target(_Model):
    """A target for the plan year: growth or level of one indicator."""

    indicator: IndicatorId | None = Field(
        None, title="指标id", description="引用 indicators 中的指标。"
    )
    name: str | None = Field(None, title="指标名称", description="没有对应指标时直接写名称。")
    growth: float | None = Field(
        None, title="目标增速（%）", description="只写数字：增长6%以上写 6。与 value 二选一。"
    )
    value: float | None = Field(
        None, title="目标数值", description="目标值，如 100（亿元）；与 growth 二选一。"
    )
    unit: str = Field("", title="单位", description="目标数值的单位，如 亿元、%。")
    bound: Literal["以上", "以内", ""] = Field(
        "以上", title="界限", description="以上、以内，或留空。"
    )
    verb: str = Field("力争", title="动词", description="力争、确保、控制在、达到等。")


class Highlight(_Model):
    """A headline figure for 数读 and 一图读懂: an indicator and a one-line caption."""

    indicator: IndicatorId = Field(title="指标id", description="引用 indicators 中的指标。")
    caption: str | None = Field(
        None, title="说明", description="一行说明，如“规上工业产值创历史新高”；不写则用指标名称。"
    )


class Review(_Model):
    """Part one: what was done in the year."""

    title: str | None = Field(None, title="标题", description="默认“<年份>年工作情况”。")
    show_title: bool = Field(
        True, title="显示部分标题", description="为 false 时不写本部分标题，分项升为一级标题。"
    )
    intro: str = Field("", title="总述", description="本部分开头的总体情况。")
    sections: list[Section] = Field(
        default_factory=list, title="分项", description="（一）（二）……各分项，标题不写序号。"
    )
    closing: str | None = Field(
        None, title="其他工作", description="如“此外，……等工作进一步加强。”"
    )
    problems: list[ParagraphField] = Field(
        default_factory=list, title="存在问题", description="逐条写出问题，草稿写成“一是……二是……”。"
    )
    targets: list[Target] = Field(
        default_factory=list,
        title="年度目标",
        description="上一年谋划中定下的目标，草稿逐项写明完成情况（由 rollover 填入）。",
    )


class Plan(_Model):
    """Part two: the plan for the next year."""

    title: str | None = Field(None, title="标题", description="默认“<年份+1>年工作谋划”。")
    show_title: bool = Field(
        True, title="显示部分标题", description="为 false 时不写本部分标题，分项升为一级标题。"
    )
    intro: str = Field("", title="总述", description="下一年的形势和意义。")
    requirements: str | None = Field(
        None, title="总体要求", description="“……工作的总体要求是：……”一段。"
    )
    targets: list[Target] = Field(
        default_factory=list, title="主要目标", description="每项一个目标，生成“力争……增长6%以上”。"
    )
    sections: list[Section] = Field(
        default_factory=list, title="重点工作", description="（一）（二）……各项重点工作及其事项。"
    )


PartName = Literal["review", "plan"]
BlockName = Literal["intro", "requirements", "targets", "sections", "closing", "problems"]
PART_BLOCKS: dict[str, tuple[str, ...]] = {
    "review": ("intro", "targets", "sections", "closing", "problems"),
    "plan": ("intro", "requirements", "targets", "sections"),
}
"""The blocks each part is made of, in their default order."""


class OutlinePart(_Model):
    """One part of the draft in the outline: which part, under what heading, with which blocks."""

    part: PartName = Field(title="部分", description="review（工作情况）或 plan（工作谋划）。")
    title: str | None = Field(
        None,
        title="部分标题",
        description='改用的标题，可写 {{ year }}；写 "" 则不写部分标题，分项升为一级标题；'
        "不写则用默认标题。",
    )
    blocks: list[BlockName] | None = Field(
        None,
        title="内容块",
        description="本部分依次写哪些内容；没有列出的不写。工作情况可用 intro、targets、sections、"
        "closing、problems；工作谋划可用 intro、requirements、targets、sections。",
    )

    @field_validator("blocks")
    @classmethod
    def _blocks_of_part(cls, blocks: list[str] | None, info: ValidationInfo) -> list[str] | None:
        allowed = PART_BLOCKS.get(info.data.get("part", ""), ())
        wrong = [b for b in blocks or [] if b not in allowed]
        if allowed and wrong:
            raise PydanticCustomError(
                "literal_error",
                "block not allowed in this part",
                {"expected": "、".join(allowed)},
            )
        return blocks

    @property
    def block_names(self) -> tuple[str, ...]:
        """The blocks to write, in order: as listed, or the part's default order."""
        return tuple(self.blocks) if self.blocks is not None else PART_BLOCKS[self.part]


class Report(_Model):
    """One unit's inputs for one year."""

    unit: Unit = Field(title="单位", description="报告所属单位：名称、简称、层级、上级。")
    year: int = Field(ge=1949, le=2100, title="年份", description="回顾的年份；谋划的是下一年。")
    title: str | None = Field(
        None, title="报告标题", description="默认“<单位><年份>年工作情况和<下一年>年工作谋划”。"
    )
    stage: str | None = Field(
        "草稿", title="稿次", description="如 草稿、讨论稿、征求意见稿、送审稿；可留空。"
    )
    date: datetime.date | None = Field(
        None, title="日期", description="题注中的日期，如 2023-01-10。"
    )
    issuer: str | None = Field(
        None, title="发文单位", description="写在题注中的单位署名，如“××街道办事处”。"
    )
    outline: list[OutlinePart] | None = Field(
        None,
        title="结构",
        description="各部分的顺序、标题和内容块；不写则先工作情况、后工作谋划，内容齐全。"
        "没有列出的部分不写。",
    )
    indicators: dict[IndicatorId, Indicator] = Field(
        default_factory=dict,
        title="指标",
        description="指标 id（英文、数字、下划线）→ 数据；正文用 {{ ind.指标id }} 引用。",
    )
    highlights: list[Highlight] = Field(
        default_factory=list,
        title="数读",
        description="要突出的几个数字，依次写出；workreport highlights 生成“数读”和“一图读懂”。",
    )
    review: Review | None = Field(None, title="工作情况", description="第一部分：当年工作情况。")
    plan: Plan | None = Field(None, title="工作谋划", description="第二部分：下一年工作谋划。")

    @property
    def next_year(self) -> int:
        return self.year + 1

    @property
    def parts(self) -> list[OutlinePart]:
        """The parts the draft is made of, in order: the outline's, or review then plan.

        A part listed in the outline but without data in this file is left out, so one outline
        serves both a plan-only year and a year with a review.
        """
        present = {"review": self.review is not None, "plan": self.plan is not None}
        if self.outline is None:
            parts = [OutlinePart(part=name, title=None, blocks=None) for name in ("review", "plan")]
            return [part for part in parts if present[part.part]]
        return [part for part in self.outline if present[part.part]]
