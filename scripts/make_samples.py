"""Regenerate samples/: each bundled input → .docx draft → PDF → first-page PNG.

Run from the repository root: ``python scripts/make_samples.py``. Needs LibreOffice and
poppler-utils (pdftoppm).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from workreport.api import build
from workreport.pdf import first_page_png, to_pdf

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


if __name__ == "__main__":
    main()
