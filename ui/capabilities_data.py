"""The Capabilities page's view and feedback.

The need scores are cached by the survey's signature (core.strategy.focus_data.survey_signature),
so a cell edit, which bumps the workspace revision, costs no scoring query; the view itself
(small capability tables plus the rules) is cached by revision and the scoring settings.

Every change goes through :func:`change`: it runs a core function, keeps what changed for a
toast on the next run, or keeps the error (a CapabilityError's sentence) to show once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from core.analysis.scoring import ScoringSettings, load_settings
from core.strategy.capabilities import CapabilityError
from core.views.capabilities import CapabilitiesView, capabilities_view, need_scores
from core.workspace.change_marks import ChangedElsewhere, Drawn
from core.workspace.database import Workspace
from ui import editor_saves, stale_views
from ui.editor_saves import run_change, save_left_edits, save_on_change
from ui.view_cache import cached, survey_key
from ui.view_only import read_only_editor, writable

TOAST_KEY = "capabilities_toast"
ERROR_KEY = "capabilities_error"
NONCE_KEY = "capabilities_nonce"
REFUSED = (CapabilityError,)
Apply = Callable[..., list[str]]  # (workspace, edited table, drawn=...)
VIEW = "capabilities"  # ui/stale_views.py: the page's tables as drawn


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


def editor(workspace: Workspace, name: str, frame: pd.DataFrame, apply: Apply, **options: Any) -> None:
    """An st.data_editor whose every edit is saved at once by ``apply(workspace, edited table)``:
    by its on_change callback (a browser), else by ui.editor_saves.save_left_edits when the run still finds
    edits under the key (an invalid edit: the message; edits set through session_state: saved).
    A view link gets the same table, every cell read-only, and nothing to save."""
    key = editor_key(name, workspace)
    if not writable(workspace):
        read_only_editor(frame, key=key, **options)
        return
    checked = partial(_unless_changed_elsewhere, apply, workspace, stale_views.drawn(VIEW))
    edited = st.data_editor(
        frame, key=key, on_change=save_on_change, args=(key, frame, checked, REFUSED, TOAST_KEY), **options
    )
    save_left_edits(key, lambda: checked(edited), REFUSED, TOAST_KEY, NONCE_KEY)


def _unless_changed_elsewhere(
    apply: Apply, workspace: Workspace, drawn: Drawn | None, table: pd.DataFrame
) -> list[str]:
    """``apply`` checked against the table as drawn (issue 17.4). A refusal is said on the next run
    (show_feedback): the editor's key holds the revision, so that run shows the current table."""
    try:
        return apply(workspace, table, drawn=drawn)
    except ChangedElsewhere as error:
        st.session_state[ERROR_KEY] = str(error)
        return []


def change(action: Callable[[], object], done: str | list[str] | None = None) -> bool:
    """Run ``action`` (ui.editor_saves.run_change): its toast next run, or its refusal as a message."""
    return run_change(action, done, REFUSED, (TOAST_KEY, ERROR_KEY))


def show_feedback() -> None:
    """The toast for the last change, or why it was refused, once (ui.editor_saves.show_feedback)."""
    editor_saves.show_feedback((TOAST_KEY, ERROR_KEY))
