""".docx drafts → PDFs (and first-page PNGs), through one headless LibreOffice process.

LibreOffice is an optional system program: without it, a clear message says how to install it.
Conversion uses a private LibreOffice profile (so a running desktop LibreOffice does not swallow
the job) and the preview font aliases in ``data/fonts/fonts.conf``.
"""

from __future__ import annotations

import os
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

    Files are grouped by destination folder, one LibreOffice start per folder.
    """
    soffice = find_soffice()
    by_folder: dict[Path, list[Path]] = {}
    for document in documents:
        folder = Path(outdir) if outdir else Path(document).resolve().parent
        by_folder.setdefault(folder, []).append(Path(document).resolve())
    results: list[Path] = []
    with tempfile.TemporaryDirectory(prefix="workreport-lo-") as profile:
        for folder, files in by_folder.items():
            folder.mkdir(parents=True, exist_ok=True)
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
                    timeout=timeout,
                    env=preview_environment(),
                )
            except subprocess.TimeoutExpired:
                raise ConversionError(f"LibreOffice 转换超时（{timeout:.0f} 秒）。") from None
            for file in files:
                pdf = folder / (file.stem + ".pdf")
                if not pdf.is_file():
                    raise ConversionError(
                        f"LibreOffice 没有生成“{pdf.name}”。",
                        hint=(done.stderr or done.stdout).strip()[-300:] or None,
                    )
                results.append(pdf)
    return results


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
