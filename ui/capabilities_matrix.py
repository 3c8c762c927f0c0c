"""The matrix: one row per capability, one column per need, cells none / supports / enables /
critical (an st.data_editor of selectboxes: click a cell or type in it), controls that set a
whole row or column at once, a note on a cell, the columns to add or remove, and the gap list.

Gap columns carry "⚠" in their title; the legend below the grid names each column's need
(statement, step, opportunity, why it is a column). User text goes into dataframe cells and
selectbox options, which Streamlit shows as plain text.
"""

from __future__ import annotations

from functools import partial

import pandas as pd
import streamlit as st

from core.strategy import capabilities
from core.strategy.capability_tables import apply_link_table
from core.strategy.vrio import LINK_LABELS
from core.views.capabilities import CapabilitiesView
from core.workspace.change_marks import Drawn
from core.workspace.database import Workspace
from ui.capabilities_data import change, editor
from ui.view_only import writable

LEVELS = list(LINK_LABELS.values())
GAP_MARK = "⚠ "
ROW_PX = 35


def column_title(column: pd.Series) -> str:
    """A matrix column's title: gap mark, outcome id, opportunity."""
    mark = GAP_MARK if column["gap"] else ""
    score = "–" if pd.isna(column["opportunity"]) else f"{column['opportunity']:.1f}"
    return f"{mark}{column['outcome_id']} · {score}"


def grid_frame(view: CapabilitiesView) -> pd.DataFrame:
    """capability_id, name and one label column per need (keyed by position: n0, n1, …)."""
    frame = pd.DataFrame({"capability_id": view.rows["capability_id"], "name": view.rows["name"]})
    levels = {(c, o): int(s) for c, o, s in view.cells[["capability_id", "outcome_id", "strength"]].values}
    for index, outcome_id in enumerate(view.columns["outcome_id"]):
        frame[f"n{index}"] = [LINK_LABELS[levels.get((c, outcome_id), 0)] for c in frame["capability_id"]]
    return frame


def save_grid(
    workspace: Workspace, edited: pd.DataFrame, outcome_ids: list[str], drawn: Drawn | None = None
) -> list[str]:
    """Save the grid: its need columns n0, n1, … are ``outcome_ids`` in order."""
    renamed = edited.rename(columns={f"n{i}": o for i, o in enumerate(outcome_ids)})
    return apply_link_table(workspace, renamed, outcome_ids, drawn)


def matrix_grid(workspace: Workspace, view: CapabilitiesView) -> None:
    """The editable grid of link levels."""
    outcome_ids = list(view.columns["outcome_id"])
    config: dict = {"name": st.column_config.TextColumn("Capability", width=200, pinned=True)}
    for index, (_, column) in enumerate(view.columns.iterrows()):
        config[f"n{index}"] = st.column_config.SelectboxColumn(
            column_title(column), options=LEVELS, required=True, width=110
        )
    editor(
        workspace,
        "grid",
        grid_frame(view),
        partial(save_grid, outcome_ids=outcome_ids),
        hide_index=True,
        column_order=["name", *(f"n{i}" for i in range(len(outcome_ids)))],
        column_config=config,
        disabled=["capability_id", "name"],
        height=ROW_PX * (len(view.rows) + 1) + 3,
    )


def need_labels(view: CapabilitiesView) -> dict[str, str]:
    """outcome_id → "O12 — statement" for every need (one dict per run: selectbox options read it)."""
    frame = pd.concat([view.columns[["outcome_id", "statement"]], view.available[["outcome_id", "statement"]]])
    return {str(o): f"{o} — {s}" for o, s in zip(frame["outcome_id"], frame["statement"], strict=True)}


def _set_row(workspace: Workspace, outcome_ids: list[str], names: dict[str, str]) -> None:
    capability, level = st.session_state.get("cap_row"), st.session_state.get("cap_row_level")
    if capability is not None:
        change(lambda: capabilities.set_row(workspace, capability, outcome_ids, level), f"{names[capability]}: {level}")


def _set_column(workspace: Workspace, names: dict[str, str]) -> None:
    need, level = st.session_state.get("cap_col"), st.session_state.get("cap_col_level")
    if need is not None:
        change(lambda: capabilities.set_column(workspace, need, list(names), level), f"{need}: {level}")


def whole_line(workspace: Workspace, view: CapabilitiesView) -> None:
    """Set a whole row (one capability × every column) or a whole column (every capability × one need)."""
    labels = need_labels(view)
    names = dict(zip(view.rows["capability_id"], view.rows["name"], strict=True))
    outcome_ids = list(view.columns["outcome_id"])
    row_pick, row_level, row_go = st.columns([4, 1.6, 1.4], vertical_alignment="bottom")
    row_pick.selectbox("Whole row: capability", list(names), format_func=names.get, key="cap_row")
    row_level.selectbox("Level", LEVELS, index=2, key="cap_row_level")
    row_go.button("Set row", key="cap_row_go", on_click=_set_row, args=(workspace, outcome_ids, names))
    col_pick, col_level, col_go = st.columns([4, 1.6, 1.4], vertical_alignment="bottom")
    col_pick.selectbox("Whole column: need", outcome_ids, format_func=labels.get, key="cap_col")
    col_level.selectbox("Level", LEVELS, index=2, key="cap_col_level")
    col_go.button("Set column", key="cap_col_go", on_click=_set_column, args=(workspace, names))


