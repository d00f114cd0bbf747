"""Style profile YAML (GB/T 9704 by default, merged with a unit's overrides) → :class:`Profile`.

A profile says how the draft looks: page and margins, the line pitch, fonts and sizes per role
(title, headings, body …) and the page-number style. The writer reads nothing else.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Annotated, Any, Literal

import msgspec
import yaml
from msgspec import Meta

from .errors import Location, ProfileError
from .load import format_key_path, safe_load
from .textfile import read_text

DEFAULT_PROFILE = Path(__file__).parent / "data" / "styles" / "gbt9704.yaml"


class _Model(msgspec.Struct, forbid_unknown_fields=True, frozen=True, kw_only=True):
    pass


Positive = Annotated[float, Meta(gt=0)]
Margin = Annotated[float, Meta(ge=0)]


class Page(_Model, frozen=True):
    width_mm: Positive = 210
    height_mm: Positive = 297
    top_mm: Margin = 37
    bottom_mm: Margin = 35
    left_mm: Margin = 28
    right_mm: Margin = 26


class Grid(_Model, frozen=True):
    line_pitch_pt: Annotated[float, Meta(gt=10, le=60)] = 28
    chars_per_line: Annotated[int, Meta(gt=0, le=60)] = 28


class Role(_Model, frozen=True):
    font: str
    size_pt: Annotated[float, Meta(gt=0, le=72)]
    bold: bool = False
    align: Literal["left", "center", "right", "both"] = "both"
    indent: bool = True
    spacing_pt: Annotated[float, Meta(ge=-2, le=5, description="字间距（磅），负数为紧缩。")] = 0


class Roles(_Model, frozen=True):
    body: Role
    title: Role
    title_note: Role
    heading1: Role
    heading2: Role
    heading3: Role
    heading4: Role
    table: Role


class PageNumber(_Model, frozen=True):
    font: str = "宋体"
    size_pt: float = 14
    position: Literal["outside", "center"] = "outside"
    dash: str = "—"


class Profile(_Model, frozen=True):
    """Everything the writer needs to lay the draft out."""

    roles: Roles
    page: Page = msgspec.field(default_factory=Page)
    grid: Grid = msgspec.field(default_factory=Grid)
    latin_font: str = "Times New Roman"
    first_line_chars: Annotated[int, Meta(ge=0, le=4)] = 2
    title_max_chars: Annotated[int, Meta(ge=8, le=40)] = 20
    page_number: PageNumber = msgspec.field(default_factory=PageNumber)


def load_profile(*overrides: Path) -> Profile:
    """The default profile with each override file merged over it, in order.

    Profiles are cached per process; a file's modification time is part of the key, so an
    edited ``style.yaml`` is read again (``watch`` rebuilds in one process).
    """
    paths = tuple(Path(p).resolve() for p in overrides)
    return _load_profile(paths, tuple(_mtime(p) for p in paths))


def clear_profile_cache() -> None:
    """Forget every profile read so far; the next :func:`load_profile` reads the files again.

    Modification times already catch an edited ``style.yaml``; a long-running process (such
    as ``watch``) clears the cache anyway, in case a file changed within the clock's resolution.
    """
    _load_profile.cache_clear()


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


@cache
def _load_profile(overrides: tuple[Path, ...], _mtimes: tuple[int, ...]) -> Profile:
    data = _read(DEFAULT_PROFILE)
    for path in overrides:
        data = merge(data, _read(path))
    try:
        return msgspec.convert(data, Profile, strict=False)
    except msgspec.ValidationError as exc:
        from .validate_walk import describe, problems

        first = problems(data, exc, msgspec.inspect.type_info(Profile))[0]
        where = format_key_path(first.loc)
        source = overrides[-1] if overrides else DEFAULT_PROFILE
        raise ProfileError(
            f"样式设置“{where}”无效：{describe(first)}。",
            at=Location(str(source), key_path=where),
            hint="对照默认样式 gbt9704.yaml 检查键名和取值。",
        ) from None


def _read(path: Path) -> dict[str, Any]:
    try:
        data = safe_load(read_text(path))
    except FileNotFoundError:
        raise ProfileError(f"找不到样式文件“{path}”。") from None
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        at = Location(str(path), mark.line + 1, mark.column + 1) if mark else Location(str(path))
        raise ProfileError("样式文件不是有效的 YAML。", at=at) from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ProfileError("样式文件顶层应是“键: 值”的映射。", at=Location(str(path), 1, 1))
    return data


def merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Deep merge: mappings merge key by key, anything else is replaced."""
    result = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(result.get(key), dict):
            result[key] = merge(result[key], value)
        else:
            result[key] = value
    return result
