"""Text → misspellings found by the lexicon: a non-word one look-alike or homophone from a word.

A typist with an input method picks a wrong homophone (精亦求精, 坚持不泄) or misreads a
look-alike (有的放失); the result is a string that is no word of jieba's dictionary nor an idiom,
one character away from a frequent word or an idiom. Being one character away is common (any
two adjacent characters are close to something), so a correction is proposed only on strong
evidence:

- the changed character sounds like the intended one (same usual reading, tone included) or
  looks like it (``data/near_forms.txt``), is common, and is no number or 的/地/得; outside
  an idiom, a function character (在, 和) counts only as a look-alike (人/入), since
  choosing between it and a homophone (在/再) is grammar;
- in a string of two or three characters it forms no common two-character word with either
  neighbour (a slip seldom does; when it makes a rare one, 遇合 in 领遇合作, only the
  two-character string on its other side is looked at); four characters are looked at
  wherever a four-character word or idiom may stand;
- the clause reads far more likely with the correction: the log-probability of jieba's best
  segmentation of the surrounding characters, over the same dictionary, rises by ``MIN_GAIN``;
- the string is used only once as a unit (a string used twice, not glued to a neighbouring
  word, is a term of the document);
- a two-character string is too short to judge from frequencies alone (abbreviations and
  names such as 设区, 固防, 智汇 are one character from common words): it is reported only when
  the corrected text also matches a longer dictionary entry (贯切落实 → 贯彻落实), or the text
  itself uses the corrected word in the same surroundings elsewhere (溶合发展 / 融合发展), or
  the word is one of the text's key words and the gain is wide, or on the evidence of the
  pair itself (:func:`_pair_evidence`: the two characters stand together in no dictionary
  word, the text uses the corrected word elsewhere, the string sits among words, and the
  changed character is no province's short name nor a character brand names pun with);
  never inside quotation marks or 《》, where names and slogans are coined on purpose. A
  dictionary word may itself be the slip when it is rare and a homophone ``MIN_RATIO`` times
  as common is confirmed (溶合).
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator
from dataclasses import dataclass

from .lexicon import FUNCTION_CHAR_FREQ, Lexicon, load
from .model import Doc, Hit, Rule

_HAN_RUN_RE = re.compile(r"[\u4e00-\u9fff]{2,}")
_QUOTED_RE = re.compile(r"“[^”\n]{1,40}”|《[^》\n]{1,60}》|「[^」\n]{1,40}」")
CONTEXT = 6
"""Characters of context taken on each side of a suspect string when comparing readings."""
MIN_GAIN = 8.0
"""Natural-log gain in probability a correction must bring to its clause (about 3 000 times)."""
MIN_WRONG_FREQ = 500
"""A wrong character rarer than this is no input-method slip (龚 for 公 is a name, not a typo)."""
MAX_RARE_FREQ = 50
"""A dictionary word this rare may still be a slip for a homophone ``MIN_RATIO`` times as common."""
MIN_RATIO = 50
MIN_DOC_USES = 2
"""How often the text must use a corrected homophone in the same surroundings to confirm it:
once may be a pun (装备智造 beside 装备制造); a look-alike is no pun, once is enough."""
KEYWORD_USES = 20
KEYWORD_GAIN = 10.0
"""A two-character slip for a word the text uses ``KEYWORD_USES`` times is reported without
other confirmation when its gain reaches this: names built on a frequent word's sound
(a company 中芯 in a text full of 中心) score lower."""
MIN_RARE_GAIN = math.log(MIN_RATIO)
"""The gain a rare word's correction must bring: at least its frequency ratio."""
PAIR_GAIN = 6.0
"""Gain a two-character slip confirmed only by its own pair (:func:`_pair_evidence`) needs."""
JOIN_FREQ = 300
"""A two-character word rarer than this (jieba count) that a character makes with its
neighbour does not keep the character from being looked at: 遇合 in 领遇合作, 同归 in 协同归划
are slips that happen to make a rare word."""
COMMON_FREQ = 2_000
"""A corrected word this common (jieba count: 发展, 农业, 事项) needs no use elsewhere in the
text when the string sits between words on both sides, in a run of more than ``SHORT_RUN``
characters, and the gain is the full ``MIN_GAIN``: short texts use few words twice."""
SHORT_RUN = 4
"""A string alone between enumeration commas (赵口、陆浑、渠村; 民航集团、贵旅集团) is an item of
a list of names far more often than a slip."""
NEGATIONS = frozenset("不未没")
"""A negation and the next character make a phrase, not a word (不提, 未建, 没用): the pair
stands in no dictionary word and proves nothing."""
NEIGHBOUR_GAIN = 4.0
"""Gain enough when the text also uses the correction beside the same neighbouring character."""
INNER_PAIR_RATIO = 100
"""Two characters that stand together inside longer dictionary words at least this many times
less often than the corrected word occurs are treated as standing together nowhere."""
PROVINCES = frozenset("京津沪渝冀晋蒙辽吉黑苏浙皖闽赣鲁豫鄂湘粤桂琼川蜀黔贵滇藏陕秦甘陇宁")
"""Short names of provincial-level divisions (GB/T 2260), the first syllable of countless
names and slogans (津融, 浙里办, 渝快办, 贵旅集团) that sound like a common word."""
PUN_CHARS = frozenset("智芯汇惠慧融鑫赢悦享创数链云")
"""Characters brand names and slogans put in place of a homophone on purpose (装备智造,
中芯, 智汇, 惠企): a homophone slip to one of them is taken for a pun."""
NUMERALS = frozenset("〇零一二三四五六七八九十百千万亿两")
"""Numbers build abbreviations (三资, 一企一策, 亿斤) that are one character from many words."""
GRAMMAR_CHARS = frozenset("的地得")
"""Choosing among them is a matter of grammar, not of spelling."""


