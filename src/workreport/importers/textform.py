"""Copied report text → its paragraphs: page chrome dropped, broken lines joined.

Reports reach users as text copied from a web page (menus, 字号 buttons, 来源/时间 lines, share
links, photo credits and metadata tables around the report; a heading number alone on its line;
lines broken mid-sentence where the page had a subscript or a link) or from a PDF (hard-wrapped
lines, page numbers and running heads between pages). A paragraph ends with sentence
punctuation, not with a line end: lines are joined until one ends a sentence, unless the next
line starts a heading. Everything dropped is returned with the reason, so the command can list
it: nothing of the report disappears silently.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .frontmatter import title_like
from .prose import split_heading_number
from .texttable import report_tables

_CHROME_WORD = re.compile(
    r"^(?:"
    r"下载|打印|全屏|收藏|加大|还原|减小|大|中|小|】|【|\||>|»|×|首页|分享|分享到|分享到微信|分享到微博|打印本页|"
    r"关闭窗口|关闭|返回顶部|返回|扫一扫|字号|字体|默认|背景色|上一篇|下一篇|【打印本页】|【关闭窗口】|【打印】|【关闭】|【字号：】|"
    r"【字体：】|微信|微博|QQ空间|【字号：|【字体：|字号：|字体：|您的位置:|您的位置：|当前位置:|当前位置：|视力保护色"
    r")$"
)
_CHROME_START = re.compile(
    r"^(?:来源|信息来源|稿源|时间|发布时间|发布日期|更新时间|作者|编辑|责任编辑|责编|审核|"
    r"浏览次数|访问次数|点击数|阅读数|索引号|发文字号|文号|发文机关|发布机构|主题分类|"
    r"主题词|成文日期|有效性|分类|所属机构|扫一扫|分享到|您的位置|当前位置|公开方式|公开范围|"
    r"组配分类|体裁分类|发文日期|文件编号|生成日期|公开日期|公开目录|查阅|浏览|分享|阅读次数|"
    r"阅读量|点击|日期|发布者|上一篇|下一篇)\s*[：:]"
)
_CRUMB = re.compile(r"^(?:首页|主页)\s*[>›»＞]|^[>›»＞]\s*\S")
_CHROME_PHRASE = re.compile(r"扫一扫|打印本页|关闭窗口|分享到|字号[：:]|【字体|点击图片进入专题")
_DATETIME = re.compile(r"^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?$")
_PHOTO = re.compile(r"(?:记者|摄影|通讯员|图[：:]|供图|\s)\S{0,12}\s*摄$|（?图片来源[：:].*）?$")
_RELATED = re.compile(r"^(?:相关报道|相关文档|相关链接|相关阅读|延伸阅读|相关新闻|推荐阅读)[：:]?$")
_BUTTONS = re.compile(
    r"^(?:[【\[][^】\]]{0,3}(?:打印|关闭|收藏|纠错|分享|返回|顶部|字号|字体|大|中|小)[^】\]]{0,3}[】\]]\s*)+$"
)
_PAGE_NUMBER = re.compile(
    r"^[-—－–\s]*\d{1,3}[-—－–\s]*$|^第\s*\d+\s*页(?:\s*[/，,]?\s*共\s*\d+\s*页)?$"
    r"|^\d{1,3}\s*/\s*\d{1,3}$"
)
_NUMBER_ALONE = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]*[）)]?|\d{1,2}[.．、])$"
)
_BULLET = re.compile(r"^[•·●▪■◆\-－]\s*")
_SENTENCE = re.compile(r"[。，；！？]")
_METADATA_KEY = re.compile(
    r"索引号|发文字号|文号|发布机构|主题分类|体裁分类|组配分类|成文日期|发布日期|公开日期|生成日期|"
    r"公开方式|公开范围|公开目录|有效性|文件名称|信息来源|公开责任部门"
)
_NOTICE = re.compile(r"关于印发.{2,40}的通知$")
_NOTICE_END = re.compile(r"^[（(]?\d{4}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日[）)]?$")
_NOTICE_NOTE = re.compile(r"^[（(][^。]{1,12}[）)]$")
MAX_NOTICE_LINES = 15
_TERMINAL = "。！？；：!?;:…"
_CLOSERS = "”’）)》」』】"
_CONTINUATION_START = "，。、；：！？）)”’》」』%％"
_OPEN_SUBTITLE = re.compile(r"^(?:——|—|[（(])|^\d{4}年\d{1,2}月\d{1,2}日在")
MAX_TAIL_LINES = 40
"""Related links fill a page's last lines; a 相关报道 line further up is not the page's end."""
MIN_RUNNING_HEADS = 2
_MEETING_END = re.compile(r"会议上(?:的[\u4e00-\u9fff]{2,6})?[）)]?$")
_TITLE_FOLLOWER = re.compile(r"^(?:——|—|[（(]?\d{4}\s*年\s*\d{1,2}\s*月|各位|同志们)")
_UNIT_START = set("亿万元个家项名人次所座条户件场批台辆只套宗吨亩米公平%％‰倍")
_APPENDIX_LABEL = re.compile(r"^附件\s*\d+$")
MIN_WRAPPED = 35
MIN_WRAP_SAMPLE = 15
MIN_WRAP_LINES = 6
WRAP_SLACK = 3
"""A wrapped line may fall this many characters short of the page width (a word that did not
fit, half-width digits)."""
"""So many lines of one length make a page width; fewer may be chance."""
"""Lines shorter than this say nothing about the page width (headings, last lines)."""
"""An unpunctuated line this long is a wrapped line of a paragraph, not a heading."""


@dataclass(frozen=True)
class Line:
    """A line or joined paragraph of the source, with the line it started on."""

    text: str
    line: int
    indented: bool = False
    cells: tuple[tuple[str, ...], ...] | None = None
    """A table of the report (see :mod:`.texttable`): its rows, the header first."""


@dataclass(frozen=True)
class Dropped:
    """A line left out of the report, and why."""

    text: str
    line: int
    reason: str


def is_chrome(text: str) -> str | None:
    """Why ``text`` is web page furniture rather than report text, or None."""
    bare = _BULLET.sub("", text.strip())
    if _CRUMB.match(bare):
        return "网页栏目"
    if _CHROME_START.match(re.sub(r"[ \t\u3000]", "", bare)):
        return "网页信息栏"
    if _is_table_row(bare):
        return "网页信息栏" if _METADATA_KEY.search(bare) else "网页栏目"
    if bare.count(">") + bare.count("›") + bare.count("»") >= 2 and not _SENTENCE.search(bare):
        return "网页栏目"
    if all(_CHROME_WORD.match(word) for word in bare.split()) or _BUTTONS.match(bare):
        return "网页栏目"
    if _CHROME_START.match(bare):
        return "网页信息栏"
    if _DATETIME.match(bare):
        return "网页发布时间"
    if len(bare) <= 80 and _PHOTO.search(bare) and not bare.endswith(("。摄", "拍摄")):
        return "图片说明"
    if len(bare) <= 40 and _CHROME_PHRASE.search(bare):
        return "网页栏目"
    return None


_DIGIT_GAP = re.compile(
    r"(?<=[\u4e00-\u9fff“”（）《》、，。；：])[ \t]+(?=[\dA-Za-z])"
    r"|(?<=[\dA-Za-z%‰])[ \t]+(?=[\u4e00-\u9fff“”（）《》、，。；：])"
)
_SPACED_FIGURE = re.compile(r"\d[ \t]+[年月日万亿个家项名人%]")
MIN_SPACED_FIGURES = 3


def _bare_page_numbers(raw: list[tuple[int, str]]) -> bool:
    """Whether lines holding only a number are page numbers: two or more, counting up. A lone
    number on its own line is otherwise a figure a web page put in a span of its own."""
    numbers = [int(text.strip()) for _, text in raw if text.strip().isdigit()]
    return len(numbers) >= MIN_PAGE_NUMBERS and numbers == sorted(numbers)


MIN_PAGE_NUMBERS = 2


def _spaced_digits(raw: list[tuple[int, str]]) -> bool:
    """Whether the text puts spaces between digits and Chinese (``2026 年``, ``6 万亿元``), as
    text copied out of a PDF does; those spaces are layout, not text."""
    count = 0
    for _, text in raw:
        count += len(_SPACED_FIGURE.findall(text))
        if count >= MIN_SPACED_FIGURES:
            return True
    return False


def _is_table_row(text: str) -> bool:
    """A row of a table copied as text: cells between ``|`` marks, no sentences in them."""
    return text.count("|") >= 2 and not _SENTENCE.search(text)


def table_cells(text: str) -> list[str]:
    """The non-empty cells of a ``a | b | c`` row, without the ``[ ]`` around labels."""
    return [c.strip().strip("[]").strip() for c in text.split("|") if c.strip().strip("[]").strip()]


def _drop_notice(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """A 关于印发……的通知 wrapped around the report: from its heading to its date (and a
    bracketed note such as （此件公开发布）) it is the notice, not the report."""
    for start, line in enumerate(lines[:MAX_NOTICE_LINES]):
        if not _NOTICE.search(line.text):
            continue
        for end in range(start + 1, min(len(lines), start + MAX_NOTICE_LINES)):
            if _NOTICE_END.match(lines[end].text):
                if end + 1 < len(lines) and _NOTICE_NOTE.match(lines[end + 1].text):
                    end += 1
                dropped.extend(Dropped(x.text, x.line, "印发通知") for x in lines[start : end + 1])
                return lines[:start] + lines[end + 1 :]
        return lines
    return lines


def shape(raw: list[tuple[int, str]]) -> tuple[list[Line], list[Dropped]]:
    """Numbered raw lines → paragraphs and the lines dropped from them."""
    dropped: list[Dropped] = []
    lines: list[Line] = []
    tail = False
    raw = _join_preview_pages(raw, dropped)
    spaced = _spaced_digits(raw)
    numbered_pages = _bare_page_numbers(raw)
    tables = report_tables(raw, _METADATA_KEY)
    skip = 0
    for index, (number, text) in enumerate(raw):
        if index < skip:
            continue
        if index in tables:
            table = tables[index]
            flat = "".join("".join(row) for row in table.rows)
            lines.append(Line(flat, number, cells=table.rows))
            skip = table.end
            continue
        stripped = text.strip().strip("\u3000").strip()
        if spaced:
            stripped = _DIGIT_GAP.sub("", stripped)
        if not stripped:
            continue
        if tail:
            dropped.append(Dropped(stripped, number, "网页末尾的相关链接"))
            continue
        if _RELATED.match(stripped) and len(raw) - index <= max(MAX_TAIL_LINES, len(raw) // 5):
            tail = True
            dropped.append(Dropped(stripped, number, "网页末尾的相关链接"))
            continue
        reason = is_chrome(stripped)
        bare = stripped.isdigit()
        if reason is None and _PAGE_NUMBER.match(stripped) and (not bare or numbered_pages):
            reason = "页码"
        if reason:
            dropped.append(Dropped(stripped, number, reason))
            continue
        if stripped.endswith("|") and stripped.count("|") == 1:
            stripped = stripped[:-1].rstrip()  # a title copied out of a table cell
        indented = text[:1] in " \t\u3000"
        pieces = split_joined(stripped)
        if len(stripped) >= MIN_GLUED:
            glued = [part for piece in pieces for part in split_glued(piece)]
            pieces = [part for piece in glued for part in split_joined(piece)]
        lines.extend(Line(piece, number, indented) for piece in pieces)
    lines = _drop_running_heads(_drop_notice(lines, dropped), dropped)
    return _join(lines), dropped


_GAP = re.compile(r"[ \t\u3000]+")


def split_joined(text: str) -> list[str]:
    """Paragraphs a page joined with spaces: a break after a sentence end (``。 （一）……``)
    or after a numbered heading (``一、2023年工作回顾 2023年是……``)."""
    pieces: list[str] = []
    start = 0
    for gap in _GAP.finditer(text):
        before, after = text[start : gap.start()], text[gap.end() :]
        if not before or not after or not _has_han(after[:8]):
            continue
        heading = split_heading_number(before) is not None and _heading_text(before)
        if (
            before[-1] in "。！？；"
            or (before[-1] in _CLOSERS and before[-2:-1] in "。！？")
            or heading
        ):
            pieces.append(before)
            start = gap.end()
    pieces.append(text[start:])
    return pieces


MIN_GLUED = 200
"""A line this long may be a page whose line breaks were lost: headings are split out of it."""
_GLUED_SALUTATION = re.compile(r"(?<=[^。，；：,;:]{4})(?=(?:各位代表|同志们)[^。]{0,12}[：:])")
_AFTER_SALUTATION = re.compile(r"^((?:各位代表|同志们)[^。]{0,12}[：:])")
_GLUED_HEADING = re.compile(
    r"(?<=[。！？])(?=[一二三四五六七八九十]{1,2}、|[（(][一二三四五六七八九十]{1,2}[）)])"
)
_GLUED_PART = re.compile(
    r"^([一二三四五六七八九十]{1,2}、[^。，；]{2,28}?(?:工作|回顾|情况|总结|计划|安排|谋划|打算|"
    r"思路|要点|成效|任务))(?=\d{4}年|今年|过去|一年来|[“\u4e00-\u9fff]{2}[，,])"
)


_PAGE_PREFIX = re.compile(r"^(\d{1,3})、(?:-[^-\s]{2,12}-\s*)?")
MIN_PREVIEW_PAGE = 300
"""A document site's preview pages are this long; numbered lines this long are such pages."""


