"""The Focus matrix's view: the scores, the steps, the suggestion and the competitive analysis
it plans against — the same :class:`core.analysis.competition.Competition` the Competitors page
shows, under the same settings (who is compared, who leads, the critical threshold, "us").

The choices are not part of the view: a move changes them and nothing here, so ``ui`` caches
this view by the survey's signature (core.strategy.focus_data.survey_signature) instead of the
revision, and a move costs no scoring query.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.advantage import outcome_leaders
from core.analysis.competition import Competition, CompetitionSettings, competition
from core.analysis.scoring import ScoringSettings, outcome_scores, step_scores
from core.strategy.focus import (
    Assignment,
    FocusSettings,
    GroupTotals,
    group_step_totals,
    important_threshold,
    step_table,
    suggest,
    suggestion_rule,
)
from core.strategy.focus_data import groupings
from core.workspace.database import Workspace


@dataclass(frozen=True)
class FocusView:
    """What the focus matrix shows besides the scenario's choices."""

    scoring: ScoringSettings
    focus: FocusSettings
    scores: pd.DataFrame  # outcome scores of everyone
    steps: pd.DataFrame  # core.strategy.focus.step_table, job order
    outcome_detail: pd.DataFrame  # core.analysis.advantage.outcome_leaders over the compared competitors
    analysis: Competition  # the one competitive analysis (Competitors page too)
    proposal: Assignment  # the suggestion
    rule: tuple[str, ...]  # the suggestion rule in words
    groupings: dict[str, str]  # grouping key → readable name, for "serves best"

    @property
    def competition(self) -> CompetitionSettings:
        """The competition settings as applied ("us" cleared when no compared competitor has the name)."""
        return self.analysis.settings

    @property
    def leading(self) -> pd.DataFrame:
        """Per step: who leads (core.analysis.competition.leaders); empty without competitors."""
        return self.analysis.leads

    @property
    def competitor_steps(self) -> pd.DataFrame:
        """competitor, step_id, satisfaction of the compared competitors; empty without any."""
        if self.analysis.steps.empty:
            return pd.DataFrame({"competitor": [], "step_id": [], "satisfaction": []})
        return self.analysis.steps[["competitor", "step_id", "satisfaction"]]

    @property
    def competitor_source(self) -> str:
        """Where competitor satisfaction comes from, as a phrase ("" without competitor data)."""
        source = self.analysis.source
        if source is None or self.analysis.steps.empty:
            return ""
        return "the competitors sheet" if source == "competitors sheet" else f"users of each {source}"


def focus_view(
    workspace: Workspace, scoring: ScoringSettings, focus: FocusSettings, settings: CompetitionSettings
) -> FocusView:
    """Build the focus matrix's view under the workspace's scoring, focus and competition settings."""
    scores = outcome_scores(workspace, scoring)
    steps = step_table(step_scores(workspace, scores, scoring), scores, scoring)
    analysis = competition(workspace, scoring, settings, everyone=scores)
    important = important_threshold(scores, focus)
    return FocusView(
        scoring=scoring,
        focus=focus,
        scores=scores,
        steps=steps,
        outcome_detail=outcome_leaders(scores, analysis.outcomes),
        analysis=analysis,
        proposal=suggest(steps, scores, scoring, focus, analysis.leads),
        rule=tuple(suggestion_rule(scoring, focus, important)),
        groupings=groupings(workspace),
    )


def group_totals(workspace: Workspace, scoring: ScoringSettings, grouping: str) -> GroupTotals:
    """core.strategy.focus.group_step_totals of ``grouping`` (for "serves best")."""
    return group_step_totals(outcome_scores(workspace, scoring, by=grouping))
