"""The Job map page's view: the steps and outcomes being edited, with their scores."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.scoring import ScoringSettings
from core.intake.survey_queries import outcomes_table, steps_table
from core.views.opportunities import opportunities_view
from core.workspace.database import Workspace


@dataclass(frozen=True)
class JobMapView:
    scoring: ScoringSettings
    steps: pd.DataFrame  # core.intake.survey_queries.steps_table, job order
    outcomes: pd.DataFrame  # core.intake.survey_queries.outcomes_table
    step_summary: pd.DataFrame  # step scores of everyone (core.analysis.scoring.step_scores)
    scores: pd.DataFrame  # outcome scores of everyone (core.analysis.scoring.outcome_scores)


def job_map_view(workspace: Workspace, scoring: ScoringSettings) -> JobMapView:
    """Build the Job map page's view."""
    everyone = opportunities_view(workspace, scoring)
    return JobMapView(scoring, steps_table(workspace), outcomes_table(workspace), everyone.steps, everyone.scores)
