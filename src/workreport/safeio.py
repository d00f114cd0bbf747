"""Files from outside (.docx, .xlsx, .txt, .csv) → checked before anything parses them.

A .docx or .xlsx is a zip of XML parts, and both can be made hostile: a part that unpacks to
gigabytes (a zip bomb), millions of parts, a DTD that expands entities or fetches a URL.
:func:`check_archive` reads the archive's directory itself, then unpacks every part as a
stream, counting what comes out rather than trusting the sizes the headers declare, and
refuses a file over the limits of :mod:`workreport.limits` before python-docx or openpyxl sees
it. Office never writes a DTD, so a part with one is refused too, which keeps entities away
from every XML parser used later. Text files are measured before they are read.
"""

from __future__ import annotations

import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

from . import limits
from .errors import InputError, Location, WorkreportError

if TYPE_CHECKING:
    from docx.document import Document
    from lxml import etree

ErrorFactory = Callable[..., WorkreportError]
"""An error class taking ``(message, at=, hint=)``: each command keeps its own kind."""

_MB = 1024 * 1024
_CHUNK = 256 * 1024
_RATIO_FLOOR = 1 * _MB
"""Parts smaller than this unpacked are not held to the ratio: tiny XML packs very well."""
_XML_SUFFIXES = (".xml", ".rels", ".vml")
_DTD_MARKS = tuple(
    mark.encode(codec)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for codec in ("utf-8", "utf-16-le", "utf-16-be")
)
_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_DIRECTORY_ENTRY = 1024
"""Bytes of zip directory allowed per part (a real entry takes some 50–150)."""
_EOCD = b"PK\x05\x06"
_ZIP64_LOCATOR = b"PK\x06\x07"


class FileRefused(InputError):
    """A file over a limit or in a shape that is not read at all."""


def xml_parser() -> etree.XMLParser:
    """The parser for XML from outside: no entities, no DTD, no network, no huge trees."""
    from lxml import etree

    return etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)


def parse_xml(data: bytes) -> etree._Element:
    """Parse one XML part with :func:`xml_parser`; raises ``etree.XMLSyntaxError``."""
    from lxml import etree

    return etree.fromstring(data, parser=xml_parser())


def check_archive(path: Path, kind: str, error: ErrorFactory = FileRefused) -> None:
    """Refuse ``path`` unless it is a zip within every archive limit (see the module doc).

    ``kind`` names the format in messages (``Word``, ``Excel``).
    """
    limit = limits.current()
    at = Location(str(path))

    def refuse(message: str, name: str | None = None, needed: float | None = None) -> NoReturn:
        hint = limits.raise_hint(name, needed) if name else f"请用 {kind} 打开后另存一份再试。"
        raise error(message, at=at, hint=hint)

    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(4)
            if not head.startswith(b"PK"):
                raise error(
                    f"无法打开 {kind} 文件：内容不是 .{_suffix(kind)} 应有的 zip 格式",
                    at=at,
                    hint=f"确认文件没有改过扩展名；旧版文件请在 {kind} 或 WPS 中"
                    f"另存为 .{_suffix(kind)}。",
                )
            if size > limit.file_mb * _MB:
                refuse(
                    f"文件有 {size / _MB:.0f} MB，超过了 {limit.file_mb:g} MB 的上限",
                    "file_mb",
                    size / _MB,
                )
            entries = _entry_count(handle, size)
    except OSError as exc:
        raise error(f"无法读取文件：{exc.strerror or exc}", at=at) from None
    if entries is None:
        refuse(f"无法打开 {kind} 文件：文件已损坏，找不到 zip 的目录")
    count, directory = entries
    # The directory's size bounds what listing it costs, whatever count the end record gives.
    if count > limit.members or directory > limit.members * _DIRECTORY_ENTRY:
        count = max(count, directory // _DIRECTORY_ENTRY)
        refuse(f"文件里有 {count} 个以上的部件，超过了 {limit.members} 个的上限", "members", count)
    try:
        with zipfile.ZipFile(path) as archive:
            infos = archive.infolist()
            total = 0
            for info in infos:
                if info.flag_bits & 0x1:
                    refuse("文件已加密（设置了打开密码），无法读取")
                total += _check_member(archive, info, limit, total, refuse)
    except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError):
        refuse(f"无法打开 {kind} 文件：文件已损坏，zip 结构或压缩数据有误")
    except OSError as exc:
        raise error(f"无法读取文件：{exc.strerror or exc}", at=at) from None


def _suffix(kind: str) -> str:
    return "xlsx" if kind == "Excel" else "docx"


