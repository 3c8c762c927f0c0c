"""Customers: the customer uniqueness board — what makes each top customer unique, and whether
they know we understand it (issue 14.3)."""

import streamlit as st

from ui.customers_page import customers_body
from ui.router import workspace
from ui.view_only import view_note

ws = workspace()
st.title("Customers")
view_note(ws)
customers_body(ws)
