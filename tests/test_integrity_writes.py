"""Nothing lost, nothing half-written, nothing left running: every write, real files and processes.

Failures are produced for real: a file-size limit (``RLIMIT_FSIZE``) in a subprocess makes its
writes fail as a full disk does, ``kill -9`` and SIGINT go to real processes, a real LibreOffice
is stopped by its timeout, and a draft "open in Word" is either Word's lock file beside it or
a file the kernel refuses to replace (``chattr +i``).
"""

from __future__ import annotations

import fcntl
import io
import os
import re
import resource
import shutil
import signal
import stat
import struct
import subprocess
import sys
import time
import zlib
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from docx.shared import RGBColor

from tests.conftest import DEMO_PROJECT, require_program
from workreport.api import build
from workreport.protect import State, state
from workreport.safewrite import (
    ChangedError,
    ExistsError,
    clean_stale,
    read_with_snapshot,
    temp_name,
    write_bytes,
)

DEMO_INPUT = DEMO_PROJECT / "inputs" / "demo" / "2022.yaml"
CLI = "from workreport.cli import main; main()"


def cli(
    *args: str,
    cwd: Path,
    env: dict[str, str] | None = None,
    preexec_fn: Callable[[], None] | None = None,
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", CLI, *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env={**os.environ, "PYTHONIOENCODING": "utf-8", **(env or {})},
        preexec_fn=preexec_fn,
        check=False,
    )


def file_size_limit(limit: int) -> Callable[[], None]:
    """For ``preexec_fn``: writes past ``limit`` bytes fail with EFBIG, as on a full disk."""

    def apply() -> None:
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return apply


def hidden_leftovers(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.rglob(".workreport-*"))


