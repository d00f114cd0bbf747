"""Hostile and damaged files end in a located Chinese message (exit 2) or a clean success,
within bounded time and memory, and never in an internal error.

Every hostile file is made here by a generator and is small on disk: zip bombs are built from
one compressed block repeated (deflate with full flushes compresses identical input blocks to
identical output), so a 1 GB part costs a few hundred KB and no time to make. Each case runs
the real CLI in a child process and measures that child's wall time and peak memory.
"""

from __future__ import annotations

import io
import os
import shutil
import struct
import subprocess
import sys
import tempfile
import threading
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from .conftest import DEMO_PROJECT

TIME_BOUND = 5.0
"""Seconds a hostile case may take, start of the child process to its end."""
MEMORY_BOUND_MB = 300
_MB = 1024 * 1024


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


def run_bounded(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """``workreport ARGS…`` in a child process, with its wall time and its own peak memory.

    The child is reaped with ``wait4``, which returns that child's resource use alone.
    """
    env = env if env is not None else {**os.environ, "PYTHONIOENCODING": "utf-8"}
    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-c", "from workreport.cli import main; main()", *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env=env,
        )
        watchdog = threading.Timer(120, proc.kill)  # a hang fails the bound, not the suite
        watchdog.start()
        try:
            _, status, usage = os.wait4(proc.pid, 0)
        finally:
            watchdog.cancel()
        seconds = time.monotonic() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            usage.ru_maxrss / 1024,  # KiB on Linux
        )


def assert_refused(run: Run, *words: str) -> None:
    """Exit 2 with a Chinese message containing ``words``, no traceback, within the bounds."""
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err + run.out
    assert "内部错误" not in run.err
    assert "错误：" in run.err, run.err
    for word in words:
        assert word in run.err, (word, run.err)
    assert_bounded(run)


def assert_bounded(run: Run) -> None:
    assert run.seconds < TIME_BOUND, run
    assert run.peak_mb < MEMORY_BOUND_MB, run


# --- generators ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Part:
    """A zip member: its name, and its content as a head, a block repeated, and a tail."""

    name: str
    head: bytes
    block: bytes = b""
    repeat: int = 0
    tail: bytes = b""
    declared_size: int | None = None
    """Uncompressed size written in the headers, when it should lie."""


def write_zip(path: Path, parts: Iterable[Part]) -> Path:
    """Write a zip whose members are deflated with full flushes, block by block."""
    local = io.BytesIO()
    central = io.BytesIO()
    count = 0
    for part in parts:
        data, crc, size = _deflate(part)
        name = part.name.encode()
        declared = part.declared_size if part.declared_size is not None else size
        offset = local.tell()
        fields = (20, 0, 8, 0, 0, crc, len(data), declared, len(name), 0)
        local.write(struct.pack("<4s5H3L2H", b"PK\x03\x04", *fields) + name + data)
        central.write(
            struct.pack("<4s6H3L5H2L", b"PK\x01\x02", 20, *fields, 0, 0, 0, 0, offset) + name
        )
        count += 1
    directory = central.getvalue()
    end = struct.pack(
        "<4s4H2LH", b"PK\x05\x06", 0, 0, count, count, len(directory), local.tell(), 0
    )
    path.write_bytes(local.getvalue() + directory + end)
    return path


def _deflate(part: Part) -> tuple[bytes, int, int]:
    """Raw deflate of head + block × repeat + tail, the block compressed once."""
    squeeze = zlib.compressobj(9, zlib.DEFLATED, -15)
    out = [squeeze.compress(part.head) + squeeze.flush(zlib.Z_FULL_FLUSH)]
    crc = zlib.crc32(part.head)
    if part.repeat:
        packed = squeeze.compress(part.block) + squeeze.flush(zlib.Z_FULL_FLUSH)
        again = squeeze.compress(part.block) + squeeze.flush(zlib.Z_FULL_FLUSH)
        # After a full flush the compressor forgets the past: the same block packs the same.
        assert packed == again or part.repeat == 1
        out.append(packed)
        out.extend([again] * (part.repeat - 1))
        for _ in range(part.repeat):
            crc = zlib.crc32(part.block, crc)
    out.append(squeeze.compress(part.tail) + squeeze.flush())
    crc = zlib.crc32(part.tail, crc)
    size = len(part.head) + len(part.block) * part.repeat + len(part.tail)
    return b"".join(out), crc, size


