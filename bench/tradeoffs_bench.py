"""Trade-offs benchmark: from a weight slider move to the redrawn page, server side.

A move stores the weight (the others rescaled), then the page reruns: the survey-derived
numbers come from the cache (keyed by the survey's signature, ui/tradeoffs_view.py), the matrix,
ranking, sensitivity and chart are recomputed from them. This times exactly that with
Streamlit's AppTest through app.py (router, sidebar, page): each timed run moves the
"Opportunity size" slider (alternately 20 and 40 %), so each one writes to the workspace.

Workspaces: 5,000 × 150 (the goal's size) and 200 × 40 (the baseline measured in the same run);
the ratio big / small shows how much the survey's size still costs per weight change.
Goal (issue 13.6): under 200 ms median on the big survey.

    python -m bench.tradeoffs_bench [--runs 15]
"""

from __future__ import annotations

import argparse
import os
import statistics
import tempfile
import time
from pathlib import Path

from bench.focus_bench import harness_ms
from bench.rerun_bench import workspace_with
from bench.workbooks import canonical_workbook

REPO = Path(__file__).resolve().parent.parent
GOAL_MS = 200
PAGE = "pages/trade_offs.py"


def _navigation_only() -> None:
    """As in tests/app/conftest.py: AppTest reruns go through st.navigation, like a browser."""
    from streamlit.runtime.pages_manager import PagesManager

    original = PagesManager.__init__

    def init(self, *args, **kwargs) -> None:
        original(self, *args, **kwargs)
        PagesManager.uses_pages_directory = False

    PagesManager.__init__ = init


def weight_change_ms(token: str, runs: int) -> float:
    """Median whole-page rerun after a weight slider move, in ms."""
    from streamlit.testing.v1 import AppTest

    from ui.tradeoffs_live import WEIGHT_KEY

    app = AppTest.from_file(str(REPO / "app.py"), default_timeout=180)
    app.query_params["ws"] = token
    app.run()
    app.switch_page(PAGE).run()
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
    _navigation_only()
    small = workspace_with(canonical_workbook(200, 40, steps=8))
    big = workspace_with(canonical_workbook(5000, 150))
    results = {size: weight_change_ms(token, args.runs) for size, token in (("small", small), ("big", big))}
    floor = harness_ms(args.runs)
    print(f"Trade-offs: a weight slider move → saved → ranking, sensitivity and chart redrawn; median of {args.runs}")
    print(f"200 × 40 survey     {results['small']:8.1f} ms   (baseline)")
    print(f"5,000 × 150 survey  {results['big']:8.1f} ms")
    print(f"AppTest's own cost (a one-line script): {floor:.1f} ms, included above")
    verdict = "OK" if results["big"] < GOAL_MS else "MISSED"
    print(
        f"ratio big / small {results['big'] / results['small']:.2f}×   goal: < {GOAL_MS} ms on 5,000 × 150: {verdict}"
    )


if __name__ == "__main__":
    main()
