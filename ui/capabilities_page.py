"""The Capabilities page's body as one ``st.fragment``: an edit reruns only this part.

A whole-page rerun also redraws the shared sidebar, whose survey and competitor facts are cached
by the workspace revision, which every edit bumps (about a second on the 5,000 × 150 survey); a
capability edit changes none of them, so the body reruns alone (bench/capabilities_bench.py).
"""

from __future__ import annotations

import streamlit as st

from core.workspace.database import Workspace
from ui import stale_views
from ui.capabilities_data import VIEW, show_feedback, view
from ui.capabilities_matrix import cell_note, columns_control, gap_list, legend, matrix_grid, whole_line
from ui.capabilities_rows import quick_add, rows_editor
from ui.capabilities_vrio import investment, vrio_editor, vrio_summary
from ui.fragments import workspace_fragment
from ui.text import literal
from ui.view_only import writable


@workspace_fragment
def capabilities_body(ws: Workspace) -> None:
    """Metrics, quick add and the four tabs (matrix and gaps, rows, investment, VRIO)."""
    show_feedback()
    stale_views.remember(VIEW, ws.revision)  # before reading the tables it shows (issue 17.4)
    v = view(ws)
    scenario = f"focus scenario “{literal(v.scenario)}”" if v.scenario else "no focus scenario yet"
    st.caption(
        f"Columns: needs of steps chosen *differentiate* in the {scenario}, and every need at or above the high "
        f"band ({v.scoring.high:g}), by opportunity." + (" Every change is saved at once." if writable(ws) else "")
    )
    gaps, caps, cols = st.columns(3)
    gaps.metric("Critical gaps", len(v.gaps))
    caps.metric("Capabilities", len(v.rows))
    cols.metric("Need columns", len(v.columns))
    if writable(ws):  # a view link adds nothing (issue 17.1)
        quick_add(ws)

    matrix_tab, rows_tab, invest_tab, vrio_tab = st.tabs(["Matrix and gaps", "Capabilities", "Investment", "VRIO"])
    with matrix_tab:
        if v.rows.empty or v.columns.empty:
            st.info("Add a capability above, and keep at least one need as a column, to fill the matrix.")
        else:
            matrix_grid(ws, v)
            if writable(ws):
                whole_line(ws, v)
        st.subheader(f"Critical gaps ({len(v.gaps)})")
        gap_list(v)
        with st.expander("Columns: what each one is" + (", add or remove one" if writable(ws) else "")):
            legend(v)
            if writable(ws):
                columns_control(ws, v)
        if not v.rows.empty and not v.columns.empty:
            with st.expander("A note on a cell"):
                cell_note(ws, v)
    with rows_tab:
        rows_editor(ws, v)
    with invest_tab:
        investment(v)
    with vrio_tab:
        vrio_editor(ws, v)
        vrio_summary(v)
