"""The Customers page's view and feedback.

The view (core.views.customers) reads only the small customer tables and the saved segments, so
it is cached by workspace revision: every change bumps the revision and the next run rebuilds it.

Every change goes through :func:`change`: it runs a core function and keeps what was saved for a
toast on the next run, or the refusal (a CustomerError's sentence) to show once, above the board.
"""

from __future__ import annotations

from collections.abc import Callable

from core.strategy.customers import CustomerError
from core.views.customers import CustomersView, customers_view
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace, WorkspaceReadOnly
from ui import editor_saves
from ui.editor_saves import run_change
from ui.view_cache import cached

TOAST_KEY = "customers_toast"
ERROR_KEY = "customers_error"


def view(workspace: Workspace) -> CustomersView:
    """The page's view at the workspace's revision."""
    return cached(customers_view, workspace)


def change(action: Callable[[], object], done: str | None = None) -> bool:
    """Run ``action`` (ui.editor_saves.run_change): its toast next run, or its refusal as a message."""
    return run_change(action, done, (CustomerError, WorkspaceReadOnly, ChangedElsewhere), (TOAST_KEY, ERROR_KEY))


def show_feedback() -> None:
    """The toast for the last change, or why it was refused, once (ui.editor_saves.show_feedback)."""
    editor_saves.show_feedback((TOAST_KEY, ERROR_KEY))
