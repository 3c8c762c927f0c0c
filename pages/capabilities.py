"""Capabilities: which capabilities make the chosen differentiation possible, which are missing (issue 13.1)."""

import streamlit as st

from ui import page_views
from ui.capabilities_page import capabilities_body
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.view_only import view_note

ws = workspace()
st.title("Capabilities")
view_note(ws)
show_settings_warnings(ws, "scoring")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

capabilities_body(ws)
