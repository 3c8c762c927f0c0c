"""Small helpers shared by the benchmarks: timed subprocesses with their peak memory."""

from __future__ import annotations

import compileall
import functools
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
    cpu_seconds: float = 0.0  # user + system time of the process and the children it waited for


def load() -> str:
    """The machine's load averages and cores, printed with every figure (the benches share 2 cores)."""
    one, five, fifteen = os.getloadavg()
    return f"load {one:.1f} / {five:.1f} / {fifteen:.1f} on {os.cpu_count()} cores"


@functools.cache
def cache_bytecode() -> None:
    """Compile the project's modules to their ``__pycache__``, once per benchmark process.

    An installed app compiles its modules on its first run and reads the cached bytecode after;
    a machine with ``PYTHONDONTWRITEBYTECODE`` set (as CI sandboxes often are) would compile them
    again in every timed process (0.1 s of a 2 s import), which the baseline, whose libraries
    were compiled when installed, does not pay. Bytecode already written is read either way.
    """
    for package in ("core", "ui", "bench"):
        compileall.compile_dir(REPO / package, quiet=1)


def run_process(args: list[str], env: dict[str, str] | None = None) -> Run:
    """Run ``python args…`` from the repo root; wall time, the child's peak RSS and its CPU time.

    The CPU time (user + system, the child's own children included) is the figure to compare on a
    loaded machine: wall time there mostly measures the wait for a core. The project's bytecode
    is cached first (:func:`cache_bytecode`), as on an installed app after its first run.
    """
    cache_bytecode()
    start = time.perf_counter()
    process = subprocess.Popen(
        [sys.executable, *args],
        cwd=REPO,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env={**os.environ, **(env or {})},
    )
    _, status, usage = os.wait4(process.pid, 0)
    elapsed = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode != 0:
        raise SystemExit(f"benchmark step failed: {' '.join(args)}\n{process.stderr.read().decode()}")
    return Run(elapsed, usage.ru_maxrss / 1024, usage.ru_utime + usage.ru_stime)


def median_run(args: list[str], repeats: int, env: dict[str, str] | None = None) -> Run:
    runs = [run_process(args, env) for _ in range(repeats)]
    return Run(
        statistics.median(r.seconds for r in runs),
        max(r.peak_mib for r in runs),
        statistics.median(r.cpu_seconds for r in runs),
    )


def timed(function, repeats: int) -> float:
    """Median seconds of ``function()`` in this process."""
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def navigation_only() -> None:
    """As in tests/app/conftest.py: AppTest reruns go through st.navigation, like a browser."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init
