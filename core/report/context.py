"""What the report's section builders share: the workspace, its scoring settings, the survey and
the scenario reported, and the views (computed once, on first use)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import ScoringSettings
from core.intake.store import SurveyInfo
from core.strategy.focus import Assignment
from core.strategy.focus_data import load_focus_settings
from core.strategy.scenarios import assignment
from core.views.focus import FocusView, focus_view
from core.workspace.database import Workspace


class ReportError(ValueError):
    """The report cannot be built (no survey, an unknown scenario); the message says how to fix it."""


@dataclass
class ReportContext:
    """What the section builders share; the views are computed once, on first use."""

    workspace: Workspace
    scoring: ScoringSettings
    info: SurveyInfo
    scenario_id: str | None
    scenario_name: str | None

    @cached_property
    def focus(self) -> FocusView:
        """The focus matrix's view: outcome and step scores of everyone and the competition."""
        return focus_view(
            self.workspace, self.scoring, load_focus_settings(self.workspace), load_competition_settings(self.workspace)
        )

    @cached_property
    def assignment(self) -> Assignment:
        return assignment(self.workspace, self.scenario_id) if self.scenario_id else {}

    @property
    def everyone(self) -> pd.DataFrame:
        scores = self.focus.scores
        return scores[scores["group"] == "All"].reset_index(drop=True)

    @cached_property
    def step_n(self) -> pd.Series:
        """step_id → the fewest respondents behind one of its outcomes' scores (the n of a step)."""
        scores = self.everyone
        n = scores[["n_importance", "n_satisfaction"]].min(axis=1)
        return n.groupby(scores["step_id"]).min()
