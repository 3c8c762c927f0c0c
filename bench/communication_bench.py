"""Communication benchmark: a message edit → saved → page body redrawn, server side (issue 14.6).

Runs the page's body (ui.communication_page.communication_body, an st.fragment: all an edit
reruns in a browser) with Streamlit's AppTest on a workspace holding the 5,000 × 150 survey, a
focus scenario differentiating three steps, two added elements and a saved segmentation of
three segments (so wording hints per segment are on). Each timed run does what the message
editor's on_change does — one message saved through core (core.strategy.communication_messages.
apply_message_table) — then reruns the body. The baseline, measured in the same run on the same
workspace, is a plain rerun of the Opportunities page (bench/rerun_bench.py); the ratio says what
an edit costs next to it. Goal: median under 200 ms on the big survey.

    python -m bench.communication_bench [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from bench.harness import navigation_only
from bench.rerun_bench import median_rerun_ms, workspace_with
from bench.workbooks import canonical_workbook

GOAL_MS = 200
FRAGMENT_SCRIPT = """
from ui.communication_page import communication_body
from ui.session import opened_workspace

communication_body(opened_workspace({token!r}))
"""


def _prepare(token: str) -> None:
    """Three differentiated steps, two added elements, a saved segmentation of three segments."""
    import pandas as pd

    from core.analysis.segment_store import save_segmentation
    from core.strategy import communication, scenarios
    from core.workspace.database import open_workspace

    workspace = open_workspace(token)
    try:
        steps = [
            int(r[0]) for r in workspace.cursor().execute("SELECT step_id FROM steps ORDER BY step_order").fetchall()
        ]
        scenario = scenarios.active_scenario(workspace)
        scenarios.set_assignment(workspace, scenario, dict.fromkeys(steps[:3], "differentiate"))
        communication.ensure_touchpoints(workspace)
        communication.add_element(workspace, "proof", "99.9 % uptime, audited")
        communication.add_element(workspace, "text", "One invoice inbox for every supplier")
        ids = [r[0] for r in workspace.cursor().execute("SELECT respondent_id FROM respondents ORDER BY 1").fetchall()]
        groups = pd.DataFrame({"respondent_id": ids, "segment": [f"Segment {i % 3 + 1}" for i in range(len(ids))]})
        save_segmentation(workspace, "Three segments", groups, k=3, silhouette=None, params={})
    finally:
        workspace.close()


def fragment_edit_ms(token: str, runs: int) -> tuple[float, float, int, int]:
    """(median ms of a message save + body rerun, of the save alone, columns, touchpoints)."""
    from streamlit.testing.v1 import AppTest

    from core.strategy.communication import touchpoints
    from core.strategy.communication_messages import apply_message_table, messages
    from core.workspace.database import open_workspace

    app = AppTest.from_string(FRAGMENT_SCRIPT.format(token=token), default_timeout=180)
    app.run()
    app.run()  # warm: caches filled, as after the first view
    if app.exception:
        raise SystemExit(f"the body failed: {app.exception[0].value}")
    columns = int(next(m.value for m in app.main.metric if m.label == "Elements"))
    workspace = open_workspace(token)
    points = touchpoints(workspace)
    element = str(app.selectbox(key="communication_element").value)
    times, saves = [], []
    for run in range(runs):
        table = points[["touchpoint_id", "name"]].rename(columns={"name": "touchpoint"})
        table = table.assign(text=None, proof_kind=None, proof=None, timing=None)
        held = messages(workspace)
        for row in held[(held["element_id"] == element) & held["segment"].isna()].itertuples():
            table.loc[table["touchpoint_id"] == row.touchpoint_id, "text"] = row.text
        table.loc[run % len(table), "text"] = f"Message {run}"
        start = time.perf_counter()
        apply_message_table(workspace, element, None, table)
        saves.append((time.perf_counter() - start) * 1000)
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the body failed: {app.exception[0].value}")
    workspace.close()
    return statistics.median(times), statistics.median(saves), columns, len(points)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="communication-bench-")
    navigation_only()
    token = workspace_with(canonical_workbook(5000, 150))
    _prepare(token)
    edit_ms, save_ms, columns, points = fragment_edit_ms(token, args.runs)
    baseline_ms = median_rerun_ms(token, args.runs, "pages/opportunities.py")
    print(f"Communication: a message edit → saved → page body redrawn; median of {args.runs} (server side, AppTest)")
    print(f"  5,000 × 150 survey, {columns} elements × {points} touchpoints, 3 segment variants")
    print(f"  browser path: on_change save + fragment run   {edit_ms:7.1f} ms")
    print(f"    of which the save (core)                    {save_ms:7.1f} ms")
    print(f"  Opportunities page rerun                      {baseline_ms:7.1f} ms   (baseline, same workspace)")
    verdict = "OK" if edit_ms < GOAL_MS else "MISSED"
    print(f"  ratio edit / baseline {edit_ms / baseline_ms:.2f}×   goal: < {GOAL_MS} ms: {verdict}")


if __name__ == "__main__":
    main()
