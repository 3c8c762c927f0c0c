"""The Trade-offs page's row controls: the basis (job steps, need clusters, segments of a saved
segmentation) and the rows added by hand. Each change is saved at once."""

from __future__ import annotations

import streamlit as st

from core.analysis.segment_store import list_segmentations
from core.strategy.tradeoff_store import (
    SETTINGS_KEY,
    TradeoffError,
    TradeoffSettings,
    add_hand_row,
    delete_hand_row,
    hand_rows,
    load_tradeoff_settings,
    save_tradeoff_settings,
)
from core.workspace.change_marks import ChangedElsewhere
from core.workspace.database import Workspace
from ui import stale_views
from ui.settings_notice import show_scoring_rule
from ui.text import literal
from ui.view_only import writable

BASIS_LABELS = {"steps": "Job steps", "clusters": "Need clusters", "segments": "Segments"}
BASIS_KEY = "tradeoff_basis"
SEGMENTATION_KEY = "tradeoff_segmentation"
NEW_ROW_KEY = "tradeoff_new_row"
ROWS_ERROR = "tradeoff_rows_error"
BASIS_ERROR = "tradeoff_basis_error"


def _basis_changed(ws: Workspace) -> None:
    current = load_tradeoff_settings(ws)
    by = st.session_state.get(BASIS_KEY) or current.by
    segmentation = st.session_state.get(SEGMENTATION_KEY) or current.segmentation_id
    chosen = TradeoffSettings(by, segmentation if by == "segments" else current.segmentation_id)
    try:  # refused when another tab changed the basis since this page was drawn (issue 17.4)
        save_tradeoff_settings(ws, chosen, stale_views.drawn(stale_views.setting(SETTINGS_KEY)))
    except ChangedElsewhere as exc:  # the picker shows the stored basis on the next run
        st.session_state[BASIS_ERROR] = str(exc)


def basis_picker(ws: Workspace) -> None:
    """Rows: job steps (default), need clusters or the segments of a saved segmentation (stored:
    a view link sees the facilitator's choice, greyed)."""
    stale_views.remember(stale_views.setting(SETTINGS_KEY), ws.revision)  # before the basis shown
    if error := st.session_state.pop(BASIS_ERROR, None):
        st.error(literal(error))
    settings = load_tradeoff_settings(ws)
    viewer = not writable(ws)
    st.session_state[BASIS_KEY] = settings.by
    left, right, rule = st.columns([1.7, 1.3, 1.0], vertical_alignment="bottom")
    with rule:
        show_scoring_rule(ws)
    left.segmented_control(
        "Rows",
        list(BASIS_LABELS),
        format_func=BASIS_LABELS.get,
        key=BASIS_KEY,
        on_change=_basis_changed,
        args=(ws,),
        disabled=viewer,
        help="The candidate differentiation dimensions: job steps, need clusters or underserved segments.",
    )
    if settings.by == "segments":
        saved = list_segmentations(ws)
        if saved:
            ids = [s.segmentation_id for s in saved]
            names = {s.segmentation_id: s.name for s in saved}
            chosen = settings.segmentation_id if settings.segmentation_id in ids else ids[-1]
            st.session_state[SEGMENTATION_KEY] = chosen
            right.selectbox(
                "Segmentation",
                ids,
                format_func=names.get,
                key=SEGMENTATION_KEY,
                on_change=_basis_changed,
                args=(ws,),
                disabled=viewer,
            )


def _add(ws: Workspace) -> None:
    try:
        add_hand_row(ws, st.session_state.get(NEW_ROW_KEY, ""))
    except TradeoffError as exc:
        st.session_state[ROWS_ERROR] = str(exc)
        return
    st.session_state[NEW_ROW_KEY] = ""


def hand_row_controls(ws: Workspace) -> None:
    """Add a row by hand (e.g. "a new job step we could create"), or delete one; not for a view
    link (the rows added by hand show in the matrix)."""
    if not writable(ws):
        return
    with st.expander("Rows added by hand"):
        if error := st.session_state.pop(ROWS_ERROR, None):
            st.error(literal(error))
        st.caption(
            "A row added by hand has no survey data: score its hand criteria in the matrix; its data criteria "
            "stay empty and the weighted score uses the criteria it has. It is left out of “Use as scenario”."
        )
        add, delete = st.columns(2)
        with add.form("tradeoff_add_row", clear_on_submit=False, border=False):
            st.text_input("New row", key=NEW_ROW_KEY, placeholder="e.g. a new job step we could create")
            st.form_submit_button("Add row", on_click=_add, args=(ws,))
        rows = dict(hand_rows(ws))
        if rows:
            picked = delete.selectbox("Delete a row", list(rows), format_func=rows.get, key="tradeoff_delete_pick")
            if delete.button("Delete row", key="tradeoff_delete"):
                delete_hand_row(ws, str(picked))
                st.rerun()
