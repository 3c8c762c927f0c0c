"""The pages' chart specs, built from their views (core/views) and cached like them.

Building an Altair chart costs far more than a rerun may (a few hundred ms on 150 outcomes),
so each page's finished Vega-Lite specs are cached (ui.view_cache.cached) by workspace
revision and the same arguments as the view they are drawn from. Each function returns a
small frozen dataclass of specs; the pages read its fields.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.competition import CompetitionSettings, load_competition_settings
from core.analysis.scoring import ScoringSettings, load_settings
from core.views.competitors import competitors_view
from core.views.opportunities import opportunities_view
from core.views.segments import need_clusters_view, segmentation_view
from core.workspace.database import Workspace
from ui.charts.clusters import dominance_by_segment, dominance_chart, heatmap_spec
from ui.charts.competitors import lead_chart, outcomes_map, steps_map
from ui.charts.opportunities import landscape, step_bars
from ui.charts.segments import attribute_mix_chart, silhouette_chart, sizes_chart, step_heatmap, wtp_chart
from ui.view_cache import cached


@dataclass(frozen=True)
class OpportunityCharts:
    landscape: dict
    step_bars: dict


def build_opportunity_charts(
    workspace: Workspace, scoring: ScoringSettings, by: str | None, group: str
) -> OpportunityCharts:
    view = cached(opportunities_view, workspace, scoring, by)
    return OpportunityCharts(
        landscape(view.scores_of(group), scoring).to_dict(), step_bars(view.steps_of(group), scoring).to_dict()
    )


def opportunity_charts(workspace: Workspace, by: str | None, group: str) -> OpportunityCharts:
    """The landscape and the step bars of one group (``"All"`` for everyone)."""
    return cached(build_opportunity_charts, workspace, load_settings(workspace), by, group)


@dataclass(frozen=True)
class SegmentationCharts:
    sizes: dict
    silhouettes: dict
    steps: dict
    wtp: dict | None  # None when the survey asks no willingness to pay


def build_segmentation_charts(
    workspace: Workspace, scoring: ScoringSettings, segmentation_id: str
) -> SegmentationCharts:
    view = cached(segmentation_view, workspace, scoring, segmentation_id)
    saved = view.profiles.segmentation
    wtp = None
    if len(view.wtp):
        wtp = wtp_chart(view.wtp, "segment", view.order, "Median willingness to pay by segment").to_dict()
    return SegmentationCharts(
        sizes=sizes_chart(view.profiles.sizes).to_dict(),
        silhouettes=silhouette_chart(saved.params.get("silhouettes", {}), saved.k).to_dict(),
        steps=step_heatmap(view.step_scores, view.everyone_steps, view.order).to_dict(),
        wtp=wtp,
    )


def segmentation_charts(workspace: Workspace, segmentation_id: str) -> SegmentationCharts:
    """Sizes, silhouettes, step heat map and (with a WTP column) WTP by segment; raises
    SegmentationError when the segmentation is gone."""
    return cached(build_segmentation_charts, workspace, load_settings(workspace), segmentation_id)


def build_mix_chart(workspace: Workspace, scoring: ScoringSettings, segmentation_id: str, attribute: str) -> dict:
    view = cached(segmentation_view, workspace, scoring, segmentation_id)
    mix = view.profiles.attribute_mix
    return attribute_mix_chart(mix[mix["attribute"] == attribute], view.order).to_dict()


def attribute_mix_chart_spec(workspace: Workspace, segmentation_id: str, attribute: str) -> dict:
    """The mix of one respondent attribute across the segments."""
    return cached(build_mix_chart, workspace, load_settings(workspace), segmentation_id, attribute)


@dataclass(frozen=True)
class ClusterCharts:
    heatmap: dict
    dominance: dict
    by_segment: dict | None  # None without a compared segmentation


def build_cluster_charts(
    workspace: Workspace, scoring: ScoringSettings, k: int | None, segmentation_id: str
) -> ClusterCharts | None:
    view = cached(need_clusters_view, workspace, scoring, k, segmentation_id)
    if view.clusters is None:
        return None
    by_segment = None
    if view.by_segment is not None:
        by_segment = dominance_by_segment(view.by_segment, list(view.segment_order)).to_dict()
    return ClusterCharts(
        heatmap_spec(view.clusters), dominance_chart(view.summary, scoring.solid).to_dict(), by_segment
    )


def cluster_charts(workspace: Workspace, k: int | None, segmentation_id: str = "") -> ClusterCharts | None:
    """The need clusters' heat map and dominance charts; None when there are no clusters."""
    return cached(build_cluster_charts, workspace, load_settings(workspace), k, segmentation_id)


@dataclass(frozen=True)
class CompetitorCharts:
    map: dict  # all steps, or the outcomes of one step
    lead: dict
    wtp: dict | None  # None without a willingness-to-pay column


def build_competitor_charts(
    workspace: Workspace, scoring: ScoringSettings, settings: CompetitionSettings, step_id: int | None
) -> CompetitorCharts | None:
    view = cached(competitors_view, workspace, scoring, settings)
    analysis = view.analysis
    if not view.has_competitors:
        return None
    cs = analysis.settings
    if step_id is None:
        chart = steps_map(analysis.steps, analysis.names, cs.critical_threshold, cs.us)
    else:
        part: pd.DataFrame = analysis.outcomes[analysis.outcomes["step_id"] == step_id]
        step = part["step"].iloc[0] if len(part) else ""
        chart = outcomes_map(part, analysis.names, cs.critical_threshold, cs.us, step)
    wtp = None
    if len(view.wtp_by_satisfaction):
        levels = view.wtp_by_satisfaction
        title = "Median willingness to pay by satisfaction level"
        wtp = wtp_chart(levels, "level", list(levels["level"]), title).to_dict()
    return CompetitorCharts(
        chart.to_dict(), lead_chart(analysis.summary, analysis.steps["step_id"].nunique()).to_dict(), wtp
    )


def competitor_charts(workspace: Workspace, step_id: int | None = None) -> CompetitorCharts | None:
    """The advantage map (all steps, or the outcomes of ``step_id``), leads and WTP; None without competitors."""
    return cached(
        build_competitor_charts, workspace, load_settings(workspace), load_competition_settings(workspace), step_id
    )
