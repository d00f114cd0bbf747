"""The lines above a report's first heading → its title block.

A formal report opens with one or two title lines (``政府工作报告``, sometimes spaced out as
``政 府 工 作 报 告``; or ``重庆市巴南区木洞镇人民政府`` over ``2024年工作报告``), a subtitle
(``——2024年1月10日在……会议上``) or a date line (``（2024年1月10日）``), a byline (``镇长 ×××``)
and a salutation (``各位代表：``). Each line is recognised by its wording and position; the first
line that is none of them ends the title block, and the lines from there on are the report's
body (an opening sentence such as ``现在，我代表……`` becomes the preface).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .prose import split_heading_number

MAX_TITLE_CHARS = 50
MAX_TITLE_LINES = 3
_GENRE_WORDS = re.compile(r"报告|总结|计划|要点|谋划|情况|安排|思路|打算|回顾|展望")
_ISSUER = re.compile(r"(?:人民政府|政府|办事处|委员会|党工委|管委会)$")
_SUBTITLE = re.compile(
    r"^(?:——|—|－－|--)|^[（(]?(?:\d{4}年\d{1,2}月\d{1,2}日)?在.{2,50}会议上(?:的[\u4e00-\u9fff]{2,6})?[）)]?$"
)
_OPEN_SUBTITLE = re.compile(r"在[^上]*$")
_MEETING_END = ("会议上", "会议上）", "会议上)")
_N = r"(?:\d{1,2}|[一二三四五六七八九十]{1,3})"
_DATE_LINE = re.compile(
    rf"^[（(]?(?:\d{{4}}|[〇零○一二三四五六七八九]{{4}})\s*年\s*{_N}\s*月\s*{_N}\s*日[）)]?$"
)
_OFFICE = (
    r"(?:省长|市长|区长|县长|镇长|乡长|旗长|州长|盟长|主任|主席|书记|代县长|代市长|代区长|代镇长)"
)
_BYLINE = re.compile(
    rf"^(?P<office>[\u4e00-\u9fff]{{0,24}}?{_OFFICE})[\s\u3000]*(?P<name>[\u4e00-\u9fff×＊*○Ｘ\s\u3000]{{1,8}})$"
)
_SALUTATION = re.compile(
    r"^(?:各位[\u4e00-\u9fff]{1,5}|同志们|女士们|先生们)(?:[、，,][\u4e00-\u9fff]{2,6}){0,3}[：:！!]$"
)
_NAME_ONLY = re.compile(r"^[\u4e00-\u9fff×＊○](?:[\s\u3000]*[\u4e00-\u9fff×＊○]){1,3}$")
_NOTE = re.compile(r"^[（(][^。]{1,28}[）)]$")
_CAPTION = re.compile(r"作.{0,8}报告。?$")
_PART_MARK = re.compile(r"^第[一二三四五六七八九十]{1,2}部分")
_SPACED = re.compile(r"^(?:[\u4e00-\u9fff][\s\u3000]+)+[\u4e00-\u9fff]$")


@dataclass
class TitleBlock:
    """What the title block of a report holds; empty fields were not found."""

    title_lines: list[str] = field(default_factory=list)
    subtitle: str = ""
    date_line: str = ""
    byline: str = ""
    salutation: str = ""
    notes: list[str] = field(default_factory=list)
    captions: list[str] = field(default_factory=list)
    page_title: str = ""
    """A web page's own heading above the report's title (孙庙乡2025年政府工作报告 over
    政 府 工 作 报 告): not printed, but it names the unit and year."""
    """Photo captions between the title lines (``××作政府工作报告。``), left out."""

    @property
    def title(self) -> str:
        return "".join(self.title_lines)

    @property
    def lines_under_title(self) -> tuple[str, ...]:
        """Subtitle, date line, byline, notes and salutation: the lines printed under the title."""
        found = (self.subtitle, self.date_line, self.byline, *self.notes, self.salutation)
        return tuple(line for line in found if line)


def collapse_spaced(text: str) -> str:
    """``政 府 工 作 报 告`` → ``政府工作报告``: spacing is typography, not text."""
    return re.sub(r"[\s\u3000]+", "", text) if _SPACED.match(text) else text


def title_like(text: str) -> bool:
    """A short line without sentence punctuation that names a report or its issuer."""
    text = collapse_spaced(text)
    return (
        len(text) <= MAX_TITLE_CHARS
        and not any(ch in text for ch in "。，,；;：:！!？?")
        and split_heading_number(text) is None
        and not _PART_MARK.match(text)
        and bool(_GENRE_WORDS.search(text) or _ISSUER.search(text))
    )


def byline(text: str) -> re.Match[str] | None:
    """``浙江省省长 刘捷`` → a match with ``office`` and ``name``."""
    if len(text) > 36 or any(ch in text for ch in "。，；：！？"):
        return None
    return _BYLINE.match(text)


def read_title_block(texts: list[str], *, styled_title: bool = False) -> tuple[TitleBlock, int]:
    """The title block at the top of ``texts`` and how many lines it takes.

    ``styled_title`` says the first line has a Title style (Word), which makes it a title line
    whatever its wording.
    """
    block = TitleBlock()
    index = 0
    while index < len(texts):
        text = texts[index].strip()
        if not _take(block, text, first=index == 0 and styled_title):
            break
        index += 1
        if block.salutation:
            break
    if not (block.title_lines or block.salutation or block.byline or block.subtitle):
        return TitleBlock(), 0
    lines = block.title_lines
    bare = _key(lines[1]) if len(lines) >= 2 else ""
    # 孙庙乡2025年政府工作报告 over 政 府 工 作 报 告: the second names no year or place.
    if bare and bare in _key(lines[0]) and bare != _key(lines[0]) and not re.search(r"\d", bare):
        block.page_title = lines.pop(0)  # the web page's heading above the report's own title
    return block, index


def _key(text: str) -> str:
    return re.sub(r"[\s\u3000]", "", text)


def _take(block: TitleBlock, text: str, *, first: bool) -> bool:
    """Put ``text`` into the field it belongs to; False when it is not title block text."""
    if _SALUTATION.match(text):
        block.salutation = text
    elif _SUBTITLE.match(text) and not block.subtitle:
        block.subtitle = text
    elif block.subtitle and _OPEN_SUBTITLE.search(block.subtitle) and text.endswith(_MEETING_END):
        block.subtitle += text  # a subtitle broken over two paragraphs
    elif first or (
        title_like(text)
        and len(block.title_lines) < MAX_TITLE_LINES
        and not (block.subtitle or block.byline)
    ):
        block.title_lines.append(text)
    elif _DATE_LINE.match(text) and not block.date_line:
        block.date_line = text
    elif (byline(text) or (_NAME_ONLY.match(text) and block.title_lines)) and not block.byline:
        block.byline = text
    elif _NOTE.match(text):
        block.notes.append(text)
    elif len(text) <= 40 and _CAPTION.search(text) and not block.salutation:
        block.captions.append(text)
    else:
        return False
    return True
