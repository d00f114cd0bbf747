from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from workreport.errors import InputError
from workreport.load import (
    C_COMPOSER_DEPTH,
    compose,
    format_key_path,
    load,
    loads,
    nesting_bound,
    safe_load,
)

ROOT = Path(__file__).resolve().parent.parent


def test_positions_point_at_values() -> None:
    raw = loads(
        "unit:\n  name: 外海街道\nyear: 2022\nindicators:\n  gdp:\n    value: 1.5\n", path="x.yaml"
    )
    assert raw.data["unit"]["name"] == "外海街道"
    assert raw.positions[("unit", "name")] == (2, 9)
    assert raw.positions[("indicators", "gdp", "value")] == (6, 12)
    location = raw.locate(("indicators", "gdp", "value"))
    assert (location.line, location.column, location.key_path) == (6, 12, "indicators.gdp.value")


def test_locate_falls_back_to_nearest_ancestor() -> None:
    raw = loads("review:\n  sections:\n    - title: a\n", path="x.yaml")
    location = raw.locate(("review", "sections", 0, "paragraphs", 3))
    assert (location.line, location.column) == (3, 7)


def test_format_key_path() -> None:
    assert format_key_path(("review", "sections", 0, "title")) == "review.sections[0].title"


def test_duplicate_key_is_refused_with_both_lines() -> None:
    with pytest.raises(InputError) as info:
        loads("year: 2022\nunit: {name: a}\nyear: 2023\n", path="x.yaml")
    error = info.value
    assert "键“year”重复出现（第 1 行已经写过）" in error.message
    assert (error.at.line, error.at.column) == (3, 1)


def test_tab_indentation_is_named() -> None:
    with pytest.raises(InputError) as info:
        loads("unit:\n\tname: a\n", path="x.yaml")
    assert "制表符" in info.value.message
    assert info.value.at.line == 2


def test_fullwidth_colon_gets_a_tailored_hint() -> None:
    with pytest.raises(InputError) as info:
        loads("unit:\n  name: a\n  简称：外海\n  level: 街道\n", path="x.yaml")
    assert "全角冒号" in (info.value.hint or "")


def test_alias_bomb_is_refused() -> None:
    lines = ["a: &a [x, x, x, x, x, x, x, x, x, x]"]
    for i in range(1, 8):
        lines.append(f"{chr(97 + i)}: &{chr(97 + i)} [{', '.join(['*' + chr(96 + i)] * 10)}]")
    with pytest.raises(InputError) as info:
        loads("\n".join(lines), path="bomb.yaml")
    assert "节点" in info.value.message


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "2022.yaml"
    path.write_text("  \n", encoding="utf-8")
    with pytest.raises(InputError) as info:
        load(path)
    assert info.value.message == "文件是空的。"


@pytest.mark.parametrize("encoding", ["gb18030", "gbk", "utf-8-sig"])
def test_windows_encodings_are_read(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "外海.yaml"
    path.write_bytes("unit:\n  name: 外海街道\n".encode(encoding))
    assert load(path).data == {"unit": {"name": "外海街道"}}


def test_missing_file_message() -> None:
    with pytest.raises(InputError) as info:
        load(Path("no/such/2022.yaml"))
    assert "找不到输入文件" in info.value.message


def _marks(node: yaml.Node) -> list[tuple[str, str, int, int, object]]:
    """Tag, kind, line, column and scalar value of every node, depth first."""
    found = [
        (
            node.tag,
            type(node).__name__,
            node.start_mark.line,
            node.start_mark.column,
            node.value if isinstance(node, yaml.ScalarNode) else None,
        )
    ]
    children: list[yaml.Node] = []
    if isinstance(node, yaml.SequenceNode):
        children = node.value
    elif isinstance(node, yaml.MappingNode):
        children = [n for pair in node.value for n in pair]
    for child in children:
        found += _marks(child)
    return found


@pytest.mark.parametrize(
    "sample", sorted((Path(__file__).parent.parent / "inputs").glob("*/*.yaml")), ids=str
)
def test_libyaml_reads_the_samples_as_the_python_parser_does(sample: Path) -> None:
    text = sample.read_text(encoding="utf-8")
    fast = compose(text)
    assert fast is not None
    assert _marks(fast) == _marks(yaml.compose(text, Loader=yaml.SafeLoader))
    assert safe_load(text) == yaml.safe_load(text)


def test_nesting_too_deep_for_the_c_stack_is_refused_not_crashed() -> None:
    # libyaml's own composer recurses in C and overflows the stack at this depth
    depth = 50_000
    with pytest.raises(InputError) as info:
        loads("a: " + "[" * depth + "]" * depth + "\n", path="x.yaml")
    assert "嵌套层级太深" in info.value.message


@pytest.mark.parametrize(
    ("text", "message", "at"),
    [
        # libyaml says "did not find expected '-' indicator" here
        ("- a\nb: 1\n", "YAML 格式错误（缩进不一致）。", (2, 1)),
        # libyaml points one column earlier, at the backslash
        ('a: "\\q"\n', "YAML 格式错误（双引号字符串中有无效的转义符“\\”）。", (1, 6)),
    ],
)
def test_syntax_errors_keep_the_python_parsers_wording(
    text: str, message: str, at: tuple[int, int]
) -> None:
    with pytest.raises(InputError) as info:
        loads(text, path="x.yaml")
    assert info.value.message == message
    assert (info.value.at.line, info.value.at.column) == at


def _depth(node: yaml.Node) -> int:
    if isinstance(node, yaml.SequenceNode):
        return 1 + max((_depth(child) for child in node.value), default=0)
    if isinstance(node, yaml.MappingNode):
        pairs = node.value
        return 1 + max((max(_depth(k), _depth(v)) for k, v in pairs), default=0)
    return 0


@pytest.mark.parametrize(
    "text",
    [
        "- - - - a\n",
        "? - - a\n: - - b\n",
        "a:\n- b:\n  - c: [[1, {d: [2]}]]\n",
        "".join(f"{' ' * level}k{level}:\n" for level in range(40)) + " " * 40 + "v: 1\n",
        "".join(f"{'  ' * level}- \n" for level in range(30)) + "  " * 30 + "x\n",
        *(p.read_text(encoding="utf-8") for p in sorted((ROOT / "inputs").glob("*/*.yaml"))),
    ],
)
def test_the_nesting_bound_is_never_below_the_real_depth(text: str) -> None:
    node = yaml.compose(text, Loader=yaml.SafeLoader)
    assert node is not None
    assert _depth(node) <= nesting_bound(text)


def test_block_nesting_deeper_than_the_c_composer_takes_is_still_refused_in_chinese() -> None:
    levels = C_COMPOSER_DEPTH + 100
    text = "".join(f"{' ' * level}k:\n" for level in range(levels)) + " " * levels + "v: 1\n"
    assert nesting_bound(text) > C_COMPOSER_DEPTH
    with pytest.raises(InputError) as info:
        loads(text, path="x.yaml")
    assert "嵌套层级太深" in info.value.message
