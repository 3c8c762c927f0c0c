"""Derived data for pages, cached per workspace revision and scoring settings.

Every change to a workspace bumps its revision, so a cache entry can never serve stale data;
unchanged reruns (a click on a chart, a filter) reuse the frames.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.analysis.advantage import CompetitionSettings, leaders, outcome_leaders
from core.analysis.scoring import ScoringSettings, load_settings, outcome_scores, step_scores
from core.intake.store import SurveyInfo, survey_info
from core.intake.survey_queries import attribute_groups, group_sizes, outcomes_table, steps_table
from core.strategy.focus import (
    FocusSettings,
    GroupTotals,
    group_step_totals,
    important_threshold,
    step_table,
    suggest,
    suggestion_rule,
)
from core.strategy.focus_data import competitor_step_scores, groupings, survey_signature
from core.workspace.database import Workspace
from ui.charts import landscape, step_bars
from ui.focus_charts import competitor_lines
from ui.session import _open

SMALL_GROUP = 30  # below this n, group scores come with a warning
# Every cache is bounded by entries and by age (issue 9.6): entries of workshops nobody looks at
# any more leave memory within the hour, even when no new entries push them out.
CACHE_TTL = "1h"


@st.cache_data(show_spinner=False, max_entries=128, ttl=CACHE_TTL)
def _scores(token: str, revision: int, settings: ScoringSettings, by: str | None) -> pd.DataFrame:
    return outcome_scores(_open(token), settings, by=by)


@st.cache_data(show_spinner=False, max_entries=128, ttl=CACHE_TTL)
def _step_scores(token: str, revision: int, settings: ScoringSettings, by: str | None) -> pd.DataFrame:
    workspace = _open(token)
    return step_scores(workspace, _scores(token, revision, settings, by), settings)


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _cached(token: str, revision: int, what: str) -> object:
    workspace = _open(token)
    return {
        "info": survey_info,
        "steps": steps_table,
        "outcomes": outcomes_table,
        "groups": attribute_groups,
    }[what](workspace)


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
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


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _group_sizes(token: str, revision: int, attribute: str) -> pd.DataFrame:
    return group_sizes(_open(token), attribute)


def sizes_of_groups(workspace: Workspace, attribute: str) -> pd.DataFrame:
    """grp, n of one attribute, largest first."""
    return _group_sizes(workspace.token, workspace.revision, attribute)


def settings(workspace: Workspace) -> ScoringSettings:
    return load_settings(workspace)


def scores(workspace: Workspace, by: str | None = None) -> pd.DataFrame:
    """Outcome scores (see core.analysis.scoring.outcome_scores) under the workspace's settings."""
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
# matrix therefore keys its frames by a digest of the survey data (core.strategy.focus_data.survey_signature,
# itself cached per revision) instead of the revision, so a move never recomputes the scores.
@st.cache_data(show_spinner=False, max_entries=128, ttl=CACHE_TTL)
def _survey_signature(token: str, revision: int) -> str:
    return survey_signature(_open(token))


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_TTL)
def _focus_frames(token: str, signature: str, settings: ScoringSettings) -> dict[str, object]:
    workspace = _open(token)
    scores = outcome_scores(workspace, settings)
    steps = step_table(step_scores(workspace, scores, settings), scores, settings)
    competitor_outcomes, competitor_by_step, source = competitor_step_scores(workspace, settings)
    return {
        "scores": scores,
        "steps": steps,
        "outcome_detail": outcome_leaders(scores, competitor_outcomes),
        "competitor_steps": competitor_by_step,
        "competitor_lines": competitor_lines(steps, competitor_by_step),
        "competitor_source": source,
        "groupings": groupings(workspace),
    }


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _focus_derived(
    token: str, signature: str, settings: ScoringSettings, focus: FocusSettings, competition: CompetitionSettings
) -> dict[str, object]:
    frames = _focus_frames(token, signature, settings)
    leading = leaders(frames["competitor_steps"], competition)
    important = important_threshold(frames["scores"], focus)
    return {
        "leading": leading,
        "proposal": suggest(frames["steps"], frames["scores"], settings, focus, leading),
        "rule": suggestion_rule(settings, focus, important),
    }


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _focus_group_totals(token: str, signature: str, settings: ScoringSettings, grouping: str) -> GroupTotals:
    return group_step_totals(outcome_scores(_open(token), settings, by=grouping))


def focus_frames(workspace: Workspace) -> dict[str, object]:
    """What the focus matrix scores: ``scores`` (outcomes, everyone), ``steps`` (core.strategy.focus.step_table),
    ``outcome_detail`` (outcomes with their best competitor), ``competitor_steps``,
    ``competitor_lines`` (the map's competitor dataset), ``competitor_source`` ("" without
    competitor data) and ``groupings`` (grouping key → name)."""
    signature = _survey_signature(workspace.token, workspace.revision)
    return _focus_frames(workspace.token, signature, load_settings(workspace))


