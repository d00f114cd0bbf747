"""The figure check sheet: every figure of the draft with its source and place, for the statistics
office; read back with openpyxl and opened by LibreOffice Calc."""

from __future__ import annotations

import csv
import json
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest

from workreport.api import figures, read_input

from .conftest import SAMPLE_INPUT, require_program, run_cli


@pytest.fixture(scope="module")
def waihai_sheet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("figures")
    result = run_cli("figures", str(SAMPLE_INPUT), "-o", "核对表.xlsx", cwd=folder)
    assert result.returncode == 0, result.stderr
    assert "已写出：核对表.xlsx（引用的数字 40 处，未注明来源 0 处）" in result.stdout
    return folder / "核对表.xlsx"


def test_the_sheet_lists_every_cited_figure_with_its_place(waihai_sheet: Path) -> None:
    sheet = openpyxl.load_workbook(waihai_sheet).active
    assert sheet is not None
    header = [c.value for c in sheet[1]]
    assert header[:4] == ["类别", "指标id", "指标名称", "数值"]
    rows = [
        dict(zip(header, (c.value for c in row), strict=True)) for row in sheet.iter_rows(min_row=2)
    ]
    cited = [r for r in rows if r["类别"] == "引用"]
    indicators = read_input(SAMPLE_INPUT)[1].indicators
    assert {r["指标id"] for r in cited} == set(indicators)  # every indicator is cited once or more
    for row in cited:
        assert row["部分"] == "一、2022年工作情况"
        assert row["分项"].startswith("（")
        assert row["段"] >= 1
        assert row["草稿中的写法"] in row["所在句子"]
        assert row["数据文件位置"].startswith(f"{SAMPLE_INPUT}:")
    first = cited[0]
    assert (first["指标id"], first["数值"], first["单位"], first["草稿中的写法"]) == (
        "medical_institutions_opened",
        34,
        "家",
        "34",
    )
    output = next(r for r in cited if r["指标id"] == "industrial_output")
    assert (output["约数用语"], output["草稿中的写法"]) == ("超", "超400亿元")
    assert output["所在句子"].startswith("经济运行稳中有进，实现规模以上工业产值超400亿元")


def test_the_sheet_is_made_for_checking(waihai_sheet: Path) -> None:
    sheet = openpyxl.load_workbook(waihai_sheet).active
    assert sheet is not None
    assert sheet.freeze_panes == "A2"
    assert sheet.auto_filter.ref == sheet.dimensions
    assert sheet.column_dimensions["N"].width >= 40  # the sentence column
    assert sheet["A1"].font.bold


def test_libreoffice_calc_opens_the_sheet(waihai_sheet: Path, tmp_path: Path) -> None:
    soffice = require_program("soffice")
    source = tmp_path / "sheet.xlsx"
    shutil.copy(waihai_sheet, source)
    subprocess.run(
        [soffice, f"-env:UserInstallation={(tmp_path / 'lo').as_uri()}", "--headless", "--norestore",
         "--convert-to", "csv:Text - txt - csv (StarCalc):44,34,76", "--outdir", str(tmp_path), str(source)],
        check=True, capture_output=True, timeout=120, stdin=subprocess.DEVNULL,
    )  # fmt: skip
    rows = list(csv.reader((tmp_path / "sheet.csv").read_text(encoding="utf-8").splitlines()))
    assert rows[0][:3] == ["类别", "指标id", "指标名称"]
    assert len(rows) == 1 + 40


def test_unsourced_uncited_typed_and_conflicting_figures(tmp_path: Path) -> None:
    folder = tmp_path / "inputs" / "shili"
    folder.mkdir(parents=True)
    (folder / "2023.yaml").write_text(
        """unit: {name: 示例街道, level: 街道}
year: 2023
indicators:
  gdp: {name: 地区生产总值, value: 104.86, unit: 亿元, source: 区统计局快报}
  firms: {name: 规上企业, value: 12, unit: 家}
  jobs: {name: 新增就业, value: 1200, unit: 人}
review:
  intro: "2023年，地区生产总值{{ ind.gdp }}，新增{{ ind.firms }}规上企业。"
  sections:
    - title: 抓经济
      paragraphs:
        - 新建道路3.5公里，地区生产总值110亿元。
""",
        encoding="utf-8",
    )
    records = figures(folder / "2023.yaml")
    got = [(r.kind, r.indicator_id, r.text, r.note) for r in records]
    assert got == [
        ("引用", "gdp", "104.86亿元", ""),
        ("引用", "firms", "12家", "未注明来源"),
        ("直接写出", "", "3.5公里", "正文中直接写出的数字，没有对应的指标"),
        ("数值不一致", "gdp", "110亿元", "正文写的是 110亿元，指标数据是 104.86亿元"),
        ("未引用", "jobs", "", "定义了指标，草稿中没有引用"),
    ]
    assert records[2].section == "（一）抓经济" and records[2].paragraph == 1


def test_csv_and_json_and_no_silent_overwrite(tmp_path: Path) -> None:
    done = run_cli("figures", str(SAMPLE_INPUT), "-o", "表.csv", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    data = (tmp_path / "表.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads UTF-8 with its mark
    assert len(data.decode("utf-8-sig").splitlines()) == 41
    again = run_cli("figures", str(SAMPLE_INPUT), "-o", "表.csv", cwd=tmp_path)
    assert again.returncode == 2 and "已有同名文件" in again.stderr and "--force" in again.stderr
    assert "Traceback" not in again.stderr
    shown = run_cli("figures", str(SAMPLE_INPUT), "--format", "json", cwd=tmp_path)
    assert len(json.loads(shown.stdout)) == 40


def test_bad_input_is_a_located_message(tmp_path: Path) -> None:
    bad = tmp_path / "2022.yaml"
    bad.write_text("unit: {name: 示例街道}\nyear：2022\n", encoding="utf-8")
    done = run_cli("figures", str(bad), cwd=tmp_path)
    assert done.returncode == 2
    assert "2022.yaml:2:" in done.stderr and "Traceback" not in done.stderr
