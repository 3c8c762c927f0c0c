"""Methods and intervals benchmark (issue 16.7): on the 5,000 × 150 survey, the bootstrap intervals
of every opportunity (1,000 resamples, core/analysis/bootstrap.py) and the methods comparison
(core/analysis/methods.py), each against the plain scoring of everyone (core.analysis.scoring
.outcome_scores) measured in the same run on the same workspace.
Goals: the bootstrap under 2 s, the methods comparison under 1 s.

    python -m bench.methods_bench [--respondents 5000] [--outcomes 150] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.harness import load
from bench.workbooks import canonical_workbook

BOOTSTRAP_GOAL_S, METHODS_GOAL_S = 2.0, 1.0


def timed(function, repeats: int) -> tuple[float, float]:
    """Median wall and CPU seconds of ``function()`` (CPU: this process, all its threads — on a
    shared, loaded machine the wall time mostly measures the wait for a core)."""
    walls, cpus = [], []
    for _ in range(repeats):
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
    return statistics.median(walls), statistics.median(cpus)


def line(name: str, figures: tuple[float, float], baseline: tuple[float, float], goal: float | None) -> str:
    (wall, cpu), (base_wall, base_cpu) = figures, baseline
    text = f"{name:<20}{wall * 1000:7.0f} ms wall {cpu * 1000:7.0f} ms CPU"
    if goal is None:
        return text + "  (baseline)"
    verdict = "met" if min(wall, cpu) < goal else "MISSED"
    return text + f"  {wall / base_wall:5.1f}× / {cpu / base_cpu:5.1f}× baseline  goal < {goal:g} s: {verdict}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--outcomes", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from core.analysis.bootstrap import RESAMPLES, bootstrap_intervals
    from core.analysis.methods import methods_comparison
    from core.analysis.scoring import outcome_scores
    from core.intake.importers import import_survey
    from core.intake.store import store_survey
    from core.workspace.database import open_workspace

    path = canonical_workbook(args.respondents, args.outcomes)
    result = import_survey(path)
    assert result.ok and result.survey is not None, result.report.to_text()
    workspace = open_workspace()
    store_survey(workspace, result.survey)
    bootstrap_intervals(workspace)  # warm: first SQL and BLAS calls
    print(f"{args.respondents:,} × {args.outcomes} survey; {load()}")

    baseline = timed(lambda: outcome_scores(workspace), args.runs * 3)
    boot = timed(lambda: bootstrap_intervals(workspace), args.runs)
    methods = timed(lambda: methods_comparison(workspace), args.runs * 3)
    print(line("scoring everyone", baseline, baseline, None))
    print(line(f"bootstrap, {RESAMPLES:,}", boot, baseline, BOOTSTRAP_GOAL_S))
    print(line("methods comparison", methods, baseline, METHODS_GOAL_S))
    print(f"{load()}")
    workspace.close()


if __name__ == "__main__":
    main()
