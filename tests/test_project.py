"""The project's own promises: the README's quick start is what CI runs."""

from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def quick_start() -> list[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = re.search(r"## 快速开始.*?```bash\n(.*?)```", readme, re.DOTALL)
    assert block, "README.md has no quick-start code block"
    return [line for line in block.group(1).splitlines() if line.strip()]


def test_quick_start_is_two_commands_build_then_tests() -> None:
    build, tests = quick_start()
    assert build.startswith("pip install . && workreport build inputs/waihai/2022.yaml")
    assert "pytest" in tests


def test_ci_runs_the_readmes_test_command_word_for_word() -> None:
    command = re.sub(r"\s+# tests$", "", quick_start()[1])
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8").splitlines()
    assert ci[-1] == command
