"""Unit key, name and year → a new unit's starting files (``workreport new``).

Writes ``inputs/<unit>/<year>.yaml`` — every field commented in Chinese, valid as it stands,
building a draft whose every gap is a highlighted placeholder — and ``templates/<unit>/`` with a
README on what can be overridden and a ``style.yaml`` whose settings are all commented out.
Existing files are never touched: if any of them exists, nothing is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError, WriteError

UNIT_KEY = re.compile(r"^[0-9A-Za-z\u4e00-\u9fff][0-9A-Za-z_\-\u4e00-\u9fff]*$")
RESERVED_KEYS = ("default",)


@dataclass(frozen=True)
class NewUnit:
    """What ``new`` needs to know about the unit."""

    key: str
    name: str
    year: int
    level: str = "街道"
    short_name: str | None = None
    parent: str | None = None

    @property
    def short(self) -> str:
        """The short name: given, or the full name without its level (××街道 → ××)."""
        if self.short_name:
            return self.short_name
        if self.name.endswith(self.level) and len(self.name) > len(self.level):
            return self.name[: -len(self.level)]
        return self.name


def create_unit(project: Path | str, unit: NewUnit) -> list[Path]:
    """Write the new unit's files under ``project``; return them. Refuses to overwrite."""
    check_key(unit.key)
    if not 1949 <= unit.year <= 2100:
        raise InputError(f"年份“{unit.year}”不在 1949—2100 之间。", hint="写四位年份，如 2023。")
    if not unit.name.strip():
        raise InputError("单位名称不能为空。", hint="如 --name ××街道。")
    root = Path(project)
    files = {
        root / "inputs" / unit.key / f"{unit.year}.yaml": input_yaml(unit),
        root / "templates" / unit.key / "README.md": templates_readme(unit),
        root / "templates" / unit.key / "style.yaml": STYLE_YAML.replace("<NAME>", unit.name),
    }
    existing = [path for path in files if path.exists()]
    if existing:
        raise WriteError(
            f"已有文件：{'、'.join(str(p) for p in existing)}，没有改动任何文件。",
            hint="new 只用于新单位；已有单位的下一年请用 workreport rollover 今年的文件。",
        )
    written: list[Path] = []
    try:
        for path, text in files.items():
            path.parent.mkdir(parents=True, exist_ok=True)
            with open(path, "x", encoding="utf-8") as out:
                out.write(text)
            written.append(path)
    except OSError as exc:
        for path in written:  # all or nothing: a half-made unit is harder to fix than none
            path.unlink(missing_ok=True)
        raise WriteError(f"无法写入“{exc.filename}”：{exc.strerror}。") from None
    return written


def check_key(key: str) -> None:
    """A unit key is one folder name: letters, digits, Chinese, ``_`` and ``-``."""
    if not UNIT_KEY.match(key) or key in RESERVED_KEYS:
        raise InputError(
            f"单位文件夹名“{key}”不可用。",
            hint="只用字母、数字、汉字、下划线或连字符，如 shili；default 留给通用模板。",
        )


def input_yaml(unit: NewUnit) -> str:
    """The commented first input file of a unit."""
    values = {
        "KEY": unit.key,
        "NAME": unit.name,
        "SHORT": unit.short,
        "LEVEL": unit.level,
        "PARENT": unit.parent or "",
        "YEAR": str(unit.year),
        "NEXT": str(unit.year + 1),
        "LAST": str(unit.year - 1),
    }
    return re.sub(r"<(\w+)>", lambda m: values.get(m[1], m[0]), INPUT_YAML)


def templates_readme(unit: NewUnit) -> str:
    return TEMPLATES_README.replace("<KEY>", unit.key).replace("<NAME>", unit.name)