def docx_parts(**replace: bytes) -> list[Part]:
    """The parts of python-docx's empty document, some replaced by ``replace``."""
    buffer = io.BytesIO()
    docx.Document().save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts.update(replace)
    return [Part(name, data) for name, data in parts.items()]


W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
DOC_HEAD = (
    f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W_NS}"><w:body>'
).encode()
DOC_TAIL = b"</w:body></w:document>"
PARAGRAPH = "<w:p><w:r><w:t>全力以赴稳经济，稳中向好态势不断巩固。</w:t></w:r></w:p>".encode()


def bomb_docx(path: Path, megabytes: int = 1024) -> Path:
    """A .docx whose document.xml unpacks to ``megabytes`` of well-formed XML (whitespace
    between paragraphs, which packs about 1000:1)."""
    block = PARAGRAPH + b" " * (_MB - len(PARAGRAPH))
    others = [p for p in docx_parts() if p.name != "word/document.xml"]
    bomb = Part("word/document.xml", DOC_HEAD, block, megabytes, DOC_TAIL)
    return write_zip(path, [*others, bomb])


def demo(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DEMO_PROJECT, target)
    return target


# --- archives -----------------------------------------------------------------------------


def test_the_generated_bomb_is_a_real_docx_part(tmp_path: Path) -> None:
    """The generator makes what it claims: a zip whose part really unpacks that large."""
    path = bomb_docx(tmp_path / "bomb.docx", megabytes=3)
    assert path.stat().st_size < 64 * 1024
    with zipfile.ZipFile(path) as archive:
        data = archive.read("word/document.xml")
    assert len(data) > 3 * _MB - 1000 and data.endswith(DOC_TAIL)


@pytest.mark.parametrize("command", ["lint", "extract", "diff"])
def test_zip_bomb_docx_is_refused_quickly(tmp_path: Path, command: str) -> None:
    bomb = bomb_docx(tmp_path / "报告.docx")
    assert bomb.stat().st_size < 2 * _MB
    args = {
        "lint": ["lint", str(bomb)],
        "extract": ["extract", str(bomb), "-o", str(tmp_path / "2022.yaml")],
        "diff": ["diff", str(bomb), str(bomb)],
    }[command]
    run = run_bounded(*args, cwd=tmp_path)
    assert_refused(run, "报告.docx", "压缩比", "--limit ratio=")
    assert not (tmp_path / "2022.yaml").exists()


def test_a_part_that_lies_about_its_size_is_refused(tmp_path: Path) -> None:
    """Headers declaring 1 KB for a part of 400 MB: never unpacked past what they declare."""
    block = PARAGRAPH * (_MB // len(PARAGRAPH))
    others = [p for p in docx_parts() if p.name != "word/document.xml"]
    liar = Part("word/document.xml", DOC_HEAD, block, 400, DOC_TAIL, declared_size=1024)
    path = write_zip(tmp_path / "说谎.docx", [*others, liar])
    run = run_bounded("lint", str(path), cwd=tmp_path)
    assert_refused(run, "说谎.docx", "已损坏")


def test_a_large_but_plausible_part_hits_the_size_limit_and_can_be_raised(
    tmp_path: Path,
) -> None:
    """Under the ratio but over the XML-part limit; ``--limit`` raises it."""
    path = bomb_docx(tmp_path / "大.docx", megabytes=3)
    low = run_bounded(
        "--limit", "ratio=100000", "--limit", "xml_mb=2", "lint", str(path), cwd=tmp_path
    )
    assert_refused(low, "大.docx", "上限", "xml_mb")
    raised = run_bounded("--limit", "ratio=100000", "lint", str(path), cwd=tmp_path)
    assert raised.code in (0, 1), raised.err
    assert "Traceback" not in raised.err


def test_too_many_parts_are_refused_before_they_are_listed(tmp_path: Path) -> None:
    parts = [*docx_parts(), *(Part(f"x/{i}.bin", b"") for i in range(3000))]
    path = write_zip(tmp_path / "碎片.docx", parts)
    run = run_bounded("--limit", "members=1000", "lint", str(path), cwd=tmp_path)
    assert_refused(run, "碎片.docx", "部件", "members")


def test_a_dtd_with_entities_is_refused(tmp_path: Path) -> None:
    """Billion laughs and an external entity: refused before any parser sees them."""
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>"
        + DOC_HEAD.split(b"?>", 1)[1]
        + b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
        + DOC_TAIL
    )
    external = (
        b'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        + DOC_HEAD.split(b"?>", 1)[1]
        + b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        + DOC_TAIL
    )
    for name, xml in (("laughs.docx", laughs), ("external.docx", external)):
        path = write_zip(tmp_path / name, docx_parts(**{"word/document.xml": xml}))
        run = run_bounded("lint", str(path), cwd=tmp_path)
        assert_refused(run, name, "DTD")
        assert "root:" not in run.err + run.out


