"""Small helpers shared by the benchmarks: timed subprocesses with their peak memory."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"


@dataclass
class Run:
    seconds: float
    peak_mib: float


def run_process(args: list[str]) -> Run:
    """Run ``python args…`` from the repo root; wall time and the child's peak RSS."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, *args], cwd=REPO, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{process.stderr.read().decode()}")
    return Run(elapsed, usage.ru_maxrss / 1024)


def median_run(args: list[str], repeats: int) -> Run:
    runs = [run_process(args) for _ in range(repeats)]
    return Run(statistics.median(r.seconds for r in runs), max(r.peak_mib for r in runs))


def timed(function, repeats: int) -> float:
    """Median seconds of ``function()`` in this process."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)
