"""Next steps: the last slide of presentation mode — the focus decision and what follows it."""

import streamlit as st

from ui import page_views
from ui.next_steps import next_steps_body
from ui.router import pages, workspace
from ui.view_only import no_scenario_for_viewer, view_note

ws = workspace()
st.title("Next steps")
view_note(ws)
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()
if no_scenario_for_viewer(ws):
    st.stop()

next_steps_body(ws, pages())
