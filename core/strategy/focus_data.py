"""What the focus matrix reads from a workspace besides the scores and the choices: the survey's
signature (a cache key), the groupings of respondents and the
facilitator's settings (``focus``, and ``competition`` shared with the Competitors page).
SQL: ``core/sql/focus.sql``. The scores come from core.analysis.scoring and core.analysis.competition; the pure
rule and metrics are in core.strategy.focus and core.analysis.advantage; choices are in core.strategy.scenarios.
"""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from core.intake.survey_queries import attribute_groups
from core.sqlfiles import one_row, query
from core.strategy.focus import FocusSettings
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting
from core.workspace.settings import Loaded, SettingSpec, load_setting

FOCUS_KEY = "focus"


class SettingsError(ValueError):
    """A facilitator setting out of range; nothing was saved."""


def survey_signature(workspace: Workspace) -> str:
    """A digest of the survey data behind the scores (see focus.sql): a cache key that, unlike
    the workspace revision, stays the same when only choices, notes or settings change."""
    return str(one_row(workspace.cursor().execute(query("focus", "survey_signature")))[0])


def groupings(workspace: Workspace) -> dict[str, str]:
    """Ways to group respondents for "serves best": grouping key → readable name.

    Respondent attributes with 2–30 values (by their original header), then saved segmentations.
    """
    rows: Any = attribute_groups(workspace).itertuples()  # pandas rows: their fields are untyped
    options: dict[str, str] = {row.grouping: str(row.header) for row in rows}
    row: Any
    for row in workspace.cursor().execute(query("focus", "segmentations")).df().itertuples():
        options[row.grouping] = f"Segments: {row.name}"
    return options


MAX_FOCUS_LIMIT = 20  # the focus matrix's widget goes this far


def check_focus_settings(settings: FocusSettings) -> None:
    """The ranges the focus matrix's widgets accept; raises ValueError outside them."""
    if not 1 <= settings.focus_limit <= MAX_FOCUS_LIMIT:
        raise ValueError(f"the focus limit must be between 1 and {MAX_FOCUS_LIMIT} steps")
    if settings.important is not None and not 0 <= settings.important <= 10:
        raise ValueError("the importance threshold must be between 0 and 10")
    if not 0 <= settings.target_margin <= 10:
        raise ValueError("the target margin must be between 0 and 10 points")


SPEC = SettingSpec(
    FOCUS_KEY, FocusSettings, "focus matrix settings", "the Focus matrix (Facilitator settings)", check_focus_settings
)


def read_focus_settings(workspace: Workspace) -> Loaded[FocusSettings]:
    """The ``focus`` setting with the warnings of core.workspace.settings (never raises)."""
    return load_setting(workspace, SPEC)


def load_focus_settings(workspace: Workspace) -> FocusSettings:
    """The ``focus`` setting; anything missing or unreadable takes its default."""
    return read_focus_settings(workspace).settings


def save_focus_settings(workspace: Workspace, settings: FocusSettings, drawn: Drawn | None = None) -> None:
    """Store the settings; ``drawn``: refused when changed elsewhere since (core.workspace.setting_writes)."""
    try:
        check_focus_settings(settings)
    except ValueError as exc:
        raise SettingsError(f"Not saved: {exc}.") from None
    put_setting(workspace, FOCUS_KEY, asdict(settings), drawn=drawn, what="The focus matrix settings")