def processes_mentioning(needle: str) -> list[str]:
    """Command lines of running processes that contain ``needle`` (a test's own tmp path)."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
            status = (entry / "status").read_text()
        except OSError:
            continue
        if needle in command and "\nState:\tZ" not in status:
            found.append(command)
    return found


def no_traceback(result: subprocess.CompletedProcess[str]) -> None:
    assert "Traceback" not in result.stderr + result.stdout
    assert "内部错误" not in result.stderr


@pytest.fixture
def project(tmp_path: Path) -> Path:
    target = tmp_path / "project"
    shutil.copytree(DEMO_PROJECT, target)
    return target


# ---- the write module itself -------------------------------------------------------------------


def test_a_symlink_stays_a_link_and_its_target_gets_the_new_content(tmp_path: Path) -> None:
    real = tmp_path / "data" / "2022.yaml"
    real.parent.mkdir()
    real.write_text("old\n", encoding="utf-8")
    link = tmp_path / "link.yaml"
    link.symlink_to(real)
    assert write_bytes(link, b"new\n") == real
    assert link.is_symlink() and real.read_bytes() == b"new\n"


def test_hard_links_and_the_inode_survive(tmp_path: Path) -> None:
    first = tmp_path / "a.yaml"
    first.write_bytes(b"old content that is longer\n")
    second = tmp_path / "b.yaml"
    os.link(first, second)
    inode = first.stat().st_ino
    write_bytes(first, b"new\n")
    assert second.read_bytes() == b"new\n" and first.stat().st_ino == inode
    assert first.stat().st_nlink == 2
    assert hidden_leftovers(tmp_path) == []


def test_a_failed_write_to_a_hard_linked_file_leaves_both_names_as_they_were(
    tmp_path: Path,
) -> None:
    first = tmp_path / "a.yaml"
    first.write_bytes(b"old\n" * 100)
    os.link(first, tmp_path / "b.yaml")
    script = "import sys; from workreport.safewrite import write_bytes\n"
    script += "write_bytes(sys.argv[1], b'new' * 10000)"
    done = subprocess.run(
        [sys.executable, "-c", script, str(first)],
        capture_output=True,
        text=True,
        preexec_fn=file_size_limit(2000),
        check=False,
    )
    assert "文件超过了系统允许的大小；原有文件没有改动" in done.stderr
    assert (tmp_path / "b.yaml").read_bytes() == first.read_bytes() == b"old\n" * 100
    assert first.stat().st_nlink == 2 and hidden_leftovers(tmp_path) == []


def test_the_mode_of_a_private_file_is_kept(tmp_path: Path) -> None:
    target = tmp_path / "2022.yaml"
    target.write_bytes(b"old\n")
    target.chmod(0o600)
    write_bytes(target, b"new\n")
    assert stat.S_IMODE(target.stat().st_mode) == 0o600


def test_a_file_changed_since_it_was_read_is_not_written_over(tmp_path: Path) -> None:
    target = tmp_path / "2022.yaml"
    target.write_bytes(b"as read\n")
    _, snapshot = read_with_snapshot(target)
    target.write_bytes(b"saved in the editor meanwhile\n")
    with pytest.raises(ChangedError) as raised:
        write_bytes(target, b"ours\n", expect=snapshot)
    assert "在读取之后被修改过" in raised.value.render()
    assert target.read_bytes() == b"saved in the editor meanwhile\n"
    os.utime(target)  # touched, not changed: still the file that was read
    _, snapshot = read_with_snapshot(target)
    os.utime(target, ns=(1, 1))
    assert write_bytes(target, b"ours\n", expect=snapshot) == target


def test_an_exclusive_write_never_replaces(tmp_path: Path) -> None:
    target = tmp_path / "2023.yaml"
    target.write_bytes(b"mine\n")
    with pytest.raises(ExistsError):
        write_bytes(target, b"generated\n", exclusive=True)
    assert target.read_bytes() == b"mine\n" and hidden_leftovers(tmp_path) == []


def test_a_temporary_file_of_a_killed_process_is_removed_by_the_next_write(tmp_path: Path) -> None:
    dead = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    pid = int(dead.stdout)
    leftover = tmp_path / temp_name().replace(f"-{os.getpid()}-", f"-{pid}-", 1)
    leftover.write_bytes(b"half")
    young = tmp_path / temp_name()  # this process is alive: never removed
    young.write_bytes(b"busy")
    os.utime(leftover, (time.time() - 60, time.time() - 60))
    clean_stale(tmp_path)
    assert not leftover.exists() and young.exists()


# ---- 1. protection counts every change a person makes ------------------------------------------


def words_of(document: docx.document.Document) -> list[str]:
    return [p.text for p in document.paragraphs if p.text]


def png_bytes() -> bytes:
    """A valid 1×1 PNG, made here (no image library needed)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def add_comment(document: docx.document.Document) -> None:
    paragraph = next(p for p in document.paragraphs if p.runs and p.text.strip())
    document.add_comment(paragraph.runs[0], text="请核实这个数字", author="审稿人", initials="审")


def make_bold(document: docx.document.Document) -> None:
    run = next(r for p in document.paragraphs[3:] for r in p.runs if r.text and not r.bold)
    run.bold = True


def make_red(document: docx.document.Document) -> None:
    run = next(r for p in document.paragraphs[3:] for r in p.runs if r.text)
    run.font.color.rgb = RGBColor(0xFF, 0x00, 0x00)


def add_picture(document: docx.document.Document) -> None:
    document.add_picture(io.BytesIO(png_bytes()))


def add_empty_table(document: docx.document.Document) -> None:
    document.add_table(rows=2, cols=3)


