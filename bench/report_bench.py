"""Report benchmark (issue 15.6): the PDF and the PowerPoint deck of the 5,000 × 150 survey.

Loads bench/out/canonical_5000x150.xlsx (bench/workbooks.py) into an in-memory workspace, decides
a scenario (the first third of the steps differentiate, the next third meet, the rest accept) and
times, median of ``--runs``:

- the baseline, measured in the same run: building the Opportunities page's view
  (core.views.opportunities.opportunities_view), the scoring the report also needs;
- the report model (core.report.build.build_report);
- the PDF (model + render, A4) and the deck (model + render) — the user's wait after a click;
- inside those same PDF and deck runs, the time spent in core.report.chart_images.png (the
  function is wrapped with a timer that calls the real one): the share spent rendering charts.

Wall and CPU seconds are printed with the machine's load (2 shared cores: wall time there
mostly measures the wait for a core). Goal: PDF and deck each under 10 s.

    python -m bench.report_bench [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import time

from bench.harness import load
from bench.workbooks import canonical_workbook

GOAL_S = 10.0


CHART_SECONDS = [0.0]  # time spent in chart_images.png since the last reset


def timed(function, runs: int) -> tuple[float, float, float]:
    """Median (wall, CPU, chart-rendering wall) seconds of ``function()``; CPU counts every thread."""
    walls, cpus, charts = [], [], []
    for _ in range(runs):
        CHART_SECONDS[0] = 0.0
        wall, cpu = time.perf_counter(), time.process_time()
        function()
        walls.append(time.perf_counter() - wall)
        cpus.append(time.process_time() - cpu)
        charts.append(CHART_SECONDS[0])
    return statistics.median(walls), statistics.median(cpus), statistics.median(charts)


def time_charts(chart_images) -> None:
    """Wrap chart_images.png (called through the module by the PDF and the deck) with a timer."""
    real = chart_images.png

    def png(*args, **kwargs):
        start = time.perf_counter()
        try:
            return real(*args, **kwargs)
        finally:
            CHART_SECONDS[0] += time.perf_counter() - start

    chart_images.png = png


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()

    from core.analysis.scoring import load_settings
    from core.intake.loading import load_file
    from core.report import chart_images
    from core.report.build import build_report
    from core.report.deck import CHART_SCALE, render_pptx
    from core.report.pdf import render_pdf
    from core.strategy import scenarios
    from core.strategy.focus import ACCEPT, DIFFERENTIATE, MEET
    from core.views.opportunities import opportunities_view
    from core.workspace.database import open_workspace

    path = canonical_workbook(5000, 150)
    workspace = open_workspace()
    load_file(workspace, path.read_bytes(), path.name, isolated=False)
    steps = sorted(int(s) for s in opportunities_view(workspace, load_settings(workspace)).steps_of()["step_id"])
    third = max(1, len(steps) // 3)
    choices = {s: DIFFERENTIATE if i < third else MEET if i < 2 * third else ACCEPT for i, s in enumerate(steps)}
    scenarios.set_assignment(workspace, scenarios.active_scenario(workspace), choices)
    report = build_report(workspace)
    charts = [c for s in report.sections for c in s.charts]
    print(f"5,000 × 150 survey, {len(steps)} steps, {len(report.sections)} sections, {len(charts)} charts; {load()}")
    chart_images.png(charts[0].spec, CHART_SCALE)  # the renderer's one-time start, as after the first report
    time_charts(chart_images)

    baseline = timed(lambda: opportunities_view(workspace, load_settings(workspace)), args.runs)
    model = timed(lambda: build_report(workspace), args.runs)
    pdf = timed(lambda: render_pdf(build_report(workspace), "a4"), args.runs)
    deck = timed(lambda: render_pptx(build_report(workspace)), args.runs)

    print(f"{'step':<34}{'wall s':>8}{'CPU s':>8}{'charts s':>10}{'× baseline':>12}")
    for name, (wall, cpu, chart) in (
        ("baseline: Opportunities view", baseline),
        ("report model", model),
        ("PDF (model + render)", pdf),
        ("deck (model + render)", deck),
    ):
        print(f"{name:<34}{wall:>8.2f}{cpu:>8.2f}{chart:>10.2f}{wall / baseline[0]:>12.1f}")
    for name, (wall, _, chart) in (("PDF", pdf), ("deck", deck)):
        verdict = "met" if wall < GOAL_S else "MISSED"
        print(
            f"{name}: {wall:.2f} s (goal < {GOAL_S:g} s: {verdict}); "
            f"rendering charts {chart:.2f} s = {chart / wall:.0%}"
        )
    workspace.close()


if __name__ == "__main__":
    main()
