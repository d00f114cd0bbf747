"""``workreport diff``: heading tree, figure recall and character similarity of a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workreport.cli import cli
from workreport.importers.extract import extract, to_yaml
from workreport.importers.fidelity import compare
from workreport.importers.sources import read_document, read_txt

from .conftest import FIXTURES

WAIHAI = FIXTURES / "seeds" / "001_5996cca815c49451.txt"


@pytest.fixture(scope="module")
def extracted(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("diff") / "inputs" / "waihai" / "2022.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(to_yaml(extract(WAIHAI)), encoding="utf-8")
    return path


def test_diff_of_the_extracted_input_is_exact(extracted: Path) -> None:
    result = CliRunner().invoke(cli, ["diff", str(WAIHAI), str(extracted), "--check"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines()[2:] == [
        "标题块：一致（原文无标题，草稿标题“外海街道2022年工作情况和2023年工作谋划”）",
        "工作情况与工作谋划：一致（工作情况、工作谋划）",
        "标题层级：一致（12 个标题）",
        "数字召回：100.0%（65/65）",
        "字符相似度：100.00%（原文文字保留 100.00%）",
        "段落：原文 22 段，草稿 22 段，其中 22 段与原文相同，顺序一致",
    ]


def test_diff_of_the_hand_written_sample(sample_build) -> None:
    """The bundled 外海 input splits paragraphs and writes 超百亿 as 超100亿元: diff shows it."""
    fidelity = compare(read_txt(WAIHAI), read_document(sample_build.output))
    assert fidelity.tree_match and fidelity.recall == 1.0
    assert fidelity.extra_figures == ("100亿元",)
    assert 0.98 <= fidelity.similarity < 1.0
    assert fidelity.paragraphs_draft > fidelity.paragraphs_source > fidelity.paragraphs_equal


def test_diff_check_fails_on_a_lost_figure_and_a_changed_heading(tmp_path: Path) -> None:
    text = WAIHAI.read_text(encoding="utf-8")
    changed = text.replace("104.86亿元", "约105亿元").replace("(三)全域统筹优布局", "(三)全域统筹")
    draft = tmp_path / "draft.txt"
    draft.write_text(changed, encoding="utf-8")
    result = CliRunner().invoke(cli, ["diff", str(WAIHAI), str(draft), "--check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert (
        "标题层级：不一致，第 4 个标题：原文 2 级“全域统筹优布局,区域发展更趋均衡协调”，草稿 2 级“全域统筹,区域发展更趋均衡协调”"
        in lines
    )
    assert "数字召回：98.5%（64/65）；草稿中缺少：104.86亿元；草稿中多出：105亿元" in lines
    assert lines[-1] == "未达到要求：标题层级一致、数字召回 100%、字符相似度不低于 98%。"


def test_width_numbering_and_redactions_are_not_differences(tmp_path: Path) -> None:
    source = tmp_path / "原文.txt"
    source.write_text(
        "一、2022年工作情况\n(一)稳经济,促发展\n乡村**战略深入实施,新增企业3家。\n",
        encoding="utf-8",
    )
    draft = tmp_path / "草稿.txt"
    draft.write_text(
        "示例街道2022年工作情况（草稿）\n"
        "一、2022年工作情况\n（一）稳经济，促发展\n乡村【待补充：原文删节】战略深入实施，新增企业3家。\n",
        encoding="utf-8",
    )
    fidelity = compare(read_document(source), read_document(draft))
    assert fidelity.draft.title == "示例街道2022年工作情况（草稿）"
    assert fidelity.tree_match and fidelity.recall == 1.0 and fidelity.similarity == 1.0


def test_diff_reports_unreadable_input(tmp_path: Path) -> None:
    broken = tmp_path / "坏.docx"
    broken.write_bytes(b"not a zip")
    result = CliRunner().invoke(cli, ["diff", str(WAIHAI), str(broken)])
    assert "无法打开 Word 文件" in str(result.exception)