@dataclass(frozen=True)
class Suspect:
    """One proposed correction: ``text[start:end]`` (``wrong``) should read ``right``."""

    start: int
    end: int
    wrong: str
    right: str
    how: str
    gain: float


def _windows(lex: Lexicon, run: str) -> Iterator[tuple[int, int, tuple[int, ...], bool]]:
    """(start, end, positions to change, whether a word) of the strings worth a look.

    A slip seldom joins its neighbours into a word, so strings of two and three characters
    are looked at around each common character that forms no two-character word with either
    neighbour (的, 地 and 得 aside); a character that makes only a rare word (under
    ``JOIN_FREQ``) with one neighbour is looked at with the other. So are two-character
    dictionary words rare enough to be slips themselves (溶合). Four characters are looked at
    everywhere their first or last two characters begin or end a four-character word or
    idiom: a slip in an idiom often makes a word with its neighbour (绿水情山, 水情).
    """
    n, get = len(run), lex.logp.get
    pairs = [run[i : i + 2] for i in range(n - 1)]
    pair_lp = [get(pair) for pair in pairs] + [None]
    heads, tails, slip_chars = lex.quad_heads, lex.quad_tails, lex.slip_chars
    rare = math.log(MAX_RARE_FREQ) - lex.log_total
    join = math.log(JOIN_FREQ) - lex.log_total
    for p in range(n):
        if p + 4 <= n:
            # A four-character target differing at 2 or 3 keeps its first two characters.
            spots: tuple[int, ...] = (2, 3) if pairs[p] in heads else ()
            spots += (0, 1) if pairs[p + 2] in tails else ()
            if spots:
                yield p, p + 4, spots, False
        lp, left = pair_lp[p], pair_lp[p - 1] if p > 0 else None
        if lp is not None and lp <= rare:
            yield p, p + 2, (0, 1), True
        if (lp is not None and lp > join) or (left is not None and left > join):
            continue
        if run[p] not in slip_chars or run[p] in GRAMMAR_CHARS:
            continue
        if p > 0 and left is None:
            yield p - 1, p + 1, (1,), False
        if p + 1 < n and lp is None:
            yield p, p + 2, (0,), False
        if lp is None and left is None:
            for s in range(max(0, p - 2), min(p, n - 3) + 1):
                yield s, s + 3, (p - s,), False


def _plausible_slip(lex: Lexicon, wrong: str, right: str, j: int) -> str | None:
    """How typing ``right`` could have produced ``wrong`` (changed at ``j``), or None."""
    a, b = wrong[j], right[j]
    if a in NUMERALS or b in NUMERALS or (a in GRAMMAR_CHARS and b in GRAMMAR_CHARS):
        return None
    if lex.freq(a) < MIN_WRONG_FREQ or (len(wrong) < 4 and NUMERALS.intersection(wrong)):
        return None
    grammar = len(wrong) < 4 and lex.freq(a) > FUNCTION_CHAR_FREQ  # 在/再 outside an idiom
    if lex.homophones(a, b) and not grammar:
        return "音同"
    if lex.looks_alike(a, b):
        return "形近"
    return None


def _gain(lex: Lexicon, run: str, start: int, end: int, right: str) -> float:
    """How much likelier (natural log) ``CONTEXT`` characters around the string read with
    ``right`` in its place, as one token, than as they stand."""
    lo, hi = max(0, start - CONTEXT), min(len(run), end + CONTEXT)
    before = run[lo:hi]
    after = before[: start - lo] + right + before[end - lo :]
    return lex.best_score(after, force=(start - lo, end - lo)) - lex.best_score(before)


