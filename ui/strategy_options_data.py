"""The Strategy options page's view and its two actions (issue 16.3, 16.4).

The analysis (scores, segments, need clusters, competition, patterns) is cached by the survey's
signature and the segmentations' signature (core.strategy.growth.segments_signature), so an
override or a new scenario, which bump the workspace revision, recompute nothing; the overrides
are read on every run (one small query).
"""

from __future__ import annotations

import streamlit as st

from core.analysis.scoring import ScoringSettings, load_settings
from core.strategy.growth import GrowthError, segments_signature, set_override
from core.strategy.pattern_scenario import try_pattern
from core.strategy.patterns import Pattern
from core.strategy.scenarios import ScenarioError
from core.views.strategy_options import (
    StrategyAnalysis,
    StrategyOptionsView,
    chosen_segmentation,
    strategy_analysis,
    strategy_options_view,
)
from core.workspace.database import Workspace
from ui.focus_view import focus_view
from ui.segment_page_views import need_clusters, segmentation
from ui.view_cache import cached, survey_key

SEGMENTATION_KEY = "strategy_segmentation"
FEEDBACK_KEY = "strategy_feedback"
TRIED_KEY = "strategy_tried"


def build_analysis(workspace: Workspace, scoring: ScoringSettings, segmentation_id: str | None) -> StrategyAnalysis:
    """A module-level builder for ui.view_cache, on the Focus matrix's view and the Segments
    page's need clusters and segment profile as those pages cache them (one computation each)."""
    scores = None
    if segmentation_id is not None:
        profiles = segmentation(workspace, segmentation_id).profiles
        scores = profiles.scores.rename(columns={"segment": "group"})
    clustered = need_clusters(workspace, None)
    return strategy_analysis(workspace, scoring, segmentation_id, focus_view(workspace), clustered, scores)


def view(workspace: Workspace) -> StrategyOptionsView:
    """The page's view under the workspace's scoring settings and the chosen segmentation."""
    key = (survey_key(workspace), segments_signature(workspace))
    chosen = chosen_segmentation(workspace, st.session_state.get(SEGMENTATION_KEY))
    analysis = cached(build_analysis, workspace, load_settings(workspace), chosen, key=key)
    return strategy_options_view(workspace, analysis)


def save_override(workspace: Workspace, segmentation_id: str, segment: str, key: str) -> None:
    """on_change of a strategy picker: store the override at once (None: follow the rule)."""
    picked = st.session_state.get(key)
    try:
        set_override(workspace, segmentation_id, segment, picked or None)
    except GrowthError as error:
        st.session_state[FEEDBACK_KEY] = ("error", str(error))
        return
    what = f"{segment}: {picked}" if picked else f"{segment}: back to the rule's placement"
    st.session_state[FEEDBACK_KEY] = ("saved", what)


def try_as_scenario(workspace: Workspace, pattern: Pattern, suggestion: dict[int, str]) -> None:
    """on_click of "Try as scenario": create the scenario, make it active, remember it for the link."""
    try:
        _, name = try_pattern(workspace, pattern, suggestion)
    except (ScenarioError, ValueError) as error:
        st.session_state[FEEDBACK_KEY] = ("error", str(error))
        return
    st.session_state[TRIED_KEY] = (pattern.key, name)


def show_feedback() -> None:
    """The last action's toast or error, once."""
    feedback = st.session_state.pop(FEEDBACK_KEY, None)
    if feedback is None:
        return
    kind, text = feedback
    if kind == "error":
        st.error(text)
    else:
        st.toast(f"Saved — {text}")
