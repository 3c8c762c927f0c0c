"""Customers: the customer uniqueness board — what makes each top customer unique, and whether
they know we understand it (issue 14.3)."""

import streamlit as st

from ui.customers_page import customers_body
from ui.router import workspace

ws = workspace()
st.title("Customers")
customers_body(ws)
