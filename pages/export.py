"""Export: the whole workspace as one .xlsx file, and restoring one."""

import streamlit as st

from ui.router import workspace
from ui.workspace_transfer import download_section, restore_section

ws = workspace()
st.title("Export")
download_section(ws)
st.divider()
restore_section(ws)
