"""import-indicators changes nothing without a word, never loses an edit, and reads hostile
tables within bounded time and memory.

Hostile tables are generated here, small on disk: a .xlsx whose merged range reaches
XFD1048576, one stray cell at row 1 048 576, 100 000 CSV rows, a CSV field of 50 MB.
"""

from __future__ import annotations

import json
import zipfile
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from workreport.api import make_draft
from workreport.cli import cli
from workreport.errors import InputError
from workreport.importers import SourceError
from workreport.importers.grid import Limits
from workreport.importers.merge import Options, ensure_unchanged, merge
from workreport.importers.names import close
from workreport.importers.scales import convert, factor
from workreport.importers.table import read_table

from .bounded import run_bounded

HEAD = "unit: {name: 外海街道, level: 街道}\nyear: 2022\n"
BASE = (
    HEAD
    + """indicators:
  key_projects:
    name: 重点项目
    value: 35
    unit: 个
  industrial_output:
    name: 规模以上工业产值
    value: 400
    unit: 亿元
review:
  intro: "{{ ind.key_projects }}重点项目"
"""
)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write(tmp_path, "inputs/waihai/2022.yaml", BASE)


def invoke(*args: str) -> Any:
    return CliRunner().invoke(cli, ["import-indicators", *args])


def indicators(path: Path) -> dict[str, Any]:
    return dict(yaml.safe_load(path.read_text(encoding="utf-8"))["indicators"])


# ---- units -------------------------------------------------------------------------------


def test_a_row_of_another_quantity_is_refused_not_written(tmp_path: Path, data: Path) -> None:
    """The 35.42亿元 row for a 个 indicator: refused, the unit and value stay."""
    table = write(tmp_path, "t.csv", "指标,数值,单位\n重点项目,35.42,亿元\n")
    result = invoke(str(table), "--into", str(data))
    assert result.exit_code == 0, result.output
    assert "表格的单位“亿元”与数据文件中“重点项目”的单位“个”不是同一种量" in result.output
    assert "--allow-unit-change" in result.output
    assert indicators(data)["key_projects"] == {"name": "重点项目", "value": 35, "unit": "个"}
    assert data.read_text(encoding="utf-8") == BASE  # nothing else to write: untouched


def test_allow_unit_change_changes_it_and_says_so(tmp_path: Path, data: Path) -> None:
    table = write(tmp_path, "t.csv", "指标,数值,单位\n重点项目,35.42,亿元\n")
    result = invoke(str(table), "--into", str(data), "--allow-unit-change")
    assert result.exit_code == 0, result.output
    assert "按 --allow-unit-change 改变单位" in result.output
    assert indicators(data)["key_projects"] == {"name": "重点项目", "value": 35.42, "unit": "亿元"}


def test_a_compatible_scale_is_converted_with_a_note(tmp_path: Path, data: Path) -> None:
    table = write(tmp_path, "t.csv", "指标,数值,单位,上年\n规模以上工业产值,4050000,万元,3812500\n")
    result = invoke(str(table), "--into", str(data))
    assert result.exit_code == 0, result.output
    assert "表格为4050000万元，已换算为亿元" in result.output
    assert "表格为3812500万元，已换算为亿元" in result.output
    entry = indicators(data)["industrial_output"]
    assert entry == {"name": "规模以上工业产值", "value": 405, "unit": "亿元", "previous": 381.25}
    report = make_draft(data).report
    assert report.indicators["industrial_output"].unit == "亿元"


@pytest.mark.parametrize(
    ("source", "target", "number", "expected"),
    [
        ("万元", "亿元", 12500, 1.25),
        ("亿元", "万元", 1.25, 12500),
        ("元", "万元", 3, 0.0003),
        ("人", "万人", 25000, 2.5),
        ("亩", "万亩", 1000, 0.1),
        ("‰", "%", 3, 0.3),
        ("％", "%", 3, 3),
        ("公里", "米", 1.5, 1500),
    ],
)
def test_scale_conversion_is_exact(
    source: str, target: str, number: float, expected: float
) -> None:
    scale = factor(source, target)
    assert scale is not None
    assert convert(number, scale) == expected


