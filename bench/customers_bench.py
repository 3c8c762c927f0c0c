"""Customers benchmark: tick "they know we know" on a board of 40 customers × 10 facts → saved →
page body redrawn, server side (issue 14.6).

Runs the page's body (ui.customers_page.customers_body, an st.fragment: a tick reruns it alone,
not the sidebar) with Streamlit's AppTest on a workspace holding a 200 × 40 survey, a saved
segmentation of 4 segments and 40 customers with 10 facts each (2 per kind), tags and segment
links. Each timed run is what a click on a checkbox costs: the save its on_change does
(core.strategy.customers.set_known, which bumps the revision) plus one run of the body, which
rebuilds the view and redraws all 40 cards (400 checkboxes). Also timed: the same body rerun with
nothing changed (the view cached: the redraw alone), and one whole-app run after a tick. The
baseline, measured in the same run on the same workspace, is a plain rerun of the Opportunities
page (bench/rerun_bench.py). Goal: median under 200 ms.

    python -m bench.customers_bench [--runs 15]
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
CUSTOMERS, FACTS = 40, 10
FRAGMENT_SCRIPT = """
from ui.customers_page import customers_body
from ui.session import opened_workspace

customers_body(opened_workspace({token!r}))
"""
PAGE = "pages/customers.py"


def _with_board(token: str) -> list[str]:
    """Fill the board; returns the fact ids."""
    import pandas as pd

    from core.analysis import segment_store
    from core.strategy import customers as cs
    from core.strategy.customers import KINDS
    from core.workspace.database import open_workspace

    workspace = open_workspace(token)
    ids = [r[0] for r in workspace.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
    names = [f"Segment {n % 4 + 1}" for n in range(len(ids))]
    frame = pd.DataFrame({"respondent_id": ids, "segment": names})
    seg = segment_store.save_segmentation(workspace, "Needs", frame, k=4, silhouette=0.3, params={})
    facts = []
    for number in range(CUSTOMERS):
        customer = cs.add_customer(workspace, f"Customer {number + 1}", tags=["key account" if number % 3 else "new"])
        cs.link_segment(workspace, customer, seg, f"Segment {number % 4 + 1}")
        for fact in range(FACTS):
            text = f"Fact {fact + 1} of customer {number + 1}: something that makes them unique"
            facts.append(cs.add_fact(workspace, customer, KINDS[fact % len(KINDS)], text, known=fact % 3 == 0))
    workspace.close()
    return facts


def _median(times: list[float]) -> float:
    return statistics.median(times)


def fragment_ms(token: str, facts: list[str], runs: int) -> tuple[float, float]:
    """(median ms of a tick: save + body run, median ms of a body rerun with nothing changed)."""
    from streamlit.testing.v1 import AppTest

    from core.strategy import customers as cs
    from core.workspace.database import open_workspace

    app = AppTest.from_string(FRAGMENT_SCRIPT.format(token=token), default_timeout=120)
    app.run()
    app.run()
    if app.exception:
        raise SystemExit(f"the body failed: {app.exception[0].value}")
    checkboxes = len(app.checkbox)
    workspace = open_workspace(token)
    ticks, redraws = [], []
    for run in range(runs):
        start = time.perf_counter()
        cs.set_known(workspace, facts[(run * 37) % len(facts)], run % 2 == 0)
        app.run()
        ticks.append((time.perf_counter() - start) * 1000)
        start = time.perf_counter()
        app.run()
        redraws.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the body failed: {app.exception[0].value}")
    workspace.close()
    print(f"  {checkboxes} checkboxes on the board")
    return _median(ticks), _median(redraws)


def whole_app_ms(token: str, facts: list[str], runs: int) -> float:
    """Median ms of a tick followed by a whole-app run of the Customers page (sidebar included)."""
    from streamlit.testing.v1 import AppTest

    from core.strategy import customers as cs
    from core.workspace.database import open_workspace

    app = AppTest.from_file(str(REPO / "workbench.py"), default_timeout=120)
    app.query_params["ws"] = token
    app.run()
    app.switch_page(PAGE)
    app.run()
    app.run()
    workspace = open_workspace(token)
    times = []
    for run in range(runs):
        start = time.perf_counter()
        cs.set_known(workspace, facts[(run * 53) % len(facts)], run % 2 == 1)
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the page failed: {app.exception[0].value}")
    workspace.close()
    return _median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="customers-bench-")
    navigation_only()
    token = workspace_with(canonical_workbook(200, 40, steps=8))
    facts = _with_board(token)
    print(f"Customers: a tick on a board of {CUSTOMERS} customers × {FACTS} facts; median of {args.runs} (AppTest)")
    tick_ms, redraw_ms = fragment_ms(token, facts, args.runs)
    app_ms = whole_app_ms(token, facts, args.runs)
    baseline_ms = median_rerun_ms(token, args.runs, "pages/opportunities.py")
    print(f"  browser path: on_change save + body (fragment) run  {tick_ms:7.1f} ms")
    print(f"  body rerun, nothing changed (redraw alone)         {redraw_ms:7.1f} ms")
    print(f"  save + whole-app run (sidebar included)            {app_ms:7.1f} ms")
    print(f"  Opportunities page rerun                           {baseline_ms:7.1f} ms   (baseline, same workspace)")
    verdict = "OK" if tick_ms < GOAL_MS else "MISSED"
    print(f"  ratio browser path / baseline {tick_ms / baseline_ms:.2f}×   goal: < {GOAL_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
