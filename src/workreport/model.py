"""Typed model of one year's inputs: what a valid ``inputs/<unit>/<year>.yaml`` contains.

Field names are the contract with YAML authors and templates; titles and descriptions are
Chinese because they feed the JSON Schema that editors show while typing.
"""

from __future__ import annotations

import datetime
from typing import Annotated, Any, Literal

from pydantic import BeforeValidator, Field, ValidationInfo, field_validator
from pydantic_core import PydanticCustomError

from .model_text import Item as Item
from .model_text import Paragraph as Paragraph
from .model_text import ParagraphField as ParagraphField
from .model_text import Section as Section
from .model_text import Table as Table
from .model_text import TextBlock as TextBlock
from .model_text import _Model

APPROX_WORDS = ("超", "近", "约", "逾", "余")
ID_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
IndicatorId = Annotated[str, Field(pattern=ID_PATTERN)]


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


class Review(_Model):
    """Part one: what was done in the year."""

    title: str | None = Field(None, title="标题", description="默认“<年份>年工作情况”。")
    show_title: bool = Field(
        True, title="显示部分标题", description="为 false 时不写本部分标题，分项升为一级标题。"
    )
    intro: TextBlock = Field(
        "", title="总述", description="本部分开头的总体情况；可写多段（空行分段，或写成列表）。"
    )
    run_in: bool = Field(
        False, title="标题接正文", description="为 true 时本部分各分项的标题与正文同段。"
    )
    sections: list[Section] = Field(
        default_factory=list, title="分项", description="（一）（二）……各分项，标题不写序号。"
    )
    closing: TextBlock | None = Field(
        None, title="其他工作", description="如“此外，……等工作进一步加强。”；可写多段。"
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
    intro: TextBlock = Field(
        "", title="总述", description="下一年的形势和意义；可写多段（空行分段，或写成列表）。"
    )
    run_in: bool = Field(
        False, title="标题接正文", description="为 true 时本部分各项的标题与正文同段。"
    )
    requirements: TextBlock | None = Field(
        None, title="总体要求", description="“……工作的总体要求是：……”一段。"
    )
    targets: list[Target] = Field(
        default_factory=list, title="主要目标", description="每项一个目标，生成“力争……增长6%以上”。"
    )
    sections: list[Section] = Field(
        default_factory=list, title="重点工作", description="（一）（二）……各项重点工作及其事项。"
    )
    closing: TextBlock | None = Field(None, title="结尾", description="本部分最后的一段或几段。")


RESERVED_PARTS = ("review", "plan")


class Part(_Model):
    """Another top-level part (such as 过去五年工作回顾 or 政府自身建设), placed by ``outline``."""

    id: str = Field(
        pattern=ID_PATTERN,
        title="部分id",
        description="英文、数字、下划线，如 five_year、self_building；outline 中用它排列。",
    )
    title: str = Field(title="标题", description="本部分标题，不写序号，如“全面加强政府自身建设”。")
    show_title: bool = Field(True, title="显示部分标题", description="为 false 时不写本部分标题。")
    intro: TextBlock = Field("", title="总述", description="本部分开头的段落；可写多段。")
    run_in: bool = Field(
        False, title="标题接正文", description="为 true 时本部分各分项的标题与正文同段。"
    )
    paragraphs: list[ParagraphField] = Field(
        default_factory=list,
        title="段落",
        description="没有分项时的各段：lead（引领句）和 text（正文），或直接写文字。",
    )
    sections: list[Section] = Field(
        default_factory=list, title="分项", description="（一）（二）……各分项，标题不写序号。"
    )
    closing: TextBlock | None = Field(None, title="结尾", description="本部分最后的段落。")

    @field_validator("id")
    @classmethod
    def _not_reserved(cls, value: str) -> str:
        if value in RESERVED_PARTS:
            raise PydanticCustomError("reserved_part", "review and plan are reserved")
        return value


class Appendix(_Model):
    """Matter after the report (名词解释, 附件), on a new page under its own centred title."""

    title: str = Field(title="标题", description="如“名词解释”“附件1”。")
    paragraphs: list[ParagraphField] = Field(
        default_factory=list,
        title="段落",
        description="每段一项：直接写文字，或 lead（词条，加粗）和 text（解释）。",
    )


BlockName = Literal[
    "intro", "requirements", "targets", "paragraphs", "sections", "closing", "problems"
]
PART_BLOCKS: dict[str, tuple[str, ...]] = {
    "review": ("intro", "targets", "sections", "closing", "problems"),
    "plan": ("intro", "requirements", "targets", "sections", "closing"),
}
"""The blocks each part is made of, in their default order."""
OTHER_PART_BLOCKS = ("intro", "paragraphs", "sections", "closing")
"""The blocks of a part listed under ``parts``."""


class OutlinePart(_Model):
    """One part of the draft in the outline: which part, under what heading, with which blocks."""

    part: str = Field(
        pattern=ID_PATTERN,
        title="部分",
        description="review（工作情况）、plan（工作谋划），或 parts 中某一部分的 id。",
    )
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
        "closing、problems；工作谋划可用 intro、requirements、targets、sections、closing；"
        "parts 中的部分可用 intro、paragraphs、sections、closing。",
    )

    @field_validator("blocks")
    @classmethod
    def _blocks_of_part(cls, blocks: list[str] | None, info: ValidationInfo) -> list[str] | None:
        part = info.data.get("part")
        allowed = PART_BLOCKS.get(part, OTHER_PART_BLOCKS) if part else ()
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
        if self.blocks is not None:
            return tuple(self.blocks)
        return PART_BLOCKS.get(self.part, OTHER_PART_BLOCKS)


