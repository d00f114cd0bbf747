"""Property: however the sample YAML is damaged, check and build fail safely.

Hypothesis mutates the bundled sample (deleted lines, values swapped for other types, random
Unicode, truncation, broken bytes …). Every case must end in success or in errors that are
located Chinese messages, never an exception escaping, and never a changed or deleted output
file. The library is called in-process for speed; a few cases also run the real command.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from workreport.api import build, check
from workreport.errors import WorkreportError

from .conftest import ROOT

SAMPLE = (ROOT / "inputs" / "waihai" / "2022.yaml").read_text(encoding="utf-8")
LINES = SAMPLE.splitlines(keepends=True)
VALUE_LINES = [i for i, line in enumerate(LINES) if re.match(r"^\s*(?:- )?[A-Za-z_]\w*: \S", line)]
REPLACEMENTS = [
    "[1, 2]",
    "{a: 1}",
    "四百",
    "400亿",
    "35.7%",
    "''",
    "~",
    "true",
    "-3",
    ".inf",
    ".nan",
    "1e400",
    "100000000000000000000000.0",
    '"{{ ind.nope }}"',
    '"{{ ind.gdp.__class__ }}"',
    '"{% if %}"',
    '"{{ ind }}"',
    "2023-02-30",
    "*nowhere",
    "&a 1",
    "!!python/object:os.system x",
    "|",
    "“全角引号”",
    "名称：外海",
    "。",
    "- a",
    "\u3000",
]
EXISTING = b"a draft someone edited, or any file that is not ours"
SETTINGS = settings(
    max_examples=500,
    deadline=None,
    derandomize=True,
    database=None,
    phases=[Phase.explicit, Phase.reuse, Phase.generate, Phase.shrink],  # no explain phase
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


Mutation = tuple[object, ...]

MUTATION = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000), st.integers(1, 3)),
    st.tuples(
        st.just("swap"),
        st.integers(0, 10_000),
        st.sampled_from(REPLACEMENTS) | st.text(max_size=8),
    ),
    st.tuples(
        st.just("unicode"),
        st.integers(0, 10_000),
        st.integers(0, 200),
        st.text(min_size=1, max_size=6),
    ),
    st.tuples(st.just("indent"), st.integers(0, 10_000), st.booleans()),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("truncate"), st.floats(0, 1)),
)
MUTATIONS = st.tuples(
    st.lists(MUTATION, min_size=1, max_size=3),
    # now and then cut the bytes, perhaps in the middle of a character
    st.integers(0, 9).flatmap(lambda n: st.floats(0, 1) if n == 0 else st.none()),
)


def mutate(mutations: tuple[list[Mutation], float | None]) -> bytes:
    """The sample with ``mutations`` applied, as the bytes of a file.

    Mutations are descriptions (kind, line number, …), so a failing case prints short.
    """
    steps, cut = mutations
    lines = list(LINES)
    for kind, *args in steps:
        if not lines:
            break
        index = int(args[0]) % len(lines) if kind != "truncate" else 0
        line = lines[index]
        if kind == "delete":
            del lines[index : index + int(args[1])]
        elif kind == "swap":
            candidates = [i for i in VALUE_LINES if i < len(lines)] or [index]
            index = candidates[int(args[0]) % len(candidates)]
            lines[index] = f"{lines[index].split(':', 1)[0]}: {args[1]}\n"
        elif kind == "unicode":
            at = int(args[1]) % (len(line) + 1)
            lines[index] = line[:at] + str(args[2]) + line[at:]
        elif kind == "indent":
            lines[index] = line[2:] if args[1] else "  " + line
        elif kind == "duplicate":
            lines.insert(index, line)
        else:
            text = "".join(lines)
            lines = [text[: int(float(args[0]) * len(text))]]
    data = "".join(lines).encode("utf-8")
    return data if cut is None else data[: int(cut * len(data))]


@pytest.fixture(scope="module")
def project() -> Iterator[Path]:
    """A project with Chinese folder names and an existing output file; reused by every case."""
    root = Path(tempfile.mkdtemp(prefix="变异"))
    (root / "inputs" / "外海街道").mkdir(parents=True)
    (root / "草稿.docx").write_bytes(EXISTING)
    yield root
    shutil.rmtree(root)


def assert_safe(problems: tuple[WorkreportError, ...], project: Path) -> None:
    """Errors are located Chinese messages; the existing output file is untouched."""
    for problem in problems:
        assert isinstance(problem, WorkreportError)
        if problem.exit_code == 2:
            assert problem.at is not None and problem.at.file, problem.render()
            assert problem.at.line is not None, problem.render()
        text = problem.render()
        assert re.search(r"[A-Za-z]+(Error|Exception)\b|Traceback", text) is None, text
        assert re.search(r"[\u4e00-\u9fff]", problem.message), text
    assert (project / "草稿.docx").read_bytes() == EXISTING


@SETTINGS
@given(mutations=MUTATIONS)
def test_check_never_fails_unsafely(
    project: Path, mutations: tuple[list[Mutation], float | None]
) -> None:
    source = project / "inputs" / "外海街道" / "2022.yaml"
    source.write_bytes(mutate(mutations))
    result = check(source)
    assert result.exit_code in (0, 1, 2)
    assert (result.exit_code == 2) == bool(result.errors)
    assert_safe(result.problems, project)
    assert sorted(p.name for p in project.iterdir()) == ["inputs", "草稿.docx"]


@settings(SETTINGS, max_examples=40)
@given(mutations=MUTATIONS)
def test_build_never_replaces_a_file_it_did_not_write(
    project: Path, mutations: tuple[list[Mutation], float | None]
) -> None:
    source = project / "inputs" / "外海街道" / "2022.yaml"
    source.write_bytes(mutate(mutations))
    try:
        result = build(source, project / "草稿.docx")
    except WorkreportError as exc:
        errors = getattr(exc, "errors", [exc])
        assert_safe(tuple(errors), project)
        assert sorted(p.name for p in project.iterdir()) == ["inputs", "草稿.docx"]
        return
    assert result.output == project / "草稿（2）.docx"
    assert result.kept == project / "草稿.docx"
    assert_safe((), project)
    assert not [p for p in project.iterdir() if p.name.endswith(".tmp")]
    result.output.unlink()  # the next case starts from the same project


@pytest.mark.parametrize(
    "data",
    [
        SAMPLE.replace("year: 2022", "year：2022").encode(),
        SAMPLE.encode()[: len(SAMPLE.encode()) // 2 + 1],
        SAMPLE.replace("{{ ind.industrial_output }}", "{{ ind.industrial_outptu }}").encode(),
        SAMPLE.replace("value: 400", "value: 四百").encode("gb18030"),
    ],
    ids=["fullwidth-colon", "truncated", "unknown-indicator", "gbk-and-chinese-number"],
)
def test_the_command_fails_safely_too(data: bytes, tmp_path: Path) -> None:
    source = tmp_path / "inputs" / "外海街道" / "2022.yaml"
    source.parent.mkdir(parents=True)
    source.write_bytes(data)
    (tmp_path / "草稿.docx").write_bytes(EXISTING)
    command = [
        sys.executable,
        "-c",
        "import sys; from workreport.cli import main; sys.exit(main())",
    ]
    for args in (["check", str(source)], ["build", str(source), "-o", "草稿.docx"]):
        result = subprocess.run(
            [*command, *args],
            cwd=tmp_path,
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "gbk"},
            check=False,
        )
        output = (result.stdout + result.stderr).decode("gbk", errors="replace")
        assert result.returncode == 2, output
        assert "Traceback" not in output
        assert re.search(r"2022\.yaml:\d+:\d+: 错误：", output), output
        assert (tmp_path / "草稿.docx").read_bytes() == EXISTING
