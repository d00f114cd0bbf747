"""Typed model of one year's inputs: what a valid ``inputs/<unit>/<year>.yaml`` contains.

Field names are the contract with YAML authors and templates; titles and descriptions are
Chinese because they feed the JSON Schema that editors show while typing. The classes are
:class:`msgspec.Struct` types; see :mod:`workreport.model_text` for the forms some fields accept
and why annotations are not deferred.
"""

import datetime
from collections.abc import Mapping
from typing import Annotated, Any, Literal

from msgspec import Meta

from .model_text import ID_PATTERN as ID_PATTERN
from .model_text import ChartRequest as ChartRequest
from .model_text import IndicatorId, RuleBroken, _Model, doc
from .model_text import Item as Item
from .model_text import Paragraph as Paragraph
from .model_text import ParagraphField as ParagraphField
from .model_text import Section as Section
from .model_text import Table as Table
from .model_text import TextBlock as TextBlock

APPROX_WORDS = ("超", "近", "约", "逾", "余")


class Unit(_Model, frozen=True):
    """The office the report is written for."""

    name: Annotated[str, doc("单位名称", "全称，如“××街道”。")]
    short_name: Annotated[str | None, doc("简称", "如“××”，用于“××力量”一类说法。")] = None
    level: Annotated[str, doc("层级", "街道、镇、乡、区、县等。")] = "街道"
    parent: Annotated[str | None, doc("上级", "如“××市××区”。")] = None


class Indicator(_Model, frozen=True):
    """One figure of the year: a value with its unit, and what it is compared with."""

    name: Annotated[str, doc("指标名称", "中文名称，如“规模以上工业增加值”。")]
    value: Annotated[
        float | None, doc("数值", "只写数字，如 104.86；暂缺时留空，草稿中显示为【待补充】。")
    ] = None
    unit: Annotated[str, doc("单位", "如 亿元、%、家、人、亩。")] = ""
    previous: Annotated[float | None, doc("上年数值", "用于计算增速；可留空。")] = None
    growth: Annotated[
        float | None, doc("增速（%）", "同比增长的百分数，只写数字：增长6.5%写 6.5，下降写负数。")
    ] = None
    approx: Annotated[
        Literal["超", "近", "约", "逾", "余"] | None,
        doc("约数用语", "超、近、约、逾、余之一，如“超400亿元”。"),
    ] = None
    decimals: Annotated[
        Annotated[int, Meta(ge=0, le=6)] | None,
        doc("小数位数", "数值保留的小数位数；不写则按原样。"),
    ] = None
    source: Annotated[str | None, doc("来源", "数据出处，如“区统计局2022年快报”。")] = None


class Target(_Model, frozen=True):
    """A target for the plan year: growth or level of one indicator."""

    indicator: Annotated[IndicatorId | None, doc("指标id", "引用 indicators 中的指标。")] = None
    name: Annotated[str | None, doc("指标名称", "没有对应指标时直接写名称。")] = None
    growth: Annotated[
        float | None, doc("目标增速（%）", "只写数字：增长6%以上写 6。与 value 二选一。")
    ] = None
    value: Annotated[
        float | None, doc("目标数值", "目标值，如 100（亿元）；与 growth 二选一。")
    ] = None
    unit: Annotated[str, doc("单位", "目标数值的单位，如 亿元、%。")] = ""
    bound: Annotated[Literal["以上", "以内", ""], doc("界限", "以上、以内，或留空。")] = "以上"
    verb: Annotated[str, doc("动词", "力争、确保、控制在、达到等。")] = "力争"


class Highlight(_Model, frozen=True):
    """A headline figure for 数读 and 一图读懂: an indicator and a one-line caption."""

    indicator: Annotated[IndicatorId, doc("指标id", "引用 indicators 中的指标。")]
    caption: Annotated[
        str | None, doc("说明", "一行说明，如“规上工业产值创历史新高”；不写则用指标名称。")
    ] = None


