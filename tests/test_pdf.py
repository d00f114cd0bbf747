"""PDFs through real headless LibreOffice: a whole batch in one start, clear messages without it."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tests.conftest import DEMO_PROJECT, SAMPLE_INPUT, require_program
from workreport.api import BuildResult
from workreport.cores import cpu_count
from workreport.pdf import (
    FILES_PER_PROCESS,
    MAX_PROCESSES,
    ConversionError,
    _split,
    convert,
    pdf_pages,
    process_count,
)

DEMO_INPUT = DEMO_PROJECT / "inputs" / "demo" / "2022.yaml"


def run(*args: str, cwd: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    if path is not None:
        env["PATH"] = path
    return subprocess.run(
        [sys.executable, "-c", "from workreport.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=env,
        check=False,
    )


def pdfinfo_pages(pdf: Path) -> int:
    info = subprocess.run(
        [require_program("pdfinfo"), str(pdf)], capture_output=True, text=True, check=True
    ).stdout
    return int(next(line.split()[-1] for line in info.splitlines() if line.startswith("Pages:")))


def counting_soffice(folder: Path) -> Path:
    """A ``soffice`` that logs each start and runs the real LibreOffice."""
    real = require_program("soffice")
    folder.mkdir()
    log = folder / "starts.log"
    shim = folder / "soffice"
    shim.write_text(f'#!/bin/sh\necho started >> "{log}"\nexec "{real}" "$@"\n', encoding="utf-8")
    shim.chmod(0o755)
    return log


def test_batch_pdf_starts_libreoffice_once_for_all_drafts(tmp_path: Path) -> None:
    for unit, source in (("demo", DEMO_INPUT), ("waihai", SAMPLE_INPUT)):
        (tmp_path / "inputs" / unit).mkdir(parents=True)
        shutil.copy(source, tmp_path / "inputs" / unit / "2022.yaml")
    log = counting_soffice(tmp_path / "bin")
    path = f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}"
    result = run("build", "inputs", "--pdf", "-o", "out", cwd=tmp_path, path=path)
    assert result.returncode == 0, result.stderr
    assert log.read_text(encoding="utf-8").splitlines() == ["started"]
    pdfs = sorted((tmp_path / "out").glob("*.pdf"))
    assert [p.stem for p in pdfs] == sorted(p.stem for p in (tmp_path / "out").glob("*.docx"))
    assert len(pdfs) == 2
    for pdf in pdfs:
        assert pdf.read_bytes().startswith(b"%PDF-")
        assert pdf_pages(pdf) == pdfinfo_pages(pdf) >= 1
    waihai = next(p for p in pdfs if p.name.startswith("外海街道"))
    # the table shows the PDF's exact page count instead of the estimate
    row = next(line for line in result.stdout.splitlines() if "外海街道" in line)
    assert f" {pdf_pages(waihai)} " in row and "≈" not in row
    assert "PDF 2 份" in result.stdout


def test_single_build_with_pdf(tmp_path: Path) -> None:
    require_program("soffice")
    result = run("build", str(DEMO_INPUT), "-o", "demo.docx", "--pdf", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f"已生成 PDF：{tmp_path / 'demo.pdf'}" in result.stdout
    assert pdfinfo_pages(tmp_path / "demo.pdf") == 1


def test_missing_libreoffice_is_explained_before_building(tmp_path: Path) -> None:
    empty = tmp_path / "empty"
    empty.mkdir()
    result = run("build", str(DEMO_INPUT), "--pdf", cwd=tmp_path, path=str(empty))
    assert result.returncode == 2
    assert "错误：没有找到 LibreOffice，无法转换 PDF。" in result.stderr
    assert "apt-get install libreoffice-writer-nogui" in result.stderr
    assert "Traceback" not in result.stderr
    assert not list(tmp_path.glob("*.docx"))


def test_a_file_libreoffice_cannot_read_does_not_stop_the_others(
    sample_build: BuildResult, tmp_path: Path
) -> None:
    require_program("soffice")
    good = tmp_path / "good.docx"
    shutil.copy(sample_build.output, good)
    bad = tmp_path / "bad.docx"  # a zip archive, but no document inside
    with zipfile.ZipFile(bad, "w") as archive:
        archive.writestr("notes.txt", "不是 Word 文件")
    (good_pdf, good_problem), (bad_pdf, bad_problem) = convert([good, bad], tmp_path / "pdf")
    assert good_pdf == tmp_path / "pdf" / "good.pdf" and good_problem == ""
    assert pdf_pages(good_pdf) == pdfinfo_pages(good_pdf) == 11
    assert bad_pdf is None and "LibreOffice" in bad_problem


def test_pdf_pages_of_a_file_that_is_not_a_pdf(tmp_path: Path) -> None:
    (tmp_path / "x.pdf").write_bytes(b"not a pdf")
    assert pdf_pages(tmp_path / "x.pdf") is None
    assert pdf_pages(tmp_path / "missing.pdf") is None


def test_many_drafts_are_shared_by_several_libreoffice_processes(
    sample_build: BuildResult, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    log = counting_soffice(tmp_path / "bin")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    copies = [Path(shutil.copy(sample_build.output, drafts / f"稿{i:02d}.docx")) for i in range(9)]
    monkeypatch.setenv("PATH", f"{tmp_path / 'bin'}{os.pathsep}{os.environ['PATH']}")
    results = convert(copies, tmp_path / "pdf")
    expected = min(cpu_count(), MAX_PROCESSES, 9 // FILES_PER_PROCESS)
    assert process_count(9) == expected
    assert log.read_text(encoding="utf-8").splitlines() == ["started"] * expected
    assert [problem for _, problem in results] == [""] * 9
    assert [pdf for pdf, _ in results] == [tmp_path / "pdf" / f"稿{i:02d}.pdf" for i in range(9)]
    for pdf, _ in results:
        assert pdf is not None and pdf.read_bytes().startswith(b"%PDF-")
        assert pdf_pages(pdf) == pdfinfo_pages(pdf) == 11
    assert sorted(p.name for p in (tmp_path / "pdf").iterdir()) == [
        f"稿{i:02d}.pdf" for i in range(9)
    ]


def test_runs_split_in_order_and_nearly_even() -> None:
    assert _split(list(range(9)), 2) == [[0, 1, 2, 3, 4], [5, 6, 7, 8]]
    assert _split(list(range(3)), 1) == [[0, 1, 2]]
    assert process_count(1) == process_count(FILES_PER_PROCESS * 2 - 1) == 1


def test_a_timeout_stops_every_libreoffice_process_and_keeps_the_old_pdfs(
    sample_build: BuildResult, tmp_path: Path
) -> None:
    from tests.test_integrity_writes import processes_mentioning

    require_program("soffice")
    drafts = tmp_path / "drafts"
    drafts.mkdir()
    copies = [Path(shutil.copy(sample_build.output, drafts / f"稿{i:02d}.docx")) for i in range(8)]
    for copy in copies:
        copy.with_suffix(".pdf").write_bytes(b"%PDF-1.4 yesterday")
    with pytest.raises(ConversionError) as info:
        convert(copies, timeout=0.5)
    assert "LibreOffice 在 0.5 秒内没有完成 PDF 转换，已停止它" in info.value.message
    assert processes_mentioning(str(tmp_path)) == []
    for copy in copies:
        assert copy.with_suffix(".pdf").read_bytes() == b"%PDF-1.4 yesterday"
