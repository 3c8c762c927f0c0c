"""Derived data for pages, cached per workspace revision and scoring settings.

Every change to a workspace bumps its revision, so a cache entry can never serve stale data;
unchanged reruns (a click on a chart, a filter) reuse the frames.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.focus import step_table
from core.focus_data import competitor_step_scores, groupings, survey_signature
from core.scoring import ScoringSettings, load_settings, outcome_scores, step_scores
from core.store import SurveyInfo, survey_info
from core.survey_queries import attribute_groups, group_sizes, outcomes_table, steps_table
from core.workspace import Workspace
from ui.charts import landscape, step_bars
from ui.session import _open

SMALL_GROUP = 30  # below this n, group scores come with a warning


@st.cache_data(show_spinner=False, max_entries=128)
def _scores(token: str, revision: int, settings: ScoringSettings, by: str | None) -> pd.DataFrame:
    return outcome_scores(_open(token), settings, by=by)


@st.cache_data(show_spinner=False, max_entries=128)
def _step_scores(token: str, revision: int, settings: ScoringSettings, by: str | None) -> pd.DataFrame:
    workspace = _open(token)
    return step_scores(workspace, _scores(token, revision, settings, by), settings)


@st.cache_data(show_spinner=False, max_entries=64)
def _cached(token: str, revision: int, what: str) -> object:
    workspace = _open(token)
    return {
        "info": survey_info,
        "steps": steps_table,
        "outcomes": outcomes_table,
        "groups": attribute_groups,
    }[what](workspace)


@st.cache_data(show_spinner=False, max_entries=64)
def _chart_specs(token: str, revision: int, settings: ScoringSettings, by: str | None, group: str) -> dict:
    """Vega-Lite specs of the Opportunities charts. Building an Altair chart costs far more
    than a rerun may (a few hundred ms on 150 outcomes), so the finished specs are cached."""
    scores = _scores(token, revision, settings, by)
    steps = _step_scores(token, revision, settings, by)
    return {
        "landscape": landscape(scores[scores["group"] == group], settings).to_dict(),
        "step_bars": step_bars(steps[steps["group"] == group], settings).to_dict(),
    }


def chart_specs(workspace: Workspace, by: str | None, group: str) -> dict:
    """``{"landscape": spec, "step_bars": spec}`` for one group (``"All"`` for everyone)."""
    return _chart_specs(workspace.token, workspace.revision, load_settings(workspace), by, group)


@st.cache_data(show_spinner=False, max_entries=64)
def _group_sizes(token: str, revision: int, attribute: str) -> pd.DataFrame:
    return group_sizes(_open(token), attribute)


def sizes_of_groups(workspace: Workspace, attribute: str) -> pd.DataFrame:
    """grp, n of one attribute, largest first."""
    return _group_sizes(workspace.token, workspace.revision, attribute)


def settings(workspace: Workspace) -> ScoringSettings:
    return load_settings(workspace)


def scores(workspace: Workspace, by: str | None = None) -> pd.DataFrame:
    """Outcome scores (see core.scoring.outcome_scores) under the workspace's settings."""
    return _scores(workspace.token, workspace.revision, load_settings(workspace), by)


def steps_summary(workspace: Workspace, by: str | None = None) -> pd.DataFrame:
    return _step_scores(workspace.token, workspace.revision, load_settings(workspace), by)


def info(workspace: Workspace) -> SurveyInfo | None:
    return _cached(workspace.token, workspace.revision, "info")


def steps(workspace: Workspace) -> pd.DataFrame:
    return _cached(workspace.token, workspace.revision, "steps")


def outcomes(workspace: Workspace) -> pd.DataFrame:
    return _cached(workspace.token, workspace.revision, "outcomes")


def groups(workspace: Workspace) -> pd.DataFrame:
    """Respondent attributes usable as group filters: attribute, header, grouping, n_groups."""
    return _cached(workspace.token, workspace.revision, "groups")


# --- focus matrix ------------------------------------------------------------------------
# Moving a card writes a decision and bumps the revision, but changes no score. The focus
# matrix therefore keys its frames by a digest of the survey data (core.focus_data.survey_signature,
# itself cached per revision) instead of the revision, so a move never recomputes the scores.
@st.cache_data(show_spinner=False, max_entries=128)
def _survey_signature(token: str, revision: int) -> str:
    return survey_signature(_open(token))


@st.cache_data(show_spinner=False, max_entries=32)
def _focus_frames(token: str, signature: str, settings: ScoringSettings) -> dict[str, object]:
    workspace = _open(token)
    scores = outcome_scores(workspace, settings)
    steps = step_table(step_scores(workspace, scores, settings), scores, settings)
    competitor_outcomes, competitor_by_step, source = competitor_step_scores(workspace, settings)
    return {
        "scores": scores,
        "steps": steps,
        "competitor_outcomes": competitor_outcomes,
        "competitor_steps": competitor_by_step,
        "competitor_source": source,
        "groupings": groupings(workspace),
    }


@st.cache_data(show_spinner=False, max_entries=64)
def _focus_group_scores(token: str, signature: str, settings: ScoringSettings, grouping: str) -> pd.DataFrame:
    return outcome_scores(_open(token), settings, by=grouping)


def focus_frames(workspace: Workspace) -> dict[str, object]:
    """What the focus matrix scores: ``scores`` (outcomes, everyone), ``steps`` (core.focus.step_table),
    ``competitor_outcomes``, ``competitor_steps``, ``competitor_source`` ("" without competitor
    data) and ``groupings`` (grouping key → name)."""
    signature = _survey_signature(workspace.token, workspace.revision)
    return _focus_frames(workspace.token, signature, load_settings(workspace))


def focus_group_scores(workspace: Workspace, grouping: str) -> pd.DataFrame:
    """Outcome scores per group of ``grouping``, cached like :func:`focus_frames`."""
    signature = _survey_signature(workspace.token, workspace.revision)
    return _focus_group_scores(workspace.token, signature, load_settings(workspace), grouping)
