"""``workreport watch`` as a user runs it: saves trigger rebuilds, mistakes do not end it."""

from __future__ import annotations

import os
import queue
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

WAIT = 15.0  # seconds: generous for a loaded machine; a rebuild normally takes well under one


class Watcher:
    """A running ``workreport watch`` whose output lines arrive on a queue."""

    def __init__(self, project: Path, *args: str) -> None:
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from workreport.cli import main; main()", "watch", *args],
            cwd=project,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
            encoding="utf-8",
            env={**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONUNBUFFERED": "1"},
        )
        self.lines: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        for line in self.process.stdout:
            self.lines.put(line.rstrip("\n"))

    def expect(self, text: str) -> str:
        """The next line containing ``text``; fails after ``WAIT`` seconds."""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            try:
                line = self.lines.get(timeout=0.1)
            except queue.Empty:
                continue
            self.seen.append(line)
            if text in line:
                return line
        pytest.fail(f"no line with {text!r} within {WAIT} s; output so far: {self.seen}")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGINT)
        return self.process.wait(timeout=WAIT)

    def close(self) -> None:
        if self.process.poll() is None:
            self.process.kill()
        self.process.wait()
        self.reader.join(timeout=WAIT)
        assert self.process.stdout is not None
        self.process.stdout.close()


@pytest.fixture
def watcher(demo_project: Path) -> Iterator[Watcher]:
    running = Watcher(demo_project, "inputs/demo/2022.yaml", "-o", "out.docx")
    running.expect("正在监视")
    yield running
    running.close()


def body_text(path: Path) -> str:
    return "\n".join(p.text for p in docx.Document(str(path)).paragraphs)


def save(path: Path, old: str, new: str) -> None:
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")


def test_saving_the_input_rebuilds_and_a_mistake_does_not_end_the_watch(
    watcher: Watcher, demo_project: Path
) -> None:
    draft = demo_project / "out.docx"
    source = demo_project / "inputs" / "demo" / "2022.yaml"
    assert "104.86亿元" in body_text(draft)

    save(source, "value: 104.86", "value: 111.11")
    watcher.expect("已重新生成")
    assert "111.11亿元" in body_text(draft)

    save(source, "value: 111.11", "value: 111.11亿")
    watcher.expect("2022.yaml:4:30: 错误：indicators.gdp.value：应当是数字")
    watcher.expect("改正后保存，会再次生成。")
    assert watcher.process.poll() is None  # still watching
    assert "111.11亿元" in body_text(draft)  # the last good draft is kept

    save(source, "value: 111.11亿", "value: 120")
    watcher.expect("已重新生成")
    assert "120亿元" in body_text(draft)

    assert watcher.stop() == 0
    watcher.expect("已停止监视")
    assert not any("Traceback" in line for line in watcher.seen)


def test_a_unit_template_folder_copied_in_rebuilds_with_its_style(
    watcher: Watcher, demo_project: Path
) -> None:
    prepared = demo_project / "prepared"
    (prepared / "demo").mkdir(parents=True)
    (prepared / "demo" / "style.yaml").write_text("latin_font: Arial\n", encoding="utf-8")
    prepared.rename(demo_project / "templates")  # templates/demo/style.yaml appears at once
    watcher.expect("已重新生成")
    fonts = docx.Document(str(demo_project / "out.docx")).styles["Normal"].font
    assert fonts.name == "Arial"
    assert watcher.stop() == 0


def test_unrelated_files_do_not_trigger_a_rebuild(watcher: Watcher, demo_project: Path) -> None:
    (demo_project / "inputs" / "demo" / "2023.yaml").write_text("year: 2023\n", encoding="utf-8")
    (demo_project / "notes.txt").write_text("备忘", encoding="utf-8")
    source = demo_project / "inputs" / "demo" / "2022.yaml"
    save(source, "value: 104.86", "value: 104.9")
    line = watcher.expect("已修改")
    assert line.endswith(" 2022.yaml 已修改")  # only the input itself is named
    watcher.expect("已重新生成")
    assert watcher.stop() == 0
