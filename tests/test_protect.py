"""A draft still exactly as written is recognised from its bytes; any rewrite falls back to
the content fingerprint, so edits are still seen and an open-and-save still is not one."""

from __future__ import annotations

import io
import os
import subprocess
import zipfile
from pathlib import Path

import docx

from tests.conftest import require_program
from workreport.api import build
from workreport.fingerprint import docx_fingerprint, package_digest
from workreport.protect import HASH_PROPERTY, PACKAGE_PROPERTY, State, as_written, state
from workreport.write._xml import CUSTOM_PROPERTIES_PART, read_custom_properties

INPUT = "inputs/demo/2022.yaml"
CUSTOM = CUSTOM_PROPERTIES_PART.lstrip("/")


def rezip(source: Path, target: Path, change: dict[str, bytes]) -> None:
    """``source`` with the parts in ``change`` replaced, every other part as it was."""
    out = io.BytesIO()
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as new:
        for info in old.infolist():
            new.writestr(info, change.get(info.filename, old.read(info)))
    target.write_bytes(out.getvalue())


def test_the_package_stamp_is_the_digest_of_every_other_part(demo_project: Path) -> None:
    out = build(demo_project / INPUT, demo_project / "草稿.docx").output
    with zipfile.ZipFile(out) as archive:
        parts = [(n, archive.read(n)) for n in archive.namelist() if n != CUSTOM]
    properties = read_custom_properties(out)
    assert properties[PACKAGE_PROPERTY] == package_digest(parts)
    assert properties[HASH_PROPERTY] == docx_fingerprint(out.read_bytes())
    assert as_written(out) and state(out) is State.GENERATED


def test_an_edit_made_with_python_docx_is_seen(demo_project: Path) -> None:
    out = build(demo_project / INPUT, demo_project / "草稿.docx").output
    document = docx.Document(str(out))
    document.paragraphs[-1].add_run("（已修改）")
    document.save(str(out))
    assert PACKAGE_PROPERTY in read_custom_properties(out)  # the stamps travel with the edit
    assert not as_written(out)
    assert state(out) is State.EDITED


def test_a_change_to_any_part_but_the_properties_leaves_the_fast_path(demo_project: Path) -> None:
    out = build(demo_project / INPUT, demo_project / "草稿.docx").output
    with zipfile.ZipFile(out) as archive:
        footer = next(n for n in archive.namelist() if n.startswith("word/footer"))
        xml = archive.read(footer)
        properties = archive.read(CUSTOM)
    changed = demo_project / "页眉改过.docx"
    rezip(
        out,
        changed,
        {footer: xml.replace(b"</w:p>", b"<w:r><w:t>\xe6\x94\xb9</w:t></w:r></w:p>", 1)},
    )
    assert not as_written(changed) and state(changed) is State.EDITED
    # a byte that changes nothing a person sees: not as written, yet not an edit either
    rezip(out, changed, {footer: xml.replace(b"?>", b"?>\n", 1)})
    assert not as_written(changed) and state(changed) is State.GENERATED
    # the stamp itself altered: not as written
    stamp = read_custom_properties(out)[PACKAGE_PROPERTY].encode()
    forged = properties.replace(stamp, stamp[::-1])
    rezip(out, changed, {CUSTOM: forged})
    assert not as_written(changed)
    # the properties alone rewritten (another property added): still every other part as written
    rezip(out, changed, {CUSTOM: properties.replace(b"</Properties>", b" </Properties>")})
    assert as_written(changed) and state(changed) is State.GENERATED


def test_an_open_and_save_in_libreoffice_is_still_unedited(demo_project: Path) -> None:
    soffice = require_program("soffice")
    out = build(demo_project / INPUT, demo_project / "草稿.docx").output
    saved = demo_project / "saved"
    subprocess.run(
        [soffice, "--headless", "--convert-to", "docx:MS Word 2007 XML", "--outdir", str(saved),
         str(out)],
        capture_output=True, check=True, timeout=120, env={**os.environ, "HOME": str(demo_project)},
    )  # fmt: skip
    again = saved / out.name
    assert again.read_bytes() != out.read_bytes()
    assert not as_written(again)  # rewritten: decided by the fingerprint
    assert state(again) is State.GENERATED


def test_a_file_that_is_not_a_zip_is_not_as_written(tmp_path: Path) -> None:
    (tmp_path / "x.docx").write_bytes(b"PK\x03\x04 broken")
    assert not as_written(tmp_path / "x.docx")
    assert state(tmp_path / "x.docx") is State.FOREIGN
