"""Import settings kept in the workspace: whether partial responses are kept.

Survey platforms mark unfinished responses (Qualtrics ``Finished = False``, Alchemer
``Status: Partial``, LimeSurvey rows without ``submitdate``, Typeform responses not submitted).
They are left out by default and kept when the workspace's "keep partial responses" setting
is on (the CLI's ``--keep-partial``). Decision: the setting applies to every later read of a
file in this workspace (an upload, a sample, the stored file read again on another scale);
changing it while the current survey's import dropped or kept partial responses offers to
read the stored file again, with the usual confirmation, so the survey on screen and the
setting agree. A stored value that is not a boolean reads as the default (off).
"""

from __future__ import annotations

from typing import Any

from core.intake.importers.platforms.table import PARTIAL_DROPPED, PARTIAL_KEPT
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from core.workspace.setting_writes import put_setting

KEEP_PARTIAL = "import_keep_partial"


def keep_partial(workspace: Workspace) -> bool:
    """Whether partial responses are kept in this workspace's imports (default: no)."""
    return workspace.get_setting(KEEP_PARTIAL, False) is True


def save_keep_partial(workspace: Workspace, keep: bool, drawn: Drawn | None = None) -> None:
    """``drawn``: refused when changed elsewhere since (core.workspace.setting_writes)."""
    put_setting(workspace, KEEP_PARTIAL, bool(keep), drawn=drawn, what="The partial-responses setting")


def has_partial_responses(report: dict[str, Any] | None) -> bool:
    """Whether an import (its stored report) dropped or kept partial responses, so the setting matters to it."""
    if not report:
        return False
    dropped = any(PARTIAL_DROPPED in reason for reason in report.get("dropped_respondents", {}))
    return dropped or any(PARTIAL_KEPT in note for note in report.get("notes", []))