def cell_note(workspace: Workspace, view: CapabilitiesView) -> None:
    """A note on one cell (kept with the link; the export carries it)."""
    labels = need_labels(view)
    names = dict(zip(view.rows["capability_id"], view.rows["name"], strict=True))
    outcome_ids = list(view.columns["outcome_id"])
    pick_cap, pick_need = st.columns(2)
    capability = pick_cap.selectbox("Capability", list(names), format_func=names.get, key="cap_note_cap")
    need = pick_need.selectbox("Need", outcome_ids, format_func=labels.get, key="cap_note_need")
    if capability is None or need is None:
        return
    hit = view.cells[(view.cells["capability_id"] == capability) & (view.cells["outcome_id"] == need)]
    current = "" if hit.empty or pd.isna(hit["note"].iloc[0]) else str(hit["note"].iloc[0])
    key = f"cap_note_{capability}_{need}_{workspace.revision}"
    viewer = not writable(workspace)  # a view link reads the note, saves none
    st.text_area(
        "Note on this cell", value=current, key=key, max_chars=capabilities.MAX_TEXT, height=80, disabled=viewer
    )
    if not viewer:
        st.button("Save note", key="cap_note_go", on_click=_save_note, args=(workspace, capability, need, key))


def _save_note(workspace: Workspace, capability: str, need: str, key: str) -> None:
    text = str(st.session_state.get(key) or "").strip()
    level = next(
        (int(s) for c, o, s in capabilities.links(workspace)[["capability_id", "outcome_id", "strength"]].values
         if c == capability and o == need),
        0,
    )  # fmt: skip
    change(lambda: capabilities.set_link(workspace, capability, need, level, text or None), f"Note on {need}")


def columns_control(workspace: Workspace, view: CapabilitiesView) -> None:
    """Add a need as a column, or remove one."""
    labels = need_labels(view)
    add_pick, add_go, drop_pick, drop_go = st.columns([3, 1, 3, 1], vertical_alignment="bottom")
    for (pick, go), needs, include, (label, button, placeholder, done), key in (
        (
            (add_pick, add_go),
            view.available,
            True,
            ("Add a need as a column", "Add column", "Pick a need…", "added"),
            "add",
        ),
        (
            (drop_pick, drop_go),
            view.columns,
            False,
            ("Remove a column", "Remove column", "Pick a column…", "removed"),
            "drop",
        ),
    ):
        need = pick.selectbox(
            label,
            list(needs["outcome_id"]),
            format_func=labels.get,
            index=None,
            placeholder=placeholder,
            key=f"cap_{key}_need",
        )
        go.button(
            button,
            key=f"cap_{key}_need_go",
            disabled=need is None,
            on_click=change,
            args=(partial(capabilities.include_need, workspace, need, include), f"Column {need} {done}"),
        )


def legend(view: CapabilitiesView) -> None:
    """What each column is: its need, step, opportunity and why it is there."""
    table = view.columns.assign(
        column=[column_title(c) for _, c in view.columns.iterrows()],
        gap=view.columns["gap"].map({True: "critical gap", False: ""}),
    )
    st.dataframe(
        table[["column", "statement", "step", "opportunity", "reason", "gap"]],
        hide_index=True,
        width="stretch",
        column_config={
            "column": st.column_config.TextColumn("Column", width=110),
            "statement": st.column_config.TextColumn("Need", width=420),
            "step": st.column_config.TextColumn("Step", width=160),
            "opportunity": st.column_config.NumberColumn("Opportunity", format="%.1f", width=100),
            "reason": st.column_config.TextColumn("Why a column", width=190),
            "gap": st.column_config.TextColumn("Gap", width=100),
        },
    )


def gap_list(view: CapabilitiesView) -> None:
    """The critical gaps, highest opportunity first."""
    if view.gaps.empty:
        st.success("No critical gap: every need chosen to differentiate on or of extreme opportunity has a "
                   "capability at *enables* or better with strength 2 or more.")  # fmt: skip
        return
    st.dataframe(
        view.gaps[["outcome_id", "statement", "step", "opportunity", "reason"]],
        hide_index=True,
        width="stretch",
        column_config={
            "outcome_id": st.column_config.TextColumn("Need", width=80),
            "statement": st.column_config.TextColumn("Statement", width=460),
            "step": st.column_config.TextColumn("Step", width=160),
            "opportunity": st.column_config.NumberColumn("Opportunity", format="%.1f", width=100),
            "reason": st.column_config.TextColumn("Why it must be covered", width=200),
        },
    )
