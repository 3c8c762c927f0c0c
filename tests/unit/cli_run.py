"""Running the command line in tests.

In-process (:func:`run_in_process`, the ``cli`` fixture): ``core.cli.main(argv)`` with the output
captured by pytest's ``capsys`` — the same code path as ``python -m core`` minus a Python start-up,
so most CLI tests use it. As a real ``python -m core`` process (:func:`run_process`): kept for a
few tests where the process's own exit status and a clean stderr (no traceback) are the point.
"""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

from core.cli import main

REPO = Path(__file__).resolve().parents[2]


@dataclass(frozen=True)
class Ran:
    """What one run of the command line gave."""

    returncode: int
    stdout: str
    stderr: str


def run_in_process(capsys: pytest.CaptureFixture[str], *args: str) -> Ran:
    """``core.cli.main(args)``; argparse's usage errors (SystemExit 2) become a return code too."""
    capsys.readouterr()  # drop anything printed before
    try:
        code = main(list(args))
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else 1
    captured = capsys.readouterr()
    return Ran(code, captured.out, captured.err)


def run_process(*args: str) -> Ran:
    """``python -m core args`` in a real subprocess, from the repository root."""
    command = [sys.executable, "-m", "core", *args]
    result = subprocess.run(command, cwd=REPO, capture_output=True, text=True, timeout=120)
    return Ran(result.returncode, result.stdout, result.stderr)
