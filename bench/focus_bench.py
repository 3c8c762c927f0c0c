"""Focus-matrix benchmark: from a move on the board to updated metrics and charts, server side.

A move reruns only the page's ``st.fragment`` (ui.focus_live.live_matrix): it reads the board's
new value, writes the choice (with its undo entry) to the workspace, recomputes the metrics and
rebuilds both charts. This times exactly that with Streamlit's AppTest: a script that calls the
fragment function with the page's arguments, run after injecting a card move into the board's
session_state key (what the browser sends after a drag). Every timed run moves a card, so each
one writes to the workspace. For reference the same move is also timed as a whole-page rerun
through workbench.py (router, sidebar, scenario bar, fragment) — the upper bound.

Workspaces: 5,000 × 150 (the goal's size) and 200 × 40 (the baseline measured in the same run);
the ratio big / small shows how much the survey's size still costs per move.
Goal (issue #5): fragment rerun under 150 ms median on the big survey.

    python -m bench.focus_bench [--runs 25]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import types
from pathlib import Path

from bench.harness import navigation_only, timed
from bench.rerun_bench import workspace_with
from bench.workbooks import canonical_workbook

REPO = Path(__file__).resolve().parent.parent

GOAL_MS = 150
FRAGMENT_SCRIPT = """
import sys, time
from _focus_bench_inside import INSIDE
from core.strategy import scenarios
from ui.focus_live import live_matrix
from ui.session import opened_workspace

workspace = opened_workspace({token!r})
scenario_id = scenarios.active_scenario(workspace)
start = time.perf_counter()
live_matrix(workspace, scenario_id)
INSIDE.append((time.perf_counter() - start) * 1000)
"""
EMPTY_SCRIPT = "import streamlit as st\nst.write('nothing')"
INSIDE: list[float] = []  # milliseconds spent inside the fragment function, appended by FRAGMENT_SCRIPT
# The script reaches INSIDE through this module name (this file runs as __main__, not as bench.focus_bench).
sys.modules["_focus_bench_inside"] = types.SimpleNamespace(INSIDE=INSIDE)


def _moves(token: str):
    """An endless series of board values, each adding one drop (a card to Differentiate and back)."""
    from core.analysis.scoring import load_settings, outcome_scores, step_scores
    from core.strategy import scenarios
    from core.strategy.focus import DIFFERENTIATE, UNASSIGNED, step_table
    from core.workspace.database import open_workspace
    from ui.focus_board import board_value, card_labels

    workspace = open_workspace(token)
    settings = load_settings(workspace)
    scores = outcome_scores(workspace, settings)
    labels = card_labels(step_table(step_scores(workspace, scores, settings), scores, settings))
    scenarios.active_scenario(workspace)
    workspace.close()
    step_ids = list(labels.values())
    drops = []
    while True:
        n = len(drops)
        drops.append((step_ids[n // 2 % len(step_ids)], DIFFERENTIATE if n % 2 == 0 else UNASSIGNED))
        yield board_value("bench", drops)


def median_move_ms(app, token: str, runs: int) -> float:
    """Median of ``runs`` reruns of ``app``, each after a card move."""
    from ui.focus_board import CURRENT_KEY

    moves = _moves(token)
    app.run()
    app.run()  # warm: caches filled, as after the first view
    if app.exception:
        raise SystemExit(f"the page failed: {app.exception[0].value}")
    times = []
    for _ in range(runs):
        app.session_state[app.session_state[CURRENT_KEY]] = next(moves)
        start = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the page failed: {app.exception[0].value}")
    return statistics.median(times)


def fragment_ms(token: str, runs: int) -> tuple[float, float]:
    """(median AppTest run of the fragment, median time inside the fragment function), in ms."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(FRAGMENT_SCRIPT.format(token=token), default_timeout=120)
    INSIDE.clear()
    wall = median_move_ms(app, token, runs)
    return wall, statistics.median(INSIDE[-runs:])


def harness_ms(runs: int) -> float:
    """What AppTest itself costs: the median run of a script that writes one line."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(EMPTY_SCRIPT, default_timeout=60)
    app.run()
    return timed(app.run, runs) * 1000


def page_ms(token: str, runs: int) -> float:
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_file(str(REPO / "workbench.py"), default_timeout=120)
    app.query_params["ws"] = token
    app.run()
    app.switch_page("pages/focus_matrix.py")
    return median_move_ms(app, token, runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="focus-bench-")
    navigation_only()
    small = workspace_with(canonical_workbook(200, 40, steps=8))
    big = workspace_with(canonical_workbook(5000, 150))
    results = {}
    for size, token in (("small", small), ("big", big)):
        results[size, "fragment"], results[size, "inside"] = fragment_ms(token, args.runs)
        results[size, "page"] = page_ms(token, args.runs)
    floor = harness_ms(args.runs)
    print(f"Focus matrix: a card move → saved → metrics and charts rebuilt; median of {args.runs} runs")
    print(f"{'':22}{'fragment rerun':>16}{'inside the fragment':>21}{'whole page':>13}")
    for size, title in (("small", "200 × 40 survey"), ("big", "5,000 × 150 survey")):
        print(
            f"{title:22}{results[size, 'fragment']:13.1f} ms{results[size, 'inside']:18.1f} ms"
            f"{results[size, 'page']:10.1f} ms"
        )
    print(f"AppTest's own cost (a one-line script): {floor:.1f} ms, included in the first and last columns")
    ratio = results["big", "fragment"] / results["small", "fragment"]
    verdict = "OK" if results["big", "fragment"] < GOAL_MS else "MISSED"
    print(f"ratio big / small (fragment rerun) {ratio:.2f}×   goal: fragment < {GOAL_MS} ms on 5,000 × 150: {verdict}")


if __name__ == "__main__":
    main()
