"""The "Keep partial responses" checkbox of the Data page (see :mod:`core.intake.import_settings`).

Ticking or clearing it saves the setting in the workspace at once. When the current survey's
import dropped or kept partial responses, the stored file is then read again with the new
setting and waits for confirmation like any replacement; otherwise a toast says the setting
applies to the next upload.
"""

from __future__ import annotations

import streamlit as st

from core.intake.import_settings import KEEP_PARTIAL, has_partial_responses, keep_partial, save_keep_partial
from core.intake.replace import prepare_rescale
from core.intake.store import latest_import_report, survey_info
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import stale_views
from ui.text import literal
from ui.upload import NOTICE, PENDING, progress_status

KEY = "data_keep_partial"
REREAD = "data_keep_partial_reread"
ERROR = "data_keep_partial_error"
HELP = (
    "Unfinished responses — Qualtrics Finished = False, Alchemer Status: Partial, LimeSurvey rows without "
    "a submit date, Typeform responses not submitted — are left out by default. Tick to keep them. "
    "Saved in this workspace; applies to every upload, and offers to read the current survey's file again."
)


def _changed(workspace: Workspace) -> None:
    keep = bool(st.session_state[KEY])
    try:  # refused when another tab changed it since this page was drawn (issue 17.4)
        save_keep_partial(workspace, keep, stale_views.drawn(stale_views.setting(KEEP_PARTIAL)))
    except ChangedElsewhere as exc:
        st.session_state[KEY] = keep_partial(workspace)  # the box shows the stored setting
        st.session_state[ERROR] = str(exc)
        return
    if has_partial_responses(latest_import_report(workspace)):
        st.session_state[REREAD] = keep
    else:
        kept = "kept" if keep else "left out"
        st.session_state[NOTICE] = f"Saved: partial responses will be {kept} from the next upload on."


def keep_partial_setting(workspace: Workspace) -> None:
    """The checkbox; after a change that matters to the current survey, its file is read again."""
    stale_views.remember(stale_views.setting(KEEP_PARTIAL), workspace.revision)  # before the setting shown
    if KEY not in st.session_state:  # a widget not on screen in the last run starts from the saved setting
        st.session_state[KEY] = keep_partial(workspace)
    if error := st.session_state.pop(ERROR, None):
        st.error(literal(error))
    st.checkbox("Keep partial responses", key=KEY, on_change=_changed, args=(workspace,), help=HELP)
    if (keep := st.session_state.pop(REREAD, None)) is not None:
        _reread(workspace, keep)


def _reread(workspace: Workspace, keep: bool) -> None:
    info = survey_info(workspace)
    if info is None:
        return
    purpose = "keeping partial responses" if keep else "leaving partial responses out"
    with progress_status(f"Reading {info.file_name} again, {purpose}…") as progress:
        replacement = prepare_rescale(workspace, info.scale, purpose=purpose, progress=progress)
    if replacement is None:
        st.session_state[NOTICE] = (
            "Saved. The original file is not stored with this survey; upload it again to apply the setting."
        )
    else:
        st.session_state[PENDING] = replacement
    st.rerun()
