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


# --- text files ---------------------------------------------------------------------------


def _write_streaming(path: Path, megabytes: int, line: str) -> None:
    """A text file of ``megabytes``, written a megabyte at a time."""
    chunk = (line * (_MB // len(line.encode()) + 1)).encode()[:_MB]
    with path.open("wb") as handle:
        for _ in range(megabytes):
            handle.write(chunk)


def test_a_50_mb_text_is_refused_before_it_is_read(tmp_path: Path) -> None:
    big = tmp_path / "大报告.txt"
    _write_streaming(big, 50, "全年实现规模以上工业产值400亿元，同比增长5.6%。\n")
    try:
        for args in (
            ["extract", str(big), "-o", str(tmp_path / "2022.yaml")],
            ["diff", str(big), str(big)],
            ["lint", str(big)],
        ):
            run = run_bounded(*args, cwd=tmp_path)
            assert_refused(run, "大报告.txt", "50.0 MB", "--limit text_mb=")
    finally:
        big.unlink()
    assert not (tmp_path / "2022.yaml").exists()


def test_the_text_limit_can_be_raised(tmp_path: Path) -> None:
    text = tmp_path / "报告.txt"
    text.write_text("示例街道2022年工作情况\n一、工作情况\n全年实现产值400亿元。\n" * 40, "utf-8")
    low = run_bounded("--limit", "text_mb=0.001", "lint", str(text), cwd=tmp_path)
    assert_refused(low, "报告.txt", "text_mb")
    normal = run_bounded("lint", str(text), cwd=tmp_path)
    assert normal.code in (0, 1) and "错误：" not in normal.err


def test_bad_limit_option_is_a_chinese_usage_error(tmp_path: Path) -> None:
    run = run_bounded("--limit", "text_mb=很多", "lint", "x.txt", cwd=tmp_path)
    assert run.code == 2 and "不是数字" in run.err and "Traceback" not in run.err
    run = run_bounded("--limit", "speed=3", "lint", "x.txt", cwd=tmp_path)
    assert run.code == 2 and "text_mb" in run.err


def test_extract_and_diff_refuse_undecodable_text_as_lint_does(tmp_path: Path) -> None:
    noise = tmp_path / "乱码.txt"
    noise.write_bytes(bytes(range(0x80, 0x100)) * 40)
    lint_run = run_bounded("lint", str(noise), cwd=tmp_path)
    extract_run = run_bounded("extract", str(noise), "-o", "out/2022.yaml", cwd=tmp_path)
    diff_run = run_bounded("diff", str(noise), str(noise), cwd=tmp_path)
    message = "文件编码无法识别：既不是 UTF-8，也不是 GB18030（GBK）"
    for run in (lint_run, extract_run, diff_run):
        assert_refused(run, "乱码.txt", message)
    assert not (tmp_path / "out").exists()


def test_extract_drops_control_characters(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(
        "示例街道2022年工作情况\n"
        "一、2022年工作情况\n"
        "（一）全力以赴\x07稳经济\n"
        "全年实现地区生产总值\x00104.86亿元，\x1b同比增长5.6%。\x0c\n",
        encoding="utf-8",
    )
    out = tmp_path / "inputs" / "shili" / "2022.yaml"
    run = run_bounded("extract", str(report), "-o", str(out), "--unit", "示例街道", cwd=tmp_path)
    assert run.code == 0, run.err
    text = out.read_text(encoding="utf-8")
    assert not any(ch in text for ch in "\x00\x07\x0c\x1b")
    assert "全力以赴稳经济" in text


def test_a_200_mb_csv_field_is_refused(tmp_path: Path) -> None:
    project = demo(tmp_path)
    yaml = project / "inputs" / "demo" / "2022.yaml"
    before = yaml.read_bytes()
    huge = tmp_path / "指标.csv"
    with huge.open("wb") as handle:
        handle.write('指标,数值,单位\n产值,"'.encode())
        block = b"9" * _MB
        for _ in range(200):
            handle.write(block)
        handle.write(b'",\xe4\xba\xbf\xe5\x85\x83\n')
    try:
        run = run_bounded("import-indicators", str(huge), "--into", str(yaml), cwd=tmp_path)
        assert_refused(run, "指标.csv", "text_mb")
    finally:
        huge.unlink()
    # A field over the csv module's own limit, in a file under ours: located, by line.
    field = tmp_path / "长字段.csv"
    field.write_text('指标,数值,单位\n产值,400,亿元\n说明,"' + "长" * 200_000 + '",\n', "utf-8")
    run = run_bounded("import-indicators", str(field), "--into", str(yaml), cwd=tmp_path)
    assert_refused(run, "长字段.csv:3")
    assert yaml.read_bytes() == before


# --- output path, names, locale -------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"PK\x03\x04 not really a zip",
        b"",
        b"<w:document/>",
    ],
)
def test_a_damaged_docx_at_the_output_path(tmp_path: Path, damage: bytes) -> None:
    project = demo(tmp_path)
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    out = tmp_path / "草稿.docx"
    out.write_bytes(damage)
    kept = run_bounded("build", yaml, "-o", str(out), cwd=tmp_path)
    assert kept.code == 0, kept.err
    assert "Traceback" not in kept.err and "不是 workreport 生成的草稿" in kept.err
    assert out.read_bytes() == damage  # never overwritten silently
    assert docx.Document(str(tmp_path / "草稿（2）.docx")).paragraphs
    forced = run_bounded("build", yaml, "-o", str(out), "--force", cwd=tmp_path)
    assert forced.code == 0, forced.err
    assert docx.Document(str(out)).paragraphs  # replaced by a real draft
    assert_bounded(forced)


def test_bombs_and_hostile_xml_at_the_output_path(tmp_path: Path) -> None:
    project = demo(tmp_path)
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    bomb = bomb_docx(tmp_path / "草稿.docx")
    broken_custom = write_zip(
        tmp_path / "属性.docx",
        docx_parts(**{"docProps/custom.xml": b"<Properties><property"}),
    )
    for path in (bomb, broken_custom):
        before = path.read_bytes()
        run = run_bounded("build", yaml, "-o", str(path), cwd=tmp_path)
        assert run.code == 0, run.err
        assert "不是 workreport 生成的草稿" in run.err
        assert path.read_bytes() == before
        assert_bounded(run)


def test_a_200_character_title_gets_a_shortened_file_name(tmp_path: Path) -> None:
    project = demo(tmp_path)
    yaml = project / "inputs" / "demo" / "2022.yaml"
    title = "示例街道2022年" + "关于全力以赴稳经济促发展保民生" * 13
    assert len(title) >= 200
    text = yaml.read_text(encoding="utf-8").replace(
        "unit: {name: 示例街道, level: 街道}",
        f"unit: {{name: 示例街道, level: 街道}}\ntitle: {title}",
    )
    yaml.write_text(text, encoding="utf-8")
    run = run_bounded("build", str(yaml), cwd=tmp_path)
    assert run.code == 0, run.err
    assert "已缩短" in run.err
    (written,) = tmp_path.glob("*.docx")
    assert len(written.name.encode()) <= 200
    assert written.name.startswith("示例街道2022年") and written.name.endswith("（草稿）.docx")
    assert_bounded(run)


def test_a_long_chinese_output_name_is_shortened_with_a_note(tmp_path: Path) -> None:
    project = demo(tmp_path)
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    name = "示例街道二〇二二年工作情况和二〇二三年工作谋划的征求意见稿" * 4 + ".docx"
    assert len(name.encode()) > 255
    run = run_bounded("build", yaml, "-o", name, cwd=tmp_path)
    assert run.code == 0, run.err
    assert "文件名有" in run.err and "已缩短" in run.err
    (written,) = tmp_path.glob("*.docx")
    assert len(written.name.encode()) <= 200 and written.name.startswith("示例街道")
    assert docx.Document(str(written)).paragraphs


def test_c_locale_without_utf8_mode(tmp_path: Path) -> None:
    project = demo(tmp_path)
    folder = tmp_path / "中文文件夹"
    folder.mkdir()
    env = {
        "PATH": os.environ.get("PATH", ""),
        "PYTHONPATH": os.environ.get("PYTHONPATH", ""),
        "HOME": str(tmp_path),
        "WORKREPORT_CACHE_DIR": str(tmp_path / "cache"),
        "LC_ALL": "C",
        "LANG": "C",
        "PYTHONUTF8": "0",
    }
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    run = run_bounded("build", yaml, "-o", str(folder), cwd=tmp_path, env=env)
    assert run.code == 0, run.err
    assert list(folder.glob("示例街道2022年*（草稿）.docx"))
    bad = run_bounded("lint", str(folder / "没有这个文件.txt"), cwd=tmp_path, env=env)
    assert bad.code == 2 and "文件不存在" in bad.err and "Traceback" not in bad.err
    assert_bounded(run)
