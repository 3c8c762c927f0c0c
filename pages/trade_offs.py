"""Trade-offs: the Trade-off Decision Matrix — weigh the candidate differentiation dimensions."""

import streamlit as st

from ui import page_views
from ui.router import workspace
from ui.settings_notice import show_settings_warnings
from ui.text import literal
from ui.tradeoffs_live import live_tradeoffs
from ui.tradeoffs_rows import basis_picker, hand_row_controls
from ui.tradeoffs_view import trade_data
from ui.view_only import view_note

ws = workspace()
st.title("Trade-offs")
view_note(ws)
show_settings_warnings(ws, "scoring", "competition", "tradeoffs")
if page_views.survey(ws).info is None:
    st.info("Load a survey on the **Data** page first.")
    st.stop()

basis_picker(ws)
for note in trade_data(ws).notes:
    st.info(literal(note))
live_tradeoffs(ws)
hand_row_controls(ws)
