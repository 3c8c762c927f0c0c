"""The Segments page's views (core/views/segments.py) under the workspace's settings, cached
like every page's (ui.page_views). Apart from ui/page_views.py, which the sidebar imports on
every first visit, because they import SciPy and scikit-learn (issue 12.5).
"""

from __future__ import annotations

from core.analysis.scoring import load_settings
from core.views.segments import NeedClustersView, SegmentationView, need_clusters_view, segmentation_view
from core.workspace.database import Workspace
from ui.view_cache import cached


def segmentation(workspace: Workspace, segmentation_id: str) -> SegmentationView:
    """Raises SegmentationError when the segmentation is gone."""
    return cached(segmentation_view, workspace, load_settings(workspace), segmentation_id)


def need_clusters(workspace: Workspace, k: int | None, segmentation_id: str = "") -> NeedClustersView:
    return cached(need_clusters_view, workspace, load_settings(workspace), k, segmentation_id)
