"""Strategy options: each segment's growth strategy and the differentiation patterns the data supports (issue 16)."""

import streamlit as st

from ui import page_views
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.strategy_options_page import strategy_options_body
from ui.view_only import view_note

ws = workspace()
st.title("Strategy options")
view_note(ws)
show_settings_warnings(ws, "scoring", "competition")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

strategy_options_body(ws)
