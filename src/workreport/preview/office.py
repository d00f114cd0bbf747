"""A .docx → its PDF, in one LibreOffice kept running between conversions.

Starting LibreOffice takes a second or more; converting an 11-page draft in a running one a
few tenths. LibreOffice listens on a private pipe, and a small bridge script, run by a Python
that has LibreOffice's ``uno`` module (Debian's ``python3-uno``, or the Python LibreOffice
ships on Windows and macOS), asks it to convert. Without such a Python each conversion starts
LibreOffice anew (:func:`workreport.pdf.convert`): slower, but the preview still works.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from importlib import resources
from pathlib import Path
from types import TracebackType
from typing import Any

from ..pdf import ConversionError, find_soffice, preview_environment

BRIDGE = "uno_bridge.py"
UNO_PYTHONS = ("/usr/bin/python3", "/usr/lib/libreoffice/program/python")


def uno_python() -> str | None:
    """A Python that can ``import uno``, or None."""
    soffice = shutil.which("soffice") or ""
    candidates = [*UNO_PYTHONS, str(Path(os.path.realpath(soffice)).parent / "python")]
    for candidate in candidates:
        if Path(candidate).is_file():
            done = subprocess.run(
                [candidate, "-c", "import uno"], capture_output=True, timeout=30, check=False
            )
            if done.returncode == 0:
                return candidate
    return None


class Office:
    """One running LibreOffice for the conversions of a preview; a context manager.

    ``warm`` says whether conversions go to the running office (else each starts its own).
    Closing stops the office and its bridge, and removes its private profile.
    """

    def __init__(self, timeout: float = 120) -> None:
        self.timeout = timeout
        self.folder = Path(tempfile.mkdtemp(prefix="workreport-preview-"))
        self.office: subprocess.Popen[bytes] | None = None
        self.bridge: subprocess.Popen[str] | None = None
        self.missing: ConversionError | None = None
        """Why there are no pages: LibreOffice is not installed (the draft itself still is)."""
        try:
            soffice = find_soffice()
        except ConversionError as exc:
            self.missing = exc
            return
        python = uno_python()
        if python is None:
            return
        pipe = f"workreport-{os.getpid()}"
        self.office = subprocess.Popen(
            [
                soffice,
                f"-env:UserInstallation={(self.folder / 'profile').as_uri()}",
                "--headless",
                "--invisible",
                "--norestore",
                "--nologo",
                f"--accept=pipe,name={pipe};urp;",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=preview_environment(),
            start_new_session=True,  # its own group: stopped whole, never left behind
        )
        script = resources.files("workreport").joinpath("data", "preview", BRIDGE)
        self.bridge = subprocess.Popen(
            [python, str(script), pipe],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            encoding="utf-8",
            start_new_session=True,
        )
        if self._answer() != "ready":
            self.close()

    @property
    def warm(self) -> bool:
        return self.bridge is not None

    def convert(self, document: Path, folder: Path) -> Path:
        """``document`` as ``folder/<stem>.pdf``; raises :class:`ConversionError`."""
        if self.missing is not None:
            raise ConversionError(
                f"{self.missing.message}页面预览要用 LibreOffice 排版；草稿已经生成，可点上方的"
                "“下载 Word 草稿”查看。",
                hint=self.missing.hint,
            )
        target = folder / f"{document.stem}.pdf"
        if self.bridge is None or self.bridge.stdin is None:
            from ..pdf import convert

            pdf, problem = convert([document], folder, timeout=self.timeout)[0]
            if pdf is None:
                raise ConversionError(problem)
            return pdf
        self.bridge.stdin.write(f"{document.resolve()}\t{target.resolve()}\n")
        self.bridge.stdin.flush()
        answer = self._answer()
        if answer != "ok" or not target.is_file():
            raise ConversionError(f"LibreOffice 没有生成 PDF（{answer or '没有回应'}）。")
        return target

    def _answer(self) -> str:
        if self.bridge is None or self.bridge.stdout is None:
            return ""
        return self.bridge.stdout.readline().strip()

    def close(self) -> None:
        """Stop the bridge and the office (their whole process groups) and remove the profile."""
        for process in (self.bridge, self.office):
            if process is not None and process.poll() is None:
                _stop(process)
        self.bridge = self.office = None
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> Office:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        value: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self.close()


def _stop(process: subprocess.Popen[Any]) -> None:
    if not hasattr(os, "killpg"):  # Windows: no process groups of this kind
        process.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=10)
        return
    for signal_number in (signal.SIGTERM, signal.SIGKILL):
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, signal_number)
        try:
            process.wait(timeout=10)
            return
        except subprocess.TimeoutExpired:
            continue
