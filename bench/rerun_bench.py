"""Rerun benchmark: the server-side rerun of the Opportunities page, big survey vs small.

Runs the real app with Streamlit's AppTest (the same script run a browser triggers), on a
workspace holding a 5,000 × 150 survey and on one holding a 200 × 40 survey, in this process.
After a warm-up run, each rerun is timed; the median and the ratio big / small are printed.
Goal (issue #3): median under 300 ms on the big survey.

    python -m bench.rerun_bench [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import tempfile
from pathlib import Path

from bench.harness import timed
from bench.workbooks import canonical_workbook

REPO = Path(__file__).resolve().parent.parent

GOAL_MS = 300
PAGE = "pages/opportunities.py"


def workspace_with(path: Path) -> str:
    from core.intake.loading import load_file
    from core.workspace.database import create_workspace

    workspace = create_workspace()
    result = load_file(workspace, path.read_bytes(), path.name)
    assert result.ok, result.report.to_text()
    token = workspace.token
    workspace.close()
    return token


def median_rerun_ms(token: str, runs: int, page: str = PAGE) -> float:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "workbench.py"), default_timeout=120)
    app.query_params["ws"] = token
    app.run()
    app.switch_page(page)
    app.run()  # warm: caches filled, as after the first view
    if app.exception:
        raise SystemExit(f"the page failed: {app.exception[0].value}")
    return timed(app.run, runs) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="rerun-bench-")
    big, small = canonical_workbook(5000, 150), canonical_workbook(200, 40, steps=8)
    small_ms = median_rerun_ms(workspace_with(small), args.runs)
    big_ms = median_rerun_ms(workspace_with(big), args.runs)
    print(f"Opportunities page rerun, median of {args.runs} (server side, AppTest):")
    print(f"  200 × 40 survey     {small_ms:7.1f} ms")
    print(f"  5,000 × 150 survey  {big_ms:7.1f} ms")
    verdict = "OK" if big_ms < GOAL_MS else "MISSED"
    print(f"  ratio big / small   {big_ms / small_ms:.2f}×   goal: big < {GOAL_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
