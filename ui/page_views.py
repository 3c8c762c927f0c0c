"""Each page's view (core/views) under the workspace's current settings, cached by workspace
revision and those settings (ui.view_cache). Pages call these and read the views' fields.
The Focus matrix's view lives in ui/focus_view.py (it is keyed by the survey's signature), the
Segments page's in ui/segment_page_views.py (they import SciPy and scikit-learn; no other page does).
"""

from __future__ import annotations

import pandas as pd

from core.analysis.bootstrap import BootstrapIntervals
from core.analysis.competition import load_competition_settings
from core.analysis.scoring import load_settings
from core.analysis.segment_store import GROUPING_PREFIX
from core.views.competitors import CompetitorsView, competitors_view
from core.views.intervals import intervals_view
from core.views.job_map import JobMapView, job_map_view
from core.views.opportunities import OpportunitiesView, opportunities_view
from core.views.scoring_methods import MethodsView, methods_view
from core.views.survey import SurveyView, grouping_sizes, survey_view
from core.workspace.database import Workspace
from ui.view_cache import cached, survey_key


def survey(workspace: Workspace) -> SurveyView:
    """The loaded survey's facts, outcomes and group filters (``info`` is None before any upload)."""
    return cached(survey_view, workspace)


def group_sizes(workspace: Workspace, grouping: str) -> pd.DataFrame:
    """grp, n of one grouping ('attribute:<col>' or 'segmentation:<id>'), largest first."""
    return cached(grouping_sizes, workspace, grouping)


def opportunities(workspace: Workspace, by: str | None = None) -> OpportunitiesView:
    return cached(opportunities_view, workspace, load_settings(workspace), by)


def job_map(workspace: Workspace) -> JobMapView:
    return cached(job_map_view, workspace, load_settings(workspace))


def competitors(workspace: Workspace) -> CompetitorsView:
    """Keyed by the survey (ui.view_cache.survey_key): the sidebar reads it on every page, and an
    edit elsewhere (a capability, a weight, a card) must not recompute the competitive analysis."""
    settings = (load_settings(workspace), load_competition_settings(workspace))
    return cached(competitors_view, workspace, *settings, key=survey_key(workspace))


def opportunity_intervals(workspace: Workspace, by: str | None = None) -> BootstrapIntervals:
    """The bootstrap intervals of every group of ``by``: keyed by the survey (ui.view_cache.survey_key)
    and the scoring settings, so only a change of either draws the resamples again."""
    return cached(intervals_view, workspace, load_settings(workspace), by, key=survey_key(workspace))


def segmentation_intervals(workspace: Workspace, segmentation_id: str) -> BootstrapIntervals:
    """The bootstrap intervals of the segments of one saved segmentation (the Segments page's tables)."""
    return opportunity_intervals(workspace, GROUPING_PREFIX + segmentation_id)


def scoring_methods(workspace: Workspace, by: str | None, group: str) -> MethodsView:
    """The Methods tab's comparison of one group (two scoring queries: cached by revision)."""
    return cached(methods_view, workspace, load_settings(workspace), by, group)
