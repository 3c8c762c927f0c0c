"""How large a survey the workbench accepts (issue 9.4), checked when a file is imported.

Decision: real Jobs-to-be-Done surveys hold 50–150 outcomes and a few hundred to a few thousand
respondents. Above the limits below, the pages that compare every outcome with every other
(need clusters, the landscape, the heat map) stop being readable long before they stop being
computable, and the server's memory is shared by every workshop on it. A file beyond a limit is
refused with a message that says what was seen and how to cut it down; nothing is stored.

- :data:`MAX_OUTCOMES` outcomes (a job of ~15 steps × 60 outcomes is already unusual);
- :data:`MAX_RESPONDENTS` respondents;
- :data:`MAX_RATINGS` respondent × outcome pairs (e.g. 200,000 respondents × 150 outcomes; a
  20 M-rating long table imports in under three times DuckDB's own time, bench/long_import_bench.py).

Pages stay usable up to these limits; the few views that grow with outcomes² (the need-cluster
heat map) aggregate above :data:`HEATMAP_OUTCOMES` (see ``ui/cluster_charts.py``).
"""

from __future__ import annotations

from core.intake.report import ValidationReport

MAX_OUTCOMES = 1_000
MAX_RESPONDENTS = 200_000
MAX_RATINGS = 30_000_000
HEATMAP_OUTCOMES = 150  # above this, the heat map shows clusters × clusters instead of outcomes × outcomes


def check_size(outcomes: int, respondents: int, report: ValidationReport, file_name: str) -> bool:
    """Record an error on ``report`` for each limit a survey of this size exceeds; True when within all."""
    ok = True
    if outcomes > MAX_OUTCOMES:
        ok = False
        report.error(
            f"This survey has {outcomes:,} outcomes; the workbench accepts at most {MAX_OUTCOMES:,}.",
            file_name,
            "Split the job into several surveys (one per part of the job), or keep the outcomes that matter "
            "most; typical surveys rate 50–150 outcomes.",
        )
    if respondents > MAX_RESPONDENTS:
        ok = False
        report.error(
            f"This survey has {respondents:,} respondents; the workbench accepts at most {MAX_RESPONDENTS:,}.",
            file_name,
            "Import a random sample of the respondents (scores from 200,000 respondents are already exact "
            "to a tenth of a point).",
        )
    if ok and outcomes * respondents > MAX_RATINGS:
        ok = False
        report.error(
            f"This survey has {respondents:,} respondents × {outcomes:,} outcomes = {outcomes * respondents:,} "
            f"ratings pairs; the workbench accepts at most {MAX_RATINGS:,}.",
            file_name,
            f"Import fewer respondents (at most {MAX_RATINGS // max(outcomes, 1):,} for {outcomes:,} outcomes) "
            "or fewer outcomes.",
        )
    return ok