class Review(_Model, frozen=True):
    """Part one: what was done in the year."""

    title: Annotated[str | None, doc("标题", "默认“<年份>年工作情况”。")] = None
    show_title: Annotated[
        bool, doc("显示部分标题", "为 false 时不写本部分标题，分项升为一级标题。")
    ] = True
    intro: Annotated[
        TextBlock, doc("总述", "本部分开头的总体情况；可写多段（空行分段，或写成列表）。")
    ] = ""
    run_in: Annotated[bool, doc("标题接正文", "为 true 时本部分各分项的标题与正文同段。")] = False
    sections: Annotated[list[Section], doc("分项", "（一）（二）……各分项，标题不写序号。")] = []
    closing: Annotated[
        TextBlock | None, doc("其他工作", "如“此外，……等工作进一步加强。”；可写多段。")
    ] = None
    problems: Annotated[
        list[ParagraphField], doc("存在问题", "逐条写出问题，草稿写成“一是……二是……”。")
    ] = []
    targets: Annotated[
        list[Target],
        doc("年度目标", "上一年谋划中定下的目标，草稿逐项写明完成情况（由 rollover 填入）。"),
    ] = []


class Plan(_Model, frozen=True):
    """Part two: the plan for the next year."""

    title: Annotated[str | None, doc("标题", "默认“<年份+1>年工作谋划”。")] = None
    show_title: Annotated[
        bool, doc("显示部分标题", "为 false 时不写本部分标题，分项升为一级标题。")
    ] = True
    intro: Annotated[
        TextBlock, doc("总述", "下一年的形势和意义；可写多段（空行分段，或写成列表）。")
    ] = ""
    run_in: Annotated[bool, doc("标题接正文", "为 true 时本部分各项的标题与正文同段。")] = False
    requirements: Annotated[TextBlock | None, doc("总体要求", "“……工作的总体要求是：……”一段。")] = (
        None
    )
    targets: Annotated[list[Target], doc("主要目标", "每项一个目标，生成“力争……增长6%以上”。")] = []
    sections: Annotated[list[Section], doc("重点工作", "（一）（二）……各项重点工作及其事项。")] = []
    closing: Annotated[TextBlock | None, doc("结尾", "本部分最后的一段或几段。")] = None


RESERVED_PARTS = ("review", "plan")


def _not_reserved(value: str, values: Mapping[str, Any]) -> None:
    if value in RESERVED_PARTS:
        raise RuleBroken("reserved_part")


class Part(_Model, frozen=True):
    """Another top-level part (such as 过去五年工作回顾 or 政府自身建设), placed by ``outline``."""

    __rules__ = {"id": _not_reserved}

    id: Annotated[
        Annotated[str, Meta(pattern=ID_PATTERN)],
        doc("部分id", "英文、数字、下划线，如 five_year、self_building；outline 中用它排列。"),
    ]
    title: Annotated[str, doc("标题", "本部分标题，不写序号，如“全面加强政府自身建设”。")]
    show_title: Annotated[bool, doc("显示部分标题", "为 false 时不写本部分标题。")] = True
    intro: Annotated[TextBlock, doc("总述", "本部分开头的段落；可写多段。")] = ""
    run_in: Annotated[bool, doc("标题接正文", "为 true 时本部分各分项的标题与正文同段。")] = False
    paragraphs: Annotated[
        list[ParagraphField],
        doc("段落", "没有分项时的各段：lead（引领句）和 text（正文），或直接写文字。"),
    ] = []
    sections: Annotated[list[Section], doc("分项", "（一）（二）……各分项，标题不写序号。")] = []
    closing: Annotated[TextBlock | None, doc("结尾", "本部分最后的段落。")] = None


class Appendix(_Model, frozen=True):
    """Matter after the report (名词解释, 附件), on a new page under its own centred title."""

    title: Annotated[str, doc("标题", "如“名词解释”“附件1”。")]
    paragraphs: Annotated[
        list[ParagraphField],
        doc("段落", "每段一项：直接写文字，或 lead（词条，加粗）和 text（解释）。"),
    ] = []


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


def _blocks_of_part(blocks: list[str] | None, values: Mapping[str, Any]) -> None:
    part = values.get("part")
    allowed = PART_BLOCKS.get(part, OTHER_PART_BLOCKS) if part else ()
    if allowed and any(b not in allowed for b in blocks or []):
        raise RuleBroken("literal_error", expected="、".join(allowed))


