"""The Metrics page's view, its selected metric, and the feedback of every change.

The view (core.views.metrics) is cached by workspace revision and today's date: every change
bumps the revision, and the status is judged on today. Every change goes through :func:`change`:
it runs a core function, keeps what changed for a toast on the next run, or keeps the error (a
sentence for the user) to show once; nothing else is caught, so a bug is never a "not saved".
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

import streamlit as st

from core.strategy.metric_csv import MeasurementFileError
from core.strategy.metrics import MetricError
from core.views.metrics import MetricsView, metrics_view
from core.workspace.database import Workspace, WorkspaceReadOnly
from ui import editor_saves
from ui.editor_saves import run_change
from ui.view_cache import cached

SELECTED_KEY = "metrics_selected"
TOAST_KEY = "metrics_toast"
ERROR_KEY = "metrics_error"
REPORT_KEY = "metrics_import_report"
REVISION_KEY = "metrics_revision"
REFUSED = (MetricError, MeasurementFileError, WorkspaceReadOnly)


def view(workspace: Workspace) -> MetricsView:
    """The page's view, judged on today."""
    return cached(metrics_view, workspace, dt.date.today())


def selected(v: MetricsView) -> str | None:
    """The selected metric's id: the one chosen, else the first (None without metrics)."""
    ids = v.metrics["metric_id"].astype(str).tolist()
    chosen = st.session_state.get(SELECTED_KEY)
    if chosen not in ids:
        chosen = ids[0] if ids else None
        st.session_state[SELECTED_KEY] = chosen
    return chosen


def begin_run(workspace: Workspace) -> None:
    """Note the workspace revision once per run (a query each time it is read) for :func:`widget_key`."""
    st.session_state[REVISION_KEY] = workspace.revision


def widget_key(name: str, workspace: Workspace, metric_id: str | None = None) -> str:
    """A widget key that changes with the revision: after any change the widget shows the stored value."""
    revision = st.session_state.get(REVISION_KEY)
    return f"metrics_{name}_{metric_id or ''}_{workspace.revision if revision is None else revision}"


def change(action: Callable[[], object], done: str | list[str] | None = None) -> bool:
    """Run ``action`` (ui.editor_saves.run_change): its toast next run, or its refusal as a message."""
    return run_change(action, done, REFUSED, (TOAST_KEY, ERROR_KEY))


def show_feedback() -> None:
    """The toast for the last change, or why it was refused, once (ui.editor_saves.show_feedback)."""
    editor_saves.show_feedback((TOAST_KEY, ERROR_KEY))