def focus_derived(workspace: Workspace, focus: FocusSettings, competition: CompetitionSettings) -> dict[str, object]:
    """What follows from the scores and the facilitator's settings but not from the choices:
    ``leading`` (core.analysis.advantage.leaders), ``proposal`` (the suggestion) and ``rule`` (its text)."""
    signature = _survey_signature(workspace.token, workspace.revision)
    return _focus_derived(workspace.token, signature, load_settings(workspace), focus, competition)


def focus_group_totals(workspace: Workspace, grouping: str) -> GroupTotals:
    """core.strategy.focus.group_step_totals of ``grouping``, cached like :func:`focus_frames`."""
    signature = _survey_signature(workspace.token, workspace.revision)
    return _focus_group_totals(workspace.token, signature, load_settings(workspace), grouping)


# --- segments, need clusters, competitors (issue #6) --------------------------------------
# Runs (a segmentation, a rename) happen on clicks and bump the revision; everything derived
# is cached per token + revision (+ settings), so reruns reuse it.
@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _segment_cached(token: str, revision: int, what: str, segmentation_id: str = "") -> object:
    from core.analysis import segment_store
    from core.analysis.wtp import wtp_attribute, wtp_by_satisfaction, wtp_by_segment

    workspace = _open(token)
    return {
        "segmentations": lambda: segment_store.list_segmentations(workspace),
        "groupings": lambda: segment_store.segmentation_groupings(workspace),
        "sizes": lambda: segment_store.segment_sizes(workspace, segmentation_id),
        "wtp_attribute": lambda: wtp_attribute(workspace),
        "wtp_by_segment": lambda: wtp_by_segment(workspace, segmentation_id),
        "wtp_by_satisfaction": lambda: wtp_by_satisfaction(workspace),
    }[what]()


def segmentations(workspace: Workspace) -> list:
    """Saved segmentations (core.analysis.segment_store.SavedSegmentation), oldest first."""
    return _segment_cached(workspace.token, workspace.revision, "segmentations")


def segmentation_groups(workspace: Workspace) -> pd.DataFrame:
    """Saved segmentations usable as group filters: grouping ('segmentation:<id>'), header, n_groups."""
    return _segment_cached(workspace.token, workspace.revision, "groupings")


def segment_group_sizes(workspace: Workspace, segmentation_id: str) -> pd.DataFrame:
    """grp, n of one saved segmentation, largest first."""
    return _segment_cached(workspace.token, workspace.revision, "sizes", segmentation_id)


def wtp_attribute(workspace: Workspace) -> object:
    """The willingness-to-pay attribute (core.analysis.wtp.WtpAttribute) or None."""
    return _segment_cached(workspace.token, workspace.revision, "wtp_attribute")


def wtp_by_segment(workspace: Workspace, segmentation_id: str) -> pd.DataFrame:
    return _segment_cached(workspace.token, workspace.revision, "wtp_by_segment", segmentation_id)


def wtp_by_satisfaction(workspace: Workspace) -> pd.DataFrame:
    return _segment_cached(workspace.token, workspace.revision, "wtp_by_satisfaction")


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_TTL)
def _segment_profiles(token: str, revision: int, settings: ScoringSettings, segmentation_id: str) -> object:
    from core.analysis.segment_profiles import profile_segmentation
    from core.analysis.segment_store import get_segmentation

    workspace = _open(token)
    return profile_segmentation(workspace, get_segmentation(workspace, segmentation_id), settings)


def segment_profiles(workspace: Workspace, segmentation_id: str) -> object:
    """core.analysis.segment_profiles.SegmentProfiles of a saved segmentation (raises SegmentationError if gone)."""
    return _segment_profiles(workspace.token, workspace.revision, load_settings(workspace), segmentation_id)


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_TTL)
def _need_clusters(token: str, revision: int, k: int | None) -> tuple[object, str | None]:
    from core.analysis.need_clusters import NeedClusterError, need_clusters

    try:
        return need_clusters(_open(token), k), None
    except NeedClusterError as exc:
        return None, str(exc)


def need_clusters(workspace: Workspace, k: int | None = None) -> tuple[object, str | None]:
    """(core.analysis.need_clusters.NeedClusters, None), or (None, a message saying why there are none)."""
    return _need_clusters(workspace.token, workspace.revision, k)


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_TTL)
def _competition(token: str, revision: int, settings: ScoringSettings, competition_settings: object) -> object:
    from core.analysis.competition import competition

    return competition(_open(token), settings, competition_settings)


