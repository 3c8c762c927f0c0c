"""Capabilities benchmark: a cell edit in the matrix → saved → page redrawn, server side (issue 13.6).

Runs the real app with Streamlit's AppTest on a workspace holding the 5,000 × 150 survey with
eight capabilities. Each timed run injects one cell edit into the matrix grid's edit state (what
the browser sends after a click on a cell), so it writes a link to the workspace, bumps the
revision and reruns the page (the save's own st.rerun included: two script runs per edit). In a
browser the editor's on_change saves before the run, so an edit costs one run: timed as the same
save through core (what the callback calls) plus one run; the page body is an st.fragment, so
that run is the fragment's alone (timed as in bench/focus_bench.py), not the sidebar's. The
baseline, measured in the same run on the same workspace, is a plain rerun of the Opportunities
page (bench/rerun_bench.py); the ratio says what an edit costs next to it.
Goal: median under 200 ms on the big survey.

    python -m bench.capabilities_bench [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.harness import navigation_only
from bench.rerun_bench import median_rerun_ms, workspace_with
from bench.workbooks import canonical_workbook

REPO = Path(__file__).resolve().parent.parent
GOAL_MS = 200
FRAGMENT_SCRIPT = """
from ui.capabilities_page import capabilities_body
from ui.session import opened_workspace

capabilities_body(opened_workspace({token!r}))
"""
PAGE = "pages/capabilities.py"
CAPABILITIES = 8


def _with_capabilities(token: str) -> None:
    from core.strategy import capabilities
    from core.workspace.database import open_workspace

    workspace = open_workspace(token)
    for number in range(CAPABILITIES):
        capabilities.add_capability(workspace, f"Capability {number + 1}", strength=number % 4, cost="medium")
    workspace.close()


def _revision(token: str) -> int:
    from core.workspace.database import open_workspace

    workspace = open_workspace(token)
    try:
        return workspace.revision
    finally:
        workspace.close()


def median_edit_ms(token: str, runs: int) -> tuple[float, float, int]:
    """(median ms of a cell edit through the edit state + redraw, median ms of the browser's path —
    the save the editor's on_change does, then one page run —, the number of need columns)."""
    from streamlit.testing.v1 import AppTest

    from core.strategy import capabilities
    from core.workspace.database import open_workspace

    app = AppTest.from_file(str(REPO / "workbench.py"), default_timeout=120)
    app.query_params["ws"] = token
    app.run()
    app.switch_page(PAGE)
    app.run()
    app.run()  # warm: caches filled, as after the first view
    if app.exception:
        raise SystemExit(f"the page failed: {app.exception[0].value}")
    columns = int(next(m.value for m in app.main.metric if m.label == "Need columns"))
    levels = ("supports", "enables", "critical", "none")
    times = []
    for run in range(runs):
        key = f"capabilities_grid_{_revision(token)}_0"
        edit = {run % CAPABILITIES: {f"n{run % columns}": levels[run % len(levels)]}}
        app.session_state[key] = {"edited_rows": edit, "added_rows": [], "deleted_rows": []}
        start = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the page failed: {app.exception[0].value}")
    workspace = open_workspace(token)
    ids = capabilities.capabilities(workspace)["capability_id"].tolist()
    needs = capabilities.links(workspace)["outcome_id"].unique().tolist()
    browser = []
    for run in range(runs):
        start = time.perf_counter()
        capabilities.set_link(workspace, ids[run % len(ids)], needs[run % len(needs)], run % 4)
        app.run()
        browser.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the page failed: {app.exception[0].value}")
    workspace.close()
    return statistics.median(times), statistics.median(browser), columns


def fragment_edit_ms(token: str, runs: int) -> float:
    """Median ms of the browser's path: the save the grid's on_change does (core), then a rerun of
    the page's fragment (ui.capabilities_page.capabilities_body), which is all an edit reruns."""
    from streamlit.testing.v1 import AppTest

    from core.strategy import capabilities
    from core.workspace.database import open_workspace

    app = AppTest.from_string(FRAGMENT_SCRIPT.format(token=token), default_timeout=120)
    app.run()
    app.run()
    workspace = open_workspace(token)
    ids = capabilities.capabilities(workspace)["capability_id"].tolist()
    needs = capabilities.links(workspace)["outcome_id"].unique().tolist()
    times = []
    for run in range(runs):
        start = time.perf_counter()
        capabilities.set_link(workspace, ids[run % len(ids)], needs[run % len(needs)], run % 4)
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the fragment failed: {app.exception[0].value}")
    workspace.close()
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="capabilities-bench-")
    navigation_only()
    token = workspace_with(canonical_workbook(5000, 150))
    _with_capabilities(token)
    edit_ms, browser_ms, columns = median_edit_ms(token, args.runs)
    fragment_ms = fragment_edit_ms(token, args.runs)
    baseline_ms = median_rerun_ms(token, args.runs, "pages/opportunities.py")
    print(f"Capabilities: a matrix cell edit → saved → page redrawn; median of {args.runs} (server side, AppTest)")
    print(f"  5,000 × 150 survey, {CAPABILITIES} capabilities × {columns} need columns")
    print(f"  edit state → save → rerun → redraw (2 runs)  {edit_ms:7.1f} ms")
    print(f"  on_change save + 1 whole-app run (sidebar)    {browser_ms:7.1f} ms")
    print(f"  browser path: on_change save + fragment run   {fragment_ms:7.1f} ms")
    print(f"  Opportunities page rerun                      {baseline_ms:7.1f} ms   (baseline, same workspace)")
    verdict = "OK" if fragment_ms < GOAL_MS else "MISSED"
    print(f"  ratio browser path / baseline {fragment_ms / baseline_ms:.2f}×   goal: < {GOAL_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