@pytest.mark.parametrize(("source", "target"), [("个", "亿元"), ("家", "个"), ("人", "亿元")])
def test_different_quantities_do_not_convert(source: str, target: str) -> None:
    assert factor(source, target) is None


def test_a_unit_where_there_was_none_is_shown(tmp_path: Path) -> None:
    data = write(
        tmp_path, "2022.yaml", HEAD + "indicators:\n  gdp: {name: 地区生产总值, value: 100}\n"
    )
    table = write(tmp_path, "t.csv", "指标,数值,单位\n地区生产总值,120,亿元\n")
    result = merge(read_table(table), data)
    assert [(c.field, c.old, c.new) for c in result.changes] == [
        ("value", 100, 120),
        ("unit", None, "亿元"),
    ]


# ---- names -------------------------------------------------------------------------------


def test_a_close_name_is_asked_about_not_added(tmp_path: Path, data: Path) -> None:
    table = write(tmp_path, "t.csv", "指标,数值,单位\n规上工业产值,405,亿元\n")
    result = invoke(str(table), "--into", str(data))
    assert result.exit_code == 0, result.output
    assert "数据文件中没有“规上工业产值”，是否是“规模以上工业产值”（industrial_output）？" in (
        result.output
    )
    assert "加上 --new 规上工业产值 再导入" in result.output
    assert set(indicators(data)) == {"key_projects", "industrial_output"}
    again = invoke(str(table), "--into", str(data), "--new", "规上工业产值")
    assert again.exit_code == 0, again.output
    added = [v for v in indicators(data).values() if v["name"] == "规上工业产值"]
    assert added == [{"name": "规上工业产值", "value": 405, "unit": "亿元"}]


@pytest.mark.parametrize(
    ("a", "b", "expected"),
    [
        ("规上工业产值", "规模以上工业产值", True),
        ("新增企业数", "新增企业", True),
        ("固定资产投资额", "固定资产投资", True),
        ("工业投资", "工业产值", False),
        ("重点项目", "重点项目累计完成投资", False),
        ("规模以上工业产值", "规模以上工业增加值", False),
        ("地区生产总值", "地区生产总值", False),
    ],
)
def test_close_names(a: str, b: str, expected: bool) -> None:
    assert close(a, b) is expected


def test_rows_of_one_table_are_not_asked_about_each_other(tmp_path: Path, data: Path) -> None:
    table = write(tmp_path, "t.csv", "指标,数值,单位\n新建学校一,1,所\n新建学校二,1,所\n")
    result = merge(read_table(table), data)
    assert len(result.added) == 2 and not [p for p in result.problems if not p.skipped]


def test_an_id_row_naming_another_indicator_is_refused(tmp_path: Path, data: Path) -> None:
    table = write(
        tmp_path, "t.csv", "id,指标,数值,单位\nkey_projects,重点项目累计完成投资,35.42,亿元\n"
    )
    result = merge(read_table(table), data)
    assert result.changes == []
    assert "id“key_projects”在数据文件中是“重点项目”，表格中却是“重点项目累计完成投资”" in (
        result.problems[0].message
    )


# ---- what is written passes check --------------------------------------------------------


def test_yaml_words_are_written_quoted_and_pass_check(tmp_path: Path, data: Path) -> None:
    table = write(
        tmp_path,
        "t.csv",
        "指标,数值,单位,来源\nyes,1,个,no\noff,2,个,12:30\n12:30,3,on,null\n~,4,个,2022-01-01\n",
    )
    result = invoke(str(table), "--into", str(data))
    assert result.exit_code == 0, result.output
    names = {v["name"]: v for v in indicators(data).values()}
    assert names["yes"]["source"] == "no" and names["off"]["source"] == "12:30"
    assert names["12:30"]["unit"] == "on" and names["~"]["source"] == "2022-01-01"
    check = CliRunner().invoke(cli, ["check", str(data)])
    assert check.exit_code == 0, check.output
    assert "没有发现问题" in check.output


