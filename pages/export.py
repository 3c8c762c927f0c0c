"""Export: the whole workspace as one .xlsx file, the executive report, and restoring a workspace."""

import streamlit as st

from ui.report_downloads import report_section
from ui.router import workspace
from ui.view_only import view_note
from ui.workspace_transfer import download_section, restore_section

ws = workspace()
st.title("Export")
view_note(ws)
download_section(ws)
st.divider()
report_section(ws)
st.divider()
if not ws.refuses_writes:  # a view link downloads, never restores (issue 17.1)
    restore_section(ws)
