""".docx drafts → PDFs (and first-page PNGs), through one headless LibreOffice process.

LibreOffice is an optional system program: without it, a clear message says how to install it.
Conversion uses a private LibreOffice profile (so a running desktop LibreOffice does not swallow
the job) and the preview font aliases in ``data/fonts/fonts.conf``.
"""

from __future__ import annotations

import os
import re
import shutil
import signal
import subprocess
import tempfile
from collections.abc import Sequence
from pathlib import Path

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
    """Convert all ``documents`` in one LibreOffice run; PDFs go beside them or to ``outdir``.

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

    One LibreOffice process per destination folder converts all of that folder's files: its
    start-up (a second or two) is paid once, not once per file. A file LibreOffice cannot
    convert does not stop the others. LibreOffice writes into a private folder and each PDF
    replaces the old one only once it is complete, so a failed, stopped or interrupted
    conversion leaves the previous PDF as it was. Raises :class:`ConversionError` when
    LibreOffice is missing or does not finish within ``timeout`` seconds; LibreOffice is
    then stopped, as it is when the user presses Ctrl+C.
    """
    soffice = find_soffice()
    by_folder: dict[Path, list[int]] = {}
    resolved = [Path(d).resolve() for d in documents]
    for index, document in enumerate(resolved):
        folder = Path(outdir).resolve() if outdir else document.parent
        by_folder.setdefault(folder, []).append(index)
    results: list[tuple[Path | None, str]] = [(None, "")] * len(resolved)
    with _private_folder() as private:
        env = preview_environment()
        # LibreOffice fails obscurely under a TMPDIR it cannot write; ours is known to work
        env["TMPDIR"] = env["TMP"] = env["TEMP"] = private
        for number, (folder, indexes) in enumerate(by_folder.items()):
            staged = Path(private) / f"out-{number}"
            files = [resolved[i] for i in indexes]
            command = [
                soffice,
                f"-env:UserInstallation={(Path(private) / 'profile').as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(staged),
                *map(str, files),
            ]
            output = _run(command, env, timeout)
            for index, file in zip(indexes, files, strict=True):
                results[index] = _place(staged / (file.stem + ".pdf"), folder, output)
    return results


def _private_folder() -> tempfile.TemporaryDirectory[str]:
    try:
        return tempfile.TemporaryDirectory(prefix="workreport-lo-")
    except OSError as exc:
        where = os.environ.get("TMPDIR") or os.environ.get("TEMP") or tempfile.gettempdir()
        raise ConversionError(
            f"无法建立转换 PDF 所需的临时文件夹（{where}）：{exc.strerror or exc}。",
            hint="环境变量 TMPDIR（Windows 为 TEMP）应指向一个存在、可写且有空闲空间的文件夹。",
        ) from None


def _run(command: list[str], env: dict[str, str], timeout: float) -> str:
    """Run LibreOffice; its whole process group is stopped on a timeout or Ctrl+C."""
    try:
        process = subprocess.Popen(
            command,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            env=env,
            text=True,
            errors="replace",
            start_new_session=os.name != "nt",  # Ctrl+C reaches us, not LibreOffice directly
        )
    except OSError as exc:
        raise ConversionError(f"无法启动 LibreOffice：{exc.strerror}。") from None
    try:
        output, _ = process.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        _stop(process)
        raise ConversionError(
            f"LibreOffice 在 {timeout:g} 秒内没有完成 PDF 转换，已停止它；原有的 PDF 没有改动。",
            hint="LibreOffice 可能卡住了：关闭所有 LibreOffice 窗口后重试；"
            "文件很多或电脑较慢时，用 --pdf-timeout 给它更长的时间（秒）。",
        ) from None
    except BaseException:
        _stop(process)
        raise
    return output or ""


def _stop(process: subprocess.Popen[str]) -> None:
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