def _join_preview_pages(
    raw: list[tuple[int, str]], dropped: list[Dropped]
) -> list[tuple[int, str]]:
    """A document site's preview: every line a page numbered 1、 2、 3、 (the first with the
    site's tag), cutting words in two. The numbers and tag go; the pages are one text."""
    lines = [(n, t.strip()) for n, t in raw if t.strip()]
    if len(lines) < 2:
        return raw
    for index, (_, text) in enumerate(lines, start=1):
        match = _PAGE_PREFIX.match(text)
        if match is None or int(match.group(1)) != index:
            return raw
        if index < len(lines) and len(text) < MIN_PREVIEW_PAGE:
            return raw
    joined = ""
    for number, text in lines:
        match = _PAGE_PREFIX.match(text)
        assert match is not None
        dropped.append(Dropped(match.group(0).strip(), number, "文档网站的分页序号"))
        joined += text[match.end() :]
    return [(lines[0][0], joined)]


_GLUED_TITLE = re.compile(
    r"^([^，。；：,;:]{4,40}?(?:总结|报告|计划|要点|安排|思路))"
    r"(?=一年来|今年以来|过去一年|近年来|\d{4}年[，,是以]|[\u4e00-\u9fff]{2,8}[，,])"
)


def split_glued(text: str) -> list[str]:
    """A page whose line breaks were lost: the title, 各位代表：, and each 一、 or （一）
    heading after a sentence end go on lines of their own; a part heading glued to its first
    sentence (``一、2022年主要工作2022年以来，……``) is cut off it."""
    pieces: list[str] = []
    title = _GLUED_TITLE.match(text)
    if title and title_like(title.group(1)):
        pieces.append(title.group(1))
        text = text[title.end() :]
    head, _, rest = _cut_at(_GLUED_SALUTATION, text)
    if rest and len(head) <= MAX_GLUED_TITLE:
        pieces.append(head)
        text = rest
        salutation = _AFTER_SALUTATION.match(text)
        if salutation:
            pieces.append(salutation.group(1))
            text = text[salutation.end() :]
    for part in _GLUED_HEADING.split(text):
        heading = _GLUED_PART.match(part)
        if heading and len(part) > heading.end():
            pieces += [heading.group(1), part[heading.end() :]]
        elif part:
            pieces.append(part)
    return pieces