@pytest.mark.parametrize("change", [add_comment, make_bold, make_red, add_picture, add_empty_table])
def test_a_change_without_new_words_is_an_edit_and_is_never_overwritten(
    project: Path, change: Callable[[docx.document.Document], None]
) -> None:
    out = project / "草稿.docx"
    build(project / "inputs/demo/2022.yaml", out)
    document = docx.Document(str(out))
    words = words_of(document)
    change(document)
    document.save(str(out))
    assert words_of(docx.Document(str(out))) == words
    edited = out.read_bytes()
    assert state(out) is State.EDITED

    result = cli("build", "inputs/demo/2022.yaml", "-o", "草稿.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert "“草稿.docx”生成后有人修改过，为免覆盖，新草稿写到了：草稿（2）.docx。" in result.stderr
    assert out.read_bytes() == edited and (project / "草稿（2）.docx").is_file()

    forced = cli("build", "inputs/demo/2022.yaml", "-o", "草稿.docx", "--force", cwd=project)
    assert forced.returncode == 0 and state(out) is State.GENERATED


def test_the_comment_survives_a_rebuild_and_the_reviewers_draft_can_be_reopened(
    project: Path,
) -> None:
    out = project / "草稿.docx"
    build(project / "inputs/demo/2022.yaml", out)
    document = docx.Document(str(out))
    add_comment(document)
    document.save(str(out))
    build(project / "inputs/demo/2022.yaml", out)
    comments = list(docx.Document(str(out)).comments)
    assert [c.text for c in comments] == ["请核实这个数字"]


# ---- 3. import-indicators: a save made meanwhile, permissions, links ---------------------------


def indicator_table(path: Path, rows: int) -> Path:
    lines = ["指标,数值,单位", "地区生产总值,110.5,亿元"]
    lines += [f"新增统计指标第{i}项,{i},个" for i in range(rows)]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_import_keeps_a_save_made_while_it_ran(project: Path) -> None:
    target = project / "inputs/demo/2022.yaml"
    table = indicator_table(project / "表.csv", 200)
    # A one-page pipe: printing the change list blocks the command after it has read and
    # merged the YAML and before it writes, until this test reads on.
    read_end, write_end = os.pipe()
    fcntl.fcntl(write_end, fcntl.F_SETPIPE_SZ, 4096)
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "import-indicators", str(table), "--into", str(target)],
        cwd=project,
        stdout=write_end,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    os.close(write_end)
    with os.fdopen(read_end, "rb") as output:
        first = output.read(1)  # printing has begun: the YAML was read and merged
        saved = target.read_text(encoding="utf-8") + "# 保存于导入进行时\n"
        target.write_text(saved, encoding="utf-8")
        printed = first + output.read()
    _, errors = process.communicate(timeout=120)
    stderr = errors.decode("utf-8")
    assert len(printed) > 3 * 4096 and process.returncode == 2, stderr
    # import checks before it writes, and the write checks again: either names the edit
    assert "被修改过" in stderr and ("未写入" in stderr or "没有写入" in stderr)
    assert "Traceback" not in stderr
    assert target.read_text(encoding="utf-8") == saved


def test_import_keeps_the_mode_and_the_symlink(project: Path) -> None:
    real = project / "inputs/demo/2022.yaml"
    real.chmod(0o600)
    link = project / "link.yaml"
    link.symlink_to(real)
    table = indicator_table(project / "表.csv", 0)
    result = cli("import-indicators", str(table), "--into", "link.yaml", cwd=project)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert link.is_symlink() and "110.5" in real.read_text(encoding="utf-8")
    assert stat.S_IMODE(real.stat().st_mode) == 0o600


