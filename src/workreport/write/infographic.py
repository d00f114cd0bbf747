""":class:`~workreport.highlights.Highlights` → 一图读懂: a tall picture for phone screens (PNG,
1080 px wide) and the same page as an A4 PDF, drawn with matplotlib.

The layout is computed in pixels of the 1080-pixel-wide picture — a banner with the heading and
the report title, a card per headline figure (large figure, growth arrow, caption), a small bar
chart for each figure with several years, and a footer with the sources — and then drawn at any
page size by one scale factor, so the PNG and the PDF are the same picture. Colours, fonts,
wording and the number of columns come from ``infographic.yaml`` (see :func:`load_look`), which
a unit overrides like its templates.
"""

from __future__ import annotations

import io
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import TemplateError
from ..highlights import HeadlineFigure, Highlights
from .docx import split_title

WIDTH_PX = 1080
A4_INCHES = (8.27, 11.69)
LOOK_FILE = "infographic.yaml"
_BANNER, _CARD, _CHART, _FOOTER, _GAP = 300, 250, 330, 110, 30


@dataclass(frozen=True)
class Picture:
    """The two renderings of one 一图读懂."""

    png: bytes
    pdf: bytes


def load_look(template_dirs: Sequence[Path]) -> dict[str, Any]:
    """The built-in look merged with the first ``infographic.yaml`` in ``template_dirs``."""
    from ..load import safe_load
    from ..render import BUILTIN_TEMPLATES

    look: dict[str, Any] = safe_load(
        (BUILTIN_TEMPLATES / "default" / LOOK_FILE).read_text(encoding="utf-8")
    )
    for folder in template_dirs:
        path = Path(folder) / LOOK_FILE
        if (
            path.is_file()
            and path.resolve() != (BUILTIN_TEMPLATES / "default" / LOOK_FILE).resolve()
        ):
            try:
                override = safe_load(path.read_text(encoding="utf-8-sig")) or {}
            except Exception as exc:
                raise TemplateError(
                    f"“一图读懂”的样式文件读不出来：{exc}", hint="检查 YAML 的缩进和冒号。"
                ) from None
            if not isinstance(override, dict):
                raise TemplateError("“一图读懂”的样式文件应是“键: 值”的映射。")
            for key, value in override.items():
                if isinstance(value, dict) and isinstance(look.get(key), dict):
                    look[key] = {**look[key], **value}
                else:
                    look[key] = value
            break
    return look


def draw(highlights: Highlights, look: dict[str, Any]) -> Picture:
    """The picture as PNG (1080 px wide) and as an A4 PDF."""
    import matplotlib

    matplotlib.use("Agg")
    if not highlights.figures:
        raise TemplateError(
            "没有要突出的数字：在数据文件中写上 highlights（指标和一行说明）。",
            hint="例如 highlights: [{indicator: gdp, caption: 经济总量再上新台阶}]",
        )
    height = _height(highlights, look)
    dpi = 100
    png = _render(highlights, look, (WIDTH_PX / dpi, height / dpi), dpi, "png")
    pdf = _render(highlights, look, A4_INCHES, 72, "pdf")
    return Picture(png, pdf)


def _charted(highlights: Highlights) -> list[HeadlineFigure]:
    return [item for item in highlights.figures if len(item.series) >= 2]


