"""Writers: document tree → output formats (.docx)."""

from .docx import write_docx

__all__ = ["write_docx"]
