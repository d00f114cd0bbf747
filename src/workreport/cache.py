"""Where workreport keeps its per-user disk cache (styled base documents, compiled templates).

``WORKREPORT_CACHE_DIR`` when set (empty turns the disk cache off), else
``%LOCALAPPDATA%\\workreport\\Cache`` on Windows and ``$XDG_CACHE_HOME/workreport`` (by default
``~/.cache/workreport``) elsewhere. Everything in it can be deleted at any time.
"""

from __future__ import annotations

import os
from pathlib import Path

CACHE_ENV = "WORKREPORT_CACHE_DIR"


def cache_folder() -> Path | None:
    """The cache folder, or None when the disk cache is turned off."""
    folder = os.environ.get(CACHE_ENV)
    if folder == "":
        return None
    if folder is not None:
        return Path(folder)
    if os.name == "nt":
        home = os.environ.get("LOCALAPPDATA") or Path.home() / "AppData" / "Local"
        return Path(home) / "workreport" / "Cache"
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "workreport"
