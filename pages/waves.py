"""Waves: import a later wave of the same survey and compare waves per outcome and step (issue 14.5)."""

import streamlit as st

from ui import page_views
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.view_only import view_note
from ui.waves_page import waves_body

ws = workspace()
st.title("Waves")
view_note(ws)
show_settings_warnings(ws, "scoring", "competition")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first: it becomes the base wave.")
    st.stop()

waves_body(ws)
