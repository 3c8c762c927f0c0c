"""Placeholder; built in issue 3."""

import streamlit as st

st.title("job_map")