def _confirmed(lex: Lexicon, text: str, run: str, start: int, right: str, uses: int) -> bool:
    """Whether the corrected pair ``right`` at ``run[start:start + 2]`` is confirmed by context.

    Either a longer dictionary entry spans it in the corrected text, or the text uses the
    corrected pair with the same two neighbouring characters (two before, two after, or one on
    each side) at least ``uses`` times.
    """
    end = start + 2
    fixed = run[:start] + right + run[end:]
    for a in range(max(0, start - 3), start + 1):
        for b in range(max(end, a + 3), min(len(fixed), a + 6) + 1):
            if lex.is_word(fixed[a:b]):
                return True
    for a, b in ((start - 2, end), (start - 1, end + 1), (start, end + 2)):
        if a >= 0 and b <= len(fixed) and text.count(fixed[a:b]) >= uses:
            return True
    return False


def _unit_uses(lex: Lexicon, text: str, wrong: str) -> int:
    """How often ``text`` uses ``wrong`` as a unit: not glued into a two-character word with
    the character before or after it (产权面积 is no use of 权面)."""
    uses, at, is_word = 0, text.find(wrong), lex.is_word
    while at >= 0:
        end = at + len(wrong)
        glued = (at > 0 and is_word(text[at - 1] + wrong[0])) or (
            end < len(text) and is_word(wrong[-1] + text[end])
        )
        uses += not glued
        at = text.find(wrong, at + 1)
    return uses


def _settled(lex: Lexicon, run: str, edge: int, step: int) -> bool:
    """Whether the side of ``run`` beyond ``edge`` (before it for ``step`` -1) reads cleanly:
    the run ends there, a function character stands there, or a word of two to four
    characters ends (before) or starts (after) right at the edge."""
    if (edge == 0) if step < 0 else (edge == len(run)):
        return True
    if lex.freq(run[edge - 1] if step < 0 else run[edge]) > FUNCTION_CHAR_FREQ:
        return True
    sides = (run[edge - k : edge] if step < 0 else run[edge : edge + k] for k in range(2, 5))
    return any(len(near) == k and lex.is_word(near) for k, near in enumerate(sides, 2))


def _pair_evidence(lex: Lexicon, text: str, run: str, s: Suspect) -> bool:
    """Whether a two-character string is a slip on the evidence of the pair and the text.

    A name or an abbreviation joins characters that mean something together, and these
    often stand side by side inside longer dictionary words (深人 in 夜深人静); a slip joins
    a character with one it has no business beside. The text must use the corrected word
    elsewhere (a slip in a word the text never uses is too weak a case) unless the word is
    very common and the string is well placed and clearly wrong (``COMMON_FREQ``). The
    changed character must be no province's short name and, for a homophone, no pun
    character, and the pair must not open with a negation (``NEGATIONS``). A slip sits among
    words: when neither side is settled (see :func:`_settled`) the string is part of an
    unknown name (万洋众创城), and when only one is, it may be half of a coined
    four-character phrase (强边固防, 其势渐成), so the full ``MIN_GAIN`` is asked. So it is of
    a look-alike: drafts are typed with a pinyin input method, which offers homophones, so a
    look-alike in a two-character word is the rarer slip, and a new word the dictionary lacks
    (农房 beside 农户) is the likelier reading.
    """
    j = next(i for i in range(2) if s.wrong[i] != s.right[i])
    changed, kept = s.wrong[j], s.wrong[1 - j]
    if changed in PROVINCES or (s.how == "音同" and changed in PUN_CHARS):
        return False
    if j == 1 and kept in NEGATIONS:
        return False
    if lex.inner_pair_freq(s.wrong) * INNER_PAIR_RATIO > lex.freq(s.right):
        return False
    sides = _settled(lex, run, s.start, -1) + _settled(lex, run, s.end, 1)
    common = (
        sides == 2
        and s.gain >= MIN_GAIN
        and lex.freq(s.right) >= COMMON_FREQ
        and len(run) > SHORT_RUN
    )
    if (text.count(s.right) < 1 and not common) or sides == 0:
        return False
    if s.gain >= (PAIR_GAIN if sides == 2 and s.how == "音同" else MIN_GAIN):
        return True
    # With a weaker gain, the text must use the correction beside the same character.
    uses = MIN_DOC_USES if s.how == "音同" else 1
    before, after = run[s.start - 1 : s.start], run[s.end : s.end + 1]
    seen = (text.count(before + s.right) if before else 0) + (
        text.count(s.right + after) if after else 0
    )
    return s.gain >= NEIGHBOUR_GAIN and seen >= uses


Memo = dict[tuple[str, tuple[int, ...]], list[tuple[int, str]]]


