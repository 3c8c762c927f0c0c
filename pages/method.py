"""Method: the glossary of the terms on screen, with formulas and a worked example (issue 15.4)."""

import streamlit as st

from ui.method_page import method_body
from ui.router import workspace
from ui.settings_notice import show_settings_warnings
from ui.view_only import view_note

ws = workspace()
st.title("Method")
view_note(ws)
show_settings_warnings(ws, "scoring", "competition")
method_body(ws)
