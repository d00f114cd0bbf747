"""Units that differ only in scale (万元 and 亿元, 人 and 万人) and exact conversion between them.

A statistics table often states money in 万元 where the report writes 亿元. Such a figure is
the same quantity and converts exactly; 个 and 亿元 are different quantities, and a table that
gives one for the other has been matched to the wrong indicator or is wrong itself.
"""

from __future__ import annotations

import unicodedata
from decimal import Decimal

_SCALES: dict[str, tuple[str, Decimal]] = {
    # unit: (base unit of its family, how many base units one of it is)
    "元": ("元", Decimal(1)),
    "万元": ("元", Decimal(10) ** 4),
    "亿元": ("元", Decimal(10) ** 8),
    "万亿元": ("元", Decimal(10) ** 12),
    "美元": ("美元", Decimal(1)),
    "万美元": ("美元", Decimal(10) ** 4),
    "亿美元": ("美元", Decimal(10) ** 8),
    "人": ("人", Decimal(1)),
    "万人": ("人", Decimal(10) ** 4),
    "人次": ("人次", Decimal(1)),
    "万人次": ("人次", Decimal(10) ** 4),
    "户": ("户", Decimal(1)),
    "万户": ("户", Decimal(10) ** 4),
    "亩": ("亩", Decimal(1)),
    "万亩": ("亩", Decimal(10) ** 4),
    "平方米": ("平方米", Decimal(1)),
    "万平方米": ("平方米", Decimal(10) ** 4),
    "公顷": ("平方米", Decimal(10) ** 4),
    "平方公里": ("平方米", Decimal(10) ** 6),
    "米": ("米", Decimal(1)),
    "公里": ("米", Decimal(1000)),
    "千米": ("米", Decimal(1000)),
    "吨": ("吨", Decimal(1)),
    "万吨": ("吨", Decimal(10) ** 4),
    "%": ("%", Decimal(1)),
    "‰": ("%", Decimal("0.1")),
}


def normalise_unit(unit: object) -> str:
    """``％`` and ``%`` are one unit; so are units typed with spaces."""
    return "".join(unicodedata.normalize("NFKC", str(unit or "")).split())


def factor(source: str, target: str) -> Decimal | None:
    """How many ``target`` units one ``source`` unit is; None when they measure different things.

    >>> factor("万元", "亿元")
    Decimal('0.0001')
    >>> factor("个", "亿元") is None
    True
    """
    a, b = _SCALES.get(normalise_unit(source)), _SCALES.get(normalise_unit(target))
    if a is None or b is None or a[0] != b[0]:
        return None
    return a[1] / b[1]


def convert(number: int | float, scale: Decimal) -> int | float:
    """``number`` times ``scale``, exactly in decimal: 12500 万元 → 1.25 亿元, not 1.2500000001."""
    result = Decimal(repr(number)) * scale
    if result == result.to_integral_value():
        return int(result)
    return float(result.normalize())