def test_a_rebuilt_draft_behind_a_symlink_stays_linked(project: Path) -> None:
    drafts = project / "共享"
    drafts.mkdir()
    real = build(project / "inputs/demo/2022.yaml", drafts / "草稿.docx").output
    link = project / "草稿.docx"
    link.symlink_to(real)
    result = cli("build", "inputs/demo/2022.yaml", "-o", "草稿.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and state(real) is State.GENERATED


# ---- 5. draft names carry the year; batch summaries name unit and year -------------------------


def test_drafts_of_two_years_never_share_a_name(project: Path) -> None:
    source = (project / "inputs/demo/2022.yaml").read_text(encoding="utf-8")
    for year in (2022, 2023):
        text = source.replace("year: 2022", f"year: {year}")
        (project / f"inputs/demo/{year}.yaml").write_text(
            "title: 示例街道工作报告\n" + text, encoding="utf-8"
        )
    first = cli("build", "inputs/demo/2022.yaml", cwd=project)
    second = cli("build", "inputs/demo/2023.yaml", cwd=project)
    assert (first.returncode, second.returncode) == (0, 0), first.stderr + second.stderr
    assert (
        "示例街道工作报告（2022年）（草稿）.docx" in first.stdout and "修改过" not in second.stderr
    )
    assert (project / "示例街道工作报告（2022年）（草稿）.docx").is_file()
    assert (project / "示例街道工作报告（2023年）（草稿）.docx").is_file()


def test_a_batch_says_which_unit_and_year_share_a_title(project: Path) -> None:
    source = (project / "inputs/demo/2022.yaml").read_text(encoding="utf-8")
    (project / "inputs/other").mkdir()
    (project / "inputs/other/2022.yaml").write_text(
        source.replace("示例街道", "另一街道"), encoding="utf-8"
    )
    for unit in ("demo", "other"):
        path = project / f"inputs/{unit}/2022.yaml"
        path.write_text("title: 街道工作报告\n" + path.read_text(encoding="utf-8"), "utf-8")
    result = cli("build", "inputs", "-o", "drafts", cwd=project)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    names = sorted(p.name for p in (project / "drafts").iterdir())
    assert names == [
        "街道工作报告（2022年）（草稿）（demo）.docx",
        "街道工作报告（2022年）（草稿）（other）.docx",
    ]
    assert "示例街道 2022年的报告标题与 other/2022 相同" in result.stderr
    assert "示例街道 2022" in result.stdout and "另一街道 2022" in result.stdout


# ---- 6. a full disk leaves nothing behind; a retry works ---------------------------------------


def test_rollover_on_a_full_disk_leaves_no_file_and_a_retry_works(project: Path) -> None:
    limit = file_size_limit(200)  # the YAML of next year is larger
    result = cli("rollover", "inputs/demo/2022.yaml", cwd=project, preexec_fn=limit)
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert "无法写入“inputs/demo/2023.yaml”：文件超过了系统允许的大小；原有文件没有改动。" in (
        result.stderr
    )
    assert sorted(p.name for p in (project / "inputs/demo").iterdir()) == ["2022.yaml"]
    retry = cli("rollover", "inputs/demo/2022.yaml", cwd=project)
    assert retry.returncode == 0, retry.stderr
    assert "year: 2023" in (project / "inputs/demo/2023.yaml").read_text(encoding="utf-8")


def test_new_on_a_full_disk_leaves_nothing_and_names_the_file(tmp_path: Path) -> None:
    args = ("new", "xiqu", "--name", "西区街道", "--year", "2023")
    result = cli(*args, cwd=tmp_path, preexec_fn=file_size_limit(300))
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert "None" not in result.stderr
    assert "无法写入“inputs/xiqu/2023.yaml”：文件超过了系统允许的大小" in result.stderr
    assert list(tmp_path.iterdir()) == []  # no file, not even an empty folder
    retry = cli(*args, cwd=tmp_path)
    assert retry.returncode == 0, retry.stderr
    assert (tmp_path / "inputs/xiqu/2023.yaml").stat().st_size > 300


def test_a_failed_build_on_a_full_disk_keeps_the_previous_draft(project: Path) -> None:
    out = build(project / "inputs/demo/2022.yaml", project / "草稿.docx").output
    before = out.read_bytes()
    result = cli(
        "build",
        "inputs/demo/2022.yaml",
        "-o",
        "草稿.docx",
        cwd=project,
        env={"WORKREPORT_CACHE_DIR": ""},
        preexec_fn=file_size_limit(4096),
    )
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert "文件超过了系统允许的大小；原有文件没有改动" in result.stderr
    assert out.read_bytes() == before and hidden_leftovers(project) == []


def test_lint_fix_never_replaces_an_earlier_corrected_copy(tmp_path: Path) -> None:
    text = tmp_path / "报告.txt"
    text.write_text("全年完成投资3亿元,同比增长5%。\n", encoding="utf-8")
    earlier = tmp_path / "报告.fixed.txt"
    earlier.write_text("我改过的版本\n", encoding="utf-8")
    result = cli("lint", "--fix", "报告.txt", cwd=tmp_path)
    assert result.returncode in (0, 1), result.stderr
    no_traceback(result)
    assert earlier.read_text(encoding="utf-8") == "我改过的版本\n"
    second = tmp_path / "报告.fixed（2）.txt"
    assert "，同比" in second.read_text(encoding="utf-8")
    assert "写入 报告.fixed（2）.txt（“报告.fixed.txt”已存在，没有改动）" in result.stderr


# ---- 7. kill -9 of a batch leaves no hidden folders --------------------------------------------


def test_kill_9_of_a_batch_leaves_no_staging_folders(project: Path) -> None:
    source = (project / "inputs/demo/2022.yaml").read_text(encoding="utf-8")
    for number in range(12):
        unit = project / f"inputs/unit{number}"
        unit.mkdir()
        (unit / "2022.yaml").write_text(
            source.replace("示例街道", f"第{number}街道"), encoding="utf-8"
        )
    out = project / "drafts"
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "build", "inputs", "-o", str(out), "-j", "2"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
        start_new_session=True,
    )
    assert process.stderr is not None
    line = process.stderr.readline().decode("utf-8")
    while "[1/" not in line and line:
        line = process.stderr.readline().decode("utf-8")
    assert "[1/13]" in line  # a unit is done, others are being built
    os.killpg(process.pid, signal.SIGKILL)
    process.communicate()
    assert hidden_leftovers(out) == []
    # a staging folder an earlier version left is cleared by the next batch
    old = out / ".workreport-ab12cd34"
    old.mkdir()
    (old / "0.docx").write_bytes(b"PK")
    again = cli("build", "inputs", "-o", str(out), cwd=project)
    assert again.returncode == 0, again.stderr
    assert hidden_leftovers(out) == [] and len(list(out.glob("*.docx"))) == 13