def _entry_count(handle: Any, size: int) -> tuple[int, int] | None:
    """Parts the zip's end record announces and the size of its directory (zip64 too), read
    before ``ZipFile`` lists them; None when there is no end record."""
    tail_size = min(size, 65_536 + 22)
    handle.seek(size - tail_size)
    tail = handle.read(tail_size)
    where = tail.rfind(_EOCD)
    if where < 0 or where + 22 > len(tail):
        return None
    entries, directory = struct.unpack_from("<HI", tail, where + 10)
    if where >= 20 and tail[where - 20 : where - 16] == _ZIP64_LOCATOR:
        (offset,) = struct.unpack_from("<Q", tail, where - 20 + 8)
        handle.seek(offset)
        record = handle.read(56)
        if len(record) == 56 and record.startswith(b"PK\x06\x06"):
            entries, directory = struct.unpack_from("<QQ", record, 32)
    return int(entries), int(directory)


def _check_member(
    archive: zipfile.ZipFile,
    info: zipfile.ZipInfo,
    limit: limits.Limits,
    total: int,
    refuse: Callable[..., NoReturn],
) -> int:
    """Unpack one part as a stream under the limits; return its real unpacked size."""
    name = info.filename
    is_xml = name.lower().endswith(_XML_SUFFIXES)
    # Any part may be declared XML in [Content_Types].xml, so all are scanned for a DTD; only
    # pictures are not (an SVG may carry one, and is never parsed here).
    scan = "/media/" not in name.lower()
    part_limit = (limit.xml_mb if is_xml else limit.archive_mb) * _MB
    declared = info.file_size
    if declared > _RATIO_FLOOR and declared > limit.ratio * max(info.compress_size, 1):
        refuse(f"部件“{name}”的压缩比超过 {limit.ratio:g} 倍，像是“压缩炸弹”，不予读取", "ratio")
    if declared > part_limit:
        which = "xml_mb" if is_xml else "archive_mb"
        refuse(f"部件“{name}”解压后有 {declared / _MB:.0f} MB，超过上限", which, declared / _MB)
    size = 0
    carry = b""
    with archive.open(info) as stream:
        while chunk := stream.read(_CHUNK):
            size += len(chunk)
            if size > part_limit:
                which = "xml_mb" if is_xml else "archive_mb"
                refuse(f"部件“{name}”解压后超过了 {part_limit / _MB:g} MB 的上限", which)
            if total + size > limit.archive_mb * _MB:
                refuse(f"文件解压后超过了 {limit.archive_mb:g} MB 的上限", "archive_mb")
            if size > _RATIO_FLOOR and size > limit.ratio * max(info.compress_size, 1):
                refuse(
                    f"部件“{name}”的压缩比超过 {limit.ratio:g} 倍，像是“压缩炸弹”，不予读取",
                    "ratio",
                )
            if scan:
                window = carry + chunk
                if any(mark in window for mark in _DTD_MARKS):
                    refuse(
                        f"部件“{name}”含有 DTD 或实体声明（<!DOCTYPE>/<!ENTITY>），"
                        "Word、Excel 和 WPS 都不会写这种内容，不予读取"
                    )
                carry = window[-24:]
    return size


def open_docx(path: Path, error: ErrorFactory = FileRefused) -> Document:
    """``path`` as a python-docx document, once :func:`check_archive` has passed it."""
    import docx  # python-docx is only needed for Word input
    from docx.opc.exceptions import PackageNotFoundError
    from lxml import etree

    check_archive(path, "Word", error)
    try:
        document = docx.Document(str(path))
    except (
        PackageNotFoundError,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        OSError,
        etree.LxmlError,
        zlib.error,
    ) as exc:
        raise error(
            f"无法打开 Word 文件：文件已损坏或不是 .docx 格式（{_what(exc)}）",
            at=Location(str(path)),
            hint="用 Word 或 WPS 打开后另存为 .docx 再试；旧版 .doc 也请另存为 .docx。",
        ) from None
    # All of the body's text at C speed: more than a report's worth stops here, before any
    # reader walks it paragraph by paragraph.
    runs = document.element.body.iter(f"{{{_W}}}t")
    check_text_size(sum(len((t.text or "").encode()) for t in runs), path, error)
    return document


def open_workbook(path: Path, error: ErrorFactory = FileRefused, *, read_only: bool = False) -> Any:
    """``path`` as an openpyxl workbook (values, not formulas), once checked; ``read_only``
    streams the rows from the file instead of building every cell."""
    import openpyxl
    from lxml import etree
    from openpyxl.utils.exceptions import InvalidFileException

    check_archive(path, "Excel", error)
    try:
        # data_only: a formula cell gives the value Excel or Calc last computed.
        return openpyxl.load_workbook(path, data_only=True, read_only=read_only)
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
        OSError,
        etree.LxmlError,
        SyntaxError,  # xml.etree's ParseError
        zlib.error,
    ) as exc:
        raise error(
            f"无法打开 Excel 文件：文件已损坏或不是 .xlsx 格式（{_what(exc)}）",
            at=Location(str(path)),
            hint="用 Excel 或 WPS 打开后另存为 .xlsx 再试，或另存为 .csv。",
        ) from None


