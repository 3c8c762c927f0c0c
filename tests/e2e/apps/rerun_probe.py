"""Tiny app the harness self-tests drive (``tests/e2e/test_harness.py``)."""

import os
import time

import streamlit as st

st.title("Rerun probe")
st.session_state.runs = st.session_state.get("runs", 0) + 1

if st.button("Slow rerun"):
    time.sleep(1.5)
if st.button("Very slow rerun"):
    time.sleep(4.0)

st.text(f"JTBD_DATA_DIR={os.environ.get('JTBD_DATA_DIR', '')}")
st.markdown(f"Runs: {st.session_state.runs}")
