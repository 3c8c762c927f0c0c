"""The entry point (``streamlit run app.py``): page config, then the router (ui/router.py)."""

import streamlit as st

from ui.router import run_router

st.set_page_config(page_title="JTBD Differentiation Workbench", page_icon=":material/target:", layout="wide")
run_router()
