"""The live preview in a real browser: Debian's chromium, driven headless through selenium."""

from __future__ import annotations

import http.client
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

from workreport.preview.server import loopback

from .conftest import ROOT, require_program

WAIT = 90  # seconds: a loaded 2-core machine converts slowly


class Running:
    """A ``workreport preview`` process and the address it serves."""

    def __init__(self, project: Path) -> None:
        self.project = project
        self.input = project / "inputs" / "waihai" / "2022.yaml"
        self.process = subprocess.Popen(
            [sys.executable, "-c", "from workreport.cli import main; main()", "preview",
             "inputs/waihai/2022.yaml", "--no-open"],
            cwd=project, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
            encoding="utf-8", start_new_session=True,
        )  # fmt: skip
        assert self.process.stdout is not None
        self.address = ""
        deadline = time.monotonic() + WAIT
        while time.monotonic() < deadline:
            line = self.process.stdout.readline()
            if not line:
                break
            if line.startswith("预览地址："):
                self.address = line.split("：", 1)[1].strip()
            if "已更新" in line:
                break
        assert self.address.startswith("http://127.0.0.1:"), "the preview did not start"

    @property
    def port(self) -> int:
        return int(self.address.rstrip("/").rsplit(":", 1)[1])


@pytest.fixture(scope="module")
def preview(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Running]:
    require_program("soffice")
    project = tmp_path_factory.mktemp("preview")
    shutil.copytree(ROOT / "inputs" / "waihai", project / "inputs" / "waihai")
    running = Running(project)
    yield running
    if running.process.poll() is None:
        os.killpg(running.process.pid, signal.SIGKILL)


@pytest.fixture(scope="module")
def browser() -> Iterator[webdriver.Chrome]:
    options = webdriver.ChromeOptions()
    options.binary_location = require_program("chromium")
    for flag in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--window-size=1280,2000",
    ):
        options.add_argument(flag)  # fmt: skip
    driver = webdriver.Chrome(options=options, service=Service(require_program("chromedriver")))
    yield driver
    driver.quit()


def _versions(browser: webdriver.Chrome) -> list[str]:
    return [
        img.get_attribute("data-version") or ""
        for img in browser.find_elements(By.CSS_SELECTOR, "#pages img")
    ]


def test_the_page_shows_the_pages_and_a_save_changes_them(
    preview: Running, browser: webdriver.Chrome
) -> None:
    browser.get(preview.address)
    wait = WebDriverWait(browser, WAIT)
    wait.until(lambda b: len(_versions(b)) > 5)
    wait.until(lambda b: all(b.execute_script(
        "return [...document.querySelectorAll('#pages img')].every(i => i.complete && i.naturalWidth > 0)"
    ) for _ in [0]))  # fmt: skip
    assert browser.find_element(By.ID, "title").text.startswith("外海街道2022年工作情况")
    problems = browser.find_elements(By.CSS_SELECTOR, "#problems .problem")
    assert problems and "2022.yaml:" in problems[0].text and "第 1 页" in problems[0].text
    before = _versions(browser)
    text = preview.input.read_text(encoding="utf-8")
    preview.input.write_text(text.replace("value: 104.86", "value: 105.5", 1), encoding="utf-8")
    wait.until(lambda b: _versions(b) != before)
    changed = [i for i, (a, b) in enumerate(zip(before, _versions(browser), strict=True)) if a != b]
    assert changed == [1]  # only the page with the figure is drawn again


def test_a_broken_save_shows_the_error_and_a_fix_recovers(
    preview: Running, browser: webdriver.Chrome
) -> None:
    browser.get(preview.address)
    wait = WebDriverWait(browser, WAIT)
    wait.until(lambda b: len(_versions(b)) > 5)
    good = preview.input.read_text(encoding="utf-8")
    preview.input.write_text(good.replace("year: 2022", "year：2022", 1), encoding="utf-8")
    error = browser.find_element(By.ID, "error")
    wait.until(lambda b: error.is_displayed() and "全角冒号" in error.text)
    assert "2022.yaml:" in error.text and "Traceback" not in error.text
    assert "stale" in (browser.find_element(By.ID, "pages").get_attribute("class") or "")
    assert browser.find_element(By.ID, "stale").is_displayed()
    assert len(_versions(browser)) > 5  # the last good pages stay
    preview.input.write_text(good, encoding="utf-8")
    wait.until(lambda b: not error.is_displayed())
    assert "stale" not in (browser.find_element(By.ID, "pages").get_attribute("class") or "")


def test_only_its_own_files_and_only_to_this_machine(preview: Running) -> None:
    for path in ("/../../etc/passwd", "/page/../../etc/passwd", "/page/99.jpg", "/x"):
        connection = http.client.HTTPConnection("127.0.0.1", preview.port, timeout=10)
        connection.request("GET", path)
        response = connection.getresponse()
        assert response.status == 404, path
        assert b"root:" not in response.read()
    assert loopback("127.0.0.1") and loopback("127.8.9.10") and loopback("::1")
    assert not loopback("10.0.0.7") and not loopback("192.168.1.2") and not loopback("8.8.8.8")


def test_ctrl_c_stops_it_and_leaves_no_libreoffice(preview: Running) -> None:
    preview.process.send_signal(signal.SIGINT)
    out, _ = preview.process.communicate(timeout=WAIT)
    assert preview.process.returncode in (0, 130)
    assert "预览已停止" in out and "Traceback" not in out
    time.sleep(1)
    left = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                command = (entry / "cmdline").read_bytes().decode("utf-8", "replace")
            except OSError:
                continue
            if f"name=workreport-{preview.process.pid};" in command:
                left.append(command)
    assert left == []


def test_without_libreoffice_it_says_so_and_offers_the_draft(tmp_path: Path) -> None:
    import json

    shutil.copytree(ROOT / "inputs" / "waihai", tmp_path / "inputs" / "waihai")
    env = {**os.environ, "PATH": str(Path(sys.executable).parent)}  # no soffice on the path
    process = subprocess.Popen(
        [sys.executable, "-c", "from workreport.cli import main; main()", "preview",
         "inputs/waihai/2022.yaml", "--no-open"],
        cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        encoding="utf-8", env=env, start_new_session=True,
    )  # fmt: skip
    try:
        assert process.stdout is not None
        lines = []
        while not any("出错" in line for line in lines):
            line = process.stdout.readline()
            assert line, "".join(lines)
            lines.append(line)
        said = "".join(lines)
        assert "没有找到 LibreOffice" in said and "draft.docx" in said and "Traceback" not in said
        port = int(said.split("127.0.0.1:", 1)[1].split("/", 1)[0])
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        connection.request("GET", "/state.json")
        state = json.loads(connection.getresponse().read())
        assert "LibreOffice" in state["error"] and state["pages"] == []
        connection.request("GET", "/draft.docx")
        response = connection.getresponse()
        assert response.status == 200 and response.read()[:2] == b"PK"
    finally:
        process.send_signal(signal.SIGINT)
        process.communicate(timeout=WAIT)
