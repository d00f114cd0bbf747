""".docx drafts → PDFs (and first-page PNGs), through headless LibreOffice processes.

LibreOffice is an optional system program: without it, a clear message says how to install it.
Conversion uses a private LibreOffice profile (so a running desktop LibreOffice does not swallow
the job) and the preview font aliases in ``data/fonts/fonts.conf``.
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO

from .cores import cpu_count
from .errors import WorkreportError

FONTS_CONF = Path(__file__).parent / "data" / "fonts" / "fonts.conf"
SOFFICE_NAMES = ("soffice", "libreoffice")


class ConversionError(WorkreportError):
    """LibreOffice or pdftoppm is missing or failed."""


def find_soffice() -> str:
    """Path of the LibreOffice binary; raises :class:`ConversionError` when it is not installed."""
    for name in SOFFICE_NAMES:
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(
        "没有找到 LibreOffice，无法转换 PDF。",
        hint="安装 LibreOffice（Debian/Ubuntu：apt-get install libreoffice-writer-nogui；"
        "Windows/macOS：从 libreoffice.org 安装），并确保 soffice 在 PATH 中。",
    )


def preview_environment() -> dict[str, str]:
    """The environment for converters: font aliases for the 公文 font names."""
    env = dict(os.environ)
    env["FONTCONFIG_FILE"] = str(FONTS_CONF)
    return env


DEFAULT_TIMEOUT = 600.0
"""Seconds LibreOffice may take for one run before it is stopped (``build --pdf-timeout``)."""


def to_pdf(
    documents: Sequence[Path], outdir: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> list[Path]:
    """Convert all ``documents`` (see :func:`convert`); PDFs go beside them or to ``outdir``.

    Raises :class:`ConversionError` when LibreOffice is missing or a PDF was not produced.
    """
    results = convert(documents, outdir, timeout=timeout)
    for document, (pdf, problem) in zip(documents, results, strict=True):
        if pdf is None:
            raise ConversionError(f"“{Path(document).name}”转换失败：{problem}")
    return [pdf for pdf, _ in results if pdf is not None]


def convert(
    documents: Sequence[Path], outdir: Path | None = None, *, timeout: float = DEFAULT_TIMEOUT
) -> list[tuple[Path | None, str]]:
    """Convert ``documents`` to PDF; for each, ``(pdf, "")`` or ``(None, what went wrong)``.

    A LibreOffice process converts many files per start, so its start-up (a second or two) is
    paid once per process, not once per file; with enough files (:data:`FILES_PER_PROCESS`
    each), several processes share them, one per core, each with its own profile. A file
    LibreOffice cannot convert does not stop the others. LibreOffice writes into a private
    folder and each PDF replaces the old one only once it is complete, so a failed, stopped
    or interrupted conversion leaves the previous PDF as it was. Raises
    :class:`ConversionError` when LibreOffice is missing or a process does not finish within
    ``timeout`` seconds; every LibreOffice is then stopped, as when the user presses Ctrl+C.
    """
    soffice = find_soffice()
    by_folder: dict[Path, list[int]] = {}
    resolved = [Path(d).resolve() for d in documents]
    for index, document in enumerate(resolved):
        folder = Path(outdir).resolve() if outdir else document.parent
        by_folder.setdefault(folder, []).append(index)
    processes = process_count(len(resolved))
    # one output folder per run: two files of one name from different folders never meet
    runs = [
        (folder, part)
        for folder, indexes in by_folder.items()
        for part in _split(indexes, process_count(len(indexes)))
    ]
    results: list[tuple[Path | None, str]] = [(None, "")] * len(resolved)
    with _private_folder() as private:
        env = preview_environment()
        # LibreOffice fails obscurely under a TMPDIR it cannot write; ours is known to work
        env["TMPDIR"] = env["TMP"] = env["TEMP"] = private
        commands = [
            [
                soffice,
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(Path(private) / f"out-{number}"),
                *(str(resolved[i]) for i in indexes),
            ]
            for number, (_, indexes) in enumerate(runs)
        ]
        outputs = _run_all(commands, Path(private), env, timeout, processes)
        for number, ((folder, indexes), output) in enumerate(zip(runs, outputs, strict=True)):
            staged = Path(private) / f"out-{number}"
            for index in indexes:
                results[index] = _place(staged / (resolved[index].stem + ".pdf"), folder, output)
    return results


FILES_PER_PROCESS = 4
"""Fewest files worth a LibreOffice process of their own: below that, a second start-up
costs more than the conversions it takes over."""
MAX_PROCESSES = 4
"""Most LibreOffice processes at once, whatever the cores (each takes some 200 MB)."""


def process_count(files: int) -> int:
    """How many LibreOffice processes share ``files`` conversions: one per core at most."""
    return max(1, min(cpu_count(), MAX_PROCESSES, files // FILES_PER_PROCESS))


def _split(indexes: list[int], parts: int) -> list[list[int]]:
    """``indexes`` in ``parts`` runs of nearly equal length, in order."""
    size, extra = divmod(len(indexes), parts)
    runs, start = [], 0
    for part in range(parts):
        end = start + size + (part < extra)
        runs.append(indexes[start:end])
        start = end
    return runs


def _private_folder() -> tempfile.TemporaryDirectory[str]:
    try:
        return tempfile.TemporaryDirectory(prefix="workreport-lo-")
    except OSError as exc:
        where = os.environ.get("TMPDIR") or os.environ.get("TEMP") or tempfile.gettempdir()
        raise ConversionError(
            f"无法建立转换 PDF 所需的临时文件夹（{where}）：{exc.strerror or exc}。",
            hint="环境变量 TMPDIR（Windows 为 TEMP）应指向一个存在、可写且有空闲空间的文件夹。",
        ) from None


def _run_all(
    commands: list[list[str]], private: Path, env: dict[str, str], timeout: float, at_once: int
) -> list[str]:
    """Run the LibreOffice ``commands``, ``at_once`` at a time; what each printed.

    Each running process gets a profile of its own (two LibreOffice processes on one profile
    hand their work to each other). Each may take ``timeout`` seconds; on a timeout, Ctrl+C
    or any other exception every running process group is stopped.
    """
    outputs = [""] * len(commands)
    waiting = list(enumerate(commands))
    running: dict[int, tuple[subprocess.Popen[bytes], IO[bytes], int, float]] = {}
    free_slots = list(range(at_once))
    with contextlib.ExitStack() as logs:
        try:
            while waiting or running:
                while waiting and free_slots:
                    number, command = waiting.pop(0)
                    slot = free_slots.pop(0)
                    profile = f"-env:UserInstallation={(private / f'profile-{slot}').as_uri()}"
                    # a file, not a pipe: nobody reads while it runs, and a pipe can fill up
                    output: IO[bytes] = logs.enter_context(tempfile.TemporaryFile(dir=private))
                    process = _start([command[0], profile, *command[1:]], env, output)
                    running[number] = (process, output, slot, time.monotonic() + timeout)
                for number, (process, log, slot, deadline) in list(running.items()):
                    if process.poll() is None:
                        if time.monotonic() > deadline:
                            raise _timed_out(timeout)
                        continue
                    del running[number]
                    free_slots.append(slot)
                    log.seek(0)
                    outputs[number] = log.read().decode("utf-8", errors="replace")
                if running:
                    time.sleep(0.02)
        except BaseException:
            for process, _, _, _ in running.values():
                _stop(process)
            raise
    return outputs


def _start(command: list[str], env: dict[str, str], log: IO[bytes]) -> subprocess.Popen[bytes]:
    """Start LibreOffice in a process group of its own, its messages going to ``log``."""
    try:
        return subprocess.Popen(
            command,
            stdout=log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            start_new_session=os.name != "nt",  # Ctrl+C reaches us, not LibreOffice directly
        )
    except OSError as exc:
        raise ConversionError(f"无法启动 LibreOffice：{exc.strerror}。") from None


def _timed_out(timeout: float) -> ConversionError:
    return ConversionError(
        f"LibreOffice 在 {timeout:g} 秒内没有完成 PDF 转换，已停止它；原有的 PDF 没有改动。",
        hint="LibreOffice 可能卡住了：关闭所有 LibreOffice 窗口后重试；"
        "文件很多或电脑较慢时，用 --pdf-timeout 给它更长的时间（秒）。",
    )


def _stop(process: subprocess.Popen[bytes]) -> None:
    """End LibreOffice and everything it started (soffice runs soffice.bin as a child)."""
    try:
        if os.name != "nt":
            os.killpg(process.pid, signal.SIGKILL)
        else:
            process.kill()
    except OSError:
        pass
    process.wait()


def _place(produced: Path, folder: Path, output: str) -> tuple[Path | None, str]:
    """Move a PDF LibreOffice wrote in the private folder over the old one; or say why not."""
    from .safewrite import write_bytes

    if produced.is_file():
        target = folder / produced.name
        write_bytes(target, produced.read_bytes())
        return target, ""
    if "impl_store" in output or "Write Code" in output:
        return (
            None,
            "LibreOffice 无法写出 PDF（写入出错，与草稿无关）；请检查磁盘空间和文件夹权限后重试。",
        )
    return None, "LibreOffice 没有生成 PDF，文件可能已损坏，或不是 Word 文档。"


def pdf_pages(pdf: Path) -> int | None:
    """The page count a PDF declares in its page tree, or None when it cannot be read."""
    try:
        data = Path(pdf).read_bytes()
    except OSError:
        return None
    counts = re.findall(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", data)
    counts += re.findall(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", data)
    return max(map(int, counts)) if counts else None


def first_page_png(pdf: Path, png: Path, *, dpi: int = 60) -> Path:
    """Render the first page of ``pdf`` to ``png`` with pdftoppm (poppler-utils)."""
    from .safewrite import write_bytes

    if shutil.which("pdftoppm") is None:
        raise ConversionError("没有找到 pdftoppm，无法生成预览图。", hint="安装 poppler-utils。")
    with _private_folder() as private:
        stem = Path(private) / "page"
        pages = ("-f", "1", "-l", "1", "-singlefile")
        subprocess.run(
            ["pdftoppm", "-png", "-r", str(dpi), *pages, str(pdf), str(stem)],
            check=True,
            capture_output=True,
            env=preview_environment(),
        )
        write_bytes(png, stem.with_suffix(".png").read_bytes())
    return png