# ---- 12. LibreOffice: timeout, a bad TMPDIR, Ctrl+C -------------------------------------------


def test_a_libreoffice_that_does_not_finish_is_stopped_and_the_old_pdf_kept(
    project: Path,
) -> None:
    require_program("soffice")
    build(project / "inputs/demo/2022.yaml", project / "草稿.docx")
    old_pdf = project / "草稿.pdf"
    old_pdf.write_bytes(b"%PDF-1.4 the PDF of yesterday")
    args = ("build", "inputs/demo/2022.yaml", "-o", "草稿.docx", "--pdf", "--pdf-timeout", "0.3")
    result = cli(*args, cwd=project)
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert (
        "LibreOffice 在 0.3 秒内没有完成 PDF 转换，已停止它；原有的 PDF 没有改动。" in result.stderr
    )
    assert "--pdf-timeout" in result.stderr
    assert old_pdf.read_bytes() == b"%PDF-1.4 the PDF of yesterday"
    assert processes_mentioning(str(project)) == []


def test_a_batch_whose_libreoffice_is_stopped_still_reports_its_drafts(project: Path) -> None:
    require_program("soffice")
    result = cli("build", "inputs", "-o", "drafts", "--pdf", "--pdf-timeout", "0.3", cwd=project)
    assert result.returncode == 2, result.stderr
    no_traceback(result)
    assert "共 1 份：成功 1 份" in result.stdout and "草稿在：" in result.stdout
    assert "LibreOffice 在 0.3 秒内没有完成 PDF 转换" in result.stderr
    assert [p.suffix for p in (project / "drafts").iterdir()] == [".docx"]
    assert processes_mentioning(str(project)) == []


def test_a_bad_tmpdir_does_not_stop_the_pdf_nor_blame_the_draft(project: Path) -> None:
    require_program("soffice")
    not_a_folder = project / "not-a-folder"
    not_a_folder.write_text("x", encoding="utf-8")
    result = cli(
        "build",
        "inputs/demo/2022.yaml",
        "-o",
        "草稿.docx",
        "--pdf",
        cwd=project,
        env={"TMPDIR": str(not_a_folder)},
    )
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert (project / "草稿.pdf").read_bytes().startswith(b"%PDF")
    assert ".cxx" not in result.stderr and "损坏" not in result.stderr


