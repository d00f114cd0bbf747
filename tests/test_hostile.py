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
import time
import zipfile
import zlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

import docx
import pytest

from .bounded import Run, run_bounded
from .conftest import DEMO_PROJECT

TIME_BOUND = 5.0
"""Seconds a hostile case may take, start of the child process to its end."""
MEMORY_BOUND_MB = 300
_MB = 1024 * 1024


def assert_refused(run: Run, *words: str) -> None:
    """Exit 2 with a Chinese message containing ``words``, no traceback, within the bounds."""
    assert run.code == 2, (run.code, run.out, run.err)
    assert "Traceback" not in run.err + run.out
    assert "内部错误" not in run.err + run.out
    said = run.err + run.out  # check and lint report on standard output
    assert "错误：" in said, said
    for word in words:
        assert word in said, (word, said)
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
    # An end record that says 1 part: the directory's size gives the count away.
    data = bytearray(path.read_bytes())
    data[-14:-10] = struct.pack("<2H", 1, 1)
    liar = tmp_path / "少报.docx"
    liar.write_bytes(bytes(data))
    run = run_bounded("--limit", "members=100", "lint", str(liar), cwd=tmp_path)
    assert_refused(run, "少报.docx", "部件", "members")


@pytest.fixture
def lexicon_cached() -> None:
    """The misspelling index in its cache folder, as every lint run after the first finds it:
    the bounds below are on hostile files, not on building the index (a one-time cost)."""
    from workreport.lint.lexicon import load

    load.cache_clear()  # read from the cache folder, or built and written there
    load()


