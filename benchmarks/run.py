"""Speed of workreport against its targets, and beside pandoc and docxtpl → one Markdown table.

Usage: ``python benchmarks/run.py [--no-install] [--units 100] [--runs 15]``

Measures, on this machine and in one run: Python's own start-up, ``workreport --help``, the
import time of the build pipeline, the whole-process time and peak memory of
``workreport build`` for the 外海 sample (with the caches warm, as every run after the first
finds them, and with an empty cache folder), one more build of it inside a process that has
built it, batch throughput for 100 units generated from the
bundled inputs, lint speed on 20 000 characters, PDF conversion of 20 drafts against one, the
preview's refresh after a save (``benchmarks/bench_preview.py``), and
the same report made by pandoc (equivalent Markdown with a reference .docx made from the
workreport base document) and by docxtpl (an equivalent .docx template with a Jinja tag for
every figure, made from the workreport draft).

pandoc and hyperfine are installed with apt-get when missing and running as root, docxtpl
with pip; ``--no-install`` skips that (the rows that need them then say so). Whole-process
times use hyperfine when present (median), otherwise the median of repeated runs. Python's
``PYTHONDONTWRITEBYTECODE`` is cleared for the measured commands, so they use compiled
bytecode as any installed program does.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "inputs" / "waihai" / "2022.yaml"
ENV = {k: v for k, v in os.environ.items() if k != "PYTHONDONTWRITEBYTECODE"}
COLD_RATIO = 0.8
"""A cold ``workreport build`` takes at most this share of docxtpl's time on the same content."""
BATCH_RATE = 150
"""Reports per second of one ``workreport build`` over 100 units, on 2 cores."""
PDF_RATIO = 2
"""Twenty PDFs take at most this many times as long as one."""
REFRESH = 0.5
"""Seconds from a save of the 外海 input to its pages drawn again in the preview."""
DOCXTPL_SCRIPT = """\
import json, sys
from docxtpl import DocxTemplate
template = DocxTemplate(sys.argv[1])
template.render(json.loads(open(sys.argv[2], encoding="utf-8").read()))
template.save(sys.argv[3])
"""


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-install", action="store_true", help="do not install tools")
    parser.add_argument("--units", type=int, default=100, help="units in the batch")
    parser.add_argument("--runs", type=int, default=15, help="runs per whole-process timing")
    args = parser.parse_args()
    if not args.no_install:
        install_tools()
    work = Path(tempfile.mkdtemp(prefix="workreport-bench-"))
    try:
        rows = measure(work, args.units, args.runs)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    print(machine())
    print()
    print("| 项目 | 结果 | 目标 | 达成 |")
    print("| --- | --- | --- | --- |")
    for name, value, target, met in rows:
        print(f"| {name} | {value} | {target} | {met} |")
    return 0


def install_tools() -> None:
    """pandoc and hyperfine from apt (as root), docxtpl from pip; failures only warn."""
    missing = [tool for tool in ("pandoc", "hyperfine") if shutil.which(tool) is None]
    if missing and hasattr(os, "geteuid") and os.geteuid() == 0 and shutil.which("apt-get"):
        subprocess.run(["apt-get", "update", "-qq"], check=False)
        subprocess.run(["apt-get", "install", "-y", "-qq", *missing], check=False)
    try:
        import docxtpl  # noqa: F401
    except ImportError:
        subprocess.run([sys.executable, "-m", "pip", "install", "-q", "docxtpl"], check=False)


