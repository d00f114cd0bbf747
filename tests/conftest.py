"""Shared fixtures: the bundled sample and a small demo project, built once per session."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import docx
import pytest

from workreport.api import BuildResult, build

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_INPUT = ROOT / "inputs" / "waihai" / "2022.yaml"
FIXTURES = Path(__file__).parent / "fixtures"
DEMO_PROJECT = FIXTURES / "project"


@pytest.fixture
def demo_project(tmp_path: Path) -> Path:
    """A writable copy of the small demo project (inputs/demo/2022.yaml)."""
    target = tmp_path / "project"
    shutil.copytree(DEMO_PROJECT, target)
    return target


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    """The 外海 sample draft, built once."""
    out = tmp_path_factory.mktemp("sample") / "waihai.docx"
    return build(SAMPLE_INPUT, out)


@pytest.fixture(scope="session")
def sample_docx(sample_build: BuildResult) -> docx.document.Document:
    return docx.Document(str(sample_build.output))


def require_program(name: str) -> str:
    """The path of a system program the test needs; fails (never skips) when it is missing."""
    found = shutil.which(name)
    if found is None:
        pytest.fail(
            f"{name} is not installed: run .ci/run's apt-get line (LibreOffice, poppler-utils)"
        )
    return found


def run_cli(*args: str, cwd: Path, encoding: str = "utf-8") -> subprocess.CompletedProcess[str]:
    """``workreport ARGS…`` in a real subprocess whose console uses ``encoding``."""
    return subprocess.run(
        [sys.executable, "-c", "from workreport.cli import main; main()", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        encoding=encoding,
        errors="replace",
        env={**os.environ, "PYTHONIOENCODING": encoding},
        check=False,
    )
