"""What the focus matrix reads from a workspace besides the scores (SQL: ``core/sql/focus.sql``).

The scores themselves come from core.scoring and core.competitors; the pure rule and metrics
are in core.focus.
"""

from __future__ import annotations

import pandas as pd

from core.advantage import competitor_steps
from core.competitors import competitor_scores, competitor_source
from core.scoring import ScoringSettings
from core.sqlfiles import query
from core.survey_queries import attribute_groups
from core.workspace import Workspace


def survey_signature(workspace: Workspace) -> str:
    """A digest of the survey data behind the scores (see focus.sql): a cache key that, unlike
    the workspace revision, stays the same when only choices, notes or settings change."""
    return str(workspace.cursor().execute(query("focus", "survey_signature")).fetchone()[0])


def groupings(workspace: Workspace) -> dict[str, str]:
    """Ways to group respondents for "serves best": grouping key → readable name.

    Respondent attributes with 2–30 values (by their original header), then saved segmentations.
    """
    options = {row.grouping: str(row.header) for row in attribute_groups(workspace).itertuples()}
    for row in workspace.cursor().execute(query("focus", "segmentations")).df().itertuples():
        options[row.grouping] = f"Segments: {row.name}"
    return options


def competitor_step_scores(workspace: Workspace, settings: ScoringSettings) -> tuple[pd.DataFrame, pd.DataFrame, str]:
    """(outcome-level competitor scores, satisfaction by competitor and step, source description).

    The source is "" when the survey has no competitor data.
    """
    source = competitor_source(workspace)
    scores = competitor_scores(workspace, settings)
    if source is None:
        return scores, competitor_steps(scores), ""
    described = "the competitors sheet" if source == "competitors" else f"users of each {source.split(':', 1)[1]}"
    return scores, competitor_steps(scores), described
