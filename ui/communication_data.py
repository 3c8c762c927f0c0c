"""The Communication page's view and feedback (the pattern of ui/capabilities_data.py).

Everyone's need scores and each saved segment's are cached by the survey's signature (plus the
saved segmentations), so a message edit, which bumps the workspace revision, costs no scoring
query; the view itself (small communication tables plus the checks and the story) is cached by
revision and the scoring settings. Every change goes through :func:`change` or :func:`editor`: a
toast on the next run, or the error (a CommunicationError's sentence) shown once.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import pandas as pd
import streamlit as st

from core.analysis.scoring import ScoringSettings, load_settings
from core.strategy.communication import CommunicationError
from core.strategy.communication_messages import segments
from core.views.communication import (
    CommunicationView,
    communication_view,
    hint_table,
    need_scores,
    segment_need_scores,
)
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import editor_saves
from ui.editor_saves import run_change, save_left_edits, save_on_change
from ui.view_cache import cached, survey_key
from ui.view_only import read_only_editor, writable

TOAST_KEY = "communication_toast"
ERROR_KEY = "communication_error"
NONCE_KEY = "communication_nonce"
REFUSED = (CommunicationError, ChangedElsewhere)  # a change from a stale page (issue 17.4)
Apply = Callable[[Workspace, pd.DataFrame], list[str]]


def segmentation_ids(workspace: Workspace) -> tuple[str, ...]:
    """The saved segmentations (a cache key for the per-segment scores)."""
    return tuple(segments(workspace)["segmentation_id"].drop_duplicates())


def scored(workspace: Workspace, scoring: ScoringSettings) -> tuple[pd.DataFrame, pd.DataFrame, pd.DataFrame]:
    """(everyone's scores, each saved segment's, the wording-hint table): a module-level builder
    cached by the survey's signature and the saved segmentations, not by the revision."""
    scores, by_segment = need_scores(workspace, scoring), segment_need_scores(workspace, scoring)
    return scores, by_segment, hint_table(scores, by_segment)


def build_view(workspace: Workspace, scoring: ScoringSettings) -> CommunicationView:
    """The view on cached scores (a module-level builder for ui.view_cache)."""
    key = (survey_key(workspace), cached(segmentation_ids, workspace))
    scores, by_segment, hints = cached(scored, workspace, scoring, key=key)
    return communication_view(workspace, scores, by_segment, scoring, hints)


def view(workspace: Workspace) -> CommunicationView:
    """The page's view under the workspace's scoring settings."""
    return cached(build_view, workspace, load_settings(workspace))


def editor_key(name: str, workspace: Workspace) -> str:
    """An editor key that changes with the revision: after any change the editor restarts from the stored rows."""
    return f"communication_{name}_{workspace.revision}_{st.session_state.get(NONCE_KEY, 0)}"


def editor(workspace: Workspace, name: str, frame: pd.DataFrame, apply: Apply, **options: Any) -> None:
    """An st.data_editor whose every edit is saved at once by ``apply(workspace, edited table)``;
    for a view link the same table, every cell read-only, and nothing to save."""
    key = editor_key(name, workspace)
    if not writable(workspace):
        read_only_editor(frame, key=key, **options)
        return
    edited = st.data_editor(
        frame,
        key=key,
        on_change=save_on_change,
        args=(key, frame, partial(apply, workspace), REFUSED, TOAST_KEY),
        **options,
    )
    save_left_edits(key, lambda: apply(workspace, edited), REFUSED, TOAST_KEY, NONCE_KEY)


def change(action: Callable[[], object], done: str | list[str] | None = None) -> bool:
    """Run ``action`` (ui.editor_saves.run_change): its toast next run, or its refusal as a message."""
    return run_change(action, done, REFUSED, (TOAST_KEY, ERROR_KEY))


def show_feedback() -> None:
    """The toast for the last change, or why it was refused, once (ui.editor_saves.show_feedback)."""
    editor_saves.show_feedback((TOAST_KEY, ERROR_KEY))