MAX_GLUED_TITLE = 50


def _cut_at(pattern: re.Pattern[str], text: str) -> tuple[str, str, str]:
    match = pattern.search(text)
    if match is None:
        return text, "", ""
    return text[: match.start()], "", text[match.start() :]


def _heading_text(text: str) -> bool:
    return len(text) <= MIN_WRAPPED and not _SENTENCE.search(text)


def _drop_running_heads(lines: list[Line], dropped: list[Dropped]) -> list[Line]:
    """A short unpunctuated line repeated on two or more pages is a running head; the one
    followed by a subtitle, date line or salutation is the report's title and stays."""
    counts = Counter(line.text for line in lines if line.cells is None)
    heads = {
        text
        for text, n in counts.items()
        if n >= MIN_RUNNING_HEADS
        and len(text) <= 30
        and text[-1:] not in _TERMINAL + _CLOSERS
        and split_heading_number(text) is None
    }
    if not heads:
        return lines
    kept: list[Line] = []
    for index, line in enumerate(lines):
        following = lines[index + 1].text if index + 1 < len(lines) else ""
        if line.text in heads and not _TITLE_FOLLOWER.match(following):
            dropped.append(Dropped(line.text, line.line, "页眉"))
            continue
        kept.append(line)
    return kept


def _wrap_width(lines: list[Line]) -> int:
    """The length an unpunctuated line must reach to be a wrapped line: the page's line
    length when most long lines share it (a PDF copy), else :data:`MIN_WRAPPED`."""
    lengths = Counter(
        len(line.text) for line in lines if len(line.text) >= MIN_WRAP_SAMPLE and not line.cells
    )
    total = sum(lengths.values())
    if not total:
        return MIN_WRAPPED
    near = {width: sum(n for w, n in lengths.items() if abs(w - width) <= 2) for width in lengths}
    width, count = max(near.items(), key=lambda item: (item[1], item[0]))
    if count * 3 < total or count < MIN_WRAP_LINES:
        return MIN_WRAPPED
    return min(MIN_WRAPPED, width - WRAP_SLACK)


