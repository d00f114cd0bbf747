"""Regenerate samples/: each bundled input → .docx draft → PDF → first-page PNG; and for 外海
2022 the 数读 block (.docx and text) and the 一图读懂 picture.

Run from the repository root: ``python scripts/make_samples.py``. Needs LibreOffice and
poppler-utils (pdftoppm).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from workreport.api import build, highlights, make_draft
from workreport.pdf import first_page_png, to_pdf
from workreport.write.highlights import highlights_docx
from workreport.write.infographic import draw, load_look

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "samples"
INPUTS = [
    ROOT / "inputs" / "waihai" / "2022.yaml",  # review + plan: the default shape
    ROOT / "inputs" / "waihai" / "2023.yaml",  # made by `workreport rollover` from 2022.yaml
    ROOT / "inputs" / "xiqu" / "2022.yaml",  # plan only, its own targets wording and style
    ROOT / "inputs" / "jiangcheng" / "2022.yaml",  # review only, its own outline and title
]


def main() -> None:
    SAMPLES.mkdir(exist_ok=True)
    for source in INPUTS:
        name = f"{source.parent.name}-{source.stem}"
        result = build(source, SAMPLES / f"{name}.docx", force=True)  # never hand-edited
        with tempfile.TemporaryDirectory() as tmp:
            pdf = to_pdf([result.output], Path(tmp))[0]
            first_page_png(pdf, SAMPLES / f"{name}.png", dpi=80)
        print(f"{name}: {result.output.name}, {len(result.placeholders)} 处待补充")
    source = ROOT / "inputs" / "waihai" / "2022.yaml"
    chosen = highlights(source)
    draft = make_draft(source)
    (SAMPLES / "waihai-2022-highlights.docx").write_bytes(highlights_docx(chosen, draft.profile))
    (SAMPLES / "waihai-2022-highlights.txt").write_text(chosen.text(), encoding="utf-8")
    picture = draw(chosen, load_look(draft.template_dirs))
    (SAMPLES / "waihai-2022-infographic.png").write_bytes(picture.png)
    (SAMPLES / "waihai-2022-infographic.pdf").write_bytes(picture.pdf)
    print(f"waihai-2022: 数读 {len(chosen.figures)} 个数字，一图读懂")


if __name__ == "__main__":
    main()
