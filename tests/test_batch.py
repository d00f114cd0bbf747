"""Batch builds: a folder of units built in parallel, failures reported, names never colliding."""

from __future__ import annotations

import contextlib
import multiprocessing
import os
import shutil
import signal
from pathlib import Path

import docx
import pytest

from tests.conftest import DEMO_PROJECT, SAMPLE_INPUT
from tests.conftest import run_cli as run
from workreport.api import make_draft
from workreport.batch import Outcome, build_many, find_inputs
from workreport.errors import InputError
from workreport.pagecount import estimate_pages
from workreport.protect import State, state

DEMO_INPUT = DEMO_PROJECT / "inputs" / "demo" / "2022.yaml"
DEMO_TITLE = "示例街道2022年工作情况和2023年工作谋划（草稿）.docx"
WAIHAI_TITLE = "外海街道2022年工作情况和2023年工作谋划（草稿）.docx"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """inputs/ with two good units (示例街道, 外海街道) and one whose figure is mistyped."""
    inputs = tmp_path / "inputs"
    for unit, source in (("demo", DEMO_INPUT), ("waihai", SAMPLE_INPUT)):
        (inputs / unit).mkdir(parents=True)
        shutil.copy(source, inputs / unit / "2022.yaml")
    (inputs / "broken").mkdir()
    text = DEMO_INPUT.read_text(encoding="utf-8").replace("示例街道", "坏数据街道")
    (inputs / "broken" / "2022.yaml").write_text(
        text.replace("value: 104.86", "value: 104.86亿"), encoding="utf-8"
    )
    return tmp_path


def test_mixed_batch_builds_the_good_units_and_reports_the_broken_one(project: Path) -> None:
    result = run("build", "inputs", "-o", "drafts", cwd=project)
    assert result.returncode == 2, result.stderr
    drafts = sorted(p.name for p in (project / "drafts").iterdir())
    assert drafts == sorted([DEMO_TITLE, WAIHAI_TITLE])  # no staging leftovers
    opened = docx.Document(str(project / "drafts" / WAIHAI_TITLE))
    assert opened.paragraphs[0].text.startswith("外海街道2022年工作情况")
    # the located message with its source line, and no traceback
    assert (
        "inputs/broken/2022.yaml:4:30: 错误：indicators.gdp.value：应当是数字，却写成了“104.86亿”。"
        in result.stderr
    )
    assert "value: 104.86亿" in result.stderr and "Traceback" not in result.stderr
    # plain progress lines when not on a terminal, one per unit
    assert "[3/3]" in result.stderr and "broken/2022：失败" in result.stderr
    # the summary table: every unit, its file, estimated pages, placeholders, errors
    table = result.stdout
    for needle in ("单位", "页数", "待补充", "校对提示", "错误", DEMO_TITLE, WAIHAI_TITLE):
        assert needle in table
    waihai_row = next(line for line in table.splitlines() if WAIHAI_TITLE in line)
    assert "≈11" in waihai_row and " 81 " in waihai_row
    broken_row = next(line for line in table.splitlines() if "broken/2022" in line)
    assert "4:30: indicators.gdp.value：应当是数字" in broken_row
    assert "共 3 份：成功 2 份，失败 1 份" in table


