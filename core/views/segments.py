"""The Segments page's views: one saved segmentation (profiles, step scores per segment,
willingness to pay) and the need clusters (optionally compared across a segmentation's segments).
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.need_clusters import NeedClusterError, NeedClusters, cluster_summary, need_clusters
from core.analysis.scoring import ScoringSettings, outcome_scores, step_scores
from core.analysis.segment_profiles import SegmentProfiles, profile_segmentation
from core.analysis.segment_store import GROUPING_PREFIX, get_segmentation, segment_sizes
from core.analysis.wtp import WtpAttribute, wtp_attribute, wtp_by_segment
from core.workspace.database import Workspace


@dataclass(frozen=True)
class SegmentationView:
    scoring: ScoringSettings
    profiles: SegmentProfiles  # core.analysis.segment_profiles.profile_segmentation
    step_scores: pd.DataFrame  # step scores per segment (group = segment)
    everyone_steps: pd.DataFrame  # step scores of everyone
    wtp: pd.DataFrame  # core.analysis.wtp.wtp_by_segment; empty without a WTP column
    wtp_attribute: WtpAttribute | None

    @property
    def order(self) -> list[str]:
        """The segments, largest first."""
        return list(self.profiles.sizes["segment"])


def segmentation_view(workspace: Workspace, scoring: ScoringSettings, segmentation_id: str) -> SegmentationView:
    """Build the view of one saved segmentation; raises SegmentationError when it is gone."""
    profiles = profile_segmentation(workspace, get_segmentation(workspace, segmentation_id), scoring)
    # the segments' scores are the profile's (one grouped scoring over the raw ratings, not two)
    by_segment = profiles.scores.rename(columns={"segment": "group"}).drop(columns=["overall_opportunity", "lift"])
    everyone = outcome_scores(workspace, scoring)
    attribute = wtp_attribute(workspace)
    return SegmentationView(
        scoring=scoring,
        profiles=profiles,
        step_scores=step_scores(workspace, by_segment, scoring),
        everyone_steps=step_scores(workspace, everyone, scoring),
        wtp=wtp_by_segment(workspace, segmentation_id),
        wtp_attribute=attribute,
    )


@dataclass(frozen=True)
class NeedClustersView:
    scoring: ScoringSettings
    clusters: NeedClusters | None  # None: no clusters, ``problem`` says why
    problem: str | None
    summary: pd.DataFrame  # core.analysis.need_clusters.cluster_summary of everyone
    by_segment: pd.DataFrame | None  # the same per segment of the compared segmentation
    segment_order: tuple[str, ...]  # the compared segmentation's segments, largest first


def need_clusters_view(
    workspace: Workspace, scoring: ScoringSettings, k: int | None, segmentation_id: str = ""
) -> NeedClustersView:
    """Build the need clusters' view (``k`` None: chosen by silhouette), compared across the
    segments of ``segmentation_id`` when one is given."""
    try:
        clusters = need_clusters(workspace, k)
    except NeedClusterError as exc:
        return NeedClustersView(scoring, None, str(exc), pd.DataFrame(), None, ())
    summary = cluster_summary(clusters, outcome_scores(workspace, scoring), scoring)
    by_segment, order = None, ()
    if segmentation_id:
        scores = outcome_scores(workspace, scoring, by=GROUPING_PREFIX + segmentation_id)
        by_segment = cluster_summary(clusters, scores, scoring)
        order = tuple(segment_sizes(workspace, segmentation_id)["grp"])  # as profile sizes: largest first
    return NeedClustersView(scoring, clusters, None, summary, by_segment, order)
