"""Every shape of draft passes Microsoft's Office rules and the package integrity checks.

Word is stricter than LibreOffice: a style element it does not allow, a style referenced but not
defined or a schema attribute left out makes it offer to "repair" the file. ``openxml-audit``
(a port of the Open XML SDK's rule set, Microsoft 365 rules) and ``ooxml-integrity`` (references,
content types, relationships) are run on each draft the project can produce, so a new element
that Word would reject fails here first.
"""

from __future__ import annotations

import zipfile
from pathlib import Path

import ooxml_integrity
import pytest
from lxml import etree
from openxml_audit import FileFormat, OpenXmlValidator

from workreport.api import build

from .conftest import FIXTURES, ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
CT = "{http://schemas.openxmlformats.org/package/2006/content-types}"

INPUTS = sorted(
    [
        *(ROOT / "inputs").glob("*/*.yaml"),
        FIXTURES / "project" / "inputs" / "demo" / "2022.yaml",
        # every optional title-block line, a table, a unit style, proofreading comments
        FIXTURES / "office" / "inputs" / "shili" / "2023.yaml",
        # the shapes of real reports: run-in headings, title blocks, appendices …
        *(FIXTURES / "shapes").glob("*.yaml"),
    ]
)


def office_problems(path: Path) -> list[str]:
    """What Word's rules and the integrity checks say of ``path``: errors and warnings alike."""
    result = OpenXmlValidator(file_format=FileFormat.MICROSOFT_365).validate(str(path))
    found = [f"openxml-audit: {error}" for error in result.errors]
    found += [f"ooxml-integrity: {finding}" for finding in ooxml_integrity.check(path)]
    with zipfile.ZipFile(path) as archive:
        names = archive.namelist()
        settings = etree.fromstring(archive.read("word/settings.xml"))
        types = etree.fromstring(archive.read("[Content_Types].xml"))
    # The ISO schema requires w:percent on w:zoom; openxml-audit does not check settings.xml.
    for zoom in settings.iter(f"{W}zoom"):
        if zoom.get(f"{W}percent") is None:
            found.append("settings.xml: <w:zoom> without w:percent")
    used = {name.rsplit(".", 1)[-1].lower() for name in names if "." in name}
    for default in types.iter(f"{CT}Default"):
        if default.get("Extension", "").lower() not in used:
            found.append(f"[Content_Types].xml: unused default {default.get('Extension')}")
    return found


@pytest.mark.parametrize("review", [False, True], ids=["plain", "review"])
@pytest.mark.parametrize("source", INPUTS, ids=lambda p: f"{p.parent.name}-{p.stem}")
def test_every_draft_shape_passes_office_rules(source: Path, review: bool, tmp_path: Path) -> None:
    result = build(source, tmp_path / "draft.docx", review=review)
    assert office_problems(result.output) == []


def test_the_office_fixture_has_comments_a_table_and_every_title_line(tmp_path: Path) -> None:
    """The fixture really exercises what the rules are run for."""
    source = FIXTURES / "office" / "inputs" / "shili" / "2023.yaml"
    result = build(source, tmp_path / "draft.docx", review=True)
    with zipfile.ZipFile(result.output) as archive:
        document = etree.fromstring(archive.read("word/document.xml"))
        comments = etree.fromstring(archive.read("word/comments.xml"))
    assert len(comments.findall(f"{W}comment")) >= 1
    assert document.find(f".//{W}tbl") is not None
    references = document.findall(f".//{W}commentReference")
    assert references and all(
        ref.getparent().find(f"{W}rPr/{W}rStyle").get(f"{W}val") == "CommentReference"
        for ref in references
    )
    titles = [
        "".join(p.itertext())
        for p in document.iter(f"{W}p")
        if p.find(f"{W}pPr/{W}pStyle") is not None
        and p.find(f"{W}pPr/{W}pStyle").get(f"{W}val") in {"Title", "Subtitle"}
    ]
    assert titles[1:] == ["（征求意见稿）", "示例镇人民政府", "（2024年1月10日）"]


def test_placeholder_style_carries_no_highlight_but_runs_do(tmp_path: Path) -> None:
    """Word forbids w:highlight in a style; the yellow comes from each placeholder run."""
    source = FIXTURES / "project" / "inputs" / "demo" / "2022.yaml"
    result = build(source, tmp_path / "draft.docx")
    with zipfile.ZipFile(result.output) as archive:
        styles = etree.fromstring(archive.read("word/styles.xml"))
        document = etree.fromstring(archive.read("word/document.xml"))
    style = styles.find(f"{W}style[@{W}styleId='Placeholder']")
    assert style is not None and style.find(f".//{W}highlight") is None
    placeholder_runs = [
        r
        for r in document.iter(f"{W}r")
        if r.find(f"{W}rPr/{W}rStyle[@{W}val='Placeholder']") is not None
    ]
    assert placeholder_runs
    assert all(r.find(f"{W}rPr/{W}highlight").get(f"{W}val") == "yellow" for r in placeholder_runs)


@pytest.mark.parametrize("sample", sorted((ROOT / "samples").glob("*.docx")), ids=lambda p: p.stem)
def test_committed_samples_pass_office_rules(sample: Path) -> None:
    assert office_problems(sample) == []
