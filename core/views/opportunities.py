"""The Opportunities page's view: outcome and step scores of every group of one grouping.

The view holds every group of the grouping (the scores of all groups come from one query), so
switching the group shown reuses it; :meth:`OpportunitiesView.scores_of` picks one group.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.scoring import ScoringSettings, outcome_scores, step_scores
from core.workspace.database import Workspace

EVERYONE = "All"


@dataclass(frozen=True)
class OpportunitiesView:
    scoring: ScoringSettings
    by: str | None  # the grouping (core.analysis.scoring.outcome_scores ``by``), None for everyone
    scores: pd.DataFrame  # outcome scores, every group (core.analysis.scoring.outcome_scores)
    steps: pd.DataFrame  # step scores, every group (core.analysis.scoring.step_scores)

    def scores_of(self, group: str = EVERYONE) -> pd.DataFrame:
        """The outcome scores of one group ("All" for everyone)."""
        return self.scores[self.scores["group"] == group].reset_index(drop=True)

    def steps_of(self, group: str = EVERYONE) -> pd.DataFrame:
        """The step scores of one group ("All" for everyone)."""
        return self.steps[self.steps["group"] == group].reset_index(drop=True)


def opportunities_view(workspace: Workspace, scoring: ScoringSettings, by: str | None = None) -> OpportunitiesView:
    """Build the Opportunities page's view of the grouping ``by`` (None: everyone)."""
    scores = outcome_scores(workspace, scoring, by=by)
    return OpportunitiesView(scoring, by, scores, step_scores(workspace, scores, scoring))
