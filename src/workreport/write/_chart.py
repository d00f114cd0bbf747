"""A :class:`~workreport.tree.Chart` → DrawingML chart part, its embedded workbook, and the
inline drawing that places it in the text.

The chart is a real Word chart (``word/charts/chartN.xml``) whose data live in an embedded
.xlsx, so a reader edits the figures in Word or WPS (右键 → 编辑数据). Element order follows
the ISO 29500 chart schema; missing years are left out of the caches and shown as gaps
(``dispBlanksAs gap``), never as zeros.
"""

from __future__ import annotations

import io

from ..tree import Chart, ChartSeries
from ._xml import escape

C_NS = "http://schemas.openxmlformats.org/drawingml/2006/chart"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
WP_NS = "http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing"
CHART_TYPE = "application/vnd.openxmlformats-officedocument.drawingml.chart+xml"
CHART_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/chart"
PACKAGE_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/package"
XLSX_TYPE = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
EMU_PER_MM = 36000
COLOURS = ("C00000", "2F5597", "548235", "BF9000", "7030A0", "2E75B6")
"""Series colours: the red of 公文 headings first, then clearly different hues."""
_AXES = {"primary": (50010, 50020), "secondary": (50030, 50040)}


def drawing_run(rel_id: str, drawing_id: int, width_mm: float, height_mm: float) -> str:
    """The run holding an inline chart of the given size, related by ``rel_id``."""
    cx, cy = round(width_mm * EMU_PER_MM), round(height_mm * EMU_PER_MM)
    return (
        f'<w:r><w:drawing><wp:inline xmlns:wp="{WP_NS}" distT="0" distB="0" distL="0" distR="0">'
        f'<wp:extent cx="{cx}" cy="{cy}"/><wp:effectExtent l="0" t="0" r="0" b="0"/>'
        f'<wp:docPr id="{drawing_id}" name="图表 {drawing_id}"/><wp:cNvGraphicFramePr/>'
        f'<a:graphic xmlns:a="{A_NS}"><a:graphicData uri="{C_NS}">'
        f'<c:chart xmlns:c="{C_NS}" xmlns:r="{R_NS}" r:id="{rel_id}"/>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r>"
    )


def chart_part(chart: Chart, font: str, latin_font: str) -> bytes:
    """``word/charts/chartN.xml`` for ``chart``; its workbook is related as ``rId1``."""
    primary = [(i, s) for i, s in enumerate(chart.series) if not s.secondary]
    secondary = [(i, s) for i, s in enumerate(chart.series) if s.secondary]
    plots = _plot(chart, primary, "primary")
    bars = primary[0][1].type == "bar"
    axes = _axes("primary", chart.unit, secondary=False, from_zero=bars)
    if secondary:
        plots += _plot(chart, secondary, "secondary")
        axes += _axes("secondary", secondary[0][1].unit, secondary=True, from_zero=False)
    text = _text_properties(font, latin_font, 1050)
    xml = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        f'<c:chartSpace xmlns:c="{C_NS}" xmlns:a="{A_NS}" xmlns:r="{R_NS}">'
        '<c:date1904 val="0"/><c:lang val="zh-CN"/><c:roundedCorners val="0"/>'
        '<c:chart><c:autoTitleDeleted val="1"/>'
        f"<c:plotArea><c:layout/>{plots}{axes}</c:plotArea>"
        '<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend>'
        '<c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart>'
        f"{text}"
        '<c:externalData r:id="rId1"><c:autoUpdate val="0"/></c:externalData>'
        "</c:chartSpace>"
    )
    return xml.encode("utf-8")


def chart_rels(workbook_name: str) -> bytes:
    """The chart part's relationships: its embedded workbook."""
    return (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        f'<Relationship Id="rId1" Type="{PACKAGE_REL}" Target="../embeddings/{workbook_name}"/>'
        "</Relationships>"
    ).encode()


