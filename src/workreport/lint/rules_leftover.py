"""Text → leftovers and residue: redaction marks, placeholders, template syntax, web debris."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chars import SPACES, is_han
from .model import Doc, Hit, Rule
from .residue import find_residue

_REDACTION_RE = re.compile(
    r"\*{2,}|＊{2,}|(?<![A-Za-z])[XxＸｘ]{2,}(?![A-Za-z])|×{2,}|[○◯]{2,}|□{2,}|■{2,}|某某"
)
_PLACEHOLDER_RE = re.compile(
    r"【[ \u3000]*(?:待补充|待定|待核实|待核|待完善|待填写|待填|待确认|待更新"
    r"|此处|请填写|请补充|占位|TODO)[^】\n]*】"
    r"|[\[［][ \u3000]*(?:待补充|待定|待核实|待填写|请补充|TODO)[^\]］\n]*[\]］]"
    r"|[（(][ \u3000]*(?:待补充|待定|待核实|待填写|请补充)[^）)\n]*[）)]"
    r"|\b(?:TODO|TBD|FIXME)\b"
)
_TEMPLATE_RE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}|\{\{|\}\}|\{%|%\}|\$\{[^}\n]*\}")


def check_redaction(doc: Doc) -> Iterator[Hit]:
    for m in _REDACTION_RE.finditer(doc.text):
        yield Hit(m.start(), m.end(), f"残留的脱敏或占位符号“{m.group()}”")


def check_placeholder(doc: Doc) -> Iterator[Hit]:
    for m in _PLACEHOLDER_RE.finditer(doc.text):
        yield Hit(m.start(), m.end(), f"还有待补充的内容：“{m.group()}”")


def check_template(doc: Doc) -> Iterator[Hit]:
    for m in _TEMPLATE_RE.finditer(doc.text):
        yield Hit(m.start(), m.end(), f"残留的模板语法“{m.group()}”")


def check_web(doc: Doc) -> Iterator[Hit]:
    """Page chrome and pasted tables as one finding a block; single debris where it stands.

    Patterns come from residue_web.tsv (sources, datelines, photo credits), page_chrome.txt
    (buttons) and metadata_labels.txt (a disclosure table's labels); see :mod:`.residue`.
    """
    for r in find_residue(doc):
        if r.block:
            line, _ = doc.position(r.start)
            first = doc.lines[line - 1]
            end = r.start + len(first)
            yield Hit(
                r.start,
                max(end, r.start + 1),
                f"网页残留（{r.what}）：第{line}行起共{r.lines}行，从“{first.strip()[:12]}”开始",
                "整块删去这几行；其中的空格和符号不逐处报告，自动修正也不改动",
            )
        else:
            found = doc.text[r.start : r.end].strip()
            yield Hit(r.start, r.end, f"网页或报刊残留（{r.what}）：“{found}”")


_HEADING_RE = re.compile(
    r"^[ \u3000]*(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]"
    r"|\d+[.．、]|第[一二三四五六七八九十]+[章节部分条])"
)
_SENTENCE_MARK_RE = re.compile(r"[，。；,;]")
_PAGE_NUMBER_RE = re.compile(r"^[\s—\-－]*\d{1,3}[\s—\-－]*$")
"""A page number between two lines of a PDF copy (— 2 —, -2-): no break in the run."""
MIN_BROKEN_LINE = 40
"""Length from which a line without end mark reads as a broken paragraph, not a heading."""


def check_linebreak(doc: Doc) -> Iterator[Hit]:
    """A long paragraph that stops mid-sentence and goes on in the next paragraph (配 / 合区委…).

    Text copied from a PDF breaks every line so: a run of such lines is one cause and one
    finding, at its first line, like other residue.
    """
    lines = doc.lines
    broken: list[tuple[int, int, str, str]] = []  # (line index, offset of its end, body, next)
    for number, (start, line) in enumerate(doc.iter_lines()):
        body = line.rstrip(SPACES)
        if len(body) < MIN_BROKEN_LINE or not is_han(body[-1]) or _HEADING_RE.match(body):
            continue
        if not _SENTENCE_MARK_RE.search(body):
            continue
        following = next(
            (
                ln.lstrip(SPACES)
                for ln in lines[number + 1 :]
                if ln.strip() and not _PAGE_NUMBER_RE.match(ln)
            ),
            "",
        )
        if following and is_han(following[0]) and not _HEADING_RE.match(following):
            broken.append((number, start + len(body), body, following))
    runs: list[list[tuple[int, int, str, str]]] = []
    for item in broken:
        between = range(runs[-1][-1][0] + 1, item[0]) if runs else range(0)
        if runs and not any(
            lines[i].strip() and not _PAGE_NUMBER_RE.match(lines[i]) for i in between
        ):
            runs[-1].append(item)
        else:
            runs.append([item])
    for run in runs:
        number, end, body, following = run[0]
        message = f"段落在句中断开：“…{body[-6:]}”与下一段“{following[:6]}…”"
        if len(run) > 1:
            message += f"；从第{number + 1}行起连续{len(run)}行都这样断开"
        yield Hit(end - 1, end, message)


RULES = [
    Rule(
        id="leftover.redaction",
        category="残留",
        severity="error",
        summary="残留脱敏符号或占位符号",
        advice="把 ****、XX、××、○○、某某 换成实际内容，或删去",
        bad=("率先开放34****医疗机构", "牢牢守住**疫情防控“东大门”", "XX村", "××同志", "○○社区"),
        good=("增长3×2倍", "二〇二三年", "TEXT", "Xbox"),
        check=check_redaction,
    ),
    Rule(
        id="leftover.placeholder",
        category="残留",
        severity="error",
        summary="还有待补充的占位内容",
        advice="补上实际数据或文字后再定稿",
        bad=(
            "工业增加值【待补充：规模以上工业增加值】",
            "【待定】",
            "完成投资（待核实）亿元",
            "TODO",
        ),
        good=("【专栏】", "（一）坚决有力防疫情", "todos"),
        check=check_placeholder,
    ),
    Rule(
        id="leftover.template",
        category="残留",
        severity="error",
        summary="残留模板语法",
        advice="模板没有渲染完：检查模板与输入数据",
        bad=("实现{{ ind.gdp }}。", "{% if x %}", "金额${amount}元"),
        good=("实现400亿元。", "集合{1,2}"),
        check=check_template,
    ),
    Rule(
        id="residue.web",
        category="残留",
        severity="error",
        summary="网页、报刊转来的残留文字",
        advice="删去来源、编辑署名、发布时间、图片署名、网站按钮等文字（residue_web.tsv 可补充）",
        bad=(
            "2022-10-12 08:52:22 来源: 南方日报",
            "关注河南热线",
            "城央绿廊碧道风景美如画。 邱昱 摄",
            "文图 何榕 李雨溪 邱昱",
            "(●南方日报记者张俊黄林通讯员杨广恒)",
            "责任编辑：王某",
            "原标题：示例街道",
            "图/新华社",
            "全面推进乡村振兴。（记者 张三 通讯员 李四）",
            "（责任编辑：王五）",
            "第 2 页 共 12 页",
            "打印\n全屏\n收藏\n【字号：\n加大\n还原\n减小\n】",
        ),
        good=(
            "时间为2022年10月12日。",
            "关注群众急难愁盼问题",
            "点击量超过1万",
            "摄影作品展",
            "来源于群众",
            "详见第3页附表",
            "收藏了大量史料。\n打印机、复印机全部更新。",
        ),
        check=check_web,
    ),
    Rule(
        id="residue.linebreak",
        category="残留",
        severity="warning",
        summary="段落在句子中间断开",
        advice="从 PDF 或网页复制时断行了：把两段接成一段",
        bad=(
            "疫情叠加经济下行，示例街道在区委坚强领导下脚踏实地、埋头苦干，在经济空间上谋突破，积极暖企安商，配\n\n合区委建设好安全应急产业园区。",
        ),
        good=(
            "一、实施“党建引领强根基”工程，奋力在塑造基层特色党建品牌上闯新路树标杆\n始终毫不动摇坚持和加强党的全面领导。",
            "磅礴脉动\n\n示例街道深入学习宣传贯彻党的二十大精神。",
        ),
        check=check_linebreak,
    ),
]