def _what(exc: BaseException) -> str:
    """What a library's exception says, briefly and in Chinese, for the end of a message."""
    lineno = getattr(exc, "lineno", None)
    if lineno is not None and type(exc).__name__ in ("XMLSyntaxError", "ParseError"):
        return f"其中的 XML 在第 {lineno} 行格式有误"
    if isinstance(exc, KeyError):
        return f"缺少部件 {str(exc.args[0])[:60] if exc.args else ''}".strip()
    return "内容无法解析"


def sound_docx(path: Path) -> bool:
    """Whether ``path`` is a .docx within the limits whose XML parts all parse safely.

    For files workreport may replace: anything else is treated as not its own draft.
    """
    from lxml import etree

    try:
        check_archive(path, "Word")
        with zipfile.ZipFile(path) as archive:
            for info in archive.infolist():
                if info.filename.lower().endswith(_XML_SUFFIXES):
                    parse_xml(archive.read(info))
    except (WorkreportError, OSError, zipfile.BadZipFile, zlib.error, etree.LxmlError):
        return False
    except (EOFError, NotImplementedError, RuntimeError, ValueError):
        return False
    return True


def read_text(path: Path, error: ErrorFactory = FileRefused) -> tuple[str, str]:
    """Decode a text file (see :func:`workreport.textfile.decode`), measured before it is read.

    Returns ``(text, encoding)``; a file over ``text_mb`` or in no known encoding raises.
    """
    from .textfile import decode

    at = Location(str(path))
    limit = limits.current().text_mb
    try:
        with path.open("rb") as handle:
            data = handle.read(int(limit * _MB) + 1)
            if len(data) > limit * _MB:
                size = path.stat().st_size
                raise error(
                    f"文件有 {size / _MB:.1f} MB，超过了文本文件 {limit:g} MB 的上限"
                    "（一份年度报告的文字通常只有 0.1～0.3 MB）",
                    at=at,
                    hint=limits.raise_hint("text_mb", size / _MB),
                )
    except OSError as exc:
        raise error(f"无法读取文件：{exc.strerror or exc}", at=at) from None
    text, encoding = decode(data)
    if encoding == "unknown":
        raise error(
            "文件编码无法识别：既不是 UTF-8，也不是 GB18030（GBK）",
            at=at,
            hint="请用文本编辑器另存为 UTF-8 编码后再试。",
        )
    return text, encoding


def check_text_size(size_bytes: int, path: Path, error: ErrorFactory = FileRefused) -> None:
    """Raise when the text read out of a Word file (``size_bytes`` in UTF-8) is over the
    ``text_mb`` limit."""
    limit = limits.current().text_mb
    size = size_bytes / _MB
    if size > limit:
        raise error(
            f"文件中的文字有 {size:.1f} MB，超过了 {limit:g} MB 的上限"
            "（一份年度报告的文字通常只有 0.1～0.3 MB）",
            at=Location(str(path)),
            hint=limits.raise_hint("text_mb", size),
        )


_CONTROLS = dict.fromkeys(c for c in range(0x20) if chr(c) not in "\t\n\r")
_CONTROLS.update(dict.fromkeys(range(0x7F, 0xA0)))
_CONTROLS.update(dict.fromkeys((0xFEFF, 0xFFFE, 0xFFFF)))


def strip_controls(text: str) -> str:
    """``text`` without control characters (tab and line breaks stay): they cannot go into
    YAML or a Word document and are never part of what was meant."""
    return text.translate(_CONTROLS)


NAME_BYTES = 200
"""Longest file name written, in UTF-8 bytes: file systems allow 255, and a temporary name
(``.<name>.xxxxxxxx.tmp``) and a ``（2）`` must still fit around it."""


def fit_filename(name: str, max_bytes: int = NAME_BYTES) -> str:
    """``name`` cut in the middle (``…``) to fit ``max_bytes``, its start (unit and year) and
    its end (stage and suffix) kept; unchanged when it fits."""
    if len(name.encode()) <= max_bytes:
        return name
    dot = name.rfind(".")
    stem, suffix = (name[:dot], name[dot:]) if dot > 0 and len(name) - dot <= 8 else (name, "")
    budget = max_bytes - len(suffix.encode()) - len("…".encode())
    tail_chars = 0
    while tail_chars < len(stem) // 3 and len(stem[-(tail_chars + 1) :].encode()) <= budget // 4:
        tail_chars += 1
    tail = stem[len(stem) - tail_chars :]
    head = stem[: len(stem) - tail_chars]
    while len(head.encode()) + len(tail.encode()) > budget:
        head = head[:-1]
    return f"{head}…{tail}{suffix}"
