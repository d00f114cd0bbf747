"""A draft's PDF → page images, drawing again only the pages whose text changed.

Each refresh reads every page's text (``pdftotext``, fast) and draws with ``pdftoppm`` only
the pages whose text differs from the last refresh, or all of them when the layout itself may
have changed (a style file was saved). Each page has a version that grows when it is drawn,
so the browser fetches only the images that changed.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from ..cores import cpu_count
from ..pdf import ConversionError

DPI = 60
IMAGE_SUFFIX = ".jpg"
"""Pages are drawn as JPEG: pdftoppm writes one in a fifth of the time its PNG takes (its PNG
encoder compresses hard), which is most of a page's drawing time."""
_SPACE = re.compile(r"\s+")


@dataclass(frozen=True)
class Page:
    """One page: its number (1-based), image file, version and text without spaces."""

    number: int
    image: Path
    version: int
    text: str


class PageImages:
    """The page images of one preview, kept in ``folder`` between refreshes."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.pages: list[Page] = []
        self.drawn = 0
        """Pages drawn by the last refresh (the rest were unchanged)."""

    def update(self, pdf: Path, *, redraw_all: bool = False) -> list[Page]:
        """Bring the images up to ``pdf``; returns the pages in order."""
        texts = page_texts(pdf)
        old = {page.number: page for page in self.pages}
        pages = []
        to_draw: list[tuple[int, Path]] = []
        for number, text in enumerate(texts, 1):
            before = old.get(number)
            image = self.folder / f"page-{number}{IMAGE_SUFFIX}"
            if before is not None and before.text == text and not redraw_all and image.is_file():
                pages.append(before)
                continue
            to_draw.append((number, image))
            pages.append(Page(number, image, (before.version + 1) if before else 1, text))
        # pdftoppm draws one page per run: several run at once when many pages changed
        with ThreadPoolExecutor(max(1, min(len(to_draw), cpu_count()))) as drawers:
            list(drawers.map(lambda page: _draw(pdf, *page), to_draw))
        self.drawn = len(to_draw)
        for stale in old.keys() - set(range(1, len(texts) + 1)):
            (self.folder / f"page-{stale}{IMAGE_SUFFIX}").unlink(missing_ok=True)
        self.pages = pages
        return pages

    def page_of(self, text: str) -> int | None:
        """The first page whose text contains ``text`` (spaces ignored), or None."""
        wanted = _SPACE.sub("", text)
        if not wanted:
            return None
        for page in self.pages:
            if wanted in page.text:
                return page.number
        return None


def page_texts(pdf: Path) -> list[str]:
    """The text of each page of ``pdf``, spaces removed (layout puts them between letters)."""
    done = subprocess.run(
        [_program("pdftotext"), "-enc", "UTF-8", str(pdf), "-"],
        capture_output=True,
        timeout=60,
        check=False,
    )
    if done.returncode != 0:
        raise ConversionError("无法读取 PDF 的文字（pdftotext 出错）。")
    pages = done.stdout.decode("utf-8", "replace").split("\f")
    if pages and not pages[-1].strip():
        pages.pop()  # the form feed after the last page
    return [_SPACE.sub("", page) for page in pages]


def _draw(pdf: Path, number: int, image: Path) -> None:
    stem = image.with_suffix("")
    subprocess.run(
        [_program("pdftoppm"), "-f", str(number), "-l", str(number), "-r", str(DPI), "-jpeg",
         "-jpegopt", "quality=90", "-singlefile", str(pdf), str(stem)],
        capture_output=True,
        timeout=60,
        check=True,
    )  # fmt: skip


def _program(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise ConversionError(
            f"没有找到 {name}：预览需要 poppler-utils",
            hint="Debian/Ubuntu：apt-get install poppler-utils；Windows：安装 poppler，加入 PATH。",
        )
    return found
