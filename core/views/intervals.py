"""The bootstrap intervals a page shows next to its opportunity scores (issue 16.2).

Kept apart from the pages' own views: those are cached by workspace revision, the intervals by
the survey's signature (ui.view_cache.survey_key) and the scoring settings, so a change that does
not touch the survey (a card move, a note, a weight) never draws the 1,000 resamples again.
"""

from __future__ import annotations

from core.analysis.bootstrap import BootstrapIntervals, bootstrap_intervals
from core.analysis.scoring import ScoringSettings
from core.workspace.database import Workspace


def intervals_view(workspace: Workspace, scoring: ScoringSettings, by: str | None = None) -> BootstrapIntervals:
    """Every outcome's and step's 95 % bootstrap interval, for every group of ``by`` (None: everyone)."""
    return bootstrap_intervals(workspace, scoring, by=by)
