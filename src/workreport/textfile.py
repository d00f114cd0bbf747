"""Bytes of a text file → text: UTF-8 with or without BOM, UTF-16 with BOM, else GB18030.

Windows editors often save GBK, of which GB18030 is a superset; a UTF-8 file cut short or
with a few broken bytes stays UTF-8, its broken bytes shown as U+FFFD. Every reader of a
user's text (inputs, style files, tables, proofreading, message excerpts) decodes here.
"""

from __future__ import annotations

import codecs
from pathlib import Path


def read_text(path: Path) -> str:
    """Decode a text file as UTF-8 (with or without BOM), falling back to GB18030."""
    return decode(path.read_bytes())[0]


def decode(data: bytes) -> tuple[str, str]:
    """Bytes → (text, encoding name). Windows editors often save GBK; GB18030 is its superset.

    The name is ``"utf-8-damaged"`` for UTF-8 with a few broken bytes (a truncated file) and
    ``"unknown"`` when neither UTF-8 nor GB18030 fits; the text then has U+FFFD in their place.
    """
    if data.startswith(codecs.BOM_UTF8):
        body = data[len(codecs.BOM_UTF8) :]
        try:
            return body.decode("utf-8"), "utf-8-sig"
        except UnicodeDecodeError:
            return body.decode("utf-8", errors="replace"), "utf-8-damaged"
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return data.decode("utf-16", errors="replace"), "utf-16"
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    replaced = data.decode("utf-8", errors="replace")
    bad = replaced.count("\ufffd")
    good = sum(1 for ch in replaced if ord(ch) > 0x7F) - bad
    if good > 4 * bad or _cut_short(data):
        # Mostly valid multi-byte UTF-8, or UTF-8 cut off mid-character: a damaged UTF-8
        # file, not a GBK one.
        return replaced, "utf-8-damaged"
    try:
        return data.decode("gb18030"), "gb18030"
    except UnicodeDecodeError:
        return replaced, "unknown"


def _cut_short(data: bytes) -> bool:
    """Whether ``data`` is valid UTF-8 except for a character cut off at its very end."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.end == len(data) and exc.reason == "unexpected end of data"
    return False
