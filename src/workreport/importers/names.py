"""Indicator names that are probably the same indicator written a little differently.

A statistics table says ``规上工业产值`` where the file says ``规模以上工业产值``, or has one
character more or less. Such a name must not quietly become a second indicator; the import
asks instead. Names one character apart (after the usual abbreviations are written out) are
close; names differing in more (``工业产值`` and ``工业投资``, ``产值`` and ``增加值``) name
different indicators.
"""

from __future__ import annotations

import unicodedata

ABBREVIATIONS = {
    "规上": "规模以上",
    "限上": "限额以上",
    "社零": "社会消费品零售",
    "固投": "固定资产投资",
    "GDP": "地区生产总值",
}
"""Short forms statistics tables use for terms of the national statistics system."""


def normalise_name(name: object) -> str:
    """Names compare without width, spaces or bracket style: 博士(后) = 博士（后）."""
    return "".join(unicodedata.normalize("NFKC", str(name or "")).split())


def _expanded(name: str) -> str:
    name = normalise_name(name)
    for short, full in ABBREVIATIONS.items():
        name = name.replace(short, full)
    return name


class Similar:
    """The names of a file's indicators, to find the one a new name is probably meant to be."""

    def __init__(self, names: dict[str, str]) -> None:
        """``names``: id → name, as the file has them before the import."""
        self._names = [(key, name, _expanded(name)) for key, name in names.items() if name]

    def find(self, name: str) -> tuple[str, str] | None:
        """(id, name) of an indicator whose name is close to ``name``, or None."""
        wanted = _expanded(name)
        for key, other, expanded in self._names:
            if abs(len(expanded) - len(wanted)) <= 1 and close(name, other):
                return key, other
        return None


def close(a: object, b: object) -> bool:
    """Whether two different names are probably one indicator (see the module docstring).

    >>> close("规上工业产值", "规模以上工业产值"), close("新增企业数", "新增企业")
    (True, True)
    >>> close("工业投资", "工业产值")
    False
    """
    x, y = _expanded(str(a)), _expanded(str(b))
    if not x or not y or normalise_name(a) == normalise_name(b):
        return False
    if x == y:
        return True
    return distance(x, y, 1) <= 1


def distance(a: str, b: str, bound: int) -> int:
    """Edit distance of ``a`` and ``b``, or ``bound + 1`` as soon as it must exceed ``bound``."""
    if abs(len(a) - len(b)) > bound:
        return bound + 1
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        if min(current) > bound:
            return bound + 1
        previous = current
    return previous[-1]
