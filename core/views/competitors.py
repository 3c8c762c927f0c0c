"""The Competitors page's view: the one competitive analysis (core.analysis.competition, the
same the focus matrix plans against), its leads table, and willingness to pay by satisfaction.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import pandas as pd

from core.analysis.competition import Competition, CompetitionSettings, competition, leads_table, outcome_leads
from core.analysis.scoring import ScoringSettings
from core.analysis.wtp import wtp_by_satisfaction
from core.workspace.database import Workspace


@dataclass(frozen=True)
class CompetitorsView:
    analysis: Competition
    leads_table: pd.DataFrame  # core.analysis.competition.leads_table: one row per step
    step_labels: dict[int, str]  # step_id → "3. Capture invoice data", job order
    wtp_by_satisfaction: pd.DataFrame  # core.analysis.wtp.wtp_by_satisfaction; empty without a WTP column

    @property
    def settings(self) -> CompetitionSettings:
        return self.analysis.settings

    @property
    def has_competitors(self) -> bool:
        return not self.analysis.steps.empty

    def outcome_leads(self, step_id: int) -> pd.DataFrame:
        """Leaders per outcome of one step (core.analysis.competition.outcome_leads)."""
        return outcome_leads(self.analysis, step_id)


def competitors_view(workspace: Workspace, scoring: ScoringSettings, settings: CompetitionSettings) -> CompetitorsView:
    """Build the Competitors page's view under the workspace's scoring and competition settings."""
    analysis = competition(workspace, scoring, settings)
    steps = analysis.steps.drop_duplicates("step_id").sort_values("step_order") if len(analysis.steps) else None
    rows: Any = () if steps is None else steps.itertuples()  # pandas rows: their fields are untyped
    labels = {int(r.step_id): f"{r.step_order}. {r.step}" for r in rows}
    return CompetitorsView(
        analysis=analysis,
        leads_table=leads_table(analysis),
        step_labels=labels,
        wtp_by_satisfaction=wtp_by_satisfaction(workspace),
    )