def _title_lines(value: Any) -> Any:
    """A title is one line of text or a list of one or two lines."""
    if value is None or isinstance(value, str):
        return value
    if (
        isinstance(value, list)
        and 1 <= len(value) <= 2
        and all(isinstance(item, str) for item in value)
    ):
        return value
    raise PydanticCustomError("title_lines", "one line of text or a list of one or two lines")


TitleLines = Annotated[
    str | Annotated[list[str], Field(min_length=1, max_length=2)], BeforeValidator(_title_lines)
]


class Report(_Model):
    """One unit's inputs for one year."""

    unit: Unit = Field(title="单位", description="报告所属单位：名称、简称、层级、上级。")
    year: int = Field(ge=1949, le=2100, title="年份", description="回顾的年份；谋划的是下一年。")
    title: TitleLines | None = Field(
        None,
        title="报告标题",
        description="默认“<单位><年份>年工作情况和<下一年>年工作谋划”。"
        "要分两行时写成列表，如 [××镇人民政府, 2024年工作报告]。",
    )
    subtitle: str | None = Field(
        None,
        title="副标题",
        description="标题下居中的一行，如“——2024年1月10日在××镇第十九届人民代表大会第四次会议上”。",
    )
    date_line: str | None = Field(
        None, title="日期行", description="标题下居中的日期行，照写，如“（2024年1月10日）”。"
    )
    byline: str | None = Field(
        None, title="署名", description="标题块最后居中的署名，如“镇长  ×××”。"
    )
    salutation: str | None = Field(
        None, title="称呼", description="正文第一行、顶格，如“各位代表：”。"
    )
    preface: TextBlock | None = Field(
        None,
        title="开头",
        description="第一部分之前的段落，如“现在，我代表镇人民政府，向大会报告工作……”；可写多段。",
    )
    genre: str | None = Field(
        None,
        title="文种",
        description="工作报告、工作总结、工作计划、工作要点、政府工作报告、半年总结等，仅作说明。",
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
    review: Review | None = Field(None, title="工作情况", description="第一部分：当年工作情况。")
    plan: Plan | None = Field(None, title="工作谋划", description="第二部分：下一年工作谋划。")
    parts: list[Part] = Field(
        default_factory=list,
        title="其他部分",
        description="工作情况、工作谋划以外的部分，如过去五年工作回顾、政府自身建设；"
        "不写 outline 时排在工作谋划之后，写了 outline 时按 outline 排列。",
    )
    closing_remarks: TextBlock | None = Field(
        None,
        title="结束语",
        description="最后一部分之后的段落，如“各位代表！……”；可写多段。",
    )
    appendices: list[Appendix] = Field(
        default_factory=list,
        title="附录",
        description="正文之后另起一页的内容，如名词解释、附件：每项 title（标题）和 paragraphs。",
    )

    @property
    def next_year(self) -> int:
        return self.year + 1

    @property
    def title_lines(self) -> tuple[str, ...]:
        """The title as written, line by line (empty when the default title applies)."""
        lines = [self.title] if isinstance(self.title, str) else self.title or []
        return tuple(line for line in lines if line.strip())

    def part(self, part_id: str) -> Review | Plan | Part | None:
        """The data of part ``part_id``: review, plan or one of ``parts``; None when absent."""
        if part_id in RESERVED_PARTS:
            found: Review | Plan | None = getattr(self, part_id)
            return found
        return next((p for p in self.parts if p.id == part_id), None)

    @property
    def outline_parts(self) -> list[OutlinePart]:
        """The parts the draft is made of, in order: the outline's, or review, plan, then
        ``parts``.

        A part listed in the outline but without data in this file is left out, so one outline
        serves both a plan-only year and a year with a review.
        """
        if self.outline is None:
            names = [*RESERVED_PARTS, *(p.id for p in self.parts)]
            outline = [OutlinePart(part=name, title=None, blocks=None) for name in names]
        else:
            outline = self.outline
        return [entry for entry in outline if self.part(entry.part) is not None]