def competition(workspace: Workspace) -> object:
    """core.analysis.competition.Competition under the workspace's scoring and competition settings."""
    from core.analysis.competition import load_competition_settings

    return _competition(
        workspace.token, workspace.revision, load_settings(workspace), load_competition_settings(workspace)
    )


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_TTL)
def _segment_specs(token: str, revision: int, settings: ScoringSettings, segmentation_id: str) -> dict:
    """Vega-Lite specs of one segmentation's charts (built once per revision: Altair is slow)."""
    from core.analysis.segment_store import GROUPING_PREFIX
    from ui.segment_charts import silhouette_chart, sizes_chart, step_heatmap, wtp_chart

    profiles = _segment_profiles(token, revision, settings, segmentation_id)
    order = list(profiles.sizes["segment"])
    by_segment = _step_scores(token, revision, settings, GROUPING_PREFIX + segmentation_id)
    everyone = _step_scores(token, revision, settings, None)
    saved = profiles.segmentation
    specs = {
        "sizes": sizes_chart(profiles.sizes).to_dict(),
        "silhouettes": silhouette_chart(saved.params.get("silhouettes", {}), saved.k).to_dict(),
        "steps": step_heatmap(by_segment, everyone, order).to_dict(),
    }
    wtp = _segment_cached(token, revision, "wtp_by_segment", segmentation_id)
    if len(wtp):
        specs["wtp"] = wtp_chart(wtp, "segment", order, "Median willingness to pay by segment").to_dict()
    return specs


def segment_specs(workspace: Workspace, segmentation_id: str) -> dict:
    """``sizes``, ``silhouettes``, ``steps`` and (when the survey asks for WTP) ``wtp`` chart specs."""
    return _segment_specs(workspace.token, workspace.revision, load_settings(workspace), segmentation_id)


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _mix_spec(token: str, revision: int, settings: ScoringSettings, segmentation_id: str, attribute: str) -> dict:
    from ui.segment_charts import attribute_mix_chart

    profiles = _segment_profiles(token, revision, settings, segmentation_id)
    mix = profiles.attribute_mix[profiles.attribute_mix["attribute"] == attribute]
    return attribute_mix_chart(mix, list(profiles.sizes["segment"])).to_dict()


def attribute_mix_spec(workspace: Workspace, segmentation_id: str, attribute: str) -> dict:
    return _mix_spec(workspace.token, workspace.revision, load_settings(workspace), segmentation_id, attribute)


@st.cache_data(show_spinner=False, max_entries=32, ttl=CACHE_TTL)
def _cluster_specs(token: str, revision: int, settings: ScoringSettings, k: int | None, segmentation_id: str) -> dict:
    """Specs and tables of the need clusters; ``{}`` when there are none (see need_clusters)."""
    from core.analysis.need_clusters import cluster_summary
    from core.analysis.segment_store import GROUPING_PREFIX
    from ui.cluster_charts import dominance_by_segment, dominance_chart, heatmap_spec

    clusters, _ = _need_clusters(token, revision, k)
    if clusters is None:
        return {}
    summary = cluster_summary(clusters, _scores(token, revision, settings, None), settings)
    specs = {
        "summary": summary,
        "heatmap": heatmap_spec(clusters),
        "dominance": dominance_chart(summary, settings.solid).to_dict(),
    }
    if segmentation_id:
        by = cluster_summary(clusters, _scores(token, revision, settings, GROUPING_PREFIX + segmentation_id), settings)
        order = list(_segment_profiles(token, revision, settings, segmentation_id).sizes["segment"])
        specs["by_segment"] = dominance_by_segment(by, order).to_dict()
    return specs


def cluster_specs(workspace: Workspace, k: int | None, segmentation_id: str = "") -> dict:
    """``summary`` (DataFrame), ``heatmap``, ``dominance`` and, with a segmentation, ``by_segment``."""
    return _cluster_specs(workspace.token, workspace.revision, load_settings(workspace), k, segmentation_id)


@st.cache_data(show_spinner=False, max_entries=64, ttl=CACHE_TTL)
def _competitor_specs(
    token: str, revision: int, settings: ScoringSettings, competition_settings: object, step_id: int | None
) -> dict:
    from core.analysis.competition import outcome_leads
    from ui.competitor_charts import lead_chart, outcomes_map, steps_map
    from ui.segment_charts import wtp_chart

    analysis = _competition(token, revision, settings, competition_settings)
    if analysis.steps.empty:
        return {}
    cs = analysis.settings
    specs = {"lead": lead_chart(analysis.summary, analysis.steps["step_id"].nunique()).to_dict()}
    if step_id is None:
        specs["map"] = steps_map(analysis.steps, analysis.names, cs.critical_threshold, cs.us).to_dict()
    else:
        part = analysis.outcomes[analysis.outcomes["step_id"] == step_id]
        step = part["step"].iloc[0] if len(part) else ""
        specs["map"] = outcomes_map(part, analysis.names, cs.critical_threshold, cs.us, step).to_dict()
        specs["outcome_leads"] = outcome_leads(analysis, step_id)
    wtp = _segment_cached(token, revision, "wtp_by_satisfaction")
    if len(wtp):
        order = list(wtp["level"])
        specs["wtp"] = wtp_chart(wtp, "level", order, "Median willingness to pay by satisfaction level").to_dict()
    return specs


def competitor_specs(workspace: Workspace, step_id: int | None = None) -> dict:
    """``map`` (all steps, or the outcomes of ``step_id``), ``lead``, ``wtp`` specs; {} without competitors."""
    from core.analysis.competition import load_competition_settings

    return _competitor_specs(
        workspace.token, workspace.revision, load_settings(workspace), load_competition_settings(workspace), step_id
    )
