"""The "Keep partial responses" checkbox of the Data page (see :mod:`core.intake.import_settings`).

Ticking or clearing it saves the setting in the workspace at once. When the current survey's
import dropped or kept partial responses, the stored file is then read again with the new
setting and waits for confirmation like any replacement; otherwise a toast says the setting
applies to the next upload.
"""

from __future__ import annotations

import streamlit as st

from core.intake.import_settings import has_partial_responses, keep_partial, save_keep_partial
from core.intake.replace import prepare_rescale
from core.intake.store import latest_import_report, survey_info
from core.workspace.database import Workspace
from ui.upload import NOTICE, PENDING, progress_status

KEY = "data_keep_partial"
REREAD = "data_keep_partial_reread"
HELP = (
    "Unfinished responses — Qualtrics Finished = False, Alchemer Status: Partial, LimeSurvey rows without "
    "a submit date, Typeform responses not submitted — are left out by default. Tick to keep them. "
    "Saved in this workspace; applies to every upload, and offers to read the current survey's file again."
)


def _changed(workspace: Workspace) -> None:
    keep = bool(st.session_state[KEY])
    save_keep_partial(workspace, keep)
    if has_partial_responses(latest_import_report(workspace)):
        st.session_state[REREAD] = keep
    else:
        kept = "kept" if keep else "left out"
        st.session_state[NOTICE] = f"Saved: partial responses will be {kept} from the next upload on."


def keep_partial_setting(workspace: Workspace) -> None:
    """The checkbox; after a change that matters to the current survey, its file is read again."""
    if KEY not in st.session_state:  # a widget not on screen in the last run starts from the saved setting
        st.session_state[KEY] = keep_partial(workspace)
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