def test_malformed_xml_in_docx_is_a_located_message(tmp_path: Path) -> None:
    broken = DOC_HEAD + "<w:p><w:r><w:t>未闭合</w:r></w:p>".encode() + DOC_TAIL
    path = write_zip(tmp_path / "坏.docx", docx_parts(**{"word/document.xml": broken}))
    for args in (["lint", str(path)], ["extract", str(path), "-o", "x/2022.yaml"]):
        assert_refused(run_bounded(*args, cwd=tmp_path), "坏.docx", "已损坏")


def test_deeply_nested_xml_is_refused(tmp_path: Path) -> None:
    deep = DOC_HEAD + b"<w:p>" + b"<w:r>" * 5000 + b"</w:r>" * 5000 + b"</w:p>" + DOC_TAIL
    path = write_zip(tmp_path / "深.docx", docx_parts(**{"word/document.xml": deep}))
    assert_refused(run_bounded("lint", str(path), cwd=tmp_path), "深.docx")


def test_not_a_zip(tmp_path: Path) -> None:
    for name in ("表.xlsx", "报告.docx"):
        (tmp_path / name).write_text("指标,数值\n产值,1\n", encoding="utf-8")
    project = demo(tmp_path)
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    xlsx = run_bounded("import-indicators", str(tmp_path / "表.xlsx"), "--into", yaml, cwd=tmp_path)
    assert_refused(xlsx, "表.xlsx", "zip")
    docx_run = run_bounded("lint", str(tmp_path / "报告.docx"), cwd=tmp_path)
    assert_refused(docx_run, "报告.docx", "zip")


def test_xlsx_bomb_and_hostile_xml(tmp_path: Path) -> None:
    project = demo(tmp_path)
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    bomb = write_zip(
        tmp_path / "炸弹.xlsx",
        [
            Part("[Content_Types].xml", b"<Types/>"),
            Part(
                "xl/worksheets/sheet1.xml",
                b"<worksheet>",
                b"<row/>" * 100_000,
                2000,
                b"</worksheet>",
            ),
        ],
    )
    assert_refused(
        run_bounded("import-indicators", str(bomb), "--into", yaml, cwd=tmp_path), "炸弹.xlsx"
    )
    dtd = write_zip(
        tmp_path / "实体.xlsx",
        [Part("[Content_Types].xml", b'<!DOCTYPE t [<!ENTITY a "b">]><Types/>')],
    )
    assert_refused(run_bounded("import-indicators", str(dtd), "--into", yaml, cwd=tmp_path), "DTD")
    junk = write_zip(tmp_path / "残缺.xlsx", [Part("[Content_Types].xml", b"<Types")])
    assert_refused(
        run_bounded("import-indicators", str(junk), "--into", yaml, cwd=tmp_path), "残缺.xlsx"
    )


def test_one_bad_file_does_not_stop_a_multi_file_lint(tmp_path: Path) -> None:
    good = tmp_path / "好.txt"
    good.write_text("我们要加强学习,提高认识。\n", encoding="utf-8")
    bomb = bomb_docx(tmp_path / "炸弹.docx")
    bad_text = tmp_path / "乱码.txt"
    bad_text.write_bytes(bytes(range(128, 256)) * 20)
    run = run_bounded("lint", str(bomb), str(bad_text), str(good), cwd=tmp_path)
    assert run.code == 2
    assert "好.txt:1:" in run.out, run.out  # the readable file's findings are printed
    assert "炸弹.docx" in run.err and "乱码.txt" in run.err
    assert "Traceback" not in run.err and "内部错误" not in run.err
    assert_bounded(run)
