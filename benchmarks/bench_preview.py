"""Time a preview refresh: a save of the 外海 input until its pages are drawn again.

Usage: ``python benchmarks/bench_preview.py [ROUNDS]``. Works on a copy of
``inputs/waihai/2022.yaml``: the first refresh (LibreOffice just started, every page drawn) is
reported apart; then each round changes one figure, as a user's save would, and times the
refresh — build, conversion in the running LibreOffice, the changed pages drawn — reporting
the median and the pages drawn. The target is 0.5 s on a 2-core machine.
"""

from __future__ import annotations

import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

from workreport.preview.office import Office
from workreport.preview.refresh import Preview

ROOT = Path(__file__).resolve().parent.parent
TARGET = 0.5


def main(argv: list[str]) -> int:
    rounds = int(argv[1]) if len(argv) > 1 else 7
    with tempfile.TemporaryDirectory() as tmp, Office() as office:
        warm = office.warm
        folder = Path(tmp) / "inputs" / "waihai"
        shutil.copytree(ROOT / "inputs" / "waihai", folder)
        source = folder / "2022.yaml"
        preview = Preview(source, (), office, Path(tmp) / "out")
        (Path(tmp) / "out").mkdir()
        start = time.perf_counter()
        preview.refresh()
        first = time.perf_counter() - start
        times, drawn = [], []
        text = source.read_text(encoding="utf-8")
        for round_number in range(rounds):
            source.write_text(
                text.replace("value: 104.86", f"value: {105 + round_number}", 1), encoding="utf-8"
            )
            start = time.perf_counter()
            preview.refresh()
            times.append(time.perf_counter() - start)
            drawn.append(preview.snapshot()["drawn"])
    median = statistics.median(times)
    print(f"LibreOffice 常驻：{'是' if warm else '否'}")
    print(f"首次刷新（启动后，画全部页面）：{first:.2f} 秒")
    print(f"保存后刷新（{rounds} 次中位数）：{median:.3f} 秒，最快 {min(times):.3f} 秒；"
          f"每次重画 {statistics.median(drawn):g} 页；目标 < {TARGET} 秒："
          f"{'达成' if median < TARGET else '未达成'}")  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