class OutlinePart(_Model, frozen=True):
    """One part of the draft in the outline: which part, under what heading, with which blocks."""

    __rules__ = {"blocks": _blocks_of_part}

    part: Annotated[
        Annotated[str, Meta(pattern=ID_PATTERN)],
        doc("部分", "review（工作情况）、plan（工作谋划），或 parts 中某一部分的 id。"),
    ]
    title: Annotated[
        str | None,
        doc(
            "部分标题",
            '改用的标题，可写 {{ year }}；写 "" 则不写部分标题，分项升为一级标题；'
            "不写则用默认标题。",
        ),
    ] = None
    blocks: Annotated[
        list[BlockName] | None,
        doc(
            "内容块",
            "本部分依次写哪些内容；没有列出的不写。工作情况可用 intro、targets、sections、"
            "closing、problems；工作谋划可用 intro、requirements、targets、sections、closing；"
            "parts 中的部分可用 intro、paragraphs、sections、closing。",
        ),
    ] = None

    @property
    def block_names(self) -> tuple[str, ...]:
        """The blocks to write, in order: as listed, or the part's default order."""
        if self.blocks is not None:
            return tuple(self.blocks)
        return PART_BLOCKS.get(self.part, OTHER_PART_BLOCKS)


TitleLines = Annotated[
    str | Annotated[list[str], Meta(min_length=1, max_length=2)],
    Meta(extra={"form": "title_lines"}),
]
"""A title: one line of text, or a list of one or two lines."""


class Report(_Model, frozen=True):
    """One unit's inputs for one year."""

    unit: Annotated[Unit, doc("单位", "报告所属单位：名称、简称、层级、上级。")]
    year: Annotated[
        Annotated[int, Meta(ge=1949, le=2100)], doc("年份", "回顾的年份；谋划的是下一年。")
    ]
    title: Annotated[
        TitleLines | None,
        doc(
            "报告标题",
            "默认“<单位><年份>年工作情况和<下一年>年工作谋划”。"
            "要分两行时写成列表，如 [××镇人民政府, 2024年工作报告]。",
        ),
    ] = None
    subtitle: Annotated[
        str | None,
        doc(
            "副标题",
            "标题下居中的一行，如“——2024年1月10日在××镇第十九届人民代表大会第四次会议上”。",
        ),
    ] = None
    date_line: Annotated[
        str | None, doc("日期行", "标题下居中的日期行，照写，如“（2024年1月10日）”。")
    ] = None
    byline: Annotated[str | None, doc("署名", "标题块最后居中的署名，如“镇长  ×××”。")] = None
    salutation: Annotated[str | None, doc("称呼", "正文第一行、顶格，如“各位代表：”。")] = None
    preface: Annotated[
        TextBlock | None,
        doc("开头", "第一部分之前的段落，如“现在，我代表镇人民政府，向大会报告工作……”；可写多段。"),
    ] = None
    genre: Annotated[
        str | None,
        doc("文种", "工作报告、工作总结、工作计划、工作要点、政府工作报告、半年总结等，仅作说明。"),
    ] = None
    stage: Annotated[str | None, doc("稿次", "如 草稿、讨论稿、征求意见稿、送审稿；可留空。")] = (
        "草稿"
    )
    date: Annotated[datetime.date | None, doc("日期", "题注中的日期，如 2023-01-10。")] = None
    issuer: Annotated[str | None, doc("发文单位", "写在题注中的单位署名，如“××街道办事处”。")] = (
        None
    )
    outline: Annotated[
        list[OutlinePart] | None,
        doc(
            "结构",
            "各部分的顺序、标题和内容块；不写则先工作情况、后工作谋划，内容齐全。"
            "没有列出的部分不写。",
        ),
    ] = None
    indicators: Annotated[
        dict[IndicatorId, Indicator],
        doc("指标", "指标 id（英文、数字、下划线）→ 数据；正文用 {{ ind.指标id }} 引用。"),
    ] = {}
    highlights: Annotated[
        list[Highlight],
        doc("数读", "要突出的几个数字，依次写出；workreport highlights 生成“数读”和“一图读懂”。"),
    ] = []
    review: Annotated[Review | None, doc("工作情况", "第一部分：当年工作情况。")] = None
    plan: Annotated[Plan | None, doc("工作谋划", "第二部分：下一年工作谋划。")] = None
    parts: Annotated[
        list[Part],
        doc(
            "其他部分",
            "工作情况、工作谋划以外的部分，如过去五年工作回顾、政府自身建设；"
            "不写 outline 时排在工作谋划之后，写了 outline 时按 outline 排列。",
        ),
    ] = []
    closing_remarks: Annotated[
        TextBlock | None, doc("结束语", "最后一部分之后的段落，如“各位代表！……”；可写多段。")
    ] = None
    appendices: Annotated[
        list[Appendix],
        doc("附录", "正文之后另起一页的内容，如名词解释、附件：每项 title（标题）和 paragraphs。"),
    ] = []

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
