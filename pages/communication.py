"""Communication: the Differentiation Communication Map and the differentiation story (issue 14.1–2)."""

import streamlit as st

from ui import page_views
from ui.communication_page import communication_body
from ui.router import workspace
from ui.settings_notice import show_scoring_rule, show_settings_warnings
from ui.view_only import view_note

ws = workspace()
st.title("Communication")
view_note(ws)
show_settings_warnings(ws, "scoring", "communication")
show_scoring_rule(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

communication_body(ws)