# ---- an edit saved during the import is never lost ----------------------------------------


def test_a_file_saved_while_importing_is_not_overwritten(tmp_path: Path, data: Path) -> None:
    table = write(tmp_path, "t.csv", "指标,数值,单位\n规模以上工业产值,405,亿元\n")
    result = merge(read_table(table), data)
    edited = BASE.replace("value: 35", "value: 36")
    data.write_text(edited, encoding="utf-8")  # the user saves in an editor meanwhile
    with pytest.raises(InputError, match="数据文件在导入期间被修改过"):
        ensure_unchanged(result, data)
    assert data.read_text(encoding="utf-8") == edited
    ensure_unchanged(merge(read_table(table), data), data)  # re-run: fine


def test_the_command_refuses_when_the_file_changed(
    tmp_path: Path, data: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The whole command, with an editor saving the file between the read and the write."""
    table = write(tmp_path, "t.csv", "指标,数值,单位\n规模以上工业产值,405,亿元\n")
    edited = BASE + "# 刚加的注释\n"
    import workreport.importers.merge as merging

    real = merging.dump

    def dump_then_edit(data_: Any, yaml_: Any) -> str:
        text = real(data_, yaml_)
        data.write_text(edited, encoding="utf-8")  # the editor's save lands here
        return text

    monkeypatch.setattr(merging, "dump", dump_then_edit)
    result = invoke(str(table), "--into", str(data))
    assert isinstance(result.exception, InputError) and result.exception.exit_code == 2
    assert "数据文件在导入期间被修改过" in str(result.exception)
    assert data.read_text(encoding="utf-8") == edited


# ---- the property: a unit changes only when the table's differs, and then it is shown ------

UNITS = ["亿元", "万元", "元", "个", "家", "人", "万人", "%", "亩", "万亩", ""]
NAMES = ["地区生产总值", "工业投资", "新增企业", "常住人口", "耕地面积", "城镇化率"]


@st.composite
def files_and_tables(
    draw: st.DrawFn,
) -> tuple[dict[str, dict[str, Any]], list[list[Any]], list[bool]]:
    chosen = draw(st.lists(st.sampled_from(NAMES), unique=True, min_size=1, max_size=6))
    existing = {}
    for index, name in enumerate(chosen):
        entry: dict[str, Any] = {"name": name}
        if draw(st.booleans()):
            entry["value"] = draw(st.integers(0, 10**6))
        unit = draw(st.sampled_from(UNITS))
        if unit:
            entry["unit"] = unit
        existing[f"i{index}"] = entry
    rows = []
    for name in draw(st.lists(st.sampled_from(NAMES), unique=True, max_size=6)):
        number = draw(st.one_of(st.integers(0, 10**7), st.decimals(0, 10**6, places=2)))
        rows.append([name, str(number), draw(st.sampled_from(UNITS))])
    flow = draw(st.lists(st.booleans(), min_size=len(existing), max_size=len(existing)))
    return existing, rows, flow


def scalar(value: Any) -> str:
    """Text in double quotes when YAML needs them (``%``), else as typed."""
    if isinstance(value, str) and not value[:1].isalnum():
        return json.dumps(value, ensure_ascii=False)
    return str(value)


def indicators_yaml(existing: dict[str, dict[str, Any]], flow: list[bool]) -> str:
    """The indicators as people write them: some in flow style, some in blocks, commented."""
    lines = ["indicators:  # 主要指标"]
    for (key, entry), inline in zip(existing.items(), flow, strict=True):
        if inline:
            items = ", ".join(f"{k}: {scalar(v)}" for k, v in entry.items())
            lines.append(f"  {key}: {{{items}}}  # 行内写法")
        else:
            lines.append(f"  {key}:")
            lines += [f"    {k}: {scalar(v)}" for k, v in entry.items()]
    return "\n".join(lines) + "\n"


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=files_and_tables(), allow=st.booleans())
def test_a_unit_changes_only_when_the_table_differs_and_is_reported(
    tmp_path: Path,
    case: tuple[dict[str, dict[str, Any]], list[list[Any]], list[bool]],
    allow: bool,
) -> None:
    existing, rows, flow = case
    data = tmp_path / "2022.yaml"
    data.write_text(HEAD + indicators_yaml(existing, flow), "utf-8")
    table = tmp_path / "t.csv"
    table.write_text("指标,数值,单位\n" + "".join(",".join(r) + "\n" for r in rows), "utf-8")
    result = merge(read_table(table), data, Options(allow_unit_change=allow))
    data.write_text(result.text, encoding="utf-8")
    after = yaml.safe_load(result.text)["indicators"]
    table_units = {name: unit for name, _, unit in rows}
    reported = {(c.id, c.field): c for c in result.changes}
    for key, before in existing.items():
        old, new = before.get("unit"), after[key].get("unit")
        if old == new:
            continue
        given_unit = table_units.get(before["name"], "")
        assert given_unit and given_unit == new and given_unit != old
        change = reported[(key, "unit")]
        assert (change.old, change.new) == (old, new)
        if old:  # a unit replaced, not just supplied, needs the option and says so
            assert allow and "--allow-unit-change" in change.note
    for key, before in existing.items():  # a value in another scale is converted and noted
        given_unit = table_units.get(before["name"], "")
        old_unit = before.get("unit")
        if given_unit and old_unit and given_unit != old_unit and factor(given_unit, old_unit):
            value = reported.get((key, "value"))
            assert value is None or "已换算为" in value.note
    check = CliRunner().invoke(cli, ["check", str(data)])
    assert check.exit_code in (0, 1), check.output  # 1: warnings only (values still empty)
    assert "# 主要指标" in result.text and result.text.count("# 行内写法") == sum(flow)


# ---- hostile tables: bounded time and memory, a message, exit 2 ---------------------------


def measured(*args: str, cwd: Path) -> tuple[int, str, float, int]:
    """(exit status, output, seconds, peak memory in MB) of the CLI in a fresh process."""
    run = run_bounded(*args, cwd=cwd)
    return run.code, run.out + run.err, run.seconds, int(run.peak_mb)


def workbook_with(path: Path, extra_xml: str = "", stray_row: int | None = None) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["指标", "数值", "单位"])
    sheet.append(["规模以上工业产值", 405, "亿元"])
    if stray_row is not None:
        sheet.cell(row=stray_row, column=1, value="备注")
    book.save(path)
    if extra_xml:
        with zipfile.ZipFile(path) as archive:
            parts = {name: archive.read(name) for name in archive.namelist()}
        name = "xl/worksheets/sheet1.xml"
        parts[name] = parts[name].replace(b"</sheetData>", b"</sheetData>" + extra_xml.encode())
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
            for part, content in parts.items():
                archive.writestr(part, content)
    return path


def test_merged_range_to_the_last_cell(tmp_path: Path, data: Path) -> None:
    merged = '<mergeCells count="1"><mergeCell ref="D1:XFD1048576"/></mergeCells>'
    table = workbook_with(tmp_path / "merged.xlsx", merged)
    assert table.stat().st_size < 10_000
    code, output, seconds, peak = measured(
        "import-indicators", str(table), "--into", str(data), cwd=tmp_path
    )
    assert code == 0, output
    assert "Traceback" not in output and "更新 1 个" in output
    assert seconds < 10 and peak < 300, (seconds, peak)


def test_fifty_thousand_merged_ranges_are_refused_quickly(tmp_path: Path, data: Path) -> None:
    ranges = '<mergeCell ref="A1:XFD1048576"/>' * 50_000
    merged = f'<mergeCells count="50000">{ranges}</mergeCells>'
    table = workbook_with(tmp_path / "merged.xlsx", merged)
    assert table.stat().st_size < 50_000
    code, output, seconds, peak = measured(
        "import-indicators", str(table), "--into", str(data), cwd=tmp_path
    )
    assert code == 2, output
    # the archive check (its sheet packs far beyond any real table) or the merged-cell limit
    assert (
        "超出了合并单元格展开后的单元格数的上限（100000）" in output or "压缩比超过" in output
    ) and "Traceback" not in output
    assert seconds < 10 and peak < 300, (seconds, peak)


def test_a_stray_cell_on_the_last_row(tmp_path: Path, data: Path) -> None:
    table = workbook_with(tmp_path / "stray.xlsx", stray_row=1_048_576)
    code, output, seconds, peak = measured(
        "import-indicators", str(table), "--into", str(data), "--dry-run", cwd=tmp_path
    )
    assert code == 0, output
    assert "第 3—1048575 行：空行，已跳过（跳过）" in output
    assert output.count("空行") == 1  # one line for the run, never one per row
    assert "1048576" in output.replace("│ 1048576", "1048576")  # the stray row itself is read
    assert seconds < 10 and peak < 300, (seconds, peak)


def test_a_hundred_thousand_csv_rows_are_refused_quickly(tmp_path: Path, data: Path) -> None:
    rows = "".join(f"指标{i},{i},个\n" for i in range(100_000))
    table = write(tmp_path, "big.csv", "指标,数值,单位\n" + rows)
    code, output, seconds, peak = measured(
        "import-indicators", str(table), "--into", str(data), cwd=tmp_path
    )
    assert code == 2, output
    assert "表格到第 5001 行超出了行数的上限（5000），已停止读取。" in output
    assert "--max-rows" in output and "Traceback" not in output
    assert seconds < 10 and peak < 300, (seconds, peak)
    assert data.read_text(encoding="utf-8") == BASE


def test_a_huge_csv_field_is_refused_quickly(tmp_path: Path, data: Path) -> None:
    table = tmp_path / "field.csv"
    with table.open("w", encoding="utf-8") as handle:
        handle.write("指标,数值\n甲,")
        for _ in range(50):
            handle.write("1" * 1_000_000)
        handle.write("\n")
    code, output, seconds, peak = measured(
        "import-indicators", str(table), "--into", str(data), cwd=tmp_path
    )
    table.unlink()
    assert code == 2, output
    assert "超出了单元格字数的上限（32767）" in output and "--max-cell-chars" in output
    assert seconds < 10 and peak < 300, (seconds, peak)


def test_limits_can_be_raised_and_lowered(tmp_path: Path) -> None:
    table = write(
        tmp_path, "t.csv", "指标,数值,单位\n" + "".join(f"指标{i},{i},个\n" for i in range(30))
    )
    with pytest.raises(SourceError, match="超出了行数的上限（10）"):
        read_table(table, limits=Limits(rows=10))
    with pytest.raises(SourceError, match="超出了单元格数的上限（20）"):
        read_table(table, limits=Limits(cells=20))
    assert len(read_table(table, limits=Limits(rows=31)).rows) == 30
    wide = write(tmp_path, "w.csv", "指标,数值" + ",x" * 300 + "\n甲,1\n")
    with pytest.raises(SourceError, match="超出了列数的上限（200）"):
        read_table(wide)


def test_empty_rows_in_the_middle_are_one_line_and_trailing_ones_none(tmp_path: Path) -> None:
    body = "指标,数值\n甲,1\n,\n,\n,\n乙,2\n" + ",\n" * 1000
    sheet = read_table(write(tmp_path, "t.csv", body))
    assert [(p.rows, p.message) for p in sheet.problems] == [("第 3—5 行", "空行，已跳过")]
    assert [r.number for r in sheet.rows] == [2, 6]
