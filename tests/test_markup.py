from __future__ import annotations

import pytest

from workreport.errors import MarkupError
from workreport.markup import parse
from workreport.tree import Heading, PageBreak, Paragraph, Placeholder, Table, Text, Title, to_text

MARKUP = """% 示例街道2022年工作情况和2023年工作谋划
% （讨论稿）

# 2022年工作情况

总述。

## 稳经济

**经济运行稳中有进**，实现产值【待补充：产值】。

### 细项

#### 更细

## 优布局

# 2023年工作谋划

## 着力聚焦工业兴街

| 指标 | 数值 |
| --- | --- |
| 产值 | 超400亿元 |

---

结束。
"""


def test_blocks_and_numbers() -> None:
    document = parse(MARKUP)
    title = document.blocks[0]
    assert isinstance(title, Title) and title.notes == ("（讨论稿）",)
    headings = [(b.level, b.number, b.text) for b in document.blocks if isinstance(b, Heading)]
    assert headings == [
        (1, "一、", "2022年工作情况"),
        (2, "（一）", "稳经济"),
        (3, "1.", "细项"),
        (4, "（1）", "更细"),
        (2, "（二）", "优布局"),
        (1, "二、", "2023年工作谋划"),
        (2, "（一）", "着力聚焦工业兴街"),
    ]
    assert any(isinstance(b, PageBreak) for b in document.blocks)


def test_blocks_keep_their_markup_lines() -> None:
    document = parse(MARKUP)
    heading = next(b for b in document.blocks if isinstance(b, Heading))
    assert heading.line == 4
    paragraph = next(
        b for b in document.blocks if isinstance(b, Paragraph) and "稳中有进" in b.text
    )
    assert paragraph.line == 10


def test_bold_lead_takes_its_comma_and_placeholders_are_nodes() -> None:
    paragraph = next(
        b for b in parse(MARKUP).blocks if isinstance(b, Paragraph) and "稳中有进" in b.text
    )
    assert paragraph.inlines == (
        Text("经济运行稳中有进，", bold=True),
        Text("实现产值"),
        Placeholder("【待补充：产值】"),
        Text("。"),
    )


def test_table() -> None:
    table = next(b for b in parse(MARKUP).blocks if isinstance(b, Table))
    assert [c[0].text for c in table.header] == ["指标", "数值"]
    assert [[c[0].text for c in row] for row in table.rows] == [["产值", "超400亿元"]]


def test_soft_line_breaks_do_not_add_spaces() -> None:
    paragraph = parse("第一行\n第二行\n").blocks[0]
    assert isinstance(paragraph, Paragraph) and paragraph.text == "第一行第二行"


@pytest.mark.parametrize("heading", ["# 一、工作情况", "## （二）稳经济", "### 3. 细项"])
def test_hand_typed_heading_numbers_are_refused(heading: str) -> None:
    with pytest.raises(MarkupError) as info:
        parse(f"正文。\n\n{heading}\n", source="t.md")
    assert "手写了序号" in info.value.message
    assert info.value.at.line == 3


def test_to_text_numbers_headings() -> None:
    text = to_text(parse(MARKUP))
    assert "一、2022年工作情况\n总述。\n（一）稳经济\n" in text


def test_mark_after_a_bold_placeholder_lead_is_bold() -> None:
    paragraph = parse("**【待补充：引领句】**，【待补充：正文】\n").blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.inlines == (
        Placeholder("【待补充：引领句】", bold=True),
        Text("，", bold=True),
        Placeholder("【待补充：正文】"),
    )