def _height(highlights: Highlights, look: dict[str, Any]) -> int:
    columns = max(1, int(look.get("columns", 2)))
    cards = -(-len(highlights.figures) // columns)
    charts = -(-len(_charted(highlights)) // 2)
    return _BANNER + cards * (_CARD + _GAP) + charts * (_CHART + _GAP) + _FOOTER + _GAP


def _render(
    highlights: Highlights,
    look: dict[str, Any],
    size_in: tuple[float, float],
    dpi: int,
    fmt: str,
) -> bytes:
    from matplotlib.figure import Figure
    from matplotlib.patches import FancyBboxPatch, Rectangle

    colours = look["colors"]
    height = _height(highlights, look)
    figure = Figure(figsize=size_in, dpi=dpi, facecolor=colours["background"])
    # One scale for both directions: the picture keeps its proportions on any page.
    scale = min(size_in[0] / WIDTH_PX, size_in[1] / height)
    box_w, box_h = WIDTH_PX * scale / size_in[0], height * scale / size_in[1]
    canvas = figure.add_axes((0.5 - box_w / 2, 1 - box_h, box_w, box_h))
    canvas.set_xlim(0, WIDTH_PX)
    canvas.set_ylim(height, 0)
    canvas.axis("off")

    def px(points_in_px: float) -> float:
        return points_in_px * scale * 72  # a size in picture pixels → font points

    def text(
        x: float,
        y: float,
        s: str,
        size: float,
        colour: str,
        *,
        font: str = "text",
        weight: str = "normal",
        ha: str = "center",
    ) -> None:
        canvas.text(
            x,
            y,
            s,
            fontsize=px(size),
            color=colour,
            ha=ha,
            va="center",
            fontfamily=look["fonts"][font],
            fontweight=weight,
        )

    canvas.add_patch(Rectangle((0, 0), WIDTH_PX, _BANNER - 40, color=colours["banner"]))
    text(
        WIDTH_PX / 2,
        70,
        str(look.get("heading", "一图读懂")),
        54,
        colours["banner_text"],
        weight="bold",
    )
    for row, line in enumerate(split_title(highlights.title, 18)[:2]):
        text(WIDTH_PX / 2, 150 + row * 56, line, 40, colours["banner_text"], font="title")
    columns = max(1, int(look.get("columns", 2)))
    card_w = (WIDTH_PX - _GAP * (columns + 1)) / columns
    y = _BANNER
    for index, item in enumerate(highlights.figures):
        column = index % columns
        if index and column == 0:
            y += _CARD + _GAP
        x = _GAP + column * (card_w + _GAP)
        canvas.add_patch(
            FancyBboxPatch(
                (x, y),
                card_w,
                _CARD,
                boxstyle="round,pad=0,rounding_size=24",
                facecolor=colours["card"],
                edgecolor="none",
            )
        )
        centre = x + card_w / 2
        big = 64 if len(item.figure) <= 8 else 48 if len(item.figure) <= 12 else 36
        text(centre, y + 80, item.figure, big, colours["figure"], weight="bold")
        if item.growth is not None:
            arrow = "▲" if item.growth > 0 else "▼" if item.growth < 0 else "■"
            colour = colours["up"] if item.growth > 0 else colours["down"]
            text(centre, y + 150, f"{arrow} {item.growth_text}", 30, colour)
        for row, line in enumerate(textwrap.wrap(item.caption, 16 if columns > 1 else 30)[:2]):
            text(centre, y + 200 + row * 36, line, 28, colours["caption"])
    y += _CARD + _GAP
    charted = _charted(highlights)
    chart_w = (WIDTH_PX - _GAP * 3) / 2
    for index, item in enumerate(charted):
        column = index % 2
        if index and column == 0:
            y += _CHART + _GAP
        x = _GAP + column * (chart_w + _GAP)
        _small_chart(figure, canvas, item, (x, y, chart_w, _CHART), look, px)
    if charted:
        y += _CHART + _GAP
    sources = "；".join(dict.fromkeys(i.source for i in highlights.figures if i.source))
    footer = str(look.get("footer", "")).replace("{sources}", sources) if sources else ""
    for row, line in enumerate(textwrap.wrap(footer, 40)[:2]):
        text(WIDTH_PX / 2, y + 30 + row * 36, line, 24, colours["muted"])
    out = io.BytesIO()
    figure.savefig(
        out,
        format=fmt,
        dpi=dpi,
        facecolor=colours["background"],
        metadata={"Title": highlights.heading},
    )
    return out.getvalue()


def _small_chart(
    figure: Any,
    canvas: Any,
    item: HeadlineFigure,
    box: tuple[float, float, float, float],
    look: dict[str, Any],
    px: Any,
) -> None:
    """A bar chart of the figure's series inside ``box`` (picture pixels)."""
    colours, fonts = look["colors"], look["fonts"]
    x, y, w, h = box
    # Picture pixels → figure fractions, through the canvas's own transform.
    to_fig = canvas.transData + figure.transFigure.inverted()
    (left, top), (right, bottom) = to_fig.transform([(x + 60, y + 70), (x + w - 20, y + h - 50)])
    axes = figure.add_axes((left, bottom, right - left, top - bottom))
    axes.set_facecolor(colours["card"])
    years = [f"{year}" for year in item.series.years]
    values = [v if v is not None else 0.0 for v in item.series.values]
    bars = axes.bar(years, values, color=colours["bar"], width=0.6)
    for bar, value in zip(bars, item.series.values, strict=True):
        if value is None:
            bar.set_alpha(0)  # a missing year is a gap, never a zero
        else:
            axes.annotate(
                f"{value:g}",
                (bar.get_x() + bar.get_width() / 2, value),
                ha="center",
                va="bottom",
                fontsize=px(20),
                color=colours["caption"],
            )
    axes.set_ylim(0, max(values) * 1.25 if any(values) else 1)
    axes.tick_params(labelsize=px(20), colors=colours["caption"], length=0)
    axes.set_yticks([])
    for side in ("top", "right", "left"):
        axes.spines[side].set_visible(False)
    title = f"{item.series.name}（{item.series.unit}）" if item.series.unit else item.series.name
    canvas.text(
        x + w / 2,
        y + 35,
        title,
        fontsize=px(26),
        color=colours["caption"],
        ha="center",
        va="center",
        fontfamily=fonts["text"],
    )
    missing = [str(year) for year, value in item.series.points if value is None]
    if missing:
        note = f"缺{'、'.join(missing)}年数据"
        canvas.text(
            x + w / 2,
            y + h - 18,
            note,
            fontsize=px(18),
            color=colours["muted"],
            ha="center",
            va="center",
            fontfamily=fonts["text"],
        )
