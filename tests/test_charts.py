"""Pictures of the year: series across years, native Word charts, 数读 and 一图读懂."""

from __future__ import annotations

import io
import re
import shutil
import struct
import subprocess
import zipfile
from pathlib import Path

import docx
import openpyxl
import pytest
from lxml import etree

from workreport.api import build, highlights, make_draft
from workreport.errors import TemplateError, WorkreportError

from .conftest import ROOT, require_program, run_cli

C = "{http://schemas.openxmlformats.org/drawingml/2006/chart}"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CHART_SECTION = """    - title: "{{ todo('着力聚焦工业兴街，实现高水平高质量发展') }}"
"""


def _set_value(text: str, indicator: str, value: str) -> str:
    pattern = re.compile(rf"(  {indicator}:\n    name: [^\n]*\n    value:)[^\n]*")
    assert pattern.search(text), indicator
    return pattern.sub(rf"\g<1> {value}", text, count=1)


@pytest.fixture
def waihai(tmp_path: Path) -> Path:
    """外海 2022 and its 2023 rollover with a few 2023 values filled and a chart asked for."""
    folder = tmp_path / "inputs" / "waihai"
    shutil.copytree(ROOT / "inputs" / "waihai", folder)
    path = folder / "2023.yaml"
    text = path.read_text(encoding="utf-8")
    text = _set_value(text, "industrial_value_added", "112.3")
    text = _set_value(text, "industrial_output", "430")
    assert CHART_SECTION in text
    text = text.replace(
        CHART_SECTION,
        CHART_SECTION
        + "      charts:\n        - {indicators: [industrial_value_added], growth: true}\n",
        1,
    )
    path.write_text(text, encoding="utf-8")
    return path


def test_an_indicator_across_years_is_a_series(waihai: Path) -> None:
    draft = make_draft(waihai)
    assert "图1　规模以上工业增加值（2022—2023年）" in [
        getattr(b, "title", None) and f"图1　{b.title}" for b in draft.document.blocks
    ]
    from workreport.api import _context, read_input

    context = _context(waihai, read_input(waihai)[1])
    series = context["ind"]["industrial_value_added"].series
    assert series.points == ((2022, 104.86), (2023, 112.3))
    assert series.growth == [None, pytest.approx(7.1)]