INPUT_YAML = """\
# yaml-language-server: $schema=../../schema/workreport.schema.json
# <NAME><YEAR>年工作情况和<NEXT>年工作谋划：生成报告草稿的输入数据（由 workreport new 生成）。
#
# 用法：照着注释把 {{ todo('…') }} 逐项换成实际内容，随时运行
#   workreport build inputs/<KEY>/<YEAR>.yaml
# 查看草稿。还没写的地方在草稿里显示为黄色的【待补充：…】，不影响生成。
# 数字只在 indicators 里写一次，正文用 {{ ind.指标id }} 引用；改一处，草稿里处处跟着变。
# 明年开始时运行 workreport rollover inputs/<KEY>/<YEAR>.yaml，由本文件生成 <NEXT>.yaml。

unit:                      # 单位
  name: <NAME>             # 单位全称，用于标题
  short_name: <SHORT>      # 简称，正文中可写 {{ unit.short_name }}
  level: <LEVEL>           # 层级：街道、镇、乡、区、县……
  parent: <PARENT>         # 上级，如“××市××区”；可留空
year: <YEAR>               # 回顾的年份，与文件名一致；谋划的是下一年（<NEXT>年）
stage: 草稿               # 稿次，写在标题下的括号里：草稿、讨论稿、征求意见稿、送审稿；留空则不写
issuer:                    # 署名单位，写在标题下，如“<NAME>办事处”；可留空
date:                      # 日期，写在标题下，如 <NEXT>-01-10；可留空
# title: <NAME><YEAR>年工作总结   # 报告标题；不写则为“<NAME><YEAR>年工作情况和<NEXT>年工作谋划”
#                                  # 分两行写成列表：[<NAME>, <YEAR>年工作报告]
# 在会议上作的报告，标题块和开头可以这样写（去掉行首的“# ”即生效）：
# subtitle: ——<NEXT>年1月10日在<NAME>居民代表会议上   # 副标题，标题下居中
# date_line: （<NEXT>年1月10日）   # 日期行，照写
# byline: 主任  ×××               # 署名，标题块最后一行
# salutation: 各位代表：          # 称呼，正文第一行，顶格
# preface: 现在，我代表……，向大会报告工作，请予审议。   # 第一部分之前的段落
# closing_remarks: 各位代表！……   # 最后一部分之后的结束语

# outline：各部分的顺序、标题和内容，不用复制模板。不写就是先工作情况、后工作谋划，内容齐全。
# 例：工作情况改名、不写存在问题；工作谋划先写主要目标，再写总述和重点工作：
# outline:                            # 去掉以下各行行首的“# ”即生效
#   - part: review                     # review：工作情况；plan：工作谋划
#     title: "{{ year }}年工作回顾"     # 部分标题；写 "" 则不写标题，分项升为一级标题
#     blocks: [intro, targets, sections, closing]
#     # 工作情况可用的块：intro、targets、sections、closing、problems
#   - part: plan
#     title: "{{ next_year }}年工作安排"
#     blocks: [targets, intro, requirements, sections]
#     # 工作谋划可用的块：intro、requirements、targets、sections、closing
#     # parts 中另加的部分也可排进来：- part: self_building（写它的 id）

# parts：工作情况、工作谋划以外的部分，如“全面加强自身建设”；按 outline 排列：
# parts:
#   - id: self_building                # 英文 id，outline 中用它
#     title: 全面加强自身建设
#     intro: "{{ todo('总述') }}"
#     paragraphs:
#       - {lead: 要加强作风建设, text: "{{ todo('具体举措') }}"}
#
# appendices：正文之后另起一页的名词解释、附件：
# appendices:
#   - title: 名词解释
#     paragraphs:
#       - {lead: 专精特新, text: "{{ todo('解释') }}"}

indicators:                # 指标：英文 id → 数据。id 只用英文字母、数字和下划线
  gdp:                     # 指标 id，正文写 {{ ind.gdp }}
    name: 地区生产总值     # 中文名称
    value:                 # 数值，只写数字，如 104.86；留空时草稿显示【待补充：地区生产总值】
    unit: 亿元             # 单位：亿元、万元、%、家、人、亩……
    previous:              # 上年数值，用来算增速；也可不填，自动读取同一文件夹里的 <LAST>.yaml
    growth:                # 同比增速（%），只写数字，下降写负数；不填则由 value 和 previous 算出
    # approx: 超           # 约数用语：超、近、约、逾、余，如“超400亿元”
    # decimals: 2          # 保留几位小数；不写则按原样
    source:                # 数据出处，如“区统计局<YEAR>年快报”；只作记录，不写进草稿

review:                    # 第一部分：<YEAR>年工作情况
  # title: <YEAR>年工作回顾  # 部分标题；不写则为“<YEAR>年工作情况”
  # show_title: false      # 不写部分标题，分项升为一级标题
  # run_in: true           # 分项标题接正文：“（一）标题。导语……”，标题仍用楷体
  intro: "{{ todo('总述：<YEAR>年，……') }}"   # 多段时空一行分段，或写成列表
  targets:                 # 上年定下的主要目标；草稿逐项写明完成、超额完成或未完成
    - indicator: gdp       # 对应 indicators 中的指标
      growth:              # 上年定的目标增速（%）；数值目标写 value 和 unit
      bound: 以上          # 以上、以内，或留空
  sections:                # 分项：序号（一）（二）……自动生成，标题里不写序号
    - title: "{{ todo('分项标题，如“全力以赴稳经济，稳中向好态势不断巩固”') }}"
      intro: "{{ todo('导语') }}"   # 标题下的第一段，可不写
      paragraphs:          # 段落：lead 是段首加粗的引领句，text 是正文
        - lead: "{{ todo('引领句，如“经济运行稳中有进”') }}"   # 段首加粗，后接“，”
          text: "地区生产总值{{ ind.gdp }}，{{ ind.gdp.yoy }}。{{ todo('工作情况和成效') }}" # 正文
        - "{{ todo('没有引领句的段落，直接写正文') }}"
      # enumerate: true    # 段落前依次加“一是”“二是”……
      # with_targets: true # 目标完成情况写在本分项导语之后
      # run_in: true       # 本分项标题接正文（不写则按本部分的 run_in）
      # level: 3           # 越级时写明标题级别：3 即部分标题下直接是“1.”
      # subsections:       # 下级标题 1. 2. ……，写法与分项相同
      # 一段里的“一是……二是……”：写成 text 加 items：
      #   - text: 重点抓了三件事：
      #     items: [推进……, {lead: 稳投资, text: ……}]
      # 表格：写成 table：
      #   - table: {header: [指标, 数值], rows: [[地区生产总值, "{{ ind.gdp }}"]]}
  closing: "{{ todo('此外，……等工作进一步加强。') }}"   # 其他工作，一句带过
  problems:                # 存在问题，草稿中写成“一是……二是……”
    - "{{ todo('存在的问题') }}。"

plan:                      # 第二部分：<NEXT>年工作谋划
  # title: <NEXT>年工作安排  # 部分标题；不写则为“<NEXT>年工作谋划”
  intro: "{{ todo('总述：<NEXT>年是……') }}"
  requirements: "{{ todo('总体要求：坚持……') }}"   # 总体要求，可不写
  targets:                 # 主要目标，如“力争地区生产总值增长6%以上”；明年据此核对完成情况
    - indicator: gdp
      growth:              # 目标增速（%）
      bound: 以上
      verb: 力争           # 力争、确保、控制在、达到……
  sections:                # 重点工作
    - title: "{{ todo('重点工作标题，如“着力聚焦工业兴街，实现高水平高质量发展”') }}"
      items:               # 事项：lead 引领句后接“。”
        - lead: "{{ todo('事项的引领句') }}"   # 段首加粗，后接“。”
          text: "{{ todo('具体举措') }}"
      # enumerate: true    # 事项前依次加“一是”“二是”……
"""