def test_all_good_exits_zero_and_coinciding_titles_get_their_folder(tmp_path: Path) -> None:
    for unit in ("demo", "demo-copy"):
        (tmp_path / "inputs" / unit).mkdir(parents=True)
        shutil.copy(DEMO_INPUT, tmp_path / "inputs" / unit / "2022.yaml")
    result = run(
        "build",
        "inputs/demo/2022.yaml",
        "inputs/demo-copy/2022.yaml",
        "-j",
        "2",
        "-o",
        "out",
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
    names = sorted(p.name for p in (tmp_path / "out").iterdir())
    stem = DEMO_TITLE.removesuffix(".docx")
    assert names == [f"{stem}（demo-copy）.docx", f"{stem}（demo）.docx"]
    assert "共 2 份：成功 2 份，失败 0 份" in result.stdout


def test_batch_output_must_be_a_folder(project: Path) -> None:
    result = run("build", "inputs", "-o", "one.docx", cwd=project)
    assert result.returncode == 2
    assert "批量生成时 -o 应当是文件夹" in result.stderr


def test_find_inputs_accepts_inputs_a_unit_folder_or_a_project(project: Path) -> None:
    everything = [project / "inputs" / u / "2022.yaml" for u in ("broken", "demo", "waihai")]
    assert find_inputs([project / "inputs"]) == everything
    assert find_inputs([project]) == everything
    assert find_inputs([project / "inputs" / "demo"]) == [everything[1]]
    # a file named twice is built once
    assert find_inputs([everything[2], project / "inputs" / "waihai"]) == [everything[2]]


def test_find_inputs_explains_an_empty_folder(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="没有找到数据文件") as caught:
        find_inputs([tmp_path])
    assert "inputs/<单位>/<年份>.yaml" in (caught.value.hint or "")


def test_page_estimate_counts_lines_on_the_grid() -> None:
    draft = make_draft(SAMPLE_INPUT)
    # the sample's PDF from LibreOffice has 11 pages (see test_pdf)
    assert estimate_pages(draft.document, draft.profile) == 11
    demo = make_draft(DEMO_INPUT)
    assert estimate_pages(demo.document, demo.profile) == 1


def test_workers_build_every_unit_and_a_broken_one_does_not_stop_them(tmp_path: Path) -> None:
    inputs = tmp_path / "inputs"
    text = DEMO_INPUT.read_text(encoding="utf-8")
    for number in range(8):
        folder = inputs / f"unit{number}"
        folder.mkdir(parents=True)
        unit_text = text.replace("name: 示例街道", f"name: 示例{number}街道", 1)
        if number == 5:
            unit_text = unit_text.replace("value: 104.86", "value: 104.86亿")
        (folder / "2022.yaml").write_text(unit_text, encoding="utf-8")
    outcomes = build_many(find_inputs([inputs]), tmp_path / "drafts", workers=2)
    assert [o.input.parent.name for o in outcomes] == [f"unit{n}" for n in range(8)]
    broken = outcomes[5]
    assert not broken.ok and broken.output is None
    assert broken.error is not None and "indicators.gdp.value：应当是数字" in broken.error
    built = [o for o in outcomes if o.ok]
    assert len(built) == 7
    for outcome in built:
        assert outcome.output is not None and outcome.data is None
        assert state(outcome.output) is State.GENERATED
        title = docx.Document(str(outcome.output)).paragraphs[0].text
        assert title.startswith(outcome.unit) and outcome.output.name.startswith(outcome.unit)
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == sorted(
        o.output.name for o in built if o.output is not None
    )


def _twelve_units(tmp_path: Path) -> Path:
    """An inputs folder of twelve units, copies of the sample under their own names."""
    inputs = tmp_path / "inputs"
    text = SAMPLE_INPUT.read_text(encoding="utf-8")
    for number in range(12):
        folder = inputs / f"unit{number:02d}"
        folder.mkdir(parents=True)
        (folder / "2022.yaml").write_text(
            text.replace("name: 外海街道", f"name: 外海{number:02d}街道", 1), encoding="utf-8"
        )
    return inputs


def test_a_worker_killed_mid_batch_loses_no_unit(tmp_path: Path) -> None:
    inputs = _twelve_units(tmp_path)
    killed: list[multiprocessing.Process] = []

    def kill_a_worker(count: int) -> None:
        worker = next(w for w in multiprocessing.active_children() if w.is_alive())
        os.kill(worker.pid or 0, signal.SIGKILL)
        worker.join()
        killed.append(worker)

    outcomes = build_many(
        find_inputs([inputs]), tmp_path / "drafts", workers=2, on_start=kill_a_worker
    )
    assert killed and killed[0].exitcode == -signal.SIGKILL
    assert [o.error for o in outcomes] == [None] * 12
    assert len(list((tmp_path / "drafts").glob("*.docx"))) == 12
    for outcome in outcomes:
        assert outcome.output is not None and state(outcome.output) is State.GENERATED


def test_workers_killed_in_two_rounds_still_lose_no_unit(tmp_path: Path) -> None:
    inputs = _twelve_units(tmp_path)
    kills: list[int] = []

    def kill_the_workers(outcome: Outcome) -> None:
        workers = [w for w in multiprocessing.active_children() if w.is_alive()]
        # the first outcome of the first pool, then of the next pool (its workers are alive)
        if len(kills) < 2 and workers:
            for worker in workers:
                with contextlib.suppress(ProcessLookupError):  # it may have ended meanwhile
                    os.kill(worker.pid or 0, signal.SIGKILL)
                worker.join()
            kills.append(len(workers))

    outcomes = build_many(
        find_inputs([inputs]), tmp_path / "drafts", workers=2, on_done=kill_the_workers
    )
    assert len(kills) == 2 and all(kills)
    assert [o.error for o in outcomes] == [None] * 12
    assert sorted(p.name for p in (tmp_path / "drafts").iterdir()) == sorted(
        o.output.name for o in outcomes if o.output is not None
    )
    assert len(list((tmp_path / "drafts").glob("*.docx"))) == 12
