"""The CLI in a fresh process, with its wall time and its own peak memory, for the bounds the
hostile-input tests set."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Run:
    code: int
    out: str
    err: str
    seconds: float
    peak_mb: float


# The measured command is started by a small launcher, which forks it and reaps it with
# ``wait4``: a child's peak memory counts the memory of the process it was forked from (Linux
# keeps the high-water mark across exec), and the test process is large, the launcher is not.
LAUNCHER = """
import os, sys
pid = os.fork()
if pid == 0:
    os.execv(sys.argv[2], sys.argv[2:])
_, status, usage = os.wait4(pid, 0)
with open(sys.argv[1], "w") as peak:
    peak.write(str(usage.ru_maxrss))
code = os.waitstatus_to_exitcode(status)
os._exit(code if code >= 0 else 128 - code)
"""


CLI = ("-c", "from workreport.cli import main; main()")


def run_bounded(*args: str, cwd: Path, env: dict[str, str] | None = None) -> Run:
    """``workreport ARGS…`` in a child process, with its wall time and its own peak memory."""
    env = env if env is not None else {**os.environ, "PYTHONIOENCODING": "utf-8"}
    with (
        tempfile.TemporaryFile() as out,
        tempfile.TemporaryFile() as err,
        tempfile.TemporaryDirectory() as scratch,
    ):
        peak_file = Path(scratch) / "peak"
        started = time.monotonic()
        proc = subprocess.Popen(
            [sys.executable, "-S", "-c", LAUNCHER, str(peak_file), sys.executable, *CLI, *args],
            cwd=cwd,
            stdout=out,
            stderr=err,
            env=env,
            start_new_session=True,
        )
        # A hang fails the bound, not the suite: the whole group goes, launcher and command.
        watchdog = threading.Timer(120, os.killpg, (proc.pid, signal.SIGKILL))
        watchdog.start()
        try:
            proc.wait()
        finally:
            watchdog.cancel()
        seconds = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        peak_kib = int(peak_file.read_text()) if peak_file.is_file() else 0
        return Run(
            proc.returncode,
            out.read().decode("utf-8", "replace"),
            err.read().decode("utf-8", "replace"),
            seconds,
            peak_kib / 1024,  # KiB on Linux
        )
