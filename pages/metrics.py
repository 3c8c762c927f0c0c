"""Metrics: is the chosen differentiation landing? The four families of metrics, tracked (issue 14.4)."""

import streamlit as st

from ui.metrics_page import metrics_body
from ui.router import workspace
from ui.view_only import view_note

ws = workspace()
st.title("Metrics")
view_note(ws)
metrics_body(ws)