def workbook(chart: Chart) -> bytes:
    """The chart's data as an .xlsx: years down column A, one column per series."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Sheet1"
    sheet.append(["", *(_series_label(s) for s in chart.series)])
    for row, category in enumerate(chart.categories):
        sheet.append([category, *(s.values[row] for s in chart.series)])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _series_label(series: ChartSeries) -> str:
    return f"{series.name}（{series.unit}）" if series.unit else series.name


def _column(index: int) -> str:
    return chr(ord("B") + index)  # a chart has a handful of series, never past column Z


def _plot(chart: Chart, members: list[tuple[int, ChartSeries]], axes: str) -> str:
    kind = members[0][1].type
    ax, ay = _AXES[axes]
    body = "".join(_series(chart, index, series) for index, series in members)
    ids = f'<c:axId val="{ax}"/><c:axId val="{ay}"/>'
    if kind == "line":
        return (
            '<c:lineChart><c:grouping val="standard"/><c:varyColors val="0"/>'
            f'{body}<c:marker val="1"/>{ids}</c:lineChart>'
        )
    return (
        '<c:barChart><c:barDir val="col"/><c:grouping val="clustered"/>'
        f'<c:varyColors val="0"/>{body}<c:gapWidth val="80"/>{ids}</c:barChart>'
    )


def _series(chart: Chart, index: int, series: ChartSeries) -> str:
    colour = COLOURS[index % len(COLOURS)]
    column = _column(index)
    last = len(chart.categories) + 1
    name = escape(_series_label(series))
    tx = (
        f'<c:tx><c:strRef><c:f>Sheet1!${column}$1</c:f><c:strCache><c:ptCount val="1"/>'
        f'<c:pt idx="0"><c:v>{name}</c:v></c:pt></c:strCache></c:strRef></c:tx>'
    )
    if series.type == "line":
        look = (
            f'<c:spPr><a:ln w="28575"><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill>'
            "</a:ln></c:spPr>"
            f'<c:marker><c:symbol val="circle"/><c:size val="6"/><c:spPr><a:solidFill>'
            f'<a:srgbClr val="{colour}"/></a:solidFill></c:spPr></c:marker>'
        )
    else:
        look = (
            f'<c:spPr><a:solidFill><a:srgbClr val="{colour}"/></a:solidFill></c:spPr>'
            '<c:invertIfNegative val="0"/>'
        )
    labels = (
        "<c:dLbls><c:spPr><a:noFill/><a:ln><a:noFill/></a:ln></c:spPr>"
        '<c:showLegendKey val="0"/><c:showVal val="1"/><c:showCatName val="0"/>'
        '<c:showSerName val="0"/><c:showPercent val="0"/><c:showBubbleSize val="0"/></c:dLbls>'
    )
    categories = "".join(
        f'<c:pt idx="{i}"><c:v>{escape(c)}</c:v></c:pt>' for i, c in enumerate(chart.categories)
    )
    points = "".join(
        f'<c:pt idx="{i}"><c:v>{v:g}</c:v></c:pt>'
        for i, v in enumerate(series.values)
        if v is not None
    )
    count = len(chart.categories)
    cat = (
        f"<c:cat><c:strRef><c:f>Sheet1!$A$2:$A${last}</c:f><c:strCache>"
        f'<c:ptCount val="{count}"/>{categories}</c:strCache></c:strRef></c:cat>'
    )
    val = (
        f"<c:val><c:numRef><c:f>Sheet1!${column}$2:${column}${last}</c:f><c:numCache>"
        f'<c:formatCode>General</c:formatCode><c:ptCount val="{count}"/>{points}'
        "</c:numCache></c:numRef></c:val>"
    )
    smooth = '<c:smooth val="0"/>' if series.type == "line" else ""
    return (
        f'<c:ser><c:idx val="{index}"/><c:order val="{index}"/>{tx}{look}{labels}'
        f"{cat}{val}{smooth}</c:ser>"
    )


def _axes(axes: str, unit: str, *, secondary: bool, from_zero: bool = True) -> str:
    ax, ay = _AXES[axes]
    floor = '<c:min val="0"/>' if from_zero else ""
    title = (
        "<c:title><c:tx><c:rich><a:bodyPr/><a:p><a:r>"
        f"<a:t>{escape(unit)}</a:t></a:r></a:p></c:rich></c:tx>"
        '<c:overlay val="0"/></c:title>'
        if unit
        else ""
    )
    grid = "" if secondary else "<c:majorGridlines/>"
    return (
        f'<c:catAx><c:axId val="{ax}"/><c:scaling><c:orientation val="minMax"/></c:scaling>'
        f'<c:delete val="{1 if secondary else 0}"/><c:axPos val="b"/>'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{ay}"/><c:crosses val="autoZero"/><c:auto val="1"/>'
        '<c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>'
        # Bars start at zero: a cut axis would make a small change look large.
        f'<c:valAx><c:axId val="{ay}"/><c:scaling><c:orientation val="minMax"/>{floor}</c:scaling>'
        f'<c:delete val="0"/><c:axPos val="{"r" if secondary else "l"}"/>{grid}{title}'
        '<c:numFmt formatCode="General" sourceLinked="1"/><c:majorTickMark val="none"/>'
        '<c:minorTickMark val="none"/><c:tickLblPos val="nextTo"/>'
        f'<c:crossAx val="{ax}"/><c:crosses val="{"max" if secondary else "autoZero"}"/>'
        '<c:crossBetween val="between"/></c:valAx>'
    )


def _text_properties(font: str, latin_font: str, size: int) -> str:
    """Chart text in the document's fonts (``size`` in hundredths of a point)."""
    return (
        f'<c:txPr><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="{size}">'
        f'<a:latin typeface="{escape(latin_font)}"/><a:ea typeface="{escape(font)}"/>'
        '</a:defRPr></a:pPr><a:endParaRPr lang="zh-CN"/></a:p></c:txPr>'
    )
