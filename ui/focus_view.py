"""The Focus matrix's view (core.views.focus), cached by the survey's signature.

Moving a card writes a decision and bumps the revision, but changes no score. The focus view is
therefore keyed by a digest of the survey data (core.strategy.focus_data.survey_signature,
itself cached per revision) and the settings, instead of the revision, so a move never
recomputes the scores. The Scenario comparison reads the same view.
"""

from __future__ import annotations

import pandas as pd

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import ScoringSettings, load_settings
from core.strategy.focus import GroupTotals
from core.strategy.focus_data import load_focus_settings
from core.views.focus import FocusView, group_totals
from core.views.focus import focus_view as build_focus_view
from core.workspace.database import Workspace
from ui.charts.focus import competitor_lines
from ui.view_cache import cached, survey_key


def focus_view(workspace: Workspace) -> FocusView:
    """The focus matrix's view under the workspace's scoring, focus and competition settings."""
    settings = (load_settings(workspace), load_focus_settings(workspace), load_competition_settings(workspace))
    return cached(build_focus_view, workspace, *settings, key=survey_key(workspace))


def build_competitor_lines(workspace: Workspace, *settings: object) -> pd.DataFrame:
    view = cached(build_focus_view, workspace, *settings, key=survey_key(workspace))
    return competitor_lines(view.steps, view.competitor_steps)


def focus_competitor_lines(workspace: Workspace) -> pd.DataFrame:
    """The advantage map's competitor dataset (ui.charts.focus.competitor_lines) of the focus view."""
    settings = (load_settings(workspace), load_focus_settings(workspace), load_competition_settings(workspace))
    return cached(build_competitor_lines, workspace, *settings, key=survey_key(workspace))


def focus_group_totals(workspace: Workspace, grouping: str) -> GroupTotals:
    """core.strategy.focus.group_step_totals of ``grouping``, cached like :func:`focus_view`."""
    scoring: ScoringSettings = load_settings(workspace)
    return cached(group_totals, workspace, scoring, grouping, key=survey_key(workspace))
