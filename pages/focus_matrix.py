"""Focus matrix: decide, step by step of the job, where to differentiate, meet or accept."""

import streamlit as st

from ui import page_views, presentation
from ui.focus_live import live_matrix
from ui.focus_scenarios import COMPARE_MODE, compare_view, scenario_bar, view_mode
from ui.report_downloads import report_popover
from ui.room_votes import room_votes_panel
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.view_only import no_scenario_for_viewer, view_note

ws = workspace()
st.title("Focus matrix")
view_note(ws)
show_settings_warnings(ws, "scoring", "competition", "focus")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()
if no_scenario_for_viewer(ws):
    st.stop()

if not presentation.presenting():  # one projector screen: the board says it
    st.caption(
        "Drag each job step to **Differentiate** (excel), **Meet** (parity) or **Accept** (good enough on purpose); "
        "every change is saved at once."
    )
scenario_id = scenario_bar(ws)
if not presentation.presenting():  # the board and both charts must share the projector's one screen
    report_popover(ws)
if view_mode() == COMPARE_MODE:
    compare_view(ws)
else:
    live_matrix(ws, scenario_id)
if not presentation.presenting():  # the projector's one screen keeps the board and charts; QR in the bar
    room_votes_panel(ws, scenario_id)