@pytest.mark.usefixtures("lexicon_cached")
def test_hostile_docx_files_each_get_their_message_in_one_lint_run(tmp_path: Path) -> None:
    """Lying sizes, entity expansion, an external entity, broken and deeply nested XML and a
    file that is not a zip: one lint run reports each by name and still lints the good file."""
    others = [p for p in docx_parts() if p.name != "word/document.xml"]
    block = PARAGRAPH * (_MB // len(PARAGRAPH))
    liar = Part("word/document.xml", DOC_HEAD, block, 400, DOC_TAIL, declared_size=1024)
    body = DOC_HEAD.split(b"?>", 1)[1]
    laughs = (
        b'<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
        + b"".join(
            f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">'.encode()
            for i in range(1, 10)
        )
        + b"]>"
        + body
        + b"<w:p><w:r><w:t>&lol9;</w:t></w:r></w:p>"
        + DOC_TAIL
    )
    secret = tmp_path / "secret.txt"
    secret.write_text("机密-PASSWORD-0451", "utf-8")
    external = (
        f'<?xml version="1.0"?><!DOCTYPE d [<!ENTITY x SYSTEM "file://{secret}">]>'.encode()
        + body
        + b"<w:p><w:r><w:t>&x;</w:t></w:r></w:p>"
        + DOC_TAIL
    )
    broken = DOC_HEAD + "<w:p><w:r><w:t>未闭合</w:r></w:p>".encode() + DOC_TAIL
    deep = DOC_HEAD + b"<w:p>" + b"<w:r>" * 5000 + b"</w:r>" * 5000 + b"</w:p>" + DOC_TAIL
    files = {
        "说谎.docx": ([*others, liar], "已损坏"),
        "实体.docx": (docx_parts(**{"word/document.xml": laughs}), "DTD"),
        "外部.docx": (docx_parts(**{"word/document.xml": external}), "DTD"),
        "坏.docx": (docx_parts(**{"word/document.xml": broken}), "已损坏"),
        "深.docx": (docx_parts(**{"word/document.xml": deep}), "已损坏"),
    }
    for name, (parts, _) in files.items():
        write_zip(tmp_path / name, parts)
    (tmp_path / "文本.docx").write_text("这其实是文本文件。", "utf-8")
    good = tmp_path / "好.txt"
    good.write_text("我们要加强学习,提高认识。\n", encoding="utf-8")
    names = [*files, "文本.docx", "好.txt"]
    run = run_bounded("lint", *(str(tmp_path / n) for n in names), cwd=tmp_path)
    assert_refused(run)
    lines = {n: [ln for ln in run.err.splitlines() if n in ln] for n in names}
    for name, (_, word) in files.items():
        assert lines[name] and word in lines[name][0], (name, run.err)
    assert "zip" in lines["文本.docx"][0]
    assert "好.txt:1:" in run.out  # the readable file's findings are printed
    assert "PASSWORD" not in run.out + run.err


def test_not_a_zip(tmp_path: Path) -> None:
    (tmp_path / "表.xlsx").write_text("指标,数值\n产值,1\n", encoding="utf-8")
    project = demo(tmp_path)
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    xlsx = run_bounded("import-indicators", str(tmp_path / "表.xlsx"), "--into", yaml, cwd=tmp_path)
    assert_refused(xlsx, "表.xlsx", "zip")


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
        # the table's own cell limit stops the read first, naming the option that raises it
        assert_refused(run, "指标.csv", "--max-cell-chars")
    finally:
        huge.unlink()
    # A field over the csv module's own limit, in a file under ours: located, by line.
    field = tmp_path / "长字段.csv"
    field.write_text('指标,数值,单位\n产值,400,亿元\n说明,"' + "长" * 200_000 + '",\n', "utf-8")
    run = run_bounded("import-indicators", str(field), "--into", str(yaml), cwd=tmp_path)
    assert_refused(run, "长字段.csv", "第 3 行")
    assert yaml.read_bytes() == before


# --- output path, names, locale -------------------------------------------------------------


@pytest.mark.parametrize(
    "damage",
    [
        b"PK\x03\x04 not really a zip",
        b"",
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


# --- templates and text fields --------------------------------------------------------------

RUNAWAY = {
    "repeat": ('{{ "x" * 10**9 }}', "字符的上限"),
    "list": ("{{ [0] * 10**9 }}", "项的上限"),
    "nested loops": (
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}",
        "时间上限",
    ),
    "loop over a string": (
        '{% set s = "x" * 100000 %}{% for a in s %}{% for b in s %}{% endfor %}{% endfor %}',
        "时间上限",  # no check runs inside: the timer signal ends it
    ),
    "doubling": (
        '{% set ns = namespace(s="ab") %}{% for i in range(60) %}'
        "{% set ns.s = ns.s ~ ns.s %}{% endfor %}{{ ns.s }}",
        "字符的上限",
    ),
    "padding": ('{{ "x".ljust(10**9) }}{{ "x"|center(10**9) }}', "上限"),
    "format width": ('{{ "{:>999999999}".format(1) }}', "上限"),
    "percent width": ('{{ "%0999999999d" % 1 }}', "上限"),
    "power": ("{{ 7 ** (10**8) }}", "数字过大"),
    "join": ('{{ (["x" * 1000000] * 1000) | join }}', "字符的上限"),
    "printing": (
        '{% for i in range(1000) %}{% for j in range(1000) %}{{ "x" * 1000 }}'
        "{% endfor %}{% endfor %}",
        "渲染结果",
    ),
}


@pytest.mark.parametrize("case", sorted(RUNAWAY))
def test_a_runaway_template_is_stopped_and_named(tmp_path: Path, case: str) -> None:
    source, words = RUNAWAY[case]
    project = demo(tmp_path)
    (project / "templates" / "demo").mkdir(parents=True)
    (project / "templates" / "demo" / "title.md.j2").write_text(source + "\n", "utf-8")
    out = tmp_path / "草稿.docx"
    run = run_bounded(
        "build", str(project / "inputs" / "demo" / "2022.yaml"), "-o", str(out), cwd=tmp_path
    )
    assert_refused(run, "title.md.j2:1", words)
    assert case == "power" or "--limit" in run.err  # a number that large is never needed
    assert not out.exists()


def test_a_runaway_text_field_is_stopped_and_named(tmp_path: Path) -> None:
    project = demo(tmp_path)
    yaml = project / "inputs" / "demo" / "2022.yaml"
    text = yaml.read_text(encoding="utf-8").replace(
        "intro: 2023年是开局之年。", "intro: \"{{ '年' * 10**9 }}\""
    )
    yaml.write_text(text, encoding="utf-8")
    run = run_bounded("build", str(yaml), "-o", str(tmp_path / "x.docx"), cwd=tmp_path)
    assert_refused(run, "2022.yaml:17:", "工作谋划 › 总述", "字符的上限")


def test_ordinary_templates_are_not_held_back(tmp_path: Path) -> None:
    """What real templates do — ranges, padding, formats, large figures — stays allowed."""
    project = demo(tmp_path)
    (project / "templates" / "demo").mkdir(parents=True)
    (project / "templates" / "demo" / "title.md.j2").write_text(
        "% {{ unit.name }}{{ year }}年工作报告"
        '{% for i in range(3) %}{{ i }}{% endfor %}{{ "{:,}".format(12345678901) }}'
        '{{ "%.1f" % 3.14159 }}{{ 12500000000 | amount("元", scale_to="亿元") }}'
        '{{ ("a-b" | replace("-", "—")) ~ ("x" * 3) }}{{ 2 ** 10 }}\n',
        "utf-8",
    )
    out = tmp_path / "草稿.docx"
    run = run_bounded(
        "build", str(project / "inputs" / "demo" / "2022.yaml"), "-o", str(out), cwd=tmp_path
    )
    assert run.code == 0, run.err
    title = docx.Document(str(out)).paragraphs[0].text
    assert "012" in title and "12,345,678,901" in title and "3.1" in title and "a—bxxx" in title
    assert "1024" in title


def test_one_runaway_unit_fails_alone_in_a_batch(tmp_path: Path) -> None:
    project = demo(tmp_path)
    inputs = project / "inputs"
    shutil.copytree(inputs / "demo", inputs / "other")
    other = inputs / "other" / "2022.yaml"
    other.write_text(other.read_text("utf-8").replace("示例街道", "另一街道"), "utf-8")
    (project / "templates" / "other").mkdir(parents=True)
    (project / "templates" / "other" / "title.md.j2").write_text(
        "{% for i in range(100000) %}{% for j in range(100000) %}{% endfor %}{% endfor %}\n",
        "utf-8",
    )
    out = tmp_path / "草稿"
    run = run_bounded(
        "--limit", "render_seconds=1", "build", str(inputs), "-o", str(out), "-j", "2", cwd=tmp_path
    )
    assert run.code == 2
    assert "时间上限" in run.out + run.err and "title.md.j2" in run.out + run.err
    drafts = [p.name for p in out.glob("*.docx")]
    assert len(drafts) == 1 and drafts[0].startswith("示例街道"), drafts
    assert "Traceback" not in run.err
    assert_bounded(run)


@pytest.mark.parametrize("how", ["file", "folder"])
def test_a_link_out_of_the_template_folder_is_refused(tmp_path: Path, how: str) -> None:
    secret = tmp_path / "outside" / "secret.txt"
    secret.parent.mkdir()
    secret.write_text("机密-PASSWORD-0451\n", "utf-8")
    project = demo(tmp_path)
    folder = project / "templates" / "demo"
    folder.mkdir(parents=True)
    if how == "file":
        (folder / "title.md.j2").symlink_to(secret)
    else:
        (folder / "sub").symlink_to(secret.parent, target_is_directory=True)
        (folder / "title.md.j2").write_text('{% include "sub/secret.txt" %}\n', "utf-8")
    out = tmp_path / "草稿.docx"
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    for args in (["build", yaml, "-o", str(out)], ["check", yaml]):
        run = run_bounded(*args, cwd=tmp_path)
        assert_refused(run, "链接")
        assert "PASSWORD" not in run.out + run.err
    proofread = run_bounded("lint", yaml, cwd=tmp_path)  # lint lists unreadable files in line
    assert proofread.code == 2 and "链接" in proofread.out + proofread.err
    assert "PASSWORD" not in proofread.out + proofread.err
    assert not out.exists()


# --- caches ---------------------------------------------------------------------------------


def _cache_env(cache: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONIOENCODING": "utf-8", "WORKREPORT_CACHE_DIR": str(cache)}


def _build_in(project: Path, out: Path, cache: Path) -> Run:
    yaml = str(project / "inputs" / "demo" / "2022.yaml")
    return run_bounded("build", yaml, "-o", str(out), "--force", cwd=project, env=_cache_env(cache))


def test_a_flipped_byte_in_a_compiled_template_is_never_run(tmp_path: Path) -> None:
    project, cache = demo(tmp_path), tmp_path / "cache"
    first = _build_in(project, tmp_path / "a.docx", cache)
    assert first.code == 0, first.err
    compiled = [p for p in cache.glob("jinja-*/*") if p.is_file()]
    assert compiled
    for path in compiled:
        data = bytearray(path.read_bytes())
        data[-40] ^= 0xFF  # inside the marshalled code
        path.write_bytes(bytes(data))
    again = _build_in(project, tmp_path / "b.docx", cache)
    assert again.code == 0, again.err
    assert "编译后的模板已损坏" in again.err and "Traceback" not in again.err
    first_text = [p.text for p in docx.Document(str(tmp_path / "a.docx")).paragraphs]
    assert [p.text for p in docx.Document(str(tmp_path / "b.docx")).paragraphs] == first_text
    third = _build_in(project, tmp_path / "c.docx", cache)  # rebuilt entries are good again
    assert third.code == 0 and "损坏" not in third.err


def _base(cache: Path) -> Path:
    (base,) = cache.glob("base-*.docx")
    return base


def test_a_damaged_cached_base_document_is_rebuilt_with_a_note(tmp_path: Path) -> None:
    project, cache = demo(tmp_path), tmp_path / "cache"
    assert _build_in(project, tmp_path / "a.docx", cache).code == 0
    base = _base(cache)
    base.write_bytes(base.read_bytes()[: len(base.read_bytes()) // 2])
    run = _build_in(project, tmp_path / "b.docx", cache)
    assert run.code == 0, run.err
    assert "Word 底稿已损坏" in run.err
    assert docx.Document(str(tmp_path / "b.docx")).paragraphs
    assert _build_in(project, tmp_path / "c.docx", cache).err.count("损坏") == 0


def test_a_tampered_base_document_that_is_still_a_zip_is_rebuilt(tmp_path: Path) -> None:
    project, cache = demo(tmp_path), tmp_path / "cache"
    assert _build_in(project, tmp_path / "a.docx", cache).code == 0
    base = _base(cache)
    with zipfile.ZipFile(base) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    styles = parts["word/styles.xml"].decode()
    parts["word/styles.xml"] = styles.replace("</w:styles>", "<!-- 篡改 --></w:styles>").encode()
    with zipfile.ZipFile(base, "w") as archive:
        for name, data in parts.items():
            archive.writestr(name, data)
    run = _build_in(project, tmp_path / "b.docx", cache)
    assert run.code == 0 and "Word 底稿已损坏" in run.err, run.err
    with zipfile.ZipFile(tmp_path / "b.docx") as archive:
        assert "篡改" not in archive.read("word/styles.xml").decode()


def test_the_template_cache_keeps_no_huge_entry(tmp_path: Path) -> None:
    project, cache = demo(tmp_path), tmp_path / "cache"
    (project / "templates" / "demo").mkdir(parents=True)
    big = "{% if false %}" + "很长的模板正文。" * 400_000 + "{% endif %}"
    (project / "templates" / "demo" / "title.md.j2").write_text(
        big + "% {{ unit.name }}工作报告\n", "utf-8"
    )
    run = _build_in(project, tmp_path / "a.docx", cache)
    assert run.code == 0, run.err
    sizes = [p.stat().st_size for p in cache.rglob("*") if p.is_file()]
    assert sizes and max(sizes) < 2 * _MB + 100


# --- the pieces, in process ---------------------------------------------------------------


def test_limits_parse_and_raise_hints() -> None:
    from workreport import limits

    raised = limits.parse(["text_mb=5", " members=20000 "])
    assert raised.text_mb == 5 and raised.members == 20000 and isinstance(raised.members, int)
    for bad in (["text_mb"], ["nothing=1"], ["text_mb=-1"], ["text_mb=多"]):
        with pytest.raises(ValueError):
            limits.parse(bad)
    assert "--limit text_mb=" in limits.raise_hint("text_mb", 50)


def test_file_names_are_cut_in_the_middle() -> None:
    from workreport.safeio import fit_filename

    assert fit_filename("草稿.docx") == "草稿.docx"
    name = "示例街道2022年" + "工作情况" * 100 + "（征求意见稿）.docx"
    fitted = fit_filename(name)
    assert len(fitted.encode()) <= 200 and "…" in fitted
    assert fitted.startswith("示例街道2022年") and fitted.endswith("（征求意见稿）.docx")


def test_a_real_draft_passes_the_archive_checks(sample_build: object) -> None:
    from workreport.safeio import check_archive, sound_docx

    output = sample_build.output  # type: ignore[attr-defined]
    check_archive(output, "Word")
    assert sound_docx(output)


def test_checked_range_behaves_like_range() -> None:
    from workreport.sandbox import CheckedRange

    checked = CheckedRange(2, 10, 3)
    assert list(checked) == [2, 5, 8] and len(checked) == 3
    assert list(reversed(checked)) == [8, 5, 2] and checked[1] == 5 and 5 in checked


def test_a_file_name_the_system_refuses_is_a_chinese_message(tmp_path: Path) -> None:
    report = tmp_path / "报告.txt"
    report.write_text(
        "示例街道2022年工作情况\n一、2022年工作情况\n全年实现产值400亿元。\n", "utf-8"
    )
    name = "很长的数据文件名" * 20 + ".yaml"
    run = run_bounded("extract", str(report), "-o", name, "--unit", "示例街道", cwd=tmp_path)
    assert run.code == 2 and "文件名太长" in run.err and "Traceback" not in run.err
    assert_bounded(run)


def test_a_word_file_with_more_text_than_a_report_is_refused(tmp_path: Path) -> None:
    """Under every archive limit, but with several MB of text: refused before any lint rule
    or extraction spends time on it."""
    path = bomb_docx(tmp_path / "很多字.docx", megabytes=1)
    block = PARAGRAPH * (_MB // len(PARAGRAPH))
    others = [p for p in docx_parts() if p.name != "word/document.xml"]
    write_zip(path, [*others, Part("word/document.xml", DOC_HEAD, block, 4, DOC_TAIL)])
    for args in (["lint", str(path)], ["extract", str(path), "-o", str(tmp_path / "2022.yaml")]):
        run = run_bounded("--limit", "ratio=100000", *args, cwd=tmp_path)
        assert_refused(run, "很多字.docx", "文字有", "--limit text_mb=")


def test_the_cache_folder_is_pruned(tmp_path: Path) -> None:
    from workreport.cache import MAX_FILES, STALE_DAYS, prune

    current, fresh, stale = (tmp_path / name for name in ("jinja-a", "jinja-b", "jinja-c"))
    for folder in (current, fresh, stale):
        folder.mkdir()
    for i in range(MAX_FILES + 500):
        (current / f"{i}.cache").write_bytes(b"x")
    (stale / "old.cache").write_bytes(b"x")
    long_ago = time.time() - (STALE_DAYS + 1) * 86400
    os.utime(stale, (long_ago, long_ago))
    prune(current, "jinja-")
    assert len(list(current.iterdir())) <= MAX_FILES
    assert fresh.is_dir() and not stale.exists()  # another version's folder in use stays
