"""Text → findings on the kind and pairing of marks (GB/T 15834): half-width, full-width, pairs."""

from __future__ import annotations

import re
from collections.abc import Iterator

from .chars import SPACES, char_at, is_cjk, is_han, neighbour
from .model import Doc, Hit, Rule

HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）"}
_HALF_RE = re.compile(r"[,;:?!]")
_PAREN_RE = re.compile(r"[()]")
_SEE_THROUGH = SPACES + "*＊"

_FULLWIDTH_RE = re.compile(r"[０-９Ａ-Ｚａ-ｚ](?:[０-９Ａ-Ｚａ-ｚ．]*[０-９Ａ-Ｚａ-ｚ])?")
_TO_HALF = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF5B)}
_TO_HALF[ord("．")] = ord(".")


def _to_halfwidth(text: str) -> str:
    return text.translate(_TO_HALF)


def _in_chinese(text: str, i: int, skip: str = SPACES) -> bool:
    """Whether the nearest character on either side of ``i`` (past ``skip``) is Chinese."""
    return is_cjk(neighbour(text, i, -1, skip)) or is_cjk(neighbour(text, i, 1, skip))


def check_halfwidth(doc: Doc) -> Iterator[Hit]:
    """Half-width , ; : ? ! ( ) " ' next to Chinese text; never inside 3.45, 8:00 or 1,000."""
    text = doc.text
    for m in _HALF_RE.finditer(text):
        i = m.start()
        ch = text[i]
        if ch in ",:" and char_at(text, i - 1).isdigit() and char_at(text, i + 1).isdigit():
            continue
        # Redaction stars (**,****) and bold marks stand in for Chinese text around a mark.
        if _in_chinese(text, i, _SEE_THROUGH):
            full = HALF_TO_FULL[ch]
            yield Hit(i, i + 1, f"中文语境中使用了半角“{ch}”", f"改为全角“{full}”", full)
    for start, line in doc.iter_lines():
        if "(" in line or ")" in line:
            yield from _halfwidth_parens(start, line)
        if '"' in line or "'" in line:
            yield from _halfwidth_quotes(start, line)


def _halfwidth_parens(start: int, line: str) -> Iterator[Hit]:
    stack: list[int] = []
    marks: list[tuple[int, bool]] = []  # (index, in Chinese context)
    for m in _PAREN_RE.finditer(line):
        i = m.start()
        if line[i] == "(":
            stack.append(i)
            continue
        if stack:
            o = stack.pop()
            inner = line[o + 1 : i]
            chinese = (
                any(is_han(c) for c in inner)
                or is_cjk(neighbour(line, o, -1))
                or is_cjk(neighbour(line, i, 1))
            )  # a pair is Chinese by its content or by what stands outside it
            marks += [(o, chinese), (i, chinese)]
        else:
            marks.append((i, _in_chinese(line, i)))
    marks += [(o, _in_chinese(line, o)) for o in stack]
    for i, chinese in sorted(marks):
        if chinese:
            full = HALF_TO_FULL[line[i]]
            yield Hit(
                start + i,
                start + i + 1,
                f"中文语境中使用了半角“{line[i]}”",
                f"改为全角“{full}”",
                full,
            )


def _halfwidth_quotes(start: int, line: str) -> Iterator[Hit]:
    for mark, (left, right) in (('"', ("“", "”")), ("'", ("‘", "’"))):
        spots = [i for i, c in enumerate(line) if c == mark]
        if mark == "'":
            # An apostrophe inside Latin words (it's) is not a quotation mark.
            spots = [i for i in spots if _in_chinese(line, i)]
        elif not any(_in_chinese(line, i) for i in spots):
            continue
        for n, i in enumerate(spots):
            full = left if n % 2 == 0 else right
            yield Hit(
                start + i, start + i + 1, f"中文语境中使用了半角引号“{mark}”", f"改为“{full}”", full
            )


def check_fullwidth_alnum(doc: Doc) -> Iterator[Hit]:
    for m in _FULLWIDTH_RE.finditer(doc.text):
        yield Hit(
            m.start(),
            m.end(),
            f"全角数字或字母“{m.group()}”",
            f"改为半角“{_to_halfwidth(m.group())}”",
        )


OPENERS = {
    "“": "”",
    "‘": "’",
    "《": "》",
    "（": "）",
    "【": "】",
    "(": ")",
    "〈": "〉",
    "「": "」",
    "『": "』",
}
CLOSERS = {close: open_ for open_, close in OPENERS.items()}
_SAME_FAMILY = {"(": "（", "（": "（", ")": "）", "）": "）"}
_PAIR_RE = re.compile("[" + re.escape("".join(OPENERS) + "".join(CLOSERS)) + "]")


def _opens(open_mark: str, close_mark: str) -> bool:
    return _SAME_FAMILY.get(OPENERS[open_mark], OPENERS[open_mark]) == _SAME_FAMILY.get(
        close_mark, close_mark
    )