def test_ctrl_c_during_pdf_leaves_no_libreoffice_running(project: Path) -> None:
    require_program("soffice")
    process = subprocess.Popen(
        [sys.executable, "-c", CLI, "build", "inputs/demo/2022.yaml", "-o", "草稿.docx", "--pdf"],
        cwd=project,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env={**os.environ, "PYTHONIOENCODING": "utf-8"},
    )
    deadline = time.monotonic() + 60
    while not any("soffice" in c for c in processes_mentioning(str(project / "草稿.docx"))):
        assert time.monotonic() < deadline and process.poll() is None, "LibreOffice never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGINT)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 130
    assert "Traceback" not in errors.decode("utf-8")
    assert processes_mentioning(str(project)) == []
    assert not (project / "草稿.pdf").exists()


# ---- 15. a draft open in Word or WPS -----------------------------------------------------------


def test_a_draft_with_words_lock_file_beside_it_is_not_replaced(project: Path) -> None:
    out = build(project / "inputs/demo/2022.yaml", project / "草稿.docx").output
    before = out.read_bytes()
    (project / "~$草稿.docx").write_bytes(b"\x06owner")
    result = cli("build", "inputs/demo/2022.yaml", "-o", "草稿.docx", cwd=project)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert (
        "“草稿.docx”正在 Word、WPS 或 LibreOffice 中打开，不能覆盖，新草稿写到了：草稿（2）.docx。"
        in (result.stderr)
    )
    assert out.read_bytes() == before and state(project / "草稿（2）.docx") is State.GENERATED


def test_a_draft_the_system_refuses_to_replace_goes_to_a_new_name(project: Path) -> None:
    chattr = require_program("chattr")
    out = build(project / "inputs/demo/2022.yaml", project / "草稿.docx").output
    before = out.read_bytes()
    subprocess.run([chattr, "+i", str(out)], check=True)  # as a lock held by Word on Windows
    try:
        result = cli("build", "inputs/demo/2022.yaml", "-o", "草稿.docx", cwd=project)
    finally:
        subprocess.run([chattr, "-i", str(out)], check=True)
    assert result.returncode == 0, result.stderr
    no_traceback(result)
    assert (
        "正在 Word、WPS 或 LibreOffice 中打开，不能覆盖，新草稿写到了：草稿（2）.docx"
        in result.stderr
    )
    assert "已生成：草稿（2）.docx" in result.stdout
    assert out.read_bytes() == before and hidden_leftovers(project) == []


# ---- every writer goes through the one write module --------------------------------------------

RAW_WRITE = re.compile(
    r"\.write_(?:bytes|text)\(|\bopen\([^)]*[\"'][wxa]b?\+?[\"']|os\.(?:replace|rename)\("
    r"|shutil\.(?:move|copy\w*)\(|mkstemp\("
)
CACHE_MODULES = {"write/docx.py", "cache.py", "render.py", "lint/wordlist.py", "lint/lexicon.py"}
"""Modules that write only workreport's own cache folder, never a user's file."""


def test_no_module_writes_a_file_except_through_safewrite() -> None:
    source = Path(__file__).resolve().parent.parent / "src" / "workreport"
    offenders = [
        f"{path.relative_to(source)}:{number}: {line.strip()}"
        for path in sorted(source.rglob("*.py"))
        if path.name != "safewrite.py" and path.relative_to(source).as_posix() not in CACHE_MODULES
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1)
        if RAW_WRITE.search(line)
    ]
    assert offenders == []


@pytest.mark.parametrize("review", [False, True])
def test_the_stamp_is_the_fingerprint_read_back_from_the_file(project: Path, review: bool) -> None:
    from workreport.fingerprint import docx_fingerprint
    from workreport.protect import HASH_PROPERTY
    from workreport.write._xml import read_custom_properties

    path = project / "inputs/demo/2022.yaml"
    text = path.read_text(encoding="utf-8").replace("坚持稳字当头。", "坚持稳字当头当头。")
    path.write_text(text, encoding="utf-8")  # a slip, so that --review has a comment to write
    out = build(path, project / "草稿.docx", review=review).output
    stamp = read_custom_properties(out)[HASH_PROPERTY]
    assert stamp == docx_fingerprint(out.read_bytes()) and len(stamp) == 64
    assert bool(list(docx.Document(str(out)).comments)) is review
