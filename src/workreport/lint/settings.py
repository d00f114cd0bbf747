"""A unit's lint folder → its lint settings (``settings.yaml``): profile, select, ignore.

A unit keeps its word lists in one folder (``inputs/<单位>/lint/``); ``settings.yaml`` there
chooses how strictly its drafts are proofread, for ``workreport lint --rules-dir`` and for
``workreport build --review`` alike::

    profile: strict          # default（默认）或 strict（严格：加上国家标准中的建议）
    ignore: [space.cjk]      # 不检查的规则（编号前缀）
    select: []               # 只检查的规则（编号前缀），不写则全部
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Location
from .model import PROFILES, LintInputError, Profile

SETTINGS_FILE = "settings.yaml"
UNIT_FOLDER = "lint"
"""The lint folder beside a unit's yearly YAML files: ``inputs/<单位>/lint/``."""
_KEYS = ("profile", "select", "ignore")


@dataclass(frozen=True)
class LintSettings:
    """How one unit's texts are proofread."""

    profile: Profile = "default"
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()


def unit_lint_dirs(input_path: Path) -> tuple[str, ...]:
    """The unit's lint folder for a yearly input file, if it exists (``inputs/<单位>/lint``)."""
    folder = Path(input_path).parent / UNIT_FOLDER
    return (str(folder),) if folder.is_dir() else ()


def read_settings(folders: tuple[str, ...]) -> LintSettings:
    """The settings of the last folder that has a ``settings.yaml``; defaults otherwise."""
    for folder in reversed(folders):
        path = Path(folder) / SETTINGS_FILE
        if path.is_file():
            return _parse(path)
    return LintSettings()


def _parse(path: Path) -> LintSettings:
    import yaml  # only units with a settings file pay for the YAML parser

    where = Location(str(path))
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8-sig")) or {}
    except (OSError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise LintInputError(
            f"无法读取校对设置：{exc}", at=where, hint="settings.yaml 须为 UTF-8 编码的 YAML。"
        ) from exc
    if not isinstance(data, dict):
        raise LintInputError("校对设置应是“键: 值”的形式", at=where, hint="例如 profile: strict")
    unknown = [str(k) for k in data if k not in _KEYS]
    if unknown:
        raise LintInputError(
            f"校对设置中有不认识的键：{'、'.join(unknown)}",
            at=Location(str(path), key_path=unknown[0]),
            hint="可用的键：profile、select、ignore。",
        )
    profile = data.get("profile", "default")
    if profile not in PROFILES:
        raise LintInputError(
            f"校对档位“{profile}”无效",
            at=Location(str(path), key_path="profile"),
            hint="profile 可写 default（默认）或 strict（严格）。",
        )
    return LintSettings(profile, _prefixes(data, "select", path), _prefixes(data, "ignore", path))


def _prefixes(data: dict[str, object], key: str, path: Path) -> tuple[str, ...]:
    value = data.get(key) or []
    if isinstance(value, str):
        value = [value]
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise LintInputError(
            f"{key} 应是规则编号前缀的列表",
            at=Location(str(path), key_path=key),
            hint=f"例如 {key}: [space.cjk, punct.dash]",
        )
    return tuple(value)