def _next_quote(line: str, index: int, closing: str) -> str:
    """The next quotation mark of ``closing``'s kind after ``index`` ("" when none)."""
    pair = CLOSERS[closing] + closing
    return next((c for c in line[index + 1 :] if c in pair), "")


def check_pairs(doc: Doc) -> Iterator[Hit]:
    """Unbalanced or mismatched “” ‘’ 《》 （） 【】 in each paragraph (line)."""
    lines = doc.lines
    for number, (start, line) in enumerate(doc.iter_lines()):
        if not _PAIR_RE.search(line):
            continue
        stack: list[tuple[str, int]] = []
        for m in _PAIR_RE.finditer(line):
            i, ch = m.start(), m.group()
            if ch in OPENERS:
                if ch in "“‘" and stack and stack[-1][0] == ch:
                    # “…“ : an opening mark while the same one is open is a closing one typed wrong.
                    stack.pop()
                    yield Hit(
                        start + i,
                        start + i + 1,
                        f"后引号误写成了前引号（{ch}）",
                        f"改为后引号（{OPENERS[ch]}）",
                        OPENERS[ch],
                    )
                    continue
                stack.append((ch, i))
            elif stack and _opens(stack[-1][0], ch):
                stack.pop()
            elif any(_opens(s[0], ch) for s in stack):
                # “…‘…” : the marks opened inside the matching one were never closed.
                while not _opens(stack[-1][0], ch):
                    o, j = stack.pop()
                    yield Hit(
                        start + j,
                        start + j + 1,
                        f"符号（{o}）缺少后半个",
                        f"补上（{OPENERS[o]}）或删去",
                    )
                stack.pop()
            elif stack and ch in "”’" and stack[-1][0] in "“‘":
                # “…’ : the closing mark belongs to the other kind of quote.
                want = OPENERS[stack.pop()[0]]
                yield Hit(
                    start + i,
                    start + i + 1,
                    f"引号不配对：前引号与后引号（{ch}）不是一类",
                    f"改为（{want}）",
                    want,
                )
            elif ch in "”’":
                if ch == "’" and (
                    char_at(line, i - 1).isalpha() and not is_han(char_at(line, i - 1))
                ):
                    continue  # an apostrophe in Latin text
                if _next_quote(line, i, ch) == ch:
                    # ”…” : the first closing mark opens the quotation.
                    stack.append((CLOSERS[ch], i))
                    yield Hit(
                        start + i,
                        start + i + 1,
                        f"前引号误写成了后引号（{ch}）",
                        f"改为前引号（{CLOSERS[ch]}）",
                        CLOSERS[ch],
                    )
                else:
                    yield Hit(
                        start + i, start + i + 1, f"多余的后引号（{ch}）", "补上对应的前引号或删去"
                    )
            else:
                yield Hit(
                    start + i,
                    start + i + 1,
                    f"符号（{ch}）缺少前半个",
                    f"补上（{CLOSERS[ch]}）或删去",
                )
        if stack:
            following = next(
                (lines[j] for j in range(number + 1, len(lines)) if lines[j].strip()), ""
            )
            for ch, i in stack:
                if ch == "“" and following.lstrip(SPACES).startswith("“"):
                    continue  # a quotation over paragraphs opens each and closes only the last
                yield Hit(
                    start + i,
                    start + i + 1,
                    f"符号（{ch}）缺少后半个",
                    f"补上（{OPENERS[ch]}）或删去",
                )


RULES = [
    Rule(
        id="punct.halfwidth",
        category="标点",
        severity="error",
        summary="中文语境中使用了半角标点",
        advice="中文里的逗号、分号、冒号、问号、叹号、括号、引号一律用全角",
        bad=(
            "推动高质量发展,实现新突破。",
            "镇(街)第一",
            '打造"示范样板"。',
            "要求是:坚持稳中求进",
        ),
        good=(
            "增长3.45%，时间为8:00。",
            "In English, (really) fine; ok?",
            "共1,000人。",
            "打造“示范样板”。",
        ),
        check=check_halfwidth,
        fixable=True,
    ),
    Rule(
        id="punct.fullwidth-alnum",
        category="标点",
        severity="error",
        summary="使用了全角数字或字母",
        advice="数字和拉丁字母一律用半角：１２３→123，ＡＢＣ→ABC",
        bad=("新增１２３家企业。", "ＡＰＰ上线"),
        good=("新增123家企业。", "APP上线，增长3.45%。"),
        check=check_fullwidth_alnum,
        fix=_to_halfwidth,
    ),
    Rule(
        id="punct.pairs",
        category="标点",
        severity="error",
        summary="引号、括号、书名号不配对",
        advice="“”‘’《》（）【】须成对使用，前后方向不能写反",
        bad=(
            "实施“城乡绿化美化工程“和古树名木保护工程",
            "优化“1+3+N’机制",
            "印发《实施方案。",
            "”一网通办”",
        ),
        good=("他说：“这是‘粤平安’平台。”", "印发《实施方案》（试行）。", "It’s fine."),
        check=check_pairs,
        fixable=True,
    ),
]
