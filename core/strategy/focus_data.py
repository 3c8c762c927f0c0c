"""What the focus matrix reads from a workspace besides the scores and the choices: the survey's
signature (a cache key), the groupings of respondents, competitor satisfaction by step, and the
facilitator's settings (``focus``, and ``competition`` shared with the Competitors page).
SQL: ``core/sql/focus.sql``. The scores come from core.analysis.scoring and core.analysis.competitors; the pure
rule and metrics are in core.strategy.focus and core.analysis.advantage; choices are in core.strategy.scenarios.
"""

from __future__ import annotations

from dataclasses import asdict

import pandas as pd

from core.analysis.advantage import competitor_steps
from core.analysis.competitors import competitor_scores, competitor_source
from core.analysis.scoring import ScoringSettings
from core.intake.survey_queries import attribute_groups, attribute_header
from core.sqlfiles import query
from core.strategy.focus import FocusSettings
from core.workspace.database import Workspace

FOCUS_KEY = "focus"


class SettingsError(ValueError):
    """A facilitator setting out of range; nothing was saved."""


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
    if source == "competitors":
        described = "the competitors sheet"
    else:  # the spreadsheet's own header, never the internal column name
        described = f"the users of each “{attribute_header(workspace, source.split(':', 1)[1])}”"
    return scores, competitor_steps(scores), described


def _number(value: object, low: float, high: float) -> float | None:
    return (
        float(value)
        if isinstance(value, int | float) and not isinstance(value, bool) and low <= value <= high
        else None
    )


def load_focus_settings(workspace: Workspace) -> FocusSettings:
    """The ``focus`` setting; anything missing or out of range takes its default."""
    stored = workspace.get_setting(FOCUS_KEY) or {}
    default = FocusSettings()
    limit = _number(stored.get("focus_limit"), 1, 100)
    margin = _number(stored.get("target_margin"), 0, 10)
    group_by = stored.get("group_by")
    return FocusSettings(
        focus_limit=int(limit) if limit is not None else default.focus_limit,
        important=_number(stored.get("important"), 0, 10),
        target_margin=margin if margin is not None else default.target_margin,
        group_by=group_by if isinstance(group_by, str) else None,
    )


def save_focus_settings(workspace: Workspace, settings: FocusSettings) -> None:
    if settings.focus_limit < 1:
        raise SettingsError("The focus limit must be at least 1 step.")
    workspace.set_setting(FOCUS_KEY, asdict(settings))
