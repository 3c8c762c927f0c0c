"""Trade-offs benchmark: from a weight slider move to the redrawn page, server side.

The sliders live in the page's ``st.fragment`` (ui.tradeoffs_live.live_tradeoffs): a move
stores the weight (the others rescaled) and reruns only the fragment; the survey-derived numbers
come from the cache (keyed by the survey's signature, ui/tradeoffs_view.py), the matrix, ranking,
sensitivity and chart are recomputed. This times exactly that with Streamlit's AppTest: a script
that calls the fragment function, each timed run moving the "Opportunity size" slider
(alternately 20 and 40 %), so each one writes to the workspace. For reference the same move is
also timed as a whole-page rerun through workbench.py (router, sidebar, page) — the upper bound; the
shared sidebar recomputes per workspace revision and dominates it.

Workspaces: 5,000 × 150 (the goal's size) and 200 × 40 (the baseline measured in the same run);
the ratio big / small shows how much the survey's size still costs per weight change.
Goal (issue 13.6): under 200 ms median on the big survey.

    python -m bench.tradeoffs_bench [--runs 15]
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

from bench.focus_bench import harness_ms
from bench.harness import navigation_only
from bench.rerun_bench import workspace_with
from bench.workbooks import canonical_workbook

REPO = Path(__file__).resolve().parent.parent
GOAL_MS = 200
PAGE = "pages/trade_offs.py"


FRAGMENT_SCRIPT = """
import time
from _tradeoffs_bench_inside import INSIDE
from ui.session import opened_workspace
from ui.tradeoffs_live import live_tradeoffs

workspace = opened_workspace({token!r})
start = time.perf_counter()
live_tradeoffs(workspace)
INSIDE.append((time.perf_counter() - start) * 1000)
"""
INSIDE: list[float] = []  # ms inside the fragment function, appended by FRAGMENT_SCRIPT
sys.modules["_tradeoffs_bench_inside"] = types.SimpleNamespace(INSIDE=INSIDE)


def weight_change_ms(token: str, runs: int, whole_page: bool = False) -> float:
    """Median rerun (the fragment, or the whole page) after a weight slider move, in ms."""
    from streamlit.testing.v1 import AppTest

    from ui.tradeoffs_live import WEIGHT_KEY

    if whole_page:
        app = AppTest.from_file(str(REPO / "workbench.py"), default_timeout=180)
        app.query_params["ws"] = token
        app.run()
        app.switch_page(PAGE).run()
    else:
        app = AppTest.from_string(FRAGMENT_SCRIPT.format(token=token), default_timeout=180)
        app.run()
    app.run()  # warm: caches filled, as after the first view
    if app.exception:
        raise SystemExit(f"the page failed: {app.exception[0].value}")
    times = []
    for run in range(runs):
        slider = next(s for s in app.main.slider if s.key == WEIGHT_KEY + "opportunity")
        slider.set_value(20 if run % 2 == 0 else 40)
        start = time.perf_counter()
        app.run()
        times.append((time.perf_counter() - start) * 1000)
        if app.exception:
            raise SystemExit(f"the page failed: {app.exception[0].value}")
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    os.environ["JTBD_DATA_DIR"] = tempfile.mkdtemp(prefix="tradeoffs-bench-")
    navigation_only()
    small = workspace_with(canonical_workbook(200, 40, steps=8))
    big = workspace_with(canonical_workbook(5000, 150))
    sizes = (("small", small), ("big", big))
    results, inside = {}, {}
    for size, token in sizes:
        INSIDE.clear()
        results[size] = weight_change_ms(token, args.runs)
        inside[size] = statistics.median(INSIDE[-args.runs :])
    pages = {size: weight_change_ms(token, args.runs, whole_page=True) for size, token in sizes}
    floor = harness_ms(args.runs)
    print(f"Trade-offs: a weight slider move → saved → ranking, sensitivity and chart redrawn; median of {args.runs}")
    print(f"{'':20}{'fragment rerun':>16}{'inside the fragment':>21}{'whole page':>13}")
    for size, title in (("small", "200 × 40 survey"), ("big", "5,000 × 150 survey")):
        print(f"{title:20}{results[size]:13.1f} ms{inside[size]:18.1f} ms{pages[size]:10.1f} ms")
    print(f"AppTest's own cost (a one-line script): {floor:.1f} ms, included above")
    verdict = "OK" if results["big"] < GOAL_MS else "MISSED"
    print(
        f"ratio big / small {results['big'] / results['small']:.2f}×   goal: < {GOAL_MS} ms on 5,000 × 150: {verdict}"
    )


if __name__ == "__main__":
    main()
