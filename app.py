"""The router: page config, the session's workspace, navigation in workflow order, sidebar."""

import streamlit as st

from ui.session import current_workspace
from ui.sidebar import render_sidebar

st.set_page_config(page_title="JTBD Differentiation Workbench", page_icon=":material/target:", layout="wide")

workspace = current_workspace()
PAGES = [
    st.Page("pages/data.py", title="Data", icon=":material/upload_file:", url_path="data", default=True),
    st.Page("pages/job_map.py", title="Job map", icon=":material/account_tree:", url_path="job-map"),
    st.Page("pages/opportunities.py", title="Opportunities", icon=":material/scatter_plot:", url_path="opportunities"),
]
page = st.navigation(PAGES)
render_sidebar(workspace)
page.run()
