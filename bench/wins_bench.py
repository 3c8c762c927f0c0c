""" "What this scenario wins" benchmark (issue 16.7): the Focus matrix's fragment after a card move,
with the wins panel and without it (the baseline, measured in the same run), on 5,000 × 150.

The fragment is bench/focus_bench.py's: an AppTest script that calls ui.focus_live.live_matrix
after a card move was injected into the board's session_state (each timed run moves a card, so
each one writes to the workspace, recomputes "won" and redraws the panel). "Without" runs the same
script with the panel replaced by a no-op. The per-survey SQL (core.strategy.wins.wins_basis) runs
once, on the first view, and is cached by the survey's signature; it is timed apart, and so is
the re-count a move costs (core.strategy.wins.scenario_wins).

Goal (issue 16.7): "won" recomputed inside the board's fragment within the 150 ms budget.

    python -m bench.wins_bench [--runs 25]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time

from bench.focus_bench import FRAGMENT_SCRIPT, GOAL_MS, INSIDE, median_move_ms
from bench.harness import navigation_only
from bench.rerun_bench import workspace_with
from bench.workbooks import canonical_workbook

WITH = "import ui.focus_live, ui.focus_wins\nui.focus_live.wins_panel = ui.focus_wins.wins_panel\n"
WITHOUT = "import ui.focus_live\nui.focus_live.wins_panel = lambda *args, **kwargs: None\n"


def fragment_ms(token: str, runs: int, prelude: str) -> tuple[float, float]:
    """(median AppTest run of the fragment, median time inside the fragment function), in ms."""
    from streamlit.testing.v1 import AppTest

    app = AppTest.from_string(prelude + FRAGMENT_SCRIPT.format(token=token), default_timeout=120)
    INSIDE.clear()
    wall = median_move_ms(app, token, runs)
    return wall, statistics.median(INSIDE[-runs:])


def core_ms(token: str, runs: int) -> tuple[float, float, int]:
    """(wins_basis once, median scenario_wins per move, respondents) in ms."""
    from core.strategy.focus import DIFFERENTIATE
    from core.strategy.wins import scenario_wins, wins_basis
    from core.workspace.database import open_workspace

    workspace = open_workspace(token)
    start = time.perf_counter()
    basis = wins_basis(workspace)
    once = (time.perf_counter() - start) * 1000
    workspace.close()
    times = []
    for i in range(runs):
        assignment = {s: DIFFERENTIATE for s in basis.step_ids[i % 4 : i % 4 + 3]}
        start = time.perf_counter()
        scenario_wins(basis, assignment)
        times.append((time.perf_counter() - start) * 1000)
    return once, statistics.median(times), basis.sample


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=25)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="wins-bench-")
    navigation_only()
    token = workspace_with(canonical_workbook(5000, 150))
    without = fragment_ms(token, args.runs, WITHOUT)
    with_panel = fragment_ms(token, args.runs, WITH)
    once, move, sample = core_ms(token, args.runs)
    print(f"Focus matrix fragment after a card move, 5,000 × 150 survey; median of {args.runs} runs")
    print(f"{'':28}{'fragment rerun':>16}{'inside the fragment':>21}")
    print(f"{'without the wins panel':28}{without[0]:13.1f} ms{without[1]:18.1f} ms")
    print(f"{'with the wins panel':28}{with_panel[0]:13.1f} ms{with_panel[1]:18.1f} ms")
    print(f"ratio with / without (fragment rerun) {with_panel[0] / without[0]:.2f}×")
    print(f"wins_basis (SQL, once per survey, cached): {once:.1f} ms for {sample:,} respondents")
    print(f"scenario_wins (per move): {move:.2f} ms")
    verdict = "OK" if with_panel[0] < GOAL_MS else "MISSED"
    print(f"goal: fragment < {GOAL_MS} ms with the panel: {verdict}")


if __name__ == "__main__":
    main()
