"""The three bundled units: their drafts differ in structure and wording through their own
inputs and ``templates/<unit>/`` only, and their committed samples match a fresh build."""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

import docx
import pytest
import yaml
from docx.oxml.ns import qn
from docx.shared import Pt

from workreport.api import BuildResult, Draft, build, make_draft

ROOT = Path(__file__).resolve().parent.parent
INPUTS = {
    "waihai": ROOT / "inputs" / "waihai" / "2022.yaml",
    "xiqu": ROOT / "inputs" / "xiqu" / "2022.yaml",
    "jiangcheng": ROOT / "inputs" / "jiangcheng" / "2022.yaml",
}
SAMPLES = ["waihai-2022", "waihai-2023", "xiqu-2022", "jiangcheng-2022"]
UNIT_WORDS = ["外海", "西区", "江城", "waihai", "xiqu", "jiangcheng"]


@pytest.fixture(scope="module")
def drafts() -> dict[str, Draft]:
    return {key: make_draft(path) for key, path in INPUTS.items()}


def numbered(draft: Draft, level: int | None = None) -> list[str]:
    return [
        f"{b.number}{b.text}"
        for b in draft.document.blocks
        if hasattr(b, "number") and (level is None or b.level == level)
    ]


def test_three_structures(drafts: dict[str, Draft]) -> None:
    waihai, xiqu, jiangcheng = drafts["waihai"], drafts["xiqu"], drafts["jiangcheng"]
    assert numbered(waihai, 1) == ["一、2022年工作情况", "二、2023年工作谋划"]
    assert numbered(xiqu, 1) == [
        f"{n}、实施“{name}”工程，{goal}"
        for n, name, goal in [
            ("一", "党建引领强根基", "奋力在塑造基层特色党建品牌上闯新路树标杆"),
            ("二", "抢抓机遇谋发展", "奋力在主动融入省级改革创新实验区建设中闯新路树标杆"),
            ("三", "产业升级拼经济", "奋力在推进高质量发展上闯新路树标杆"),
            ("四", "品质提升优环境", "奋力在建设现代化城市上闯新路树标杆"),
            ("五", "民生福祉再提升", "奋力在打造幸福民生样板上闯新路树标杆"),
            ("六", "社会善治聚合力", "奋力在加快推进基层社会治理现代化上闯新路树标杆"),
        ]
    ]
    assert numbered(xiqu, 2) == []  # 一是、二是 items, no second level
    assert [h.split("，")[0] for h in numbered(jiangcheng, 1)] == [
        "一、建强首善党建体系", "二、建强首善生产体系", "三、建强首善生活体系", "四、建强首善生态体系",
    ]  # fmt: skip
    assert numbered(jiangcheng, 2) == [
        "（一）招商引资扎实推进", "（二）营商环境持续优化", "（三）重点项目加快攻坚",
        "（四）发展空间不断拓展",
    ]  # fmt: skip
    titles = [d.document.title for d in drafts.values()]
    assert titles == ["外海街道2022年工作情况和2023年工作谋划", "西区街道2023年工作谋划",
                      "江城区2022年工作情况"]  # fmt: skip


def test_three_wordings(drafts: dict[str, Draft]) -> None:
    xiqu, jiangcheng, waihai = drafts["xiqu"].markup, drafts["jiangcheng"].markup, drafts["waihai"]
    assert (
        "西区街道积极“跳起来摘苹果”，力争2023年地区生产总值同比增长6%以上，工业投资增长60%以上，"
        "规上工业增加值增长10%以上，社会消费品零售总额增长8%以上，固定资产投资增长20%以上。"
    ) in xiqu.splitlines()
    assert "主要预期目标是" not in xiqu
    assert "**一是强化理论导航，持续深入学习贯彻党的二十大精神**。继续坚持" in xiqu
    assert jiangcheng.splitlines()[:3] == [
        "% 江城区2022年工作情况", "% ——锚定“首善之区”，建强“四大体系”", "% （征求意见稿）",
    ]  # fmt: skip
    assert "首善之区”，建强" not in waihai.markup and "跳起来摘苹果" not in waihai.markup


def test_targets_sit_in_the_economy_section(drafts: dict[str, Draft]) -> None:
    lines = [x for x in drafts["xiqu"].markup.splitlines() if x]
    at = next(i for i, x in enumerate(lines) if x.startswith("# 实施“产业升级拼经济”工程"))
    assert lines[at + 1].startswith("认真贯彻落实市经济工作会议精神")
    assert lines[at + 2].startswith("西区街道积极“跳起来摘苹果”")


def test_without_the_units_folder_the_default_wording_comes_back(tmp_path: Path) -> None:
    """The wording lives in templates/<unit>/, not in src/: without the folder it is gone."""
    for key in ("xiqu", "jiangcheng"):
        copy = tmp_path / "inputs" / key / "2022.yaml"
        copy.parent.mkdir(parents=True)
        shutil.copy(INPUTS[key], copy)
    xiqu = make_draft(tmp_path / "inputs" / "xiqu" / "2022.yaml")
    assert "主要预期目标是：力争地区生产总值增长6%以上、工业投资增长60%以上" in xiqu.markup
    assert xiqu.profile.grid.line_pitch_pt == 28
    jiangcheng = make_draft(tmp_path / "inputs" / "jiangcheng" / "2022.yaml")
    assert jiangcheng.markup.splitlines()[1] == "% （征求意见稿）"
    assert jiangcheng.profile.page_number.position == "outside"


