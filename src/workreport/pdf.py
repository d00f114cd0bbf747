""".docx drafts → PDFs (and first-page PNGs), through one headless LibreOffice process.

LibreOffice is an optional system program: without it, a clear message says how to install it.
Conversion uses a private LibreOffice profile (so a running desktop LibreOffice does not swallow
the job) and the preview font aliases in ``data/fonts/fonts.conf``.
"""

from __future__ import annotations

import os
import re
import shutil
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


def to_pdf(
    documents: Sequence[Path], outdir: Path | None = None, *, timeout: float = 600
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
    documents: Sequence[Path], outdir: Path | None = None, *, timeout: float = 600
) -> list[tuple[Path | None, str]]:
    """Convert ``documents`` to PDF; for each, ``(pdf, "")`` or ``(None, what went wrong)``.

    One LibreOffice process per destination folder converts all of that folder's files: its
    start-up (a second or two) is paid once, not once per file. A file LibreOffice cannot
    convert does not stop the others. Raises :class:`ConversionError` when LibreOffice is
    missing or does not finish within ``timeout`` seconds.
    """
    soffice = find_soffice()
    by_folder: dict[Path, list[int]] = {}
    resolved = [Path(d).resolve() for d in documents]
    for index, document in enumerate(resolved):
        folder = Path(outdir).resolve() if outdir else document.parent
        by_folder.setdefault(folder, []).append(index)
    results: list[tuple[Path | None, str]] = [(None, "")] * len(resolved)
    with tempfile.TemporaryDirectory(prefix="workreport-lo-") as profile:
        for folder, indexes in by_folder.items():
            folder.mkdir(parents=True, exist_ok=True)
            files = [resolved[i] for i in indexes]
            for file in files:  # a stale PDF must not pass for a fresh one
                (folder / (file.stem + ".pdf")).unlink(missing_ok=True)
            command = [
                soffice,
                f"-env:UserInstallation={Path(profile).as_uri()}",
                "--headless",
                "--norestore",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                *map(str, files),
            ]
            try:
                done = subprocess.run(
                    command,
                    capture_output=True,
                    text=True,
                    errors="replace",
                    timeout=timeout,
                    env=preview_environment(),
                    stdin=subprocess.DEVNULL,
                )
            except subprocess.TimeoutExpired:
                raise ConversionError(f"LibreOffice 转换超时（{timeout:.0f} 秒）。") from None
            except OSError as exc:
                raise ConversionError(f"无法启动 LibreOffice：{exc.strerror}。") from None
            detail = (done.stderr or done.stdout).strip()[-300:]
            problem = "LibreOffice 没有生成 PDF，文件可能已损坏"
            problem += f"（{detail}）" if detail else ""
            for index, file in zip(indexes, files, strict=True):
                pdf = folder / (file.stem + ".pdf")
                results[index] = (pdf, "") if pdf.is_file() else (None, problem + "。")
    return results


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
    if shutil.which("pdftoppm") is None:
        raise ConversionError("没有找到 pdftoppm，无法生成预览图。", hint="安装 poppler-utils。")
    stem = png.with_suffix("")
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            str(dpi),
            "-f",
            "1",
            "-l",
            "1",
            "-singlefile",
            str(pdf),
            str(stem),
        ],
        check=True,
        capture_output=True,
        env=preview_environment(),
    )
    return png