TEMPLATES_README = """\
# <NAME>的模板和样式（templates/<KEY>/）

这个文件夹里的文件只对<NAME>起作用；没有的就用通用的。生成草稿时依次在 `-t/--templates`
指定的文件夹、`templates/<KEY>/`、`templates/default/`、内置模板中查找，先找到先用。

## 改版式：style.yaml

在 `style.yaml` 里只写要改的项，其余沿用默认的 GB/T 9704 样式，例如：

```yaml
grid:
  line_pitch_pt: 29            # 固定行距（磅）：28、28.95 或 29
roles:
  body: {font: 方正仿宋_GBK}   # 正文字体；size_pt 为字号（磅），3 号 = 16
page:
  top_mm: 37                   # 页边距：top_mm、bottom_mm、left_mm、right_mm
page_number:
  position: center             # 页码：outside 单页居右、双页居左；center 居中
```

可改的角色（roles）：body 正文、title 标题、title_note 题注、heading1～heading4 一至四级标题、
table 表格。

## 改结构：outline

部分的顺序、标题和内容块写在数据文件的 `outline:` 里（见 `inputs/<KEY>/` 中文件开头的注释），
不用复制模板。`workreport rollover` 会把它带到下一年。

## 改写法：放一个同名模板

把内置模板复制到这里再改，只复制要改的那个：

| 模板 | 内容 |
| --- | --- |
| `title.md.j2` | 标题块：标题、稿次、署名、日期 |
| `targets.md.j2` | 主要目标：“主要预期目标是：力争……” |
| `attainment.md.j2` | 目标完成情况：“年度主要目标完成情况：……超额完成年度目标” |
| `problems.md.j2` | 存在问题：“在肯定成绩的同时……” |
| `section.md.j2` | 分项、事项和下级标题 |
| `review.md.j2`、`plan.md.j2` | 工作情况、工作谋划两部分 |
| `part.md.j2` | `parts` 中另加的部分 |
| `appendix.md.j2` | 附录：名词解释、附件 |
| `report.md.j2` | 入口：标题块、称呼和开头，然后各部分、结束语和附录 |

内置模板在安装包的 `workreport/data/templates/default/` 文件夹中。
"""

STYLE_YAML = """\
# <NAME>的样式：只写要改的项，其余沿用默认的 GB/T 9704 样式（gbt9704.yaml）。
# 去掉行首的“# ”即生效，例如：
# grid:
#   line_pitch_pt: 29          # 固定行距（磅）
# roles:
#   body: {font: 方正仿宋_GBK}  # 正文字体
# page_number:
#   position: center           # 页码居中
"""
