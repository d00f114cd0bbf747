"""``workreport diff``: heading tree, figure recall and character similarity of a draft."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from workreport.cli import cli
from workreport.importers.extract import extract, to_yaml
from workreport.importers.fidelity import compare
from workreport.importers.fidelity_split import data_parts, judge, parts_of
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
    assert lines[-1] == (
        "未达到要求：标题块、工作情况与工作谋划的划分和标题层级一致、数字召回 100%、字符相似度不低于 98%。"
    )


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


REAL = FIXTURES / "real"
MUDONG_OPENING = (REAL / "zhen-mudong-2024.txt").read_text(encoding="utf-8").splitlines()[10:]
"""木洞镇's 2024 report as published, its metadata table and 印发通知 left out."""


def _write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_a_title_block_printed_under_the_first_heading_is_a_difference(tmp_path: Path) -> None:
    """The headings match, so the heading tree is 一致; the title block does not."""
    source = _write(tmp_path / "原文.txt", MUDONG_OPENING)
    heading = MUDONG_OPENING.index("一、2023年工作回顾")
    moved = [MUDONG_OPENING[0], MUDONG_OPENING[heading], *MUDONG_OPENING[1:heading]]
    draft = _write(tmp_path / "草稿.txt", moved + MUDONG_OPENING[heading + 1 :])
    result = CliRunner().invoke(cli, ["diff", str(source), str(draft), "--check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert lines[2] == "标题块：不一致"
    assert (
        "  原文标题块中的副标题“——2024年1月23日在重庆市巴南区木洞镇第二十届人民代表大会第八次会议上”，"
        "草稿印在“一、2023年工作回顾”之下" in lines
    )
    assert (
        "  原文标题块中的署名“重庆市巴南区木洞镇人民政府镇长 邓迎春”，草稿印在“一、2023年工作回顾”之下"
        in lines
    )
    assert "  原文标题块中的称呼“各位代表:”，草稿印在“一、2023年工作回顾”之下" in lines
    assert "标题层级：一致（1 个标题）" in lines
    assert not any("顺序一致" in line for line in lines)


def test_the_same_title_block_is_named_line_by_line(tmp_path: Path) -> None:
    source = _write(tmp_path / "原文.txt", MUDONG_OPENING)
    fidelity = compare(read_document(source), read_document(source))
    assert fidelity.title_block_match and fidelity.passed()
    assert fidelity.describe()[0] == "标题块：一致（6 行：标题、副标题、署名、称呼、正文）"
    assert fidelity.kept == 1.0


def test_a_title_block_split_over_other_lines_is_the_same(tmp_path: Path) -> None:
    """A subtitle on two lines in the source and one in the draft is the same subtitle."""
    source = _write(tmp_path / "原文.txt", MUDONG_OPENING)
    joined = [*MUDONG_OPENING[:2], MUDONG_OPENING[2] + MUDONG_OPENING[3], *MUDONG_OPENING[4:]]
    draft = _write(tmp_path / "草稿.txt", joined)
    fidelity = compare(read_document(source), read_document(draft))
    assert fidelity.title_block_match and fidelity.front_problems == ()


def test_a_title_block_line_the_draft_lost_is_named(tmp_path: Path) -> None:
    source = _write(tmp_path / "原文.txt", MUDONG_OPENING)
    draft = _write(tmp_path / "草稿.txt", [line for line in MUDONG_OPENING if line != "各位代表:"])
    fidelity = compare(read_document(source), read_document(draft))
    assert fidelity.front_problems == ("草稿中没有原文标题块中的称呼“各位代表:”",)
    assert not fidelity.passed() and fidelity.kept < 1.0


SPLIT_SOURCE = ["一、2022年工作情况", "（一）稳经济，促发展", "新增企业3家。"]


def _input(tmp_path: Path, part: str, title: str) -> Path:
    body = "paragraphs" if part == "review" else "items"
    path = tmp_path / "inputs" / "shili" / "2022.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(
        f"unit:\n  name: 示例街道\nyear: 2022\n{part}:\n"
        + (f"  title: {title}\n" if title else "  show_title: false\n")
        + "  sections:\n"
        + f"    - title: 稳经济，促发展\n      {body}:\n        - 新增企业3家。\n",
        encoding="utf-8",
    )
    return path


def test_a_review_filed_as_plan_is_a_difference(tmp_path: Path) -> None:
    source = _write(tmp_path / "原文.txt", SPLIT_SOURCE)
    draft = _input(tmp_path, "plan", "2022年工作情况")
    result = CliRunner().invoke(cli, ["diff", str(source), str(draft), "--check"])
    assert result.exit_code == 1
    lines = result.output.splitlines()
    assert "工作情况与工作谋划：不一致" in lines
    assert "  原文“2022年工作情况”是工作情况，数据中作为工作谋划（plan）" in lines
    assert "标题层级：一致（2 个标题）" in lines


def test_the_review_filed_as_review_is_the_same_split(tmp_path: Path) -> None:
    source = _write(tmp_path / "原文.txt", SPLIT_SOURCE)
    draft = _input(tmp_path, "review", "2022年工作情况")
    fidelity = compare(read_document(source), read_document(draft))
    assert fidelity.split_match and fidelity.passed()
    assert "工作情况与工作谋划：一致（工作情况）" in fidelity.describe()


def test_a_part_heading_the_data_does_not_keep_as_a_part_is_named(tmp_path: Path) -> None:
    source = _write(tmp_path / "原文.txt", SPLIT_SOURCE)
    draft = _input(tmp_path, "review", "")
    fidelity = compare(read_document(source), read_document(draft))
    assert fidelity.split_problems == (
        "原文一级标题“2022年工作情况”（工作情况）在数据中不是单独的部分",
    )


def test_a_word_or_text_draft_has_no_split_to_compare(tmp_path: Path) -> None:
    source = _write(tmp_path / "原文.txt", SPLIT_SOURCE)
    fidelity = compare(read_document(source), read_document(source))
    assert fidelity.parts_draft is None and fidelity.split_match
    assert not any(line.startswith("工作情况与工作谋划") for line in fidelity.describe())


@pytest.mark.parametrize(
    ("title", "year", "kind"),
    [
        ("2025年和“十四五”时期工作回顾", 2025, "review"),
        ("2026年主要工作", 2025, "plan"),
        ("“十五五”时期目标任务和2026年工作安排", 2025, "plan"),
        ("工作回顾", 2025, "review"),
        ("过去一年工作回顾", 2024, "review"),
        ("上半年主要工作回顾", 2022, "review"),
        ("“十四五”时期发展成就和“十五五”时期主要目标任务", 2025, None),
        ("全面加强政府自身建设", 2025, None),
    ],
)
def test_part_titles_of_real_reports_are_judged_by_year_then_words(
    title: str, year: int, kind: str | None
) -> None:
    assert judge(title, year) == kind


def test_parts_are_read_from_a_parts_list_or_from_review_and_plan(tmp_path: Path) -> None:
    listed = parts_of(
        {
            "year": 2025,
            "outline": [{"part": "review"}, {"part": "five_year"}, {"part": "self"}],
            "review": {"title": "2025年工作回顾", "sections": [{}, {}]},
            "parts": [
                {"id": "self", "title": "全面加强政府自身建设"},
                {"id": "five_year", "title": "“十五五”时期主要目标任务", "sections": "?"},
            ],
        }
    )
    assert [(p.kind, p.title, p.sections) for p in listed] == [
        ("review", "2025年工作回顾", 2),
        ("plan", "“十五五”时期主要目标任务", 0),
        (
            "plan",
            "全面加强政府自身建设",
            0,
        ),  # after the review, a part that does not say looks ahead
    ]
    outlined = parts_of(
        {
            "year": 2022,
            "outline": [{"part": "plan", "title": "{{ next_year }}年工作要点"}, {"part": "review"}],
            "review": {"sections": [{}]},
            "plan": {"show_title": False, "sections": []},
        }
    )
    assert [(p.kind, p.title, p.sections) for p in outlined] == [
        ("plan", "", 0),
        ("review", "2022年工作情况", 1),
    ]


def test_a_draft_input_that_does_not_load_has_no_parts(tmp_path: Path) -> None:
    broken = tmp_path / "2022.yaml"
    broken.write_text("year: [2022\n", encoding="utf-8")
    assert data_parts(broken) is None
    assert data_parts(tmp_path / "草稿.docx") is None