def _join(lines: list[Line]) -> list[Line]:
    """Join lines into paragraphs by sentence punctuation."""
    paragraphs: list[Line] = []
    pending: Line | None = None
    wrapped = _wrap_width(lines)
    joined = False
    for line in lines:
        if pending is not None and (pending.cells or line.cells):
            paragraphs.append(pending)
            pending = None
        if pending is not None:
            # A heading wraps once at most: after that its line is complete.
            width = 0 if joined and split_heading_number(pending.text) else wrapped
            if _NUMBER_ALONE.match(pending.text) or _continues(pending.text, line.text, width):
                joined = not _NUMBER_ALONE.match(pending.text)
                pending = Line(pending.text + line.text, pending.line, pending.indented)
                continue
            paragraphs.append(pending)
        pending = line
        joined = False
    if pending is not None:
        paragraphs.append(pending)
    return paragraphs


def _continues(text: str, following: str, wrapped: int = 0) -> bool:
    """Whether ``following`` continues the sentence ``text`` left open."""
    if _delimited(text) or _delimited(following):
        return False  # rows of a spreadsheet saved as text stay rows
    if following[:1] in _CONTINUATION_START:
        return True
    if text[-1:] in _TERMINAL or (text[-1:] in _CLOSERS and text[-2:-1] in _TERMINAL):
        return False
    if split_heading_number(following) is not None or _MEETING_END.search(text):
        return False
    if _OPEN_SUBTITLE.match(text) and _MEETING_END.search(following) and len(text) < 60:
        return True  # a subtitle ——……在……会议上 broken over two lines
    if not _has_han(text) or not _has_han(following):
        return True
    if title_like(text):
        return False  # a title line names a report and has no punctuation: it is never wrapped
    if text[-1:].isdigit() and following[:1] in _UNIT_START and not _APPENDIX_LABEL.match(text):
        return True  # a figure's unit on the next line: the figure did not end a paragraph
    if split_heading_number(text) is not None and _short_open(text):
        return bool(wrapped) and wrapped < MIN_WRAPPED and len(text) >= wrapped
    inner = text[:-1]
    # A line that breaks off after a comma is a sentence cut by the line end; headings
    # without a number and title lines carry no such mark.
    return len(text) >= (wrapped or MIN_WRAPPED) or any(mark in inner for mark in "。；;，,")


