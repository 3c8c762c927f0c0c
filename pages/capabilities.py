"""Capabilities: which capabilities make the chosen differentiation possible, which are missing (issue 13.1)."""

import streamlit as st

from ui import page_views
from ui.capabilities_data import show_feedback, view
from ui.capabilities_matrix import cell_note, columns_control, gap_list, legend, matrix_grid, whole_line
from ui.capabilities_rows import quick_add, rows_editor
from ui.capabilities_vrio import investment, vrio_editor, vrio_summary
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.text import literal

ws = workspace()
st.title("Capabilities")
show_settings_warnings(ws, "scoring")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

show_feedback()
v = view(ws)
scenario = f"focus scenario “{literal(v.scenario)}”" if v.scenario else "no focus scenario yet"
st.caption(
    f"Columns: needs of steps chosen *differentiate* in the {scenario}, and every need at or above the high band "
    f"({v.scoring.high:g}), by opportunity. Every change is saved at once."
)
gaps, caps, cols = st.columns(3)
gaps.metric("Critical gaps", len(v.gaps))
caps.metric("Capabilities", len(v.rows))
cols.metric("Need columns", len(v.columns))
quick_add(ws)

matrix_tab, rows_tab, invest_tab, vrio_tab = st.tabs(["Matrix and gaps", "Capabilities", "Investment", "VRIO"])
with matrix_tab:
    if v.rows.empty or v.columns.empty:
        st.info("Add a capability above, and keep at least one need as a column, to fill the matrix.")
    else:
        matrix_grid(ws, v)
        whole_line(ws, v)
    st.subheader(f"Critical gaps ({len(v.gaps)})")
    gap_list(v)
    with st.expander("Columns: what each one is, add or remove one"):
        legend(v)
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
