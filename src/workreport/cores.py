"""How many cores this process may use: the batch's workers, the PDF converters and the
preview's page drawers are sized by it."""

from __future__ import annotations

import os


def cpu_count() -> int:
    """Cores this process may run on (its affinity mask, where the system has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return os.cpu_count() or 1