def _delimited(text: str) -> bool:
    """A row of comma- or tab-separated values, not a sentence: short cells, one a number."""
    cells = re.split(r"[,\t]", text)
    if len(cells) < 3 or any(m in text for m in "，。"):
        return False
    return all(len(c.strip()) <= MAX_CELL for c in cells) and any(
        re.fullmatch(r"[\d.%\s-]+", c.strip()) for c in cells
    )


MAX_CELL = 12


def _short_open(text: str) -> bool:
    """A heading-like line: short, no full stop inside."""
    return len(text) <= MIN_WRAPPED + 25 and "。" not in text.rstrip("。")


def _has_han(text: str) -> bool:
    return any("\u4e00" <= ch <= "\u9fff" for ch in text)


_PART_LINE = re.compile(r"^[^。，；：！？,;:!?（）()]{4,40}$")
_PART_MARK = re.compile(r"^第[一二三四五六七八九十]{1,2}部分")
_PART_WORDS = re.compile(r"回顾|成就|情况|总结|目标|任务|计划|安排|谋划|打算|思路|重点工作")
_PART_TIME = re.compile(r"\d{4}年|十[一二三四五六七八九]五|上半年|下半年")
MIN_UNNUMBERED_PARTS = 2


def unnumbered_parts(texts: list[str]) -> set[str]:
    """Part headings printed without a number above numbered 一、 sections:
    ``“十四五”时期发展成就和2025年工作回顾`` … ``“十五五”时期主要目标和2026年重点工作``, or
    ``第一部分 主要工作完成情况`` … ``第二部分 2024年工作打算``.

    Only when two or more such lines (short, unpunctuated, naming a period and a part) stand
    among the paragraphs and the first comes before the first 一、 heading; otherwise none.
    """
    found = [
        (index, text)
        for index, text in enumerate(texts)
        if _PART_LINE.match(text)
        and (_PART_MARK.match(text) or (_PART_WORDS.search(text) and _PART_TIME.search(text)))
        and split_heading_number(text) is None
        and not title_like_report(text)
    ]
    if len(found) < MIN_UNNUMBERED_PARTS:
        return set()
    first_numbered = next(
        (i for i, t in enumerate(texts) if (split_heading_number(t) or (0,))[0] == 1), len(texts)
    )
    return {text for _, text in found} if found[0][0] < first_numbered else set()


def title_like_report(text: str) -> bool:
    """A report's own title (…工作总结, …政府工作报告) rather than a part's heading."""
    return text.endswith(("报告", "总结和计划")) or "工作总结和" in text or "工作总结及" in text
