""":class:`~workreport.highlights.Highlights` → a 数读 block as a small .docx.

The block is what a newspaper or a 公众号 sets beside the report: a heading (数读外海), then
each figure large in the heading colour with its growth, and a line of caption under it, in
the report's own fonts. It is a separate document, made with python-docx, so it can be pasted
into a layout or a news draft.
"""

from __future__ import annotations

import io
from typing import Any

from ..highlights import Highlights
from ..styles import Profile
from .base import drop_styles_with_effects

RED = (0xC0, 0x00, 0x00)
GREEN = (0x2E, 0x7D, 0x32)
GREY = (0x59, 0x59, 0x59)


def highlights_docx(highlights: Highlights, profile: Profile) -> bytes:
    """The 数读 block of ``highlights`` laid out with ``profile``'s page and fonts."""
    import docx
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Mm, Pt, RGBColor

    document = docx.Document()
    section = document.sections[0]
    page = profile.page
    section.page_width, section.page_height = Mm(page.width_mm), Mm(page.height_mm)
    section.top_margin, section.bottom_margin = Mm(page.top_mm), Mm(page.bottom_mm)
    section.left_margin, section.right_margin = Mm(page.left_mm), Mm(page.right_mm)
    drop_styles_with_effects(document)
    zoom = document.settings.element.find(qn("w:zoom"))
    if zoom is not None and zoom.get(qn("w:percent")) is None:
        zoom.set(qn("w:percent"), "100")  # ISO 29500 requires it; python-docx leaves it out
    roles = profile.roles

    def add_run(
        paragraph: Any,
        text: str,
        font: str,
        size: float,
        colour: tuple[int, int, int] | None = None,
        bold: bool = False,
    ) -> None:
        run = paragraph.add_run(text)
        run.font.name = profile.latin_font
        run.font.size = Pt(size)
        run.font.bold = bold
        run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), font)
        if colour is not None:
            run.font.color.rgb = RGBColor(*colour)

    heading = document.add_paragraph()
    heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
    add_run(heading, highlights.heading, roles.heading1.font, 22, RED, bold=True)
    for item in highlights.figures:
        figure = document.add_paragraph()
        figure.alignment = WD_ALIGN_PARAGRAPH.CENTER
        figure.paragraph_format.space_before = Pt(12)
        add_run(figure, item.figure, roles.heading1.font, 26, RED, bold=True)
        if item.growth is not None:
            arrow = "▲" if item.growth > 0 else "▼" if item.growth < 0 else "■"
            colour = RED if item.growth > 0 else GREEN if item.growth < 0 else GREY
            add_run(figure, f"  {arrow}{item.growth_text}", roles.body.font, 14, colour)
        caption = document.add_paragraph()
        caption.alignment = WD_ALIGN_PARAGRAPH.CENTER
        add_run(caption, item.caption, roles.body.font, 16, GREY)
    sources = list(dict.fromkeys(item.source for item in highlights.figures if item.source))
    if sources:
        note = document.add_paragraph()
        note.alignment = WD_ALIGN_PARAGRAPH.CENTER
        note.paragraph_format.space_before = Pt(12)
        add_run(note, "数据来源：" + "；".join(sources), roles.body.font, 12, GREY)
    document.core_properties.title = highlights.heading
    document.core_properties.author = "workreport"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
