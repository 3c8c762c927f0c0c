"""The Customers page's view and feedback.

The view (core.views.customers) reads only the small customer tables and the saved segments, so
it is cached by workspace revision: every change bumps the revision and the next run rebuilds it.

Every change goes through :func:`change`: it runs a core function and keeps what was saved for a
toast on the next run, or the refusal (a CustomerError's sentence) to show once, above the board.
"""

from __future__ import annotations

from collections.abc import Callable

import streamlit as st

from core.strategy.customers import CustomerError
from core.views.customers import CustomersView, customers_view
from core.workspace.database import Workspace, WorkspaceReadOnly
from ui.editor_saves import toast_saved
from ui.text import literal
from ui.view_cache import cached

TOAST_KEY = "customers_toast"
ERROR_KEY = "customers_error"


def view(workspace: Workspace) -> CustomersView:
    """The page's view at the workspace's revision."""
    return cached(customers_view, workspace)


def change(action: Callable[[], object], done: str | None = None) -> bool:
    """Run ``action``; keep ``done`` for a toast, or its refusal for a message. True when saved."""
    try:
        action()
    except (CustomerError, WorkspaceReadOnly) as error:
        st.session_state[ERROR_KEY] = str(error)
        return False
    if done:
        st.session_state[TOAST_KEY] = [done]
    return True


def show_feedback() -> None:
    """The toast for the last change, or why the last change was refused, once."""
    said = st.session_state.pop(TOAST_KEY, None)
    if said:
        toast_saved(said)
    error = st.session_state.pop(ERROR_KEY, None)
    if error:
        st.error(f"**Not saved:** {literal(error)}")


def percent(value: object) -> str:
    """A share as "67 %", or "–" when there is none (no facts)."""
    if value is None or value != value:  # None or NaN
        return "–"
    return f"{float(value) * 100:.0f} %"  # type: ignore[arg-type]