def test_missing_years_are_gaps_not_zeros(tmp_path: Path) -> None:
    folder = tmp_path / "inputs" / "shili"
    folder.mkdir(parents=True)
    common = "unit: {name: 示例街道}\nyear: %d\nindicators:\n  gdp: {name: 地区生产总值, unit: 亿元, value: %s}\n"
    (folder / "2020.yaml").write_text(common % (2020, "90"), encoding="utf-8")
    (folder / "2022.yaml").write_text(
        common % (2022, "110")
        + "review:\n  sections:\n    - title: 经济\n      charts: [{indicators: [gdp]}]\n",
        encoding="utf-8",
    )
    draft = make_draft(folder / "2022.yaml")
    chart = next(b for b in draft.document.blocks if type(b).__name__ == "Chart")
    assert chart.categories == ("2020年", "2021年", "2022年")
    assert chart.series[0].values == (90.0, None, 110.0)
    assert chart.note == "地区生产总值缺2021年的数据"
    out = build(folder / "2022.yaml", tmp_path / "d.docx")
    with zipfile.ZipFile(out.output) as archive:
        part = etree.fromstring(archive.read("word/charts/chart1.xml"))
        book = openpyxl.load_workbook(
            io.BytesIO(archive.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx"))
        )
    points = [p.get("idx") for p in part.iter(f"{C}pt") if p.getparent().tag == f"{C}numCache"]
    assert points == ["0", "2"]  # 2021 is left out of the cache: a gap
    assert part.find(f".//{C}dispBlanksAs").get("val") == "gap"
    sheet = book.active
    assert [[c.value for c in row] for row in sheet.iter_rows()] == [
        [None, "地区生产总值（亿元）"],
        ["2020年", 90],
        ["2021年", None],
        ["2022年", 110],
    ]


def test_the_chart_is_a_native_editable_word_chart(waihai: Path, tmp_path: Path) -> None:
    from .test_office_rules import office_problems

    result = build(waihai, tmp_path / "draft.docx")
    with zipfile.ZipFile(result.output) as archive:
        names = archive.namelist()
        rels = archive.read("word/charts/_rels/chart1.xml.rels").decode()
        book = openpyxl.load_workbook(
            io.BytesIO(archive.read("word/embeddings/Microsoft_Excel_Worksheet1.xlsx"))
        )
        part = etree.fromstring(archive.read("word/charts/chart1.xml"))
    assert (
        "word/charts/chart1.xml" in names
        and "../embeddings/Microsoft_Excel_Worksheet1.xlsx" in rels
    )
    rows = [[c.value for c in row] for row in book.active.iter_rows()]
    assert rows == [
        [None, "规模以上工业增加值（亿元）", "规模以上工业增加值增速（%）"],
        ["2022年", 104.86, None],
        ["2023年", 112.3, 7.1],
    ]
    assert part.find(f".//{C}barChart") is not None and part.find(f".//{C}lineChart") is not None
    document = docx.Document(str(result.output))
    styles = [p.style.style_id for p in document.paragraphs]
    at = styles.index("Figure")
    assert styles[at + 1] == "Caption"
    assert document.paragraphs[at + 1].text == "图1　规模以上工业增加值（2022—2023年）"
    assert office_problems(result.output) == []


def test_libreoffice_draws_the_chart_in_the_pdf(waihai: Path, tmp_path: Path) -> None:
    from workreport.pdf import to_pdf

    require_program("pdftoppm")
    result = build(waihai, tmp_path / "draft.docx")
    pdf = to_pdf([result.output], tmp_path)[0]
    text_by_page = subprocess.run(
        ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout.split("\f")
    page = next(i for i, t in enumerate(text_by_page, 1) if "图 1" in t or "图1" in t)
    subprocess.run(
        [
            "pdftoppm",
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            "40",
            "-png",
            str(pdf),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("p-*.png"))
    reds = _red_pixels(png)
    assert reds > 500, "the chart's red bars are not on the page"


def _red_pixels(png: Path) -> int:
    import numpy
    from PIL import Image

    with Image.open(png) as image:
        rgb = numpy.asarray(image.convert("RGB")).astype(int)
    red, green, blue = rgb[..., 0], rgb[..., 1], rgb[..., 2]
    return int(((red > 150) & (green < 60) & (blue < 60)).sum())


def test_bad_series_are_clear_messages(tmp_path: Path) -> None:
    folder = tmp_path / "inputs" / "shili"
    folder.mkdir(parents=True)
    head = "unit: {name: 示例街道}\nyear: 2022\nindicators:\n  gdp: {name: 地区生产总值, unit: 亿元, value: 110}\n  firms: {name: 规上企业, unit: 家, value: 12}\n  empty: {name: 空指标, unit: 家}\n"
    cases = {
        "[gdp, firms]": "同一张图里的指标单位不同：地区生产总值（亿元）、规上企业（家）",
        "[empty]": "“空指标”没有任何一年的数值，画不出图",
    }
    for indicators, message in cases.items():
        path = folder / "2022.yaml"
        path.write_text(
            head
            + f"review:\n  sections:\n    - title: 经济\n      charts: [{{indicators: {indicators}}}]\n",
            encoding="utf-8",
        )
        with pytest.raises(TemplateError) as caught:
            make_draft(path)
        assert message in caught.value.message
        done = run_cli("build", str(path), cwd=tmp_path)
        assert done.returncode == 2 and message in done.stderr and "Traceback" not in done.stderr
    # one year only: the chart says what is missing
    path.write_text(
        head + "review:\n  sections:\n    - title: 经济\n      charts: [{indicators: [gdp]}]\n",
        encoding="utf-8",
    )
    chart = next(b for b in make_draft(path).document.blocks if type(b).__name__ == "Chart")
    assert chart.note == "地区生产总值只有2022年的数据"
    # mixed units across years
    (folder / "2021.yaml").write_text(
        "unit: {name: 示例街道}\nyear: 2021\nindicators:\n  gdp: {name: 地区生产总值, unit: 万元, value: 1000000}\n",
        encoding="utf-8",
    )
    with pytest.raises(WorkreportError, match="2021年为“万元”、2022年为“亿元”"):
        make_draft(path)
    # an unknown indicator is a located input error
    path.write_text(
        head + "review:\n  sections:\n    - title: 经济\n      charts: [{indicators: [gpd]}]\n",
        encoding="utf-8",
    )
    done = run_cli("check", str(path), cwd=tmp_path)
    shown = done.stdout + done.stderr
    assert done.returncode == 2 and "2022.yaml:10:" in shown and "是否想写 gdp" in shown


# --- 数读 and 一图读懂 --------------------------------------------------------------------

HIGHLIGHTS = """highlights:
  - {indicator: industrial_output, caption: 规模以上工业产值}
  - {indicator: industrial_value_added, caption: 规模以上工业增加值稳步增长}
  - {indicator: new_specialized_firms, caption: 新增专精特新企业}

indicators:
"""


def _with_highlights(path: Path) -> Path:
    text = path.read_text(encoding="utf-8")
    text = re.sub(r"\nhighlights:\n(?:  - .*\n)+", "\n", text)  # the file's own choice, if any
    text = text.replace("\nindicators:\n", "\n" + HIGHLIGHTS, 1)
    path.write_text(text, encoding="utf-8")
    return path


def test_highlights_as_docx_text_and_picture(waihai: Path, tmp_path: Path) -> None:
    from .test_office_rules import office_problems

    _with_highlights(waihai)
    chosen = highlights(waihai)
    assert chosen.text() == (
        "数读外海\n"
        "430亿元　规模以上工业产值，同比增长7.5%\n"
        "112.3亿元　规模以上工业增加值稳步增长，同比增长7.1%\n"
        "【待补充：新增专精特新企业】　新增专精特新企业\n"
    )
    done = run_cli("highlights", str(waihai), "--image", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert done.stdout == chosen.text()
    assert "还有 1 个数字待补充：新增专精特新企业" in done.stderr
    block = tmp_path / "数读外海2023.docx"
    paragraphs = [p.text for p in docx.Document(str(block)).paragraphs]
    assert paragraphs[:3] == ["数读外海", "430亿元  ▲同比增长7.5%", "规模以上工业产值"]
    assert office_problems(block) == []
    png = (tmp_path / "一图读懂外海2023.png").read_bytes()
    width, height = struct.unpack(">II", png[16:24])
    assert width == 1080 and height > width  # a tall picture for phone screens
    info = subprocess.run(
        ["pdfinfo", str(tmp_path / "一图读懂外海2023.pdf")],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    assert re.search(r"Page size:\s+595\.\d* x 841\.\d*", info)  # A4
    again = run_cli("highlights", str(waihai), cwd=tmp_path)
    assert again.returncode == 2 and "已有同名文件" in again.stderr


def test_a_unit_overrides_the_look(waihai: Path, tmp_path: Path) -> None:
    _with_highlights(waihai)
    look = waihai.parent.parent.parent / "templates" / "waihai"
    look.mkdir(parents=True)
    (look / "infographic.yaml").write_text(
        'colors: {banner: "#003399"}\ncolumns: 1\n', encoding="utf-8"
    )
    done = run_cli("highlights", str(waihai), "--image", "-o", "x.docx", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    from PIL import Image

    with Image.open(tmp_path / "一图读懂x.png") as image:
        assert image.convert("RGB").getpixel((10, 10)) == (0, 0x33, 0x99)
        assert image.size[1] > 1500  # one card a row: taller


def test_no_highlights_is_a_clear_message(tmp_path: Path) -> None:
    done = run_cli("highlights", str(ROOT / "inputs" / "xiqu" / "2022.yaml"), cwd=tmp_path)
    assert done.returncode == 2
    assert "没有选定要突出的数字" in done.stderr and "Traceback" not in done.stderr