def measure(work: Path, units: int, runs: int) -> list[tuple[str, str, str, str]]:
    py = sys.executable
    cli = workreport_command()
    rows: list[tuple[str, str, str, str]] = []
    bare = whole_process([py, "-S", "-c", "pass"], runs)
    start = whole_process([py, "-c", "pass"], runs)
    rows.append(
        (
            "Python 启动（`python -S -c pass` / `python -c pass`）",
            f"{ms(bare)} / {ms(start)}",
            "—",
            "下限",
        )
    )
    imports = whole_process([py, "-c", "import workreport.api, workreport.write.docx"], runs)
    rows.append(("导入构建所需模块（减去 Python 启动）", ms(imports - start), "—", "—"))
    helped = whole_process([*cli, "--help"], runs)
    rows.append(("`workreport --help`", ms(helped), "轻快", "—"))

    draft = work / "waihai.docx"
    build = whole_process([*cli, "build", str(SAMPLE), "-o", str(draft)], runs)
    peak = peak_memory_mb([*cli, "build", str(SAMPLE), "-o", str(draft)])
    pandoc = compare_pandoc(work, runs)
    docxtpl, docxtpl_rate = compare_docxtpl(work, draft, runs)
    rows.append(("`workreport build` 外海样稿，整个进程", ms(build), "≤ 0.8 × docxtpl", "见下行"))
    if docxtpl is not None:
        rows.append(("docxtpl 同等模板，整个进程", ms(docxtpl), "—", "—"))
        cold = build / docxtpl
        rows.append(("与 docxtpl 之比", f"{cold:.2f}", f"≤ {COLD_RATIO}", yes(cold <= COLD_RATIO)))
        rows.append(("docxtpl 单进程连续渲染", f"{docxtpl_rate:.0f} 份/秒", "—", "—"))
    else:
        rows.append(("docxtpl 同等模板", "未安装 docxtpl", "—", "—"))
    if pandoc is not None:
        rows.append(("pandoc 同等 Markdown + 参考文档，整个进程", ms(pandoc), "—", "—"))
        rows.append(("与 pandoc 之比", f"{build / pandoc:.2f}", "报告", "—"))
    else:
        rows.append(("pandoc", "未安装 pandoc", "—", "—"))
    rows.append(("单次构建峰值内存", f"{peak:.0f} MB", "< 100 MB", yes(peak < 100)))
    cache = work / "empty-cache"
    first = whole_process(
        [*cli, "build", str(SAMPLE), "-o", str(draft)],
        max(5, runs // 3),
        env={**ENV, "WORKREPORT_CACHE_DIR": str(cache)},
        empty=cache,
    )
    rows.append(("`workreport build` 外海样稿，缓存为空（首次运行）", ms(first), "—", "—"))
    again = in_process_build(work)
    rows.append(("同一进程内再次构建外海样稿（`watch`、批量的每一份）", ms(again), "—", "—"))

    rate, count = batch_rate(work, cli, units)
    rows.append(
        (
            f"批量：{count} 个单位，一条命令（{cpus()} 核，整个进程）",
            f"{int(rate)} 份/秒",  # rounded down: 149.6 must not read as the 150 it missed
            f"≥ {BATCH_RATE} 份/秒",
            yes(rate >= BATCH_RATE),
        )
    )
    lint_ms = lint_speed()
    if lint_ms is not None:
        rows.append(
            ("`lint_text` 2 万字（进程内）", f"{lint_ms:.0f} ms", "< 200 ms", yes(lint_ms < 200))
        )
    ratio = pdf_ratio(work, draft)
    if ratio is not None:
        single, many = ratio
        rows.append(
            (
                "PDF：1 份 / 20 份（`pdf.to_pdf`，按核数分给几个 LibreOffice 进程）",
                f"{single:.1f} s / {many:.1f} s",
                "—",
                "—",
            )
        )
        rows.append(
            (
                "PDF：20 份与 1 份之比",
                f"{many / single:.2f}",
                f"≤ {PDF_RATIO}",
                yes(many / single <= PDF_RATIO),
            )
        )
    else:
        rows.append(("PDF", "未安装 LibreOffice", "—", "—"))
    refresh = preview_refresh()
    if refresh is not None:
        median, fastest, drawn = refresh
        rows.append(
            (
                f"预览：保存后到页面更新（`bench_preview.py`，LibreOffice 常驻，重画 {drawn} 页）",
                f"{median:.2f} s（最快 {fastest:.2f} s）",
                f"< {REFRESH} s",
                yes(median < REFRESH),
            )
        )
    else:
        rows.append(("预览刷新", "未能测量（需要 LibreOffice 和 pdftoppm）", "—", "—"))
    return rows


def workreport_command() -> list[str]:
    """The console script beside this Python (not a version-manager shim), or the module."""
    script = Path(sys.executable).with_name("workreport")
    if script.is_file():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from workreport.cli import main; sys.exit(main())"]


def whole_process(
    command: list[str],
    runs: int,
    cwd: Path | None = None,
    *,
    env: dict[str, str] | None = None,
    empty: Path | None = None,
) -> float:
    """Median wall time in seconds of ``command`` as a new process.

    ``empty`` is a folder removed before every run (and the warm-up runs), to time a first run.
    """
    env = ENV if env is None else env
    hyperfine = shutil.which("hyperfine")
    if hyperfine:
        with tempfile.NamedTemporaryFile(suffix=".json", delete=False) as handle:
            export = Path(handle.name)
        prepare = []
        if empty is not None:
            prepare = ["--prepare", subprocess.list2cmdline(["rm", "-rf", str(empty)])]
        try:
            subprocess.run(
                [hyperfine, "-N", "--warmup", "3", "--runs", str(runs), *prepare,
                 "--export-json", str(export), "--style", "none",
                 subprocess.list2cmdline(command)],
                check=True, capture_output=True, env=env, cwd=cwd,
            )  # fmt: skip
            return float(json.loads(export.read_text())["results"][0]["median"])
        finally:
            export.unlink(missing_ok=True)
    times = []
    for run in range(3 + max(runs, 10)):
        if empty is not None:
            shutil.rmtree(empty, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run(command, capture_output=True, env=env, cwd=cwd, check=True)
        if run >= 3:  # the first three warm the system's file cache
            times.append(time.perf_counter() - started)
    return statistics.median(times)


def in_process_build(work: Path, count: int = 20) -> float:
    """Median seconds of one more ``build`` of the 外海 sample in a process that has built it."""
    from workreport.api import build

    build(SAMPLE, work / "again.docx")
    times = []
    for _ in range(count):
        started = time.perf_counter()
        build(SAMPLE, work / "again.docx")
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def peak_memory_mb(command: list[str]) -> float:
    """Peak resident memory of ``command``, from a fresh parent that runs only it."""
    probe = (
        "import resource, subprocess, sys\n"
        "subprocess.run(sys.argv[1:], capture_output=True, check=True)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe, *command], capture_output=True, text=True, env=ENV
    )
    kilobytes = int(out.stdout.strip() or 0)
    return kilobytes / (1024 * 1024 if sys.platform == "darwin" else 1024)


def compare_pandoc(work: Path, runs: int) -> float | None:
    """pandoc on the draft's markup (figures already typed) with a reference.docx of our base."""
    pandoc = shutil.which("pandoc")
    if pandoc is None:
        return None
    from workreport.api import make_draft
    from workreport.tree import Document
    from workreport.write.docx import write_docx

    draft = make_draft(SAMPLE)
    (work / "waihai.md").write_text(draft.markup, encoding="utf-8")
    (work / "reference.docx").write_bytes(write_docx(Document(()), draft.profile))
    command = [pandoc, str(work / "waihai.md"), "-f", "markdown", "-o", str(work / "pandoc.docx"),
               "--reference-doc", str(work / "reference.docx")]  # fmt: skip
    return whole_process(command, runs)


def compare_docxtpl(work: Path, draft: Path, runs: int) -> tuple[float | None, float]:
    """docxtpl rendering a template made from our draft, one Jinja tag per figure."""
    try:
        import docx
        from docxtpl import DocxTemplate
    except ImportError:
        return None, 0.0
    document = docx.Document(str(draft))
    context: dict[str, str] = {}

    def tag(match: re.Match[str]) -> str:
        name = f"v{len(context)}"
        context[name] = match.group(0)
        return "{{ " + name + " }}"

    for paragraph in document.paragraphs:
        for run in paragraph.runs:
            run.text = re.sub(r"\d+(?:\.\d+)?", tag, run.text)
    template = work / "template.docx"
    document.save(str(template))
    (work / "context.json").write_text(json.dumps(context, ensure_ascii=False), encoding="utf-8")
    (work / "render.py").write_text(DOCXTPL_SCRIPT, encoding="utf-8")
    out = work / "docxtpl.docx"
    command = [sys.executable, str(work / "render.py"), str(template), str(work / "context.json"),
               str(out)]  # fmt: skip
    seconds = whole_process(command, runs)
    started, count = time.perf_counter(), 30
    for _ in range(count):
        rendered = DocxTemplate(str(template))
        rendered.render(context)
        rendered.save(str(out))
    return seconds, count / (time.perf_counter() - started)


def batch_rate(work: Path, cli: list[str], units: int) -> tuple[float, int]:
    """Reports per second of one ``workreport build inputs/`` over ``units`` generated units."""
    import yaml

    from workreport.api import make_draft

    fixture = ROOT / "tests" / "fixtures" / "project" / "inputs" / "demo" / "2022.yaml"
    sources = []
    for path in [*sorted((ROOT / "inputs").glob("*/*.yaml")), fixture]:
        try:
            make_draft(path)  # only inputs that build on their own, without last year's file
        except Exception:
            continue
        sources.append(path)
    inputs = work / "batch" / "inputs"
    for i in range(units):
        source = sources[i % len(sources)]
        text = source.read_text(encoding="utf-8")
        name = yaml.safe_load(text)["unit"]["name"]
        folder = inputs / f"unit{i:03d}"
        folder.mkdir(parents=True)
        (folder / source.name).write_text(
            text.replace(f"name: {name}", f"name: {name}{i:03d}", 1), encoding="utf-8"
        )
    rates = []
    for _ in range(3):
        out = work / "batch" / "out"
        shutil.rmtree(out, ignore_errors=True)
        started = time.perf_counter()
        subprocess.run([*cli, "build", str(inputs), "-o", str(out)], capture_output=True, env=ENV)
        rates.append(units / (time.perf_counter() - started))
        built = len(list(out.glob("*.docx")))
        if built != units:
            raise SystemExit(f"batch built {built} of {units} drafts")
    return statistics.median(rates), units


def lint_speed() -> float | None:
    """Milliseconds for 20 000 characters, from benchmarks/bench_lint.py when it runs."""
    script = ROOT / "benchmarks" / "bench_lint.py"
    if not script.is_file():
        return None
    out = subprocess.run([sys.executable, str(script)], capture_output=True, text=True, env=ENV)
    found = re.search(r"最快 ([\d.]+) ms", out.stdout)
    return float(found.group(1)) if found else None


def preview_refresh(rounds: int = 7) -> tuple[float, float, str] | None:
    """Median and fastest seconds of a preview refresh after a save, and the pages redrawn,
    from benchmarks/bench_preview.py."""
    script = ROOT / "benchmarks" / "bench_preview.py"
    out = subprocess.run(
        [sys.executable, str(script), str(rounds)], capture_output=True, text=True, env=ENV
    )
    found = re.search(r"中位数）：([\d.]+) 秒，最快 ([\d.]+) 秒；每次重画 ([\d.]+) 页", out.stdout)
    if found is None:
        return None
    return float(found.group(1)), float(found.group(2)), found.group(3)


def pdf_ratio(work: Path, draft: Path) -> tuple[float, float] | None:
    """Seconds to convert one draft and twenty, each with :func:`workreport.pdf.to_pdf` (which
    shares many files among several LibreOffice processes, one per core)."""
    from workreport.pdf import ConversionError, to_pdf

    many = work / "pdf20"
    many.mkdir()
    copies = [shutil.copy(draft, many / f"draft{i:02d}.docx") for i in range(20)]
    try:
        single, twenty = [], []
        for _ in range(2):
            started = time.perf_counter()
            to_pdf([draft], work / "pdf1")
            single.append(time.perf_counter() - started)
            started = time.perf_counter()
            to_pdf([Path(c) for c in copies])
            twenty.append(time.perf_counter() - started)
    except ConversionError:
        return None
    return min(single), min(twenty)


def machine() -> str:
    cpu = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    today = datetime.date.today().isoformat()
    system = f"{platform.system()} {platform.release()}"
    return f"{today}，{cpu}，{cpus()} 核，{system}，Python {platform.python_version()}"


def cpus() -> int:
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0))
    return os.cpu_count() or 1


def ms(seconds: float) -> str:
    return f"{seconds * 1000:.0f} ms"


def yes(ok: bool) -> str:
    return "是" if ok else "否"


if __name__ == "__main__":
    sys.exit(main())
