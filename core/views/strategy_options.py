"""The Strategy options page's view (issue 16.3 and 16.4): growth strategy by segment and the
differentiation patterns the data supports.

Two parts, so an override costs no scoring query: :func:`strategy_analysis` (the scores, segment
figures, need clusters, competition and the five patterns; ``ui`` caches it by the survey's
signature and the segmentations' signature, core.strategy.growth.segments_signature) and
:func:`strategy_options_view`, which reads the overrides and applies the placement rule
(core.strategy.growth, documented there). The segmentation shown is the one asked for, else the
newest saved one; without any, the growth table has the whole market only.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.competition import load_competition_settings
from core.analysis.scoring import ScoringSettings, outcome_scores
from core.analysis.segment_store import list_segmentations
from core.analysis.wtp import wtp_attribute
from core.strategy import patterns as rules_of
from core.strategy.focus import Assignment
from core.strategy.focus_data import load_focus_settings
from core.strategy.growth import (
    MARKET_ID,
    MARKET_NAME,
    GrowthRules,
    growth_metrics,
    overrides,
    placements,
    respondent_wtp,
    rule_lines,
)
from core.strategy.patterns import Pattern, PatternRules
from core.views.focus import FocusView, focus_view
from core.views.segments import NeedClustersView, need_clusters_view
from core.workspace.database import Workspace


@dataclass(frozen=True)
class StrategyAnalysis:
    """Everything on the page that depends on the survey and the segmentations only."""

    scoring: ScoringSettings
    segmentations: dict[str, str]  # segmentation_id → name, oldest first
    segmentation_id: str | None  # the segmentation shown (None: no saved segmentation)
    metrics: pd.DataFrame  # core.strategy.growth.growth_metrics
    wtp_header: str | None  # the survey's WTP question, None when it has none
    has_competitors: bool
    patterns: tuple[Pattern, ...]
    suggestion: Assignment  # the Focus matrix's suggestion, for "try as scenario"


@dataclass(frozen=True)
class StrategyOptionsView:
    analysis: StrategyAnalysis
    growth: pd.DataFrame  # metrics + rule_strategy, reason, override, strategy
    rule: tuple[str, ...]  # the placement rule in words

    @property
    def segmentation(self) -> str | None:
        """The name of the segmentation shown."""
        sid = self.analysis.segmentation_id
        return self.analysis.segmentations.get(sid) if sid else None


def chosen_segmentation(workspace: Workspace, asked: str | None) -> str | None:
    """``asked`` when it is a saved segmentation, else the newest one (None: there is none)."""
    saved = [s.segmentation_id for s in list_segmentations(workspace)]
    return asked if asked in saved else (saved[-1] if saved else None)


def strategy_analysis(
    workspace: Workspace,
    scoring: ScoringSettings,
    segmentation_id: str | None,
    focus: FocusView | None = None,
    clustered: NeedClustersView | None = None,
    segment_scores: pd.DataFrame | None = None,
) -> StrategyAnalysis:
    """Score, profile and test the patterns (module docstring).

    ``focus``: the Focus matrix's view under the same scoring (its scores of everyone, its
    competitive analysis, its steps and suggestion are the ones used here); ``clustered``: the
    Segments page's need clusters (k by silhouette); ``segment_scores``: the outcome scores
    within the segments of ``segmentation_id`` (group = segment), as the Segments page's profile
    holds them. All are built here when not given; ``ui`` passes the cached ones, so the pages
    share one computation of each."""
    saved = {s.segmentation_id: s.name for s in list_segmentations(workspace)}
    segmentation_id = chosen_segmentation(workspace, segmentation_id)
    if focus is None:
        settings = (load_focus_settings(workspace), load_competition_settings(workspace))
        focus = focus_view(workspace, scoring, *settings)
    clustered = clustered or need_clusters_view(workspace, scoring, None)
    market, analysis = focus.scores, focus.analysis
    has_competitors = analysis.source is not None and not analysis.steps.empty
    space = set(analysis.white_space["outcome_id"]) if has_competitors else None
    found = wtp_attribute(workspace)
    wtp = respondent_wtp(workspace, found.attribute, segmentation_id) if found else None
    if segmentation_id is None:
        segments = market.iloc[0:0]
    elif segment_scores is not None:
        segments = segment_scores
    else:
        segments = outcome_scores(workspace, scoring, by=f"segmentation:{segmentation_id}")
    metrics = growth_metrics(segments, market, scoring, wtp, space)
    clusters = clustered.clusters
    summary = clustered.summary if clusters is not None else pd.DataFrame()
    assignments = clusters.assignments if clusters is not None else pd.DataFrame(columns=["outcome_id", "cluster"])
    rules = PatternRules()
    found_patterns = (
        rules_of.step_excellence(market, scoring, rules),
        rules_of.cluster_dominance(summary, assignments, market, scoring, rules),
        rules_of.job_integration(market, clusters.correlation if clusters is not None else None, scoring, rules),
        rules_of.segment_focus(
            segments if segmentation_id else None, saved.get(segmentation_id or ""), market, scoring, rules
        ),
        rules_of.new_step(
            market,
            analysis.steps if has_competitors else None,
            analysis.white_space if has_competitors else None,
            analysis.settings.critical_threshold,
            clusters.correlation if clusters is not None else None,
            rules,
        ),
    )
    return StrategyAnalysis(
        scoring=scoring,
        segmentations=saved,
        segmentation_id=segmentation_id,
        metrics=metrics,
        wtp_header=found.header if found else None,
        has_competitors=has_competitors,
        patterns=found_patterns,
        suggestion=focus.proposal,
    )


def strategy_options_view(workspace: Workspace, analysis: StrategyAnalysis) -> StrategyOptionsView:
    """The analysis with the facilitator's overrides applied."""
    rules = GrowthRules()
    chosen = overrides(workspace, analysis.segmentation_id) if analysis.segmentation_id else {}
    market = overrides(workspace, MARKET_ID).get(MARKET_NAME)
    growth = placements(analysis.metrics, rules, analysis.has_competitors, chosen, market)
    lines = rule_lines(rules, analysis.scoring, analysis.wtp_header is not None, analysis.has_competitors)
    return StrategyOptionsView(analysis, growth, tuple(lines))
