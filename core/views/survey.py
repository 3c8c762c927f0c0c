"""What every page shows about the loaded survey: the sidebar's facts and the group filter."""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from core.analysis.segment_store import SavedSegmentation, list_segmentations, segment_sizes, segmentation_groupings
from core.intake.store import SurveyInfo, survey_info
from core.intake.survey_queries import attribute_groups, group_sizes, outcomes_table
from core.workspace.database import Workspace


@dataclass(frozen=True)
class SurveyView:
    info: SurveyInfo | None  # None: no survey loaded yet
    outcomes: pd.DataFrame  # core.intake.survey_queries.outcomes_table
    attribute_groups: pd.DataFrame  # attributes usable as group filters: grouping, header, n_groups
    segmentation_groups: pd.DataFrame  # saved segmentations as group filters: grouping, header, n_groups
    segmentations: tuple[SavedSegmentation, ...]  # oldest first


def survey_view(workspace: Workspace) -> SurveyView:
    """Build the survey's view (cheap: no scoring)."""
    info = survey_info(workspace)
    return SurveyView(
        info=info,
        outcomes=outcomes_table(workspace),
        attribute_groups=attribute_groups(workspace),
        segmentation_groups=segmentation_groupings(workspace),
        segmentations=tuple(list_segmentations(workspace)),
    )


def grouping_sizes(workspace: Workspace, grouping: str) -> pd.DataFrame:
    """grp, n of one grouping ('attribute:<col>' or 'segmentation:<id>'), largest first."""
    kind, _, name = grouping.partition(":")
    return segment_sizes(workspace, name) if kind == "segmentation" else group_sizes(workspace, name)
