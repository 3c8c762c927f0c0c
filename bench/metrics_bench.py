"""Metrics benchmark: add a measurement → saved → page body redrawn, server side (issue 14.6).

Runs the Metrics page's body (ui.metrics_page.metrics_body, an st.fragment: all a change in a
browser reruns) with Streamlit's AppTest on a workspace holding the 5,000 × 150 survey and 20
metrics (every template) × 50 measurements each. Each timed run stores one measurement through
core (what the entry row's callback calls: a new day for the selected metric, so the chart grows)
and reruns the body, which rebuilds the view (statuses of all 20 metrics, the computed values)
and redraws the chart. Two baselines measured in the same run on the same workspace: a rerun of
the body with nothing changed (the view comes from the cache), and a plain rerun of the
Opportunities page (bench/rerun_bench.py). Goal: median under 200 ms.

    python -m bench.metrics_bench [--runs 15]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import tempfile
import time

from bench.harness import navigation_only
from bench.rerun_bench import median_rerun_ms, workspace_with
from bench.workbooks import canonical_workbook

GOAL_MS = 200
METRICS, MEASUREMENTS = 20, 50
START = dt.date(2022, 1, 3)
BODY_SCRIPT = """
from ui.metrics_page import metrics_body
from ui.session import opened_workspace

metrics_body(opened_workspace({token!r}))
"""


def _with_metrics(token: str) -> list[str]:
    """Every template as a metric with a baseline, target and dates, and 50 weekly measurements."""
    import pandas as pd

    from core.strategy import metric_measurements, metrics
    from core.strategy.metric_templates import TEMPLATES
    from core.workspace.database import open_workspace

    workspace = open_workspace(token)
    ids = []
    for number, template in enumerate(TEMPLATES[:METRICS]):
        ids.append(
            metrics.add_from_template(
                workspace, template.key, baseline=40 + number, target=60 + number, baseline_date=START,
                target_date=START + dt.timedelta(days=7 * 80), owner=f"Owner {number % 4}",
            )
        )  # fmt: skip
    days = [START + dt.timedelta(days=7 * week) for week in range(MEASUREMENTS)]
    rows = pd.DataFrame(
        [[m, d, 40.0 + n + w * 0.3, None, "hand"] for n, m in enumerate(ids) for w, d in enumerate(days)],
        columns=metric_measurements.COLUMNS,
    )
    metric_measurements.write(workspace, rows)
    workspace.close()
    return ids


def body_ms(token: str, metric_id: str, runs: int) -> tuple[float, float, int]:
    """(median ms of add a measurement + body rerun, median ms of a body rerun with no change, charts drawn)."""
    from streamlit.testing.v1 import AppTest

    from core.strategy import metric_measurements
    from core.workspace.database import open_workspace

    app = AppTest.from_string(BODY_SCRIPT.format(token=token), default_timeout=120)
    app.session_state["metrics_selected"] = metric_id
    app.run()
    app.run()  # warm
    if app.exception:
        raise SystemExit(f"the body failed: {app.exception[0].value}")
    idle = []
    for _ in range(runs):
        start = time.perf_counter()
        app.run()
        idle.append((time.perf_counter() - start) * 1000)
    workspace = open_workspace(token)
    times = []
    for run in range(runs):
        day = START + dt.timedelta(days=7 * (MEASUREMENTS + run))
        start = time.perf_counter()
        metric_measurements.add_measurement(workspace, metric_id, day, 55 + run % 5)
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the body failed: {app.exception[0].value}")
    workspace.close()
    return statistics.median(times), statistics.median(idle), len(app.get("vega_lite_chart"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="metrics-bench-")
    navigation_only()
    token = workspace_with(canonical_workbook(5000, 150))
    ids = _with_metrics(token)
    add_ms, idle_ms, charts = body_ms(token, ids[0], args.runs)
    baseline_ms = median_rerun_ms(token, args.runs, "pages/opportunities.py")
    print(f"Metrics: add a measurement → saved → page body redrawn; median of {args.runs} (server side, AppTest)")
    print(f"  5,000 × 150 survey, {METRICS} metrics × {MEASUREMENTS} measurements, {charts} chart drawn")
    print(f"  add a measurement + body run (new view)     {add_ms:7.1f} ms")
    print(f"  body run, nothing changed (cached view)     {idle_ms:7.1f} ms   (baseline 1, same workspace)")
    print(f"  Opportunities page rerun                    {baseline_ms:7.1f} ms   (baseline 2, same workspace)")
    verdict = "OK" if add_ms < GOAL_MS else "MISSED"
    print(
        f"  ratio add / unchanged body {add_ms / idle_ms:.2f}×, add / Opportunities {add_ms / baseline_ms:.2f}×"
        f"   goal: < {GOAL_MS} ms: {verdict}"
    )


if __name__ == "__main__":
    main()
