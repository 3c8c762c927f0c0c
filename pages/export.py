"""Placeholder until its issue lands."""

import streamlit as st

from ui.session import workspace

ws = workspace()
st.title("Export")
