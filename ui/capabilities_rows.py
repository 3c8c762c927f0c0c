"""The capability rows: a quick "add" field and the rows editor (st.data_editor), saved at every edit.

The editor returns the whole table; when its edit state holds anything, the table goes to
core.strategy.capability_tables.apply_capability_table (all or nothing) and the page reruns with a
toast, or the error is shown and nothing is saved. The Order column moves a row.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.strategy import capabilities
from core.strategy.capability_tables import apply_capability_table
from core.views.capabilities import CapabilitiesView
from core.workspace.database import Workspace
from ui.capabilities_data import change, editor

NEW_KEY = "capabilities_new_name"
NEW_STRENGTH_KEY = "capabilities_new_strength"
STRENGTHS = {0: "0 · none", 1: "1 · weak", 2: "2 · solid", 3: "3 · strong"}
ROW_TABLE = ["capability_id", "order", "name", "description", "owner", "strength", "cost", "effort"]
ROW_PX = 35


def _add(workspace: Workspace, pressed: bool) -> None:
    """Add the typed capability; an empty field is nothing to add, unless the button was pressed."""
    name = str(st.session_state.get(NEW_KEY) or "").strip()
    if not name and not pressed:
        return
    strength = st.session_state.get(NEW_STRENGTH_KEY)
    if change(lambda: capabilities.add_capability(workspace, name, strength=strength), f"Added {name}"):
        st.session_state[NEW_KEY] = ""


def quick_add(workspace: Workspace) -> None:
    """One line: type a capability's name (and, if known, its current strength), press Add (or Enter)."""
    name, strength, button = st.columns([4, 1.6, 1.4], vertical_alignment="bottom")
    name.text_input(
        "New capability",
        key=NEW_KEY,
        placeholder="e.g. Real-time inventory data",
        max_chars=capabilities.MAX_NAME,
        on_change=_add,
        args=(workspace, False),
    )
    strength.selectbox(
        "Strength now",
        list(STRENGTHS),
        format_func=STRENGTHS.get,
        index=None,
        placeholder="not rated",
        key=NEW_STRENGTH_KEY,
    )
    button.button("Add", icon=":material/add:", on_click=_add, args=(workspace, True), key="capabilities_add")


def rows_frame(rows: pd.DataFrame) -> pd.DataFrame:
    frame = rows.copy()
    frame["order"] = range(1, len(frame) + 1)
    for column in ("description", "owner", "cost", "effort"):
        frame[column] = frame[column].astype("string")
    frame["strength"] = frame["strength"].astype("Int64")
    return frame[ROW_TABLE]


def rows_editor(workspace: Workspace, view: CapabilitiesView) -> None:
    """The capabilities table: rename, describe, rate, size, add, delete and reorder (Order column)."""
    editor(
        workspace,
        "rows",
        rows_frame(view.rows),
        apply_capability_table,
        num_rows="dynamic",
        hide_index=True,
        column_order=ROW_TABLE[1:],
        height=ROW_PX * (len(view.rows) + 2) + 3,
        placeholder="",
        column_config={
            "order": st.column_config.NumberColumn(
                "Order", min_value=1, step=1, format="%d", width=64, help="Type a new position to move the row."
            ),
            "name": st.column_config.TextColumn("Capability", required=True, width=220, max_chars=120),
            "description": st.column_config.TextColumn("Description", width=260),
            "owner": st.column_config.TextColumn("Owner", width=120),
            "strength": st.column_config.NumberColumn(
                "Strength", min_value=0, max_value=3, step=1, format="%d", width=84,
                help="Current strength: 0 none, 1 weak, 2 solid, 3 strong.",
            ),
            "cost": st.column_config.TextColumn("Cost", width=90, help="low, medium, high or a number of points"),
            "effort": st.column_config.TextColumn("Effort", width=90, help="low, medium, high or a number of points"),
        },
    )  # fmt: skip
