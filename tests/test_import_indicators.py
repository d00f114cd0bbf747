"""Spreadsheet → indicators: a Calc-made .xlsx, CSV in UTF-8 and GB18030, merged headers, bad rows."""

from __future__ import annotations

import difflib
import re
import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner

from workreport.api import make_draft
from workreport.cli import cli
from workreport.errors import StrictError
from workreport.importers import SourceError
from workreport.importers.merge import merge
from workreport.importers.table import parse_mapping, parse_number, read_table

from .conftest import DEMO_PROJECT, FIXTURES, SAMPLE_INPUT, require_program

TABLES = FIXTURES / "tables"
# Comma-separated, double-quoted text, UTF-8 (76), first line 1, quoted fields stay text.
CSV_FILTER = "CSV:44,34,76,1,,0,true"


def calc_xlsx(csv_file: Path, folder: Path) -> Path:
    """Let LibreOffice Calc turn a CSV into .xlsx, as a statistics office's export would be."""
    soffice = require_program("soffice")
    source = folder / csv_file.name
    shutil.copy(csv_file, source)
    profile = folder / ".lo-profile"
    subprocess.run(
        [
            soffice,
            f"-env:UserInstallation={profile.as_uri()}",
            "--headless",
            "--norestore",
            f"--infilter={CSV_FILTER}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(folder),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=120,
        stdin=subprocess.DEVNULL,
    )
    shutil.rmtree(profile, ignore_errors=True)
    result = source.with_suffix(".xlsx")
    assert result.is_file(), "Calc did not write the .xlsx (is libreoffice-calc-nogui installed?)"
    return result


@pytest.fixture(scope="module")
def calc_table(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return calc_xlsx(TABLES / "waihai_2022.csv", tmp_path_factory.mktemp("calc"))


@pytest.fixture
def waihai_yaml(tmp_path: Path) -> Path:
    target = tmp_path / "inputs" / "waihai" / "2022.yaml"
    target.parent.mkdir(parents=True)
    shutil.copy(SAMPLE_INPUT, target)
    return target


def test_calc_xlsx_keeps_text_numbers_as_text(calc_table: Path) -> None:
    sheet = openpyxl.load_workbook(calc_table).worksheets[0]
    assert sheet["B2"].value == "405" and sheet["B5"].value == "1,234.5"  # typed as text
    assert sheet["B3"].value == 104.86


def test_import_calc_xlsx_updates_adds_and_reports_rows(
    calc_table: Path, waihai_yaml: Path
) -> None:
    before = waihai_yaml.read_text(encoding="utf-8")
    result = CliRunner().invoke(
        cli, ["import-indicators", str(calc_table), "--into", str(waihai_yaml)]
    )
    assert result.exit_code == 0, result.output
    out = result.output
    assert "新增 1 个指标，更新 2 个，未变 3 个。" in out
    assert "第 6 行：空行，已跳过（跳过）" in out
    assert "第 7 行：“合计”是合计行，已跳过（跳过）" in out
    assert "第 8 行：“数值”列的“二十”不是数字（未导入）" in out
    assert "第 10 行：“增长(%)”列的“约三成”不是数字（未导入）" in out
    assert re.search(r"│ 2 +│ industrial_output +│ 规模以上工业产值 +│ 数值 +│ 400 +│ 405 +│", out)
    assert re.search(r"│ 5 +│ gdp（新增） +│ 地区生产总值 +│ 名称 +│ +│ 地区生产总值 +│", out)
    assert f"已写入：{waihai_yaml}" in out
    after = waihai_yaml.read_text(encoding="utf-8")
    removed, added = _changed_lines(before, after)
    assert removed == [
        "    value: 400",
        "    source: 外海街道2022年工作情况和2023年工作谋划",
        "    source: 外海街道2022年工作情况和2023年工作谋划",
    ]
    assert added == [
        "    value: 405",
        "    source: 区统计局2022年快报",
        "    previous: 98.5",
        "    source: 区统计局2022年快报",
        "  gdp:",
        "    name: 地区生产总值",
        "    value: 1234.5",
        "    unit: 亿元",
        "    previous: 1150",
        "    growth: 6.5",
        "    source: 区统计局2022年快报",
    ]
    report = make_draft(waihai_yaml).report
    assert report.indicators["industrial_output"].value == 405
    assert report.indicators["gdp"].growth == 6.5


def test_yaml_comments_survive_the_import(calc_table: Path, waihai_yaml: Path) -> None:
    before = waihai_yaml.read_text(encoding="utf-8")
    CliRunner().invoke(cli, ["import-indicators", str(calc_table), "--into", str(waihai_yaml)])
    after = waihai_yaml.read_text(encoding="utf-8").splitlines()
    commented = [line for line in before.splitlines() if "#" in line]
    assert len(commented) > 20
    assert [line for line in commented if line not in after] == []
    assert after[:6] == before.splitlines()[:6]  # the header comment block, in place


def _changed_lines(before: str, after: str) -> tuple[list[str], list[str]]:
    diff = list(difflib.ndiff(before.splitlines(), after.splitlines()))
    return [d[2:] for d in diff if d.startswith("- ")], [d[2:] for d in diff if d.startswith("+ ")]


def test_gb18030_csv_with_other_headers(tmp_path: Path) -> None:
    target = tmp_path / "2022.yaml"
    shutil.copy(DEMO_PROJECT / "inputs" / "demo" / "2022.yaml", target)
    sheet = read_table(TABLES / "demo_gb18030.csv")
    assert sheet.columns == {"name": "指标名称", "value": "本年", "unit": "单位", "growth": "增速"}
    result = merge(sheet, target)
    assert result.updated == ["gdp", "firms"] and result.added == []
    assert [(p.row, p.message) for p in result.problems] == [(4, "“小计”是合计行，已跳过")]
    target.write_text(result.text, encoding="utf-8")
    indicators = make_draft(target).report.indicators
    assert indicators["gdp"].growth == 6.5 and indicators["firms"].value == 57


def merged_header_workbook(path: Path) -> Path:
    """A statistics-office layout: a title row, a two-row header with merged cells, two sheets."""
    book = openpyxl.Workbook()
    book.active.title = "说明"
    book.active["A1"] = "本表由区统计局提供"
    ws = book.create_sheet("2022年")
    ws["A1"] = "外海街道2022年主要经济指标"
    ws.merge_cells("A1:E1")
    ws["A2"], ws["B2"], ws["D2"], ws["E2"] = "项目名称", "2022年", "计量单位", "来源"
    ws.merge_cells("A2:A3")
    ws.merge_cells("B2:C2")
    ws.merge_cells("D2:D3")
    ws.merge_cells("E2:E3")
    ws["B3"], ws["C3"] = "数值", "增长(%)"
    ws.append(["规模以上工业增加值", 110, 5.2, "亿元", "区统计局"])
    ws.append(["工业投资", None, "-3.2", "亿元", None])
    ws.append(["合计", "=B4+B5", None, None, None])
    book.save(path)
    return path


def test_merged_two_row_header_on_a_named_sheet(tmp_path: Path, waihai_yaml: Path) -> None:
    table = merged_header_workbook(tmp_path / "指标.xlsx")
    with pytest.raises(SourceError, match="找不到表头"):
        read_table(table)  # the first sheet is only a note
    sheet = read_table(table, sheet="2022年", columns=parse_mapping(["指标=项目名称"]))
    assert sheet.columns == {
        "name": "项目名称",
        "value": "数值",
        "unit": "计量单位",
        "growth": "增长(%)",
        "source": "来源",
    }
    assert [row.number for row in sheet.rows] == [4, 5]
    result = merge(sheet, waihai_yaml)
    changed = {(c.id, c.field): c.new for c in result.changes}
    assert changed[("industrial_value_added", "value")] == 110
    assert changed[("industrial_investment", "growth")] == -3.2
    assert ("industrial_investment", "value") not in changed  # an empty cell changes nothing
    assert [(p.row, p.skipped) for p in result.problems] == [(6, True)]


def test_strict_and_dry_run_leave_the_file_alone(calc_table: Path, waihai_yaml: Path) -> None:
    before = waihai_yaml.read_text(encoding="utf-8")
    runner = CliRunner()
    dry = runner.invoke(
        cli, ["import-indicators", str(calc_table), "--into", str(waihai_yaml), "--dry-run"]
    )
    assert dry.exit_code == 0 and "（--dry-run：未写入文件）" in dry.output
    strict = runner.invoke(
        cli, ["import-indicators", str(calc_table), "--into", str(waihai_yaml), "--strict"]
    )
    assert isinstance(strict.exception, StrictError)
    assert "有 2 行无法导入（第 8、10 行），未写入文件。" in str(strict.exception)
    assert waihai_yaml.read_text(encoding="utf-8") == before


def test_names_match_across_widths_and_ids_are_generated(tmp_path: Path, waihai_yaml: Path) -> None:
    csv_file = tmp_path / "t.csv"
    csv_file.write_text(
        "指标,数值,单位\n引进博士(后),16,人\n新增专精特新企业,61,家\n新的指标,3,个\n另一个新指标,4,个\n",
        encoding="utf-8-sig",
    )
    result = merge(read_table(csv_file), waihai_yaml)
    assert result.updated == ["postdocs_introduced", "new_specialized_firms"]
    assert result.added == ["count_01", "count_02"]


@pytest.mark.parametrize(
    ("cell", "expected"),
    [
        (400, (400, None, "")),
        (104.86000000000001, (104.86, None, "")),
        ("1,234.5", (1234.5, None, "")),
        ("１２３", (123, None, "")),
        ("−3.2", (-3.2, None, "")),
        ("35.7%", (35.7, None, "%")),
        ("超400", (400, "超", "")),
        ("40余", (40, "余", "")),
        ("104.86亿元", (104.86, None, "亿元")),
        ("—", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_number(cell: object, expected: object) -> None:
    assert parse_number(cell) == expected


@pytest.mark.parametrize("cell", ["四百", "#DIV/0!", "12abc", "1.2.3", True])
def test_parse_number_rejects(cell: object) -> None:
    with pytest.raises(ValueError):
        parse_number(cell)


def test_bad_column_mapping_and_missing_file(tmp_path: Path, waihai_yaml: Path) -> None:
    with pytest.raises(SourceError, match="列对应“数值”写法不对"):
        parse_mapping(["数值"])
    with pytest.raises(SourceError, match="表头中没有“2023年”这一列"):
        read_table(TABLES / "waihai_2022.csv", columns={"value": "2023年"})
    result = subprocess.run(
        ["workreport", "import-indicators", str(tmp_path / "无.xlsx"), "--into", str(waihai_yaml)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert "无.xlsx: 错误：表格文件不存在。" in result.stderr
