"""Survey waves benchmark (issue 14.5): the ``waves`` command and the comparison query.

1. ``python -m core waves A B --format json`` on two 5,000 × 150 canonical workbooks (the same
   synthetic survey fielded twice: same outcomes, other respondents), against the baseline of
   ``python -m core score A --format json`` followed by ``score B`` — two processes, one after
   the other, in the same process tree. The waves command reads both files (each in the bounded
   child, like ``score``) and scores both, so the cost of comparing is the difference.
   Goal: waves ≤ 1.3 × the two score runs (wall and CPU time are both printed: on a loaded machine
   the CPU time is the figure to compare).
2. In-process, on a workspace holding A as the base wave and B as a stored wave (counts): the
   comparison (:func:`core.views.waves.waves_view` without a competitor: two scoring queries from
   counts, the per-outcome comparison with p-values, the per-step summary) against one bare
   :func:`core.analysis.scoring.outcome_scores` of everyone. No goal: it shows what comparing adds
   to scoring once.

    python -m bench.waves_bench [--respondents 5000] [--outcomes 150] [--runs 3]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from bench.harness import OUT, load, median_run, timed
from bench.workbooks import canonical_workbook

GOAL_RATIO = 1.3


def second_wave(respondents: int, outcomes: int, *, steps: int = 12, seed: int = 7) -> Path:
    """The same synthetic survey as bench.workbooks.canonical_workbook, other respondents."""
    from sample_surveys.generate import build_survey, synthetic_spec, write_workbook

    path = OUT / f"canonical_{respondents}x{outcomes}_wave2.xlsx"
    if not path.exists():
        OUT.mkdir(parents=True, exist_ok=True)
        print(f"generating {path.name} …", flush=True)
        spec = synthetic_spec(n_steps=min(steps, outcomes), n_outcomes=outcomes, seed=seed)
        write_workbook(build_survey(spec, n_respondents=respondents, seed=seed + 1), path)
    return path


def cli_figures(first: Path, second: Path, runs: int) -> None:
    waves = median_run(["-m", "core", "waves", str(first), str(second), "--format", "json"], runs)
    score_a = median_run(["-m", "core", "score", str(first), "--format", "csv"], runs)  # csv: no bootstrap
    score_b = median_run(["-m", "core", "score", str(second), "--format", "csv"], runs)
    wall = score_a.seconds + score_b.seconds
    cpu = score_a.cpu_seconds + score_b.cpu_seconds
    print(f"waves CLI      {waves.seconds:6.2f} s wall, {waves.cpu_seconds:6.2f} s CPU, peak {waves.peak_mib:.0f} MiB")
    print(f"2 × score      {wall:6.2f} s wall, {cpu:6.2f} s CPU (baseline)")
    print(f"ratio          {waves.seconds / wall:.2f}× wall, {waves.cpu_seconds / cpu:.2f}× CPU (goal ≤ {GOAL_RATIO}×)")


def query_figures(first: Path, second: Path, runs: int) -> None:
    from core.analysis.competition import CompetitionSettings
    from core.analysis.scoring import ScoringSettings, outcome_scores
    from core.analysis.waves import add_wave
    from core.analysis.waves_match import survey_wave
    from core.intake.importers import import_survey
    from core.intake.store import store_survey
    from core.views.waves import waves_view
    from core.workspace.database import open_workspace

    workspace = open_workspace()
    store_survey(workspace, import_survey(first).survey)
    add_wave(workspace, survey_wave(import_survey(second).survey), "Wave 2")
    settings, competition = ScoringSettings(), CompetitionSettings()
    waves_view(workspace, settings, competition)  # warm-up
    outcome_scores(workspace, settings)
    compare = timed(lambda: waves_view(workspace, settings, competition), runs)
    bare = timed(lambda: outcome_scores(workspace, settings), runs)
    print(f"comparison     {compare * 1000:7.1f} ms (two waves from counts, p-values, steps)")
    print(f"bare scoring   {bare * 1000:7.1f} ms (baseline: one outcome_scores of everyone)")
    print(f"ratio          {compare / bare:.2f}×")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--respondents", type=int, default=5000)
    parser.add_argument("--outcomes", type=int, default=150)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--query-only", action="store_true", help="skip the command-line figures")
    args = parser.parse_args()
    first = canonical_workbook(args.respondents, args.outcomes)
    second = second_wave(args.respondents, args.outcomes)
    print(f"{args.respondents:,} × {args.outcomes} twice; {load()}")
    if not args.query_only:
        cli_figures(first, second, args.runs)
    query_figures(first, second, args.runs * 5)


if __name__ == "__main__":
    main()