def _suspects_in_run(lex: Lexicon, run: str, text: str, memo: Memo) -> Iterator[Suspect]:
    for start, end, spots, known in _windows(lex, run):
        wrong = run[start:end]
        # Two characters around a lone one are no word (see _windows), unless ``known``.
        # Longer strings may be words, and words are not slips.
        key = (wrong, spots)
        candidates = memo.get(key)
        if candidates is None:  # a text repeats its strings: look each up once
            candidates = memo[key] = lex.neighbours(wrong, spots)
        if not candidates or (end - start > 2 and lex.is_word(wrong)):
            continue
        best: Suspect | None = None
        pair = end - start == 2 and not known
        floor = MIN_RARE_GAIN if known else NEIGHBOUR_GAIN if pair else MIN_GAIN
        for j, right in candidates:
            how = _plausible_slip(lex, wrong, right, j)
            if how is None:
                continue
            if known:
                ratio = lex.freq(right) / max(1.0, lex.freq(wrong))
                if how != "音同" or ratio < MIN_RATIO:
                    continue
            gain = _gain(lex, run, start, end, right)
            if gain >= floor and (best is None or gain > best.gain):
                best = Suspect(start, end, wrong, right, how, gain)
        if best is None or _unit_uses(lex, text, wrong) > 1:
            continue
        uses = MIN_DOC_USES if best.how == "音同" else 1
        strong = known or best.gain >= MIN_GAIN
        if strong and (end - start > 2 or _confirmed(lex, text, run, start, best.right, uses)):
            yield best
        elif best.gain >= KEYWORD_GAIN and text.count(best.right) >= KEYWORD_USES:
            yield best  # a slip in one of the text's key words, by a wide margin
        elif pair and _pair_evidence(lex, text, run, best):
            yield best


def suspects(text: str, lex: Lexicon | None = None) -> list[Suspect]:
    """Every proposed correction in ``text``; of overlapping ones the longest, then strongest."""
    lex = lex or load()
    quoted = [m.span() for m in _QUOTED_RE.finditer(text)]
    found: list[Suspect] = []
    memo: Memo = {}
    for m in _HAN_RUN_RE.finditer(text):
        for s in _suspects_in_run(lex, m.group(), text, memo):
            start, end = s.start + m.start(), s.end + m.start()
            if end - start < 4 and any(a < start and end < b for a, b in quoted):
                continue
            found.append(Suspect(start, end, s.wrong, s.right, s.how, s.gain))
    kept: list[Suspect] = []
    for s in sorted(found, key=lambda s: (s.start - s.end, -s.gain)):
        if all(s.end <= k.start or k.end <= s.start for k in kept):
            kept.append(s)
    return sorted(kept, key=lambda s: s.start)


def _known_spans(text: str, words: frozenset[str]) -> list[tuple[int, int]]:
    """Where the words of the unit's ``known_words.txt`` stand in ``text``."""
    spans = []
    for word in words:
        at = text.find(word)
        while at >= 0:
            spans.append((at, at + len(word)))
            at = text.find(word, at + 1)
    return spans


def check_lexicon(doc: Doc) -> Iterator[Hit]:
    """Suspected misspellings with their likely correction; never fixed automatically, since a
    name or a new word may look like a slip. Nothing inside a word of ``known_words.txt`` (the
    unit's names and the new words the dictionary lacks) is reported."""
    known = _known_spans(doc.text, doc.data.known_words)
    for s in suspects(doc.text):
        if any(a < s.end and s.start < b for a, b in known):
            continue
        yield Hit(
            s.start,
            s.end,
            f"疑似错别字：“{s.wrong}”应为“{s.right}”（{s.how}字）",
            f"改为“{s.right}”；确是专名或新词时，可写进单位词表的 known_words.txt",
        )


RULES = [
    Rule(
        id="word.lexicon",
        category="用字",
        severity="warning",
        summary="疑似错别字（词典）",
        advice="词典中没有这个词，而改动一个音同或形近的字就是常用词或成语，且上下文明显更通顺",
        bad=(
            "全面贯切落实党的二十大精神",
            "坚持精亦求精，打造精品工程",
            "脚踏实第干好每一项工作",
            "工作要有的放失，突出重点",
            "坚持不泄抓好作风建设",
            "推动文旅融合发展，深化农文旅溶合发展，建设文旅融合发展示范区",
        ),
        good=(
            "全面贯彻落实党的二十大精神",
            "坚持精益求精，打造精品工程",
            "脚踏实地干好每一项工作",
            "编制“十五五”规划，推进数智化转型",
            "推动文化和旅游深度融合发展",
            "实现设区市全覆盖，坚持新官理旧账",
        ),
        check=check_lexicon,
    ),
]
