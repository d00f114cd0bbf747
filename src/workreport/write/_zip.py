"""Parts of a package → the bytes of its zip archive, each part shared by every draft
compressed once per process."""

from __future__ import annotations

import struct
import time
import zlib
from collections.abc import Mapping
from functools import lru_cache


def zip_parts(parts: Mapping[str, bytes]) -> bytes:
    """The parts as a zip archive (deflated), in their order.

    Written here rather than by :mod:`zipfile` so that a part every draft shares (styles,
    theme, numbering …) is compressed once per process, not once per draft; the archive is
    the plain kind ``zipfile`` writes (no zip64: a draft is far below 4 GB).
    """
    out = bytearray()
    directory = bytearray()
    stamp = _dos_time()
    for name, data in parts.items():
        encoded = name.encode("utf-8")
        flags = 0 if encoded.isascii() else 0x800  # bit 11: the name is UTF-8
        crc, packed = _deflated(data)
        fields = (20, flags, 8, *stamp, crc, len(packed), len(data), len(encoded))
        directory += _CENTRAL.pack(0x02014B50, 20, *fields, 0, 0, 0, 0, 0, len(out)) + encoded
        out += _LOCAL.pack(0x04034B50, *fields, 0) + encoded + packed
    count = len(parts)
    end = _END.pack(0x06054B50, 0, 0, count, count, len(directory), len(out), 0)
    return bytes(out + directory + end)


_LOCAL = struct.Struct("<IHHHHHIIIHH")
_CENTRAL = struct.Struct("<IHHHHHHIIIHHHHHII")
_END = struct.Struct("<IHHHHIIH")


@lru_cache(maxsize=64)
def _deflated(data: bytes) -> tuple[int, bytes]:
    """CRC-32 and raw deflate of a part; the shared parts of every draft hit the cache."""
    compressor = zlib.compressobj(zlib.Z_DEFAULT_COMPRESSION, zlib.DEFLATED, -15)
    return zlib.crc32(data), compressor.compress(data) + compressor.flush()


def _dos_time() -> tuple[int, int]:
    """Now as the (time, date) pair of a zip entry."""
    now = time.localtime()
    year = max(now.tm_year, 1980)
    return (
        now.tm_hour << 11 | now.tm_min << 5 | now.tm_sec // 2,
        (year - 1980) << 9 | now.tm_mon << 5 | now.tm_mday,
    )