def test_a_renamed_unit_gets_the_same_draft(tmp_path: Path, drafts: dict[str, Draft]) -> None:
    """Nothing in src/ keys on a unit's name or folder: rename both, the draft follows."""
    source = INPUTS["xiqu"].read_text(encoding="utf-8").replace("西区街道", "样例街道")
    path = tmp_path / "inputs" / "yangli" / "2022.yaml"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    shutil.copytree(ROOT / "templates" / "xiqu", tmp_path / "templates" / "yangli")
    renamed = make_draft(path)
    assert renamed.markup == drafts["xiqu"].markup.replace("西区街道", "样例街道")
    assert renamed.profile == drafts["xiqu"].profile


def test_no_unit_specific_branch_in_src() -> None:
    src = ROOT / "src" / "workreport"
    for template in (src / "data" / "templates").rglob("*"):
        if template.is_file():
            text = template.read_text(encoding="utf-8")
            assert not [w for w in UNIT_WORDS if w in text], template
    names = "|".join(UNIT_WORDS)
    branch = re.compile(rf"(==|!=|\bin\b|\bcase\b|startswith\(|endswith\()[^\n]{{0,40}}({names})")
    for module in src.rglob("*.py"):
        hits = branch.findall(module.read_text(encoding="utf-8"))
        assert not hits, f"{module}: {hits}"


def prose(data: dict[str, Any]) -> list[str]:
    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, str):
            found.append(re.sub(r"\{\{.*?\}\}", "", node))
        elif isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk({k: data.get(k) for k in ("review", "plan")})
    return found


# Numbers that are names, dates or grades rather than figures: they stay in the prose.
NOT_FIGURES = {
    "xiqu": ["1+3+N", "3+2+N", "12345", "4A级", "36米规划路", "100公里“黄金内湾”"],
    "jiangcheng": ["1+1+9", "123+N", "0309", "325国道", "234国道", "2021年", "2022年", "3月",
                   "9月"],
}  # fmt: skip


@pytest.mark.parametrize("key", ["xiqu", "jiangcheng"])
def test_every_figure_is_an_indicator_cited_from_prose(key: str) -> None:
    data = yaml.safe_load(INPUTS[key].read_text(encoding="utf-8"))
    text = "\n".join(prose(data))
    for name in NOT_FIGURES[key]:
        text = text.replace(name, "")
    assert re.findall(r"\d", text) == []
    targets = {t["indicator"] for t in data["plan"]["targets"]} if "plan" in data else set()
    cited = set(re.findall(r"ind\.(\w+)", INPUTS[key].read_text(encoding="utf-8"), re.ASCII))
    assert set(data["indicators"]) == cited | targets


def test_source_residue_is_not_copied(drafts: dict[str, Draft]) -> None:
    for key in ("xiqu", "jiangcheng"):
        markup = drafts[key].markup
        assert not set(",:;()?!") & set(re.sub(r"\d\+\d|\+N", "", markup)), key
        for residue in ("来源", "关注河南热线", "南方日报", "记者", "劣着汰", "2022-10-12", "●"):
            assert residue not in markup, (key, residue)


@pytest.fixture(scope="module")
def xiqu_build(tmp_path_factory: pytest.TempPathFactory) -> BuildResult:
    return build(INPUTS["xiqu"], tmp_path_factory.mktemp("xiqu") / "xiqu.docx")


def test_xiqu_style_override_is_in_the_docx(xiqu_build: BuildResult) -> None:
    document = docx.Document(str(xiqu_build.output))
    normal = document.styles["Normal"]
    assert normal.paragraph_format.line_spacing == Pt(29)
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正仿宋_GBK"
    heading = document.styles["Heading 1"]
    assert heading.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "方正黑体_GBK"
    assert [p.text for p in document.paragraphs[:2]] == ["西区街道2023年工作谋划", "（讨论稿）"]


def text_of(path: Path) -> list[str]:
    return [p.text for p in docx.Document(str(path)).paragraphs]


@pytest.mark.parametrize("name", SAMPLES)
def test_committed_sample_matches_a_fresh_build(name: str, tmp_path: Path) -> None:
    unit, year = name.rsplit("-", 1)
    fresh = build(ROOT / "inputs" / unit / f"{year}.yaml", tmp_path / "fresh.docx")
    sample = ROOT / "samples" / f"{name}.docx"
    assert text_of(sample) == text_of(fresh.output), "run python scripts/make_samples.py"
    png = (ROOT / "samples" / f"{name}.png").read_bytes()
    assert png.startswith(b"\x89PNG\r\n\x1a\n") and len(png) > 10_000


def test_the_rolled_over_sample_invents_no_figures() -> None:
    """外海街道 2023 is real: its review is all placeholders, no number but the years."""
    draft = make_draft(ROOT / "inputs" / "waihai" / "2023.yaml")
    review = draft.markup.split("# 2024年工作谋划")[0]
    review = re.sub(r"【待补充：[^】]*】", "", review)
    assert set(re.findall(r"\d+", review)) <= {"2023", "2024"}
    assert draft.document.title == "外海街道2023年工作情况和2024年工作谋划"
