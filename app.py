"""Placeholder router; replaced by the real navigation in issue 3."""

import streamlit as st

st.set_page_config(page_title="JTBD Differentiation Workbench", layout="wide")
st.title("JTBD Differentiation Workbench")
st.write("Loading…")
