"""The Capabilities page's view and feedback.

The need scores are cached by the survey's signature (core.strategy.focus_data.survey_signature),
so a cell edit, which bumps the workspace revision, costs no scoring query; the view itself
(small capability tables plus the rules) is cached by revision and the scoring settings.

Every change goes through :func:`change`: it runs a core function, keeps what changed for a
toast on the next run, or keeps the error (a CapabilityError's sentence) to show once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pandas as pd
import streamlit as st

from core.analysis.scoring import ScoringSettings, load_settings
from core.strategy.capabilities import CapabilityError
from core.views.capabilities import CapabilitiesView, capabilities_view, need_scores
from core.workspace.database import Workspace
from ui import editor_saves
from ui.editor_saves import has_edits, run_change
from ui.text import literal
from ui.view_cache import cached, survey_key

TOAST_KEY = "capabilities_toast"
ERROR_KEY = "capabilities_error"
NONCE_KEY = "capabilities_nonce"
Apply = Callable[[Workspace, pd.DataFrame], list[str]]


def build_view(workspace: Workspace, scoring: ScoringSettings) -> CapabilitiesView:
    """The view, on need scores cached by the survey's signature (a module-level builder for ui.view_cache)."""
    scores = cached(need_scores, workspace, scoring, key=survey_key(workspace))
    return capabilities_view(workspace, scores, scoring)


def view(workspace: Workspace) -> CapabilitiesView:
    """The page's view under the workspace's scoring settings."""
    return cached(build_view, workspace, load_settings(workspace))


def editor_key(name: str, workspace: Workspace) -> str:
    """An editor key that changes with the revision: after any change the editor restarts from the stored rows."""
    return f"capabilities_{name}_{workspace.revision}_{st.session_state.get(NONCE_KEY, 0)}"


def _discard() -> None:
    st.session_state[NONCE_KEY] = st.session_state.get(NONCE_KEY, 0) + 1


def save_table(key: str, apply: Callable[[], list[str]]) -> None:
    """Save a data editor's edits now: rerun with a toast, or show why nothing was saved (the
    edits stay in the editor until fixed or discarded)."""
    if not has_edits(key):
        return
    try:
        said = apply()
    except CapabilityError as error:
        st.error(f"**Not saved:** {literal(error)} Nothing was changed: fix the cell, or discard the edits.")
        st.button("Discard these edits", icon=":material/undo:", on_click=_discard, key=f"{key}_discard")
        return
    if said:
        st.session_state[TOAST_KEY] = said
        st.rerun()


def edited_frame(frame: pd.DataFrame, state: dict) -> pd.DataFrame:
    """The table a data editor shows after the edits in its ``state`` (edited, added, deleted rows)."""
    table = frame.reset_index(drop=True).astype(object)
    for row, cells in (state.get("edited_rows") or {}).items():
        for column, value in cells.items():
            table.at[int(row), column] = value
    table = table.drop(index=[int(r) for r in state.get("deleted_rows") or []])
    added = [dict(row) for row in state.get("added_rows") or []]
    if added:
        table = pd.concat([table, pd.DataFrame(added, columns=table.columns).astype(object)], ignore_index=True)
    return table.reset_index(drop=True)


def _save_edits(workspace: Workspace, key: str, frame: pd.DataFrame, apply: Apply) -> None:
    """The editor's on_change: apply its edits before the run, so the run that follows (with a new
    editor key, the revision having changed) shows them: one script run per edit, no st.rerun.
    An invalid edit changes nothing here; the run then finds the edits still in the editor and
    :func:`save_table` shows why."""
    try:
        said = apply(workspace, edited_frame(frame, st.session_state.get(key) or {}))
    except CapabilityError:
        return
    if said:
        st.session_state[TOAST_KEY] = said


def editor(workspace: Workspace, name: str, frame: pd.DataFrame, apply: Apply, **options: Any) -> None:
    """An st.data_editor whose every edit is saved at once by ``apply(workspace, edited table)``:
    by its on_change callback (a browser), else by :func:`save_table` when the run still finds
    edits under the key (an invalid edit: the message; edits set through session_state: saved)."""
    key = editor_key(name, workspace)
    edited = st.data_editor(frame, key=key, on_change=_save_edits, args=(workspace, key, frame, apply), **options)
    save_table(key, lambda: apply(workspace, edited))


def change(action: Callable[[], object], done: str | list[str] | None = None) -> bool:
    """Run ``action`` (ui.editor_saves.run_change): its toast next run, or its refusal as a message."""
    return run_change(action, done, (CapabilityError,), (TOAST_KEY, ERROR_KEY))


def show_feedback() -> None:
    """The toast for the last change, or why it was refused, once (ui.editor_saves.show_feedback)."""
    editor_saves.show_feedback((TOAST_KEY, ERROR_KEY))
