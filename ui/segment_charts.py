"""The Segments page's chart specs (segment profiles, need clusters), cached like every page's
(ui.view_charts). Apart from ui/view_charts.py because they import the segmentation's SciPy and
scikit-learn: only the Segments page loads them (issue 12.5, the first visit's imports).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import cast

from core.analysis.scoring import ScoringSettings, load_settings
from core.views.segments import need_clusters_view, segmentation_view
from core.workspace.database import Workspace
from ui.charts.clusters import dominance_by_segment, dominance_chart, heatmap_spec
from ui.charts.segments import attribute_mix_chart, silhouette_chart, sizes_chart, step_heatmap
from ui.charts.wtp import wtp_chart
from ui.view_cache import cached
from ui.view_charts import spec


def build_segmentation_chart(
    workspace: Workspace, scoring: ScoringSettings, segmentation_id: str, name: str
) -> dict | None:
    """One of the Segments page's charts of a segmentation (``name``: sizes, silhouettes, steps or
    wtp; None for wtp when the survey asks no willingness to pay)."""
    view = cached(segmentation_view, workspace, scoring, segmentation_id)
    if name == "sizes":
        return spec(sizes_chart(view.profiles.sizes))
    if name == "silhouettes":
        saved = view.profiles.segmentation
        return spec(silhouette_chart(saved.params.get("silhouettes", {}), saved.k))
    if name == "steps":
        return spec(step_heatmap(view.step_scores, view.everyone_steps, view.order))
    if name == "wtp":
        return (
            spec(wtp_chart(view.wtp, "segment", view.order, "Median willingness to pay by segment"))
            if len(view.wtp)
            else None
        )
    raise ValueError(f"no segmentation chart named {name!r}")


@dataclass(frozen=True)
class SegmentationCharts:
    """The charts of one segmentation, each built (and cached) when the page first asks for it:
    the page sends its first chart (the sizes) before the others are built (issue 12.5)."""

    workspace: Workspace
    scoring: ScoringSettings
    segmentation_id: str

    def _chart(self, name: str) -> dict | None:
        return cached(build_segmentation_chart, self.workspace, self.scoring, self.segmentation_id, name)

    @property
    def sizes(self) -> dict:
        return cast(dict, self._chart("sizes"))

    @property
    def silhouettes(self) -> dict:
        return cast(dict, self._chart("silhouettes"))

    @property
    def steps(self) -> dict:
        return cast(dict, self._chart("steps"))

    @property
    def wtp(self) -> dict | None:
        """None when the survey asks no willingness to pay."""
        return self._chart("wtp")


def segmentation_charts(workspace: Workspace, segmentation_id: str) -> SegmentationCharts:
    """Sizes, silhouettes, step heat map and (with a WTP column) WTP by segment, built on first use;
    the segmentation's view (``ui.segment_page_views.segmentation``) raises SegmentationError when
    it is gone."""
    return SegmentationCharts(workspace, load_settings(workspace), segmentation_id)


def build_mix_chart(workspace: Workspace, scoring: ScoringSettings, segmentation_id: str, attribute: str) -> dict:
    view = cached(segmentation_view, workspace, scoring, segmentation_id)
    mix = view.profiles.attribute_mix
    return spec(attribute_mix_chart(mix[mix["attribute"] == attribute], view.order))


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
        by_segment = spec(dominance_by_segment(view.by_segment, list(view.segment_order)))
    return ClusterCharts(heatmap_spec(view.clusters), spec(dominance_chart(view.summary, scoring.solid)), by_segment)


def cluster_charts(workspace: Workspace, k: int | None, segmentation_id: str = "") -> ClusterCharts | None:
    """The need clusters' heat map and dominance charts; None when there are no clusters."""
    return cached(build_cluster_charts, workspace, load_settings(workspace), k, segmentation_id)
