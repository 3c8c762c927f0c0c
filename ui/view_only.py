"""What a view link's pages show in place of write controls (issue 17.1).

Core refuses every write through a view handle (``Workspace.refuses_writes``); the pages must not
offer a control that only fails after a click. Decision, the same on every page:

- a pure creation form ("New capability … Add", the metric templates, "Add row", an import) is
  not drawn for a viewer;
- a control that changes something stored (a setting, a weight, a table, a field) is drawn
  disabled, so the viewer reads the facilitator's value where it sits;
- a control that only changes what this browser looks at (the scenario, the wave shown, filters,
  tabs, a picker of what to show, presentation mode, downloads) stays live.

Every page says so once to a viewer, under its title, with :func:`view_note`.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.strategy.scenarios import list_scenarios
from core.workspace.database import Workspace
from ui import presentation

NOTE = (
    ":material/visibility: View link: you can look at everything and switch scenarios; only the facilitator's "
    "edit link changes the workshop."
)


def writable(workspace: Workspace) -> bool:
    """True when this session can change the workspace: an edit link, or the first visit's copy on
    write (its first change creates the workspace); False for a view link."""
    return not workspace.refuses_writes


def view_note(workspace: Workspace) -> None:
    """One caption under the page's title for a viewer; nothing for the facilitator, nor on a
    slide (presentation mode fits each page on one screen)."""
    if not writable(workspace) and not presentation.presenting():
        st.caption(NOTE)


def read_only_editor(data: Any, **options: Any) -> None:
    """``st.data_editor(data, **options)`` with every cell read-only and no row to add or delete:
    the same table a facilitator edits, shown to a viewer. Each configured column is disabled too,
    as Streamlit checks the column types of a table disabled as a whole (an empty text column of
    floats is refused) but not of a disabled column."""
    config = {
        name: {**(column if isinstance(column, dict) else {"label": column}), "disabled": True}
        for name, column in (options.pop("column_config", None) or {}).items()
    }
    options = {**options, "disabled": True, "num_rows": "fixed", "on_change": None, "args": None}
    st.data_editor(data, column_config=config or None, **options)


def no_scenario_for_viewer(workspace: Workspace) -> bool:
    """True (and an info saying so) for a viewer of a workspace without a focus scenario: the
    facilitator's first visit to the Focus matrix creates "Scenario 1", a viewer cannot, so the
    scenario pages have nothing to show yet (instead of stopping at a refused write)."""
    if writable(workspace) or not list_scenarios(workspace).empty:
        return False
    st.info("No focus scenario yet: it appears here once the facilitator opens the Focus matrix with the edit link.")
    return True
