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

from core.analysis.competition import competition, load_competition_settings
from core.analysis.need_clusters import NeedClusterError, cluster_summary, need_clusters
from core.analysis.scoring import ScoringSettings, outcome_scores, step_scores
from core.analysis.segment_store import list_segmentations
from core.analysis.wtp import respondent_wtp, wtp_attribute
from core.strategy import patterns as rules_of
from core.strategy.focus import Assignment, step_table, suggest
from core.strategy.focus_data import load_focus_settings
from core.strategy.growth import MARKET_ID, MARKET_NAME, GrowthRules, growth_metrics, overrides, placements, rule_lines
from core.strategy.patterns import Pattern, PatternRules
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


def strategy_analysis(workspace: Workspace, scoring: ScoringSettings, segmentation_id: str | None) -> StrategyAnalysis:
    """Score, profile and test the patterns (module docstring)."""
    saved = {s.segmentation_id: s.name for s in list_segmentations(workspace)}
    if segmentation_id not in saved:
        segmentation_id = next(reversed(saved), None)
    market = outcome_scores(workspace, scoring)
    settings = load_competition_settings(workspace)
    analysis = competition(workspace, scoring, settings, everyone=market)
    has_competitors = analysis.source is not None and not analysis.steps.empty
    space = set(analysis.white_space["outcome_id"]) if has_competitors else None
    found = wtp_attribute(workspace)
    wtp = respondent_wtp(workspace, segmentation_id) if found else None
    segments = (
        outcome_scores(workspace, scoring, by=f"segmentation:{segmentation_id}")
        if segmentation_id
        else market.iloc[0:0]
    )
    metrics = growth_metrics(segments, market, scoring, wtp, space)
    steps = step_table(step_scores(workspace, market, scoring), market, scoring)
    suggestion = suggest(steps, market, scoring, load_focus_settings(workspace), analysis.leads)
    everyone = market.assign(group="All")
    try:
        clusters = need_clusters(workspace)
        summary, assignments, correlation = (
            cluster_summary(clusters, everyone, scoring),
            clusters.assignments,
            clusters.correlation,
        )
    except NeedClusterError:
        summary, assignments, correlation = pd.DataFrame(), pd.DataFrame(columns=["outcome_id", "cluster"]), None
    rules = PatternRules()
    found_patterns = (
        rules_of.step_excellence(market, scoring, rules),
        rules_of.cluster_dominance(summary, assignments, market, scoring, rules),
        rules_of.job_integration(market, correlation, scoring, rules),
        rules_of.segment_focus(
            segments if segmentation_id else None, saved.get(segmentation_id or ""), market, scoring, rules
        ),
        rules_of.new_step(
            market,
            analysis.steps if has_competitors else None,
            analysis.white_space if has_competitors else None,
            settings.critical_threshold,
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
        suggestion=suggestion,
    )


def strategy_options_view(workspace: Workspace, analysis: StrategyAnalysis) -> StrategyOptionsView:
    """The analysis with the facilitator's overrides applied."""
    rules = GrowthRules()
    chosen = overrides(workspace, analysis.segmentation_id) if analysis.segmentation_id else {}
    market = overrides(workspace, MARKET_ID).get(MARKET_NAME)
    growth = placements(analysis.metrics, rules, analysis.has_competitors, chosen, market)
    lines = rule_lines(rules, analysis.scoring, analysis.wtp_header is not None, analysis.has_competitors)
    return StrategyOptionsView(analysis, growth, tuple(lines))
