from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from jinja2.bccache import bc_magic

from workreport.api import make_draft
from workreport.cache import CACHE_ENV, cache_folder
from workreport.errors import InputError, TemplateError
from workreport.render import clear_caches


def write_input(project: Path, text: str) -> Path:
    path = project / "inputs" / "demo" / "2022.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_prose_cites_indicators(demo_project: Path) -> None:
    draft = make_draft(demo_project / "inputs" / "demo" / "2022.yaml")
    assert "实现规模以上工业产值超400亿元。" in draft.markup
    assert "地区生产总值104.86亿元，同比增长6.5%" in draft.markup
    assert "新增【待补充：规上企业】" in draft.markup


def test_changed_figure_changes_every_citation(demo_project: Path) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("value: 104.86", "value: 90.1"), encoding="utf-8"
    )
    markup = make_draft(path).markup
    assert "104.86" not in markup
    assert "地区生产总值90.1亿元，同比下降8.5%" in markup


def test_unknown_indicator_in_prose_is_located(demo_project: Path) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    text = path.read_text(encoding="utf-8").replace("{{ ind.gdp }}", "{{ ind.gpd }}")
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        make_draft(path)
    error = info.value
    assert "引用了不存在的指标“gpd”" in error.message
    assert error.hint == "是否想写 gdp？"
    assert error.at is not None and error.at.file == str(path)
    assert error.at.line == 14  # the paragraph's text field


def test_syntax_error_in_prose(demo_project: Path) -> None:
    path = demo_project / "inputs" / "demo" / "2022.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("{{ ind.output.named }}", "{{ ind.output.named }"),
        encoding="utf-8",
    )
    with pytest.raises(TemplateError) as info:
        make_draft(path)
    assert "review.intro 中的模板语法错误" in info.value.message
    assert info.value.at.line == 8


def test_template_syntax_error_points_at_template_line(demo_project: Path) -> None:
    templates = demo_project / "templates" / "demo"
    templates.mkdir(parents=True)
    (templates / "targets.md.j2").write_text(
        "第一行\n{% for t in targets %}{{ t }}\n", encoding="utf-8"
    )
    with pytest.raises(TemplateError) as info:
        make_draft(demo_project / "inputs" / "demo" / "2022.yaml")
    error = info.value
    assert error.message.startswith("模板语法错误：模板意外结束")
    assert error.at.file.endswith("targets.md.j2")
    assert error.at.line == 2


def test_undefined_name_in_template(demo_project: Path) -> None:
    templates = demo_project / "templates" / "demo"
    templates.mkdir(parents=True)
    (templates / "targets.md.j2").write_text("目标：\n{{ no_such_thing }}\n", encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        make_draft(demo_project / "inputs" / "demo" / "2022.yaml")
    assert "未定义的名称" in info.value.message and "no_such_thing" in info.value.message
    assert info.value.at.file.endswith("targets.md.j2") and info.value.at.line == 2


def test_sandbox_refuses_attribute_tricks(demo_project: Path) -> None:
    path = write_input(
        demo_project,
        "unit: {name: 示例街道}\nyear: 2022\nreview:\n  intro: \"{{ ''.__class__.__mro__ }}\"\n",
    )
    with pytest.raises(TemplateError) as info:
        make_draft(path)
    assert "不允许的写法：不能访问属性“__class__”" in info.value.message
    assert "unsafe" not in info.value.message


def test_include_cannot_escape_template_folders(demo_project: Path) -> None:
    (demo_project / "secret.txt").write_text("机密", encoding="utf-8")
    templates = demo_project / "templates" / "demo"
    templates.mkdir(parents=True)
    (templates / "targets.md.j2").write_text('{% include "../../secret.txt" %}\n', encoding="utf-8")
    with pytest.raises(TemplateError) as info:
        make_draft(demo_project / "inputs" / "demo" / "2022.yaml")
    assert "找不到模板“../../secret.txt”" in info.value.message


def test_unit_templates_override_defaults(demo_project: Path) -> None:
    templates = demo_project / "templates" / "demo"
    templates.mkdir(parents=True)
    (templates / "targets.md.j2").write_text(
        "今年的目标：{{ targets | join('；') }}。\n", encoding="utf-8"
    )
    markup = make_draft(demo_project / "inputs" / "demo" / "2022.yaml").markup
    assert "今年的目标：力争地区生产总值增长6%以上；居民消费价格涨幅控制在3%以内。" in markup


def test_bad_input_is_an_input_error_not_a_template_error(demo_project: Path) -> None:
    path = write_input(demo_project, "unit: {name: 示例街道}\nyear: 二〇二二\n")
    with pytest.raises(InputError):
        make_draft(path)


DEMO_INPUT = Path("inputs") / "demo" / "2022.yaml"


@pytest.fixture
def fresh_caches() -> Iterator[None]:
    """Environments made anew for the test (they keep the cache folder they were made with)."""
    clear_caches()
    yield
    clear_caches()


def test_template_not_in_utf8_is_located_when_building(demo_project: Path) -> None:
    templates = demo_project / "templates" / "demo"
    templates.mkdir(parents=True)
    (templates / "targets.md.j2").write_bytes("目标：{{ targets | join('；') }}\n".encode("gbk"))
    with pytest.raises(TemplateError) as info:
        make_draft(demo_project / DEMO_INPUT)
    assert info.value.message == "模板“targets.md.j2”不是 UTF-8 编码。"
    assert info.value.at is not None and info.value.at.file.endswith("targets.md.j2")
    assert (info.value.at.line, info.value.at.column) == (1, 2)
    assert info.value.hint is not None and "UTF-8" in info.value.hint


def test_a_template_edited_between_builds_is_compiled_again(demo_project: Path) -> None:
    template = demo_project / "templates" / "demo" / "targets.md.j2"
    template.parent.mkdir(parents=True)
    template.write_text("今年目标甲。\n", encoding="utf-8")
    first = make_draft(demo_project / DEMO_INPUT).markup
    template.write_text("今年目标乙。\n", encoding="utf-8")
    later = template.stat().st_mtime_ns + 2_000_000_000  # a save on a coarse-clock disk
    os.utime(template, ns=(later, later))
    second = make_draft(demo_project / DEMO_INPUT).markup
    assert "今年目标甲。" in first
    assert "今年目标乙。" in second and "今年目标甲。" not in second


def test_compiled_templates_are_kept_on_disk_and_damage_is_ignored(
    demo_project: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fresh_caches: None
) -> None:
    monkeypatch.setenv(CACHE_ENV, str(tmp_path / "cache"))
    first = make_draft(demo_project / DEMO_INPUT).markup
    cached = list((tmp_path / "cache").glob("jinja-*/*.cache"))
    assert len(cached) > 5  # the templates and the text fields with {{ }}
    clear_caches()
    assert make_draft(demo_project / DEMO_INPUT).markup == first  # read back from disk
    for i, file in enumerate(cached):
        file.write_bytes(b"damaged" if i % 2 else bc_magic + b"damaged")
    clear_caches()
    assert make_draft(demo_project / DEMO_INPUT).markup == first


@pytest.mark.parametrize("setting", ["", "a file"])
def test_builds_without_a_usable_cache_folder(
    demo_project: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    fresh_caches: None,
    setting: str,
) -> None:
    if setting:
        blocker = tmp_path / "not-a-folder"
        blocker.write_text("", encoding="utf-8")
        setting = str(blocker)
    monkeypatch.setenv(CACHE_ENV, setting)
    assert (cache_folder() is None) == (setting == "")
    assert "实现规模以上工业产值超400亿元。" in make_draft(demo_project / DEMO_INPUT).markup
